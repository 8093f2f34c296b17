import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx run FILE --edit '…'`: the same as a fork that `extends FILE` with those statements.
@Suite struct RunEditTests {
  static let edits = [
    "weights { investment: 10%, rest: pro_rata }",
    "set researchers.normalize = zscore",
    "adjust capital CN +50 because \"announced fund\"",
  ]

  /// A fork file in the methodologies folder (it must lie beside its base), from memory.
  static func files(fork: String) -> any FileSystem {
    OverlayFileSystem(
      overrides: ["methodologies/whatif.idx": fork],
      fallback: RootedFileSystem(root: CLITests.root.path))
  }

  static func idx(_ arguments: [String], files: any FileSystem) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test func editsGiveTheSameBytesAsTheEquivalentFork() {
    let fork = "extends \"ai-capability.idx\"\n" + Self.edits.joined(separator: "\n") + "\n"
    let files = Self.files(fork: fork)
    let viaFork = Self.idx(["run", "methodologies/whatif.idx", "--format", "csv"], files: files)
    #expect(viaFork.code == 0, "\(viaFork.stderr)")
    var arguments = ["run", "methodologies/ai-capability.idx", "--format", "csv"]
    for edit in Self.edits { arguments += ["--edit", edit] }
    let viaEdits = Self.idx(arguments, files: files)
    #expect(viaEdits.code == 0, "\(viaEdits.stderr)")
    #expect(viaEdits.stdout == viaFork.stdout)
    let plain = Self.idx(
      ["run", "methodologies/ai-capability.idx", "--format", "csv"], files: files)
    #expect(plain.stdout != viaEdits.stdout, "the edits change the scores")
  }

  @Test func editsApplyInOrderAndAPathEditedTwiceIsAnError() {
    let files = Self.files(fork: "")
    let twice = Self.idx(
      [
        "run", "methodologies/ai-capability.idx", "--edit", "set papers.direction = lower",
        "--edit", "set papers.direction = higher",
      ], files: files)
    #expect(twice.code == 1)
    #expect(twice.stderr.contains("error[E0329]"), "\(twice.stderr)")
    #expect(twice.stderr.contains("--> <edit 2>:1:5"))
    #expect(twice.stderr.contains("<edit 1>"))
  }

  @Test func errorsPointIntoTheEditText() {
    let outcome = Self.idx(
      [
        "run", "methodologies/ai-capability.idx", "--edit", "set researchers.normalize = zscore",
        "--edit", "set foo.weight = 3",
      ], files: Self.files(fork: ""))
    #expect(outcome.code == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.contains("error[E0328]: unknown path `foo.weight`"))
    #expect(outcome.stderr.contains("--> <edit 2>:1:5"))
    #expect(outcome.stderr.contains("1 | set foo.weight = 3"))
  }

  @Test func anEditCannotReadAnotherFile() {
    let outcome = Self.idx(
      ["run", "methodologies/ai-capability.idx", "--edit", "use \"hdi.idx\""],
      files: Self.files(fork: ""))
    #expect(outcome.code == 1)
    #expect(outcome.stderr.contains("error[E0333]"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("--> <edit 1>:1:1"))
  }
}
