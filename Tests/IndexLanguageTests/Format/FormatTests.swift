import Diagnostics
import Foundation
import ScoringEngine
import Testing

@testable import IndexLanguage

/// `idx fmt`'s printer: golden layouts, idempotence everywhere, and no change of meaning.
///
/// `testdata/NAME.idx` must format to `testdata/NAME.formatted.idx` (`IDX_UPDATE_GOLDEN=1`
/// rewrites the expected files and fails); `testdata/bundled/` holds the bundled
/// methodologies as they were before they were formatted, which must format to the files in
/// `methodologies/` as committed.
@Suite struct FormatTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata")
  static let root = folder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func names(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".idx") }.sorted()
  }

  static var goldenCases: [String] {
    names(in: folder).filter { !$0.hasSuffix(".formatted.idx") }
  }

  static var bundledNames: [String] {
    names(in: root.appendingPathComponent("methodologies"))
  }

  static func read(_ url: URL) throws -> [UInt8] {
    Array(try Data(contentsOf: url))
  }

  static func formatted(_ bytes: [UInt8], path: String = "test.idx") -> Formatted {
    format(SourceFile(path: path, bytes: bytes))
  }

  static func text(_ result: Formatted) -> String? {
    result.bytes.map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func hasGoldenCases() {
    #expect(Self.goldenCases.count >= 5)
    #expect(Self.bundledNames.count >= 7)
  }

  @Test(arguments: goldenCases)
  func formatsAsExpected(_ name: String) throws {
    let input = try Self.read(Self.folder.appendingPathComponent(name))
    let result = Self.formatted(input, path: name)
    let output = try #require(
      result.bytes, "\(name): \(result.diagnostics) \(result.internalError ?? "")")
    let expectedURL = Self.folder.appendingPathComponent(
      String(name.dropLast(4)) + ".formatted.idx")
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try Data(output).write(to: expectedURL)
      Issue.record("updated \(expectedURL.lastPathComponent): review it, then run again")
      return
    }
    let expected = try Self.read(expectedURL)
    #expect(
      String(decoding: output, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    #expect(output == expected)
    #expect(Self.formatted(expected).bytes == expected, "\(name): not idempotent")
  }

  /// The bundled methodologies are committed formatted, and formatting the versions written
  /// by hand gives exactly them.
  @Test(arguments: bundledNames)
  func bundledMethodologiesAreFormatted(_ name: String) throws {
    let committed = try Self.read(Self.root.appendingPathComponent("methodologies/" + name))
    let text = String(decoding: committed, as: UTF8.self)
    #expect(Self.text(Self.formatted(committed)) == text, "\(name) is not formatted")
    let handWritten = try Self.read(Self.folder.appendingPathComponent("bundled/" + name))
    #expect(Self.text(Self.formatted(handWritten)) == text)
  }

  /// Every file the tests know that parses: formatting it twice gives what formatting once
  /// gave, the tree is the same, and so are the comments.
  @Test func idempotentOnEveryBundledValidAndGalleryFile() throws {
    let folders = [
      Self.root.appendingPathComponent("methodologies"), Self.folder,
      Self.folder.appendingPathComponent("bundled"),
      Self.root.appendingPathComponent("Tests/IndexLanguageTests/Syntax/testdata/valid"),
      Self.root.appendingPathComponent("Tests/IndexCLITests/testdata/gallery"),
    ]
    var checked = 0
    for folder in folders {
      for name in Self.names(in: folder) {
        let bytes = try Self.read(folder.appendingPathComponent(name))
        if try Self.checkRoundTrip(bytes, name) { checked += 1 }
      }
    }
    #expect(checked >= 40)
  }

  /// The robustness tests' broken methodologies, where they still parse.
  @Test func idempotentOnTheMutationCorpus() throws {
    let (_, sources) = try CheckRobustnessTests.bundled()
    var random = SplitMix64(seed: 20_261_129)
    var checked = 0
    for iteration in 0..<1_500 {
      let name = CheckRobustnessTests.methodologies[iteration % 3]
      var bytes = sources[name] ?? []
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = CheckRobustnessTests.mutate(bytes, &random)
      }
      if try Self.checkRoundTrip(bytes, "mutation \(iteration)") { checked += 1 }
    }
    #expect(checked >= 150)
  }

  /// The same mutations of the files that use every piece of syntax: the golden inputs here
  /// (forks, provenance, every kind of expression, comments everywhere) and the parser's
  /// valid examples.
  @Test func idempotentOnMutationsOfEverySyntax() throws {
    let folders = [
      Self.folder,
      Self.root.appendingPathComponent("Tests/IndexLanguageTests/Syntax/testdata/valid"),
    ]
    var sources: [[UInt8]] = []
    for folder in folders {
      for name in Self.names(in: folder) where !name.hasSuffix(".formatted.idx") {
        sources.append(try Self.read(folder.appendingPathComponent(name)))
      }
    }
    var random = SplitMix64(seed: 42)
    var checked = 0
    for iteration in 0..<2_000 {
      var bytes = sources[iteration % sources.count]
      for _ in 0..<Int.random(in: 1...2, using: &random) {
        bytes = CheckRobustnessTests.mutate(bytes, &random)
      }
      if try Self.checkRoundTrip(bytes, "mutation \(iteration)") { checked += 1 }
    }
    #expect(checked >= 300)
  }

  /// Formats `bytes` when they parse and checks the round trip; false when they do not parse.
  static func checkRoundTrip(_ bytes: [UInt8], _ name: String) throws -> Bool {
    let file = SourceFile(path: "x.idx", bytes: bytes)
    let result = format(file)
    guard result.internalError == nil else {
      Issue.record("\(name): \(result.internalError ?? "")")
      return false
    }
    guard let once = result.bytes else { return false }
    let again = format(SourceFile(path: "x.idx", bytes: once))
    #expect(Self.text(again) == String(decoding: once, as: UTF8.self), "\(name): not idempotent")
    #expect(shape(bytes) == shape(once), "\(name): the tree changed")
    return true
  }

  /// The tree without positions, and the comments, white space at their ends aside.
  static func shape(_ bytes: [UInt8]) -> String {
    let (tree, _) = Parser.parse(SourceFile(path: "x.idx", bytes: bytes))
    var dump = SyntaxDump.dump(tree).split(separator: "\n").map { line in
      line.hasPrefix("(doc ") ? trimDoc(String(line)) : String(line)
    }
    for comment in tree.comments {
      let text = tree.text(comment.range)
      dump.append("\(comment.kind): " + text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return dump.joined(separator: "\n")
  }

  private static func trimDoc(_ line: String) -> String {
    // Trailing spaces and tabs (`\t` in the dump) go: the formatter trims them.
    line.replacingOccurrences(
      of: #"(?: |\t|\\t)+(\\n|\\r|")"#, with: "$1", options: .regularExpression
    )
    .replacingOccurrences(of: #"\r"#, with: "")
  }

  /// Spaces and tabs between tokens never change the result.
  @Test(arguments: bundledNames)
  func horizontalWhiteSpaceDoesNotMatter(_ name: String) throws {
    let bytes = try Self.read(Self.root.appendingPathComponent("methodologies/" + name))
    let expected = try #require(Self.formatted(bytes).bytes)
    var random = SplitMix64(seed: 7)
    var widened: [UInt8] = []
    let (tree, _) = Parser.parse(SourceFile(path: name, bytes: bytes))
    let protected = tree.comments.map { $0.range }
    var inString = false
    for (offset, byte) in bytes.enumerated() {
      widened.append(byte)
      if byte == UInt8(ascii: "\"") { inString.toggle() }
      let inComment = protected.contains { $0.start <= offset && offset < $0.end }
      if byte == UInt8(ascii: " ") && !inString && !inComment {
        let extra = Int.random(in: 0...3, using: &random)
        widened += Array(
          repeating: extra % 2 == 0 ? UInt8(ascii: " ") : UInt8(ascii: "\t"), count: extra)
      }
    }
    #expect(widened != bytes)
    #expect(Self.text(Self.formatted(widened)) == String(decoding: expected, as: UTF8.self))
  }

  @Test func syntaxErrorsLeaveTheFileAlone() {
    let result = Self.formatted(Array("index i {\n  period: 2025\n".utf8))
    #expect(result.bytes == nil)
    #expect(result.diagnostics.contains { $0.code == "E0113" })
  }

  /// A chain as long as the parser allows is printed; a longer one is refused.
  ///
  /// The parser counts each operator of a chain as a level (E0118 beyond 200): a chain at the
  /// limit prints on one line, and a longer one is refused with its diagnostic, not printed.
  @Test func longOperatorChainsArePrintedOrRefused() throws {
    let chain = Array(repeating: "1", count: Parser.maximumDepth)
    let input = "indicator a { value: " + chain.joined(separator: "+") + " }\n"
    let output = try #require(Self.formatted(Array(input.utf8)).bytes)
    let expected = "indicator a {\n  value: " + chain.joined(separator: " + ") + "\n}\n"
    #expect(String(decoding: output, as: UTF8.self) == expected)
    let long = Array(repeating: "1", count: 100_000).joined(separator: "+")
    let refused = Self.formatted(Array(("indicator a { value: " + long + " }\n").utf8))
    #expect(refused.bytes == nil)
    #expect(refused.diagnostics.map(\.code) == ["E0118"])
  }

  @Test func lineEndingStyleIsTheFirstLineBreak() {
    #expect(LineEnding.of(Array("a\r\nb\n".utf8)) == .carriageReturnLineFeed)
    #expect(LineEnding.of(Array("a\rb".utf8)) == .carriageReturn)
    #expect(LineEnding.of(Array("a\nb\r\n".utf8)) == .lineFeed)
    // A lone `\r` before the first line feed (in a comment, say) does not decide.
    #expect(LineEnding.of(Array("// a\rb\nc".utf8)) == .lineFeed)
    #expect(LineEnding.of(Array("// a\rb\r\nc".utf8)) == .carriageReturnLineFeed)
    #expect(LineEnding.of([]) == .lineFeed)
  }

  @Test func emptyAndCommentOnlyFiles() {
    #expect(Self.formatted([]).bytes == [])
    #expect(
      Self.formatted(Array("\n\n// only\n\n\n// comments   \n".utf8)).bytes
        == Array("// only\n\n// comments\n".utf8))
  }
}
