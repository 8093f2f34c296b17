import Diagnostics
import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// A crafted methodology or CSV file cannot drive the user's terminal: every command, in every
/// format, prints control and direction characters from its input escaped.
@Suite struct TerminalSafetyTests {
  /// Text that would clear the screen, set the window title, colour the output and reverse the
  /// rest of the line if printed raw; and C1's 8-bit CSI.
  static let hostile = "\u{1B}[2J\u{1B}]0;owned\u{7}\u{1B}[31m\u{202E}\u{9B}0m"

  static let methodology = """
    /// Doc \(hostile) comment.
    index i "Label \(hostile)" {
      period: 2025
      members { x }
    }
    data d = csv("d.csv") { key: code, names: name, period: year }
    /// Indicator doc \(hostile).
    indicator x {
      value: d.v
      normalize: minmax
      adjust "A\(hostile)" +1 because "reason \(hostile)"
    }
    """

  static let csv =
    "code,name,year,v\nA\(hostile),Name \(hostile),2025,1\nB,Bee,2025,2\nC,Cee,2025,4\n"

  static func cli(_ files: [String: String]) -> CLI {
    CLI(context: .init(fileSystem: MemoryFileSystem(files), color: false))
  }

  /// The first unsafe character in the text, as `U+XXXX`, or nil.
  static func raw(_ text: String) -> String? {
    text.unicodeScalars.first { $0 != "\n" && TerminalText.isUnsafe($0) }
      .map { "U+" + String($0.value, radix: 16, uppercase: true) }
  }

  @Test(arguments: ["table", "md", "csv", "json"])
  func runPrintsCSVCellsAndLabelsEscaped(_ format: String) {
    let outcome = Self.cli(["m.idx": Self.methodology, "d.csv": Self.csv])
      .run(["run", "m.idx", "--format", format])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(Self.raw(outcome.stdout) == nil)
    #expect(Self.raw(outcome.stderr) == nil)
    if format != "json" {
      #expect(outcome.stdout.contains(#"A\u{1b}[2J\u{1b}]0;owned\u{7}\u{1b}[31m\u{202e}\u{9b}0m"#))
    }
  }

  /// JSON output escapes the same characters as `\uXXXX`, so a reader gets the exact text.
  @Test func runJSONKeepsTheExactText() throws {
    let outcome = Self.cli(["m.idx": Self.methodology, "d.csv": Self.csv])
      .run(["run", "m.idx", "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let periods = try #require(object["periods"] as? [[String: Any]])
    let entities = try #require(periods.first?["entities"] as? [[String: Any]])
    let names = entities.compactMap { $0["name"] as? String }
    #expect(names.contains("Name \(Self.hostile)"))
    #expect(entities.contains { ($0["entity"] as? String) == "A\(Self.hostile)" })
  }

  @Test(arguments: ["table", "md", "csv", "json"])
  func explainPrintsNamesDocsAndReasonsEscaped(_ format: String) {
    let outcome = Self.cli(["m.idx": Self.methodology, "d.csv": Self.csv])
      .run(["explain", "m.idx", "A\(Self.hostile)", "--vs", "C", "--format", format])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(Self.raw(outcome.stdout) == nil)
    let alone = Self.cli(["m.idx": Self.methodology, "d.csv": Self.csv])
      .run(["explain", "m.idx", "A\(Self.hostile)", "--format", format])
    #expect(Self.raw(alone.stdout) == nil)
    if format == "table" {
      #expect(alone.stdout.contains(#"because "reason \u{1b}[2J"#))
      #expect(alone.stdout.contains(#"i: Doc \u{1b}[2J"#))
    }
  }

  @Test func unknownEntityErrorsAreEscaped() {
    let outcome = Self.cli(["m.idx": Self.methodology, "d.csv": Self.csv])
      .run(["explain", "m.idx", "A" + Self.hostile.dropLast()])
    #expect(outcome.code == 2)
    #expect(Self.raw(outcome.stderr) == nil)
    #expect(outcome.stderr.contains(#"did you mean `A\u{1b}[2J"#))
  }

  /// A methodology line with escapes, in a string, a comment and outside both: the diagnostics
  /// quote and show it escaped, as text and as JSON.
  @Test func checkShowsHostileSourceLinesEscaped() throws {
    let text = """
      index i "\(Self.hostile)" {
        members { \(Self.hostile)x }
      }
      indicator x { value: \(Self.hostile) } // \(Self.hostile)
      data d = csv("\(Self.hostile).csv") { key: code }
      """
    for format in ["text", "json"] {
      let outcome = Self.cli(["m.idx": text]).run(["check", "m.idx", "--format", format])
      #expect(outcome.code == 1)
      #expect(Self.raw(outcome.stdout + outcome.stderr) == nil, "\(format)")
      #expect((outcome.stdout + outcome.stderr).contains("E0103"))
    }
    let json = Self.cli(["m.idx": text]).run(["check", "m.idx", "--format", "json"]).stdout
    #expect(json.contains(#"\\u{1b}"#))
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect((parsed?.count ?? 0) > 3)
  }

  /// A CSV header of 20,000 unnamed columns: one warning each, all with their exact column in
  /// JSON, and a text rendering that shows a window of the header, not all of it.
  @Test func manyEmptyHeaderNames() throws {
    let count = 20_000
    let methodology = """
      index i { period: 2025, members { x } }
      data d = csv("d.csv") { key: code, period: year }
      indicator x { value: d.v, normalize: minmax }
      """
    let header = "code,year,v" + String(repeating: ",", count: count)
    let csv = header + "\nA,2025,1" + String(repeating: ",", count: count) + "\nB,2025,2\n"
    let files = ["m.idx": methodology, "d.csv": csv]
    let json = Self.cli(files).run(["check", "m.idx", "--format", "json"]).stdout
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    let columns = parsed.compactMap { ($0["location"] as? [String: Any])?["column"] as? Int }
    #expect(columns.count >= count)
    #expect(columns.prefix(count) == ArraySlice((0..<count).map { 13 + $0 }))
    let text = Self.cli(files).run(["check", "m.idx"]).stderr
    #expect(text.utf8.count < 50 * 1_000)
    #expect(text.contains("… and "))
  }

  /// One error on a line of a megabyte prints a few hundred bytes, not the line.
  @Test func aMegabyteLinePrintsAWindow() {
    let line = "index i \"" + String(repeating: "label ", count: 170_000) + "\" § { members { x } }"
    let outcome = Self.cli(["m.idx": line + "\n"]).run(["check", "m.idx"])
    #expect(outcome.code == 1)
    #expect(outcome.stderr.contains("E0103"))
    #expect(outcome.stderr.utf8.count < 2_000)
    #expect(outcome.stderr.contains("…bel label label"))
  }
}
