import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx fmt` as a user runs it, and the promise that formatting never changes a result.
@Suite struct FmtCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The bundled methodologies as they were written by hand, before `idx fmt`.
  static let handWritten = root.appendingPathComponent(
    "Tests/IndexLanguageTests/Format/testdata/bundled")

  static var bundledNames: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: handWritten.path)) ?? []
    return names.filter { $0.hasSuffix(".idx") }.sorted()
  }

  static func idx(_ files: MemoryFileSystem, _ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  /// The hand-written methodologies and all bundled data, under `m/`.
  static func handWrittenFiles() throws -> MemoryFileSystem {
    let files = MemoryFileSystem()
    for name in bundledNames {
      files.set(
        "m/" + name, bytes: Array(try Data(contentsOf: handWritten.appendingPathComponent(name))))
    }
    let data = root.appendingPathComponent("methodologies/data")
    let enumerator = FileManager.default.enumerator(atPath: data.path)
    while let relative = enumerator?.nextObject() as? String {
      guard relative.hasSuffix(".csv") else { continue }
      files.set(
        "m/data/" + relative,
        bytes: Array(try Data(contentsOf: data.appendingPathComponent(relative))))
    }
    return files
  }

  /// Every bundled methodology scores to the same bytes, every node at full precision and in
  /// every format, after `idx fmt` rewrote it and the files it extends.
  @Test func sameResultsAfterFormatting() throws {
    let before = try Self.handWrittenFiles()
    let after = try Self.handWrittenFiles()
    let paths = Self.bundledNames.map { "m/" + $0 }
    let formatted = CLI(context: .init(fileSystem: after, color: false)).run(["fmt"] + paths)
    #expect(formatted.code == 0, "\(formatted.stderr)")
    #expect(formatted.stdout.contains("formatted m/asem.idx"))
    var changed = 0
    for path in paths {
      if try before.read(path) != after.read(path) { changed += 1 }
      for format in ["csv", "json"] {
        let original = Self.idx(before, "run", path, "--format", format)
        let reformatted = Self.idx(after, "run", path, "--format", format)
        #expect(original.code == 0, "\(path): \(original.stderr)")
        #expect(original.stdout.count > 100)
        #expect(reformatted == original, "\(path) --format \(format)")
      }
      let checked = Self.idx(after, "check", path)
      #expect(checked.code == 0, "\(path): \(checked.stderr)")
    }
    #expect(changed >= 4)
    let explained = Self.idx(before, "explain", "m/ai-soft.idx", "CN", "--vs", "US")
    #expect(explained.code == 0)
    #expect(Self.idx(after, "explain", "m/ai-soft.idx", "CN", "--vs", "US") == explained)
  }

  static let messy =
    "index i { members { x } }\nindicator x {\n  value: d.x\n  normalize: minmax\n}\n"
  static let tidy =
    "index i { members { x } }\n\nindicator x {\n  value:     d.x\n  normalize: minmax\n}\n"

  @Test func formatsInPlace() throws {
    let files = MemoryFileSystem(["a.idx": Self.messy, "b.idx": Self.tidy])
    let outcome = Self.idx(files, "fmt", "a.idx", "b.idx")
    #expect(outcome == CLI.Outcome(code: 0, stdout: "formatted a.idx\n"))
    #expect(try files.read("a.idx") == Array(Self.tidy.utf8))
    #expect(Self.idx(files, "fmt", "a.idx") == CLI.Outcome(code: 0))
  }

  @Test func checkNamesTheFilesThatWouldChangeAndWritesNothing() throws {
    let files = MemoryFileSystem(["a.idx": Self.messy, "b.idx": Self.tidy])
    let outcome = Self.idx(files, "fmt", "--check", "a.idx", "b.idx")
    #expect(outcome == CLI.Outcome(code: 1, stdout: "a.idx\n"))
    #expect(try files.read("a.idx") == Array(Self.messy.utf8))
    #expect(Self.idx(files, "fmt", "--check", "b.idx") == CLI.Outcome(code: 0))
  }

  @Test func diffAndStandardOutputWriteNothing() throws {
    let files = MemoryFileSystem(["a.idx": Self.messy])
    let diff = Self.idx(files, "fmt", "--diff", "a.idx")
    #expect(diff.code == 0)
    #expect(
      diff.stdout == """
        --- a/a.idx
        +++ b/a.idx
        @@ -1,5 +1,6 @@
         index i { members { x } }
        +
         indicator x {
        -  value: d.x
        +  value:     d.x
           normalize: minmax
         }

        """)
    #expect(Self.idx(files, "fmt", "--stdout", "a.idx") == CLI.Outcome(code: 0, stdout: Self.tidy))
    #expect(try files.read("a.idx") == Array(Self.messy.utf8))
    let both = Self.idx(files, "fmt", "--check", "--diff", "a.idx")
    #expect(both.code == 1 && both.stdout == diff.stdout)
  }

  @Test func syntaxErrorsLeaveTheFileUntouched() throws {
    let broken = "index i {\n  members { x\n"
    let files = MemoryFileSystem(["bad.idx": broken, "a.idx": Self.messy])
    let outcome = Self.idx(files, "fmt", "bad.idx", "a.idx")
    #expect(outcome.code == 1)
    #expect(outcome.stderr.contains("error[E0113]"))
    #expect(outcome.stderr.contains("bad.idx: not formatted"))
    #expect(outcome.stdout == "formatted a.idx\n")
    #expect(try files.read("bad.idx") == Array(broken.utf8))
  }

  @Test func usageAndMissingFiles() {
    let files = MemoryFileSystem()
    #expect(Self.idx(files, "fmt").code == 2)
    #expect(Self.idx(files, "fmt", "--chek", "a.idx").stderr.contains("did you mean `--check`?"))
    let missing = Self.idx(files, "fmt", "nope.idx")
    #expect(missing.code == 2 && missing.stderr.contains("cannot read `nope.idx`"))
    #expect(Self.idx(files, "fmt", "--help").stdout.contains("THE LAYOUT"))
    #expect(Self.idx(files, "--help").stdout.contains("fmt FILE…"))
  }
}
