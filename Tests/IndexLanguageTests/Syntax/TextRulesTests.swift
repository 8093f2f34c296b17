import Diagnostics
import Foundation
import ScoringEngine
import Testing

@testable import IndexLanguage

/// The text rules of a `.idx` file: UTF-8 (a byte order mark skipped), invalid bytes reported
/// wherever they are, and `\n`, `\r\n` or a lone `\r` ending a line everywhere.
@Suite struct TextRulesTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("methodologies")

  static let names: [String] = {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return all.filter { $0.hasSuffix(".idx") }.sorted()
  }()

  /// Every bundled methodology under `m/`, each passed through `transform`, with its data.
  static func bundled(_ transform: ([UInt8]) -> [UInt8]) throws -> MemoryFileSystem {
    let files = MemoryFileSystem()
    for name in names {
      let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
      files.set("m/" + name, bytes: transform(bytes))
    }
    for data in [
      "data/hdi/hdi-2022-undp-wide.csv", "data/hdi/hdi-timeseries.csv", "data/asem/raw.csv",
      "data/ai.csv",
    ] {
      files.set(
        "m/" + data, bytes: Array(try Data(contentsOf: folder.appendingPathComponent(data))))
    }
    // A metadata table is read like the methodology: its line ends change with it.
    let table = "data/asem-meta.csv"
    files.set(
      "m/" + table,
      bytes: transform(Array(try Data(contentsOf: folder.appendingPathComponent(table)))))
    return files
  }

  /// Line feeds replaced by `ending`.
  static func lineEnds(_ ending: String) -> ([UInt8]) -> [UInt8] {
    { bytes in bytes.flatMap { $0 == UInt8(ascii: "\n") ? Array(ending.utf8) : [$0] } }
  }

  /// What a compilation says and scores, comparable across line endings.
  static func outcome(_ name: String, _ files: MemoryFileSystem) -> (String, [String]) {
    let compilation = compile(path: "m/" + name, fileSystem: files)
    var scores = "not runnable"
    if let plan = compilation.plan, let table = compilation.table, compilation.isRunnable {
      scores = run(plan, on: table).index.map { $0.isNaN ? "-" : "\($0)" }.joined(separator: " ")
    }
    return (scores, compilation.diagnostics.map(\.shortForm))
  }

  @Test(arguments: ["\r\n", "\r"])
  func everyBundledMethodologyReadsTheSameWithOtherLineEnds(_ ending: String) throws {
    let plain = try Self.bundled { $0 }
    let other = try Self.bundled(Self.lineEnds(ending))
    #expect(Self.names.count >= 7)
    for name in Self.names {
      let (scores, diagnostics) = Self.outcome(name, plain)
      #expect(scores != "not runnable", "\(name)")
      let (otherScores, otherDiagnostics) = Self.outcome(name, other)
      #expect(otherDiagnostics == diagnostics, "\(name)")
      #expect(otherScores == scores, "\(name)")
    }
  }

  @Test func aMistakeInACarriageReturnFileIsOnItsOwnLineAndAlone() {
    let text =
      [
        "index i {", "  period: 2025", "  members { a }", "}",
        "data d = csv(\"d.csv\") { key: code }", "indicator a { value: d.x, normalize: minmx }",
      ].joined(separator: "\r") + "\r"
    let files = MemoryFileSystem(["m.idx": text, "d.csv": "code,x\nA,1\nB,2\n"])
    let diagnostics = compile(path: "m.idx", fileSystem: files).diagnostics
    #expect(diagnostics.map(\.code) == ["E0207"])
    #expect(diagnostics.first?.shortForm.hasSuffix("@ 6:38") == true)
  }

  /// Broken files whose recovery depends on what starts a line (an unindented `adjust`, a
  /// statement after a missing `}`): the same diagnostics whatever ends their lines.
  @Test(arguments: [
    "index i {\n  members { a }\n\nindicator a { value: 1 }\n",
    "extends \"b.idx\"\nadjust research CN +1 because\nadjust research US +2 because \"y\"\n",
    "indicator a {\n  value: 1\nadjust research CN +1 because \"x\"\n",
    "extends \"b.idx\"\nset a.value = 1 +\n\nadjust research CN +1 because \"x\"\nset b = 2\n",
    "index i { members { a }\nset x = 1 because \"q\"\n",
  ])
  func recoveryIsTheSameWithAnyLineEnd(_ text: String) {
    func diagnostics(_ ending: String) -> [String] {
      let bytes = Self.lineEnds(ending)(Array(text.utf8))
      return Parser.parse(SourceFile(path: "r.idx", bytes: bytes)).1.map(\.shortForm)
    }
    let plain = diagnostics("\n")
    #expect(!plain.isEmpty)
    #expect(diagnostics("\r") == plain)
    #expect(diagnostics("\r\n") == plain)
  }

  @Test func aByteOrderMarkIsSkipped() throws {
    let marked = try Self.bundled { SourceFile.byteOrderMark + $0 }
    let plain = try Self.bundled { $0 }
    for name in Self.names {
      #expect(Self.outcome(name, marked) == Self.outcome(name, plain), "\(name)")
    }
    let file = SourceFile(path: "b.idx", bytes: SourceFile.byteOrderMark + Array("indx i {}".utf8))
    #expect(Parser.parse(file).1.first?.shortForm == "E0110 @ 1:1")
  }

  /// Parses bytes; the E0103 diagnostics.
  static func invalidBytes(_ bytes: [UInt8]) -> [Diagnostic] {
    Parser.parse(SourceFile(path: "u.idx", bytes: bytes)).1.filter { $0.code == "E0103" }
  }

  static let latin1O: UInt8 = 0xF4

  @Test func latin1InAStringIsReportedAtItsByte() throws {
    let bytes =
      Array("index i \"C".utf8) + [Self.latin1O] + Array("te d'Ivoire\" { members { a } }".utf8)
    let found = Self.invalidBytes(bytes)
    #expect(found.map(\.shortForm) == ["E0103 @ 1:11"])
    let diagnostic = try #require(found.first)
    #expect(diagnostic.primary?.span.start == 10 && diagnostic.primary?.span.end == 11)
    #expect(
      DiagnosticRenderer().render(diagnostic) == #"""
        error[E0103]: the byte `\xF4` is not UTF-8
         --> u.idx:1:11
          |
        1 | index i "C\xF4te d'Ivoire" { members { a } }
          |           ^^^^ not UTF-8
          |
          = help: if the file was saved as Latin-1, this is `ô`: save it as UTF-8 instead

        """#)
  }

  @Test func invalidBytesInCommentsNamesAndRunsAreEachReportedOnce() throws {
    let bytes =
      Array("// caf".utf8) + [0xE9] + Array("\n/// doc ".utf8) + [0xFF, 0xFE, 0xFD]
      + Array("\nindex i \"ok\" {\n  members { caf".utf8) + [0xE9] + Array(" }\n}\n".utf8)
    let found = Self.invalidBytes(bytes)
    #expect(found.map(\.shortForm) == ["E0103 @ 1:7", "E0103 @ 2:9", "E0103 @ 4:16"])
    try #require(found.count == 3)
    #expect(found[1].message == #"the bytes `\xFF\xFE\xFD` are not UTF-8"#)
  }

  @Test func aWholeLatin1FileGivesOneDiagnosticPerAccent() {
    let text = "index i \"Índice\" {\n  members { a }\n}\n/// São Tomé, Côte d'Ivoire\n"
    let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    let accents = text.unicodeScalars.filter { $0.value > 0x7F }.count
    #expect(Self.invalidBytes(latin1).count == accents)
    #expect(Self.invalidBytes(Array(text.utf8)).isEmpty)
  }

  @Test func aLoneCarriageReturnEndsCommentsAndStrings() {
    let output = Lexer.tokenize(SourceFile(path: "c.idx", text: "a // note\rb \"open\rc"))
    #expect(
      output.tokens.map(\.kind) == [
        .identifier, .newline, .identifier, .string, .newline, .identifier, .endOfFile,
      ])
    #expect(output.diagnostics.map(\.code) == ["E0101"])
  }
}
