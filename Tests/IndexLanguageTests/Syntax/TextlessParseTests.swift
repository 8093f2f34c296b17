import Diagnostics
import Foundation
import RobustnessCorpus
import ScoringEngine
import Testing

@testable import IndexLanguage

/// The formatter parses without the text of names and labels (`keepingText: false`); that
/// must change nothing but the texts: the same diagnostics at the same places, the same
/// formatted bytes as printing the tree with its texts, and the full messages for files with
/// errors.
@Suite struct TextlessParseTests {
  /// What `format(_:)` printed before it parsed without text: the tree with every text.
  static func printWithText(_ file: SourceFile) -> [UInt8]? {
    let (tree, diagnostics) = Parser.parse(file)
    guard !diagnostics.contains(where: \.isError) else { return nil }
    return file.bytes.withUnsafeBufferPointer { source in
      var printer = Printer(source: source, comments: tree.comments)
      defer { printer.deallocate() }
      printer.printFile(tree.statements)
      return printer.failure == nil ? printer.layout() : nil
    }
  }

  static func expectSame(_ bytes: [UInt8], _ context: String) {
    let file = SourceFile(path: "t.idx", bytes: bytes)
    let (_, full) = Parser.parse(file)
    let (bare, textless) = Parser.parse(file, simpleExpressions: true, keepingText: false)
    let place = { (diagnostics: [Diagnostic]) in
      diagnostics.map { "\($0.code) \($0.primary?.span.start ?? -1) \($0.isError)" }
    }
    #expect(place(full) == place(textless), "\(context): diagnostics differ")
    let formatted = format(file)
    #expect(formatted.bytes == printWithText(file), "\(context): output differs")
    let errors = full.filter(\.isError).map(\.message)
    #expect(formatted.diagnostics.map(\.message) == errors, "\(context): messages differ")
    // The texts really are left out: a name of the bare tree is empty.
    if case .declaration(let decl)? = bare.statements.first, let name = decl.name,
      !name.isMissing
    {
      #expect(name.text.isEmpty, "\(context): a name kept its text")
    }
  }

  @Test func bundledFilesFormatAlikeWithoutText() throws {
    let files = try SimpleExpressionTests.corpus()
    #expect(files.count > 10)
    for (name, bytes) in files { Self.expectSame(bytes, name) }
  }

  @Test func mutatedFilesFormatAlikeWithoutText() throws {
    let files = try SimpleExpressionTests.corpus()
    var random = SplitMix64(seed: 20_261_202)
    var refused = 0
    for iteration in 0..<600 {
      let (name, original) = files[iteration % files.count]
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = MutationCorpus.mutate(bytes, &random)
      }
      let file = SourceFile(path: "t.idx", bytes: bytes)
      if format(file).bytes == nil { refused += 1 }
      Self.expectSame(bytes, "\(name), mutant \(iteration)")
    }
    // Both kinds were seen: files that format, and files refused with their errors.
    #expect(refused > 0 && refused < 600)
  }
}
