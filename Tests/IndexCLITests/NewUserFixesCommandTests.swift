import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// What a new user ran into at the command line (issue 7, item 6), each fixed and kept fixed.
@Suite struct NewUserFixesCommandTests {
  /// No `period:` in the index and none in the data; two doc comments over several lines.
  static let files: MemoryFileSystem = {
    let files = MemoryFileSystem([
      "m.idx": """
      /// The test index, whose first sentence runs over
      /// two lines. A second sentence follows, e.g. this one.
      index t "Test" {
        members { a, b }
      }
      data s = csv("s.csv") { key: code, names: name }
      /// Raw values of x, e.g. counts. Normalized by min-max.
      indicator a { value: s.x, normalize: minmax }
      indicator b { value: s.y, normalize: minmax }
      """,
      "s.csv": "code,name,x,y\nA,Alpha,1,2\nB,Beta,2,1\nC,Gamma,3,3\n",
      "w.idx": """
      index w "Windows" {
        members { a }
      }
      data s = csv("w.csv") { key: code, names: name, encoding: cp1252 }
      indicator a { value: s.x, normalize: minmax }
      """,
    ])
    files.set(
      "w.csv",
      bytes: Array("code,name,x\nIE,O".utf8) + [0x92] + Array("Brien ".utf8) + [0x96]
        + Array(" Ltd,1\nUS,US,2\n".utf8))
    return files
  }()

  static func idx(_ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test func noPeriodIsShownWhenTheDataHasNone() throws {
    let table = Self.idx("run", "m.idx")
    #expect(table.code == 0, "\(table.stderr)")
    #expect(table.stdout.hasPrefix("Test\n\nrank  entity"))
    #expect(Self.idx("run", "m.idx", "--format", "md").stdout.hasPrefix("**Test**\n"))
    let csv = Self.idx("run", "m.idx", "--format", "csv").stdout.split(separator: "\n")
    #expect(csv.dropFirst().first == "C,,100,1,100,100")
    let json = Self.idx("run", "m.idx", "--format", "json").stdout
    #expect(json.contains("{\"period\":null,\"entities\":["))
    let explain = Self.idx("explain", "m.idx", "A")
    #expect(explain.stdout.hasPrefix("A scores 25.00 in Test (rank 2)\n"))
    let versus = Self.idx("explain", "m.idx", "A", "--vs", "C")
    #expect(versus.stdout.hasPrefix("A 25.00 vs C 100.00 in Test: gap -75.00\n"))
  }

  @Test func explainShowsTheFirstSentenceOfADocWhole() {
    let outcome = Self.idx("explain", "m.idx", "A")
    #expect(
      outcome.stdout.contains(
        "\n  t: The test index, whose first sentence runs over two lines.\n"))
    #expect(outcome.stdout.contains("\n  a: Raw values of x, e.g. counts.\n"))
  }

  @Test func windows1252DataIsReadWhenDeclared() {
    let outcome = Self.idx("run", "w.idx")
    #expect(outcome.code == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.contains("O’Brien – Ltd"))
  }

  // MARK: - Docs match the code

  static let root = CLITests.root

  static func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// Text with every run of white space (line breaks too) as one space.
  static func flattened(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  /// The commands `idx --help` lists, and the usage `idx help NAME` gives for each.
  static func commands() -> [(name: String, usage: String)] {
    let overview = CLITests.idx("--help").stdout.split(
      separator: "\n", omittingEmptySubsequences: false)
    guard let start = overview.firstIndex(of: "COMMANDS") else { return [] }
    let names = overview[(start + 1)...].prefix { !$0.isEmpty }.compactMap {
      $0.split(separator: " ").first.map(String.init)
    }
    return names.map { name in
      let help = CLITests.idx("help", name).stdout.split(
        separator: "\n", omittingEmptySubsequences: false)
      let usage = help.firstIndex(of: "USAGE").map { help[($0 + 1)...].prefix { !$0.isEmpty } }
      return (name, flattened(usage?.joined(separator: " ") ?? ""))
    }
  }

  @Test func everyCommandInHelpIsDocumented() throws {
    let commands = Self.commands()
    #expect(commands.map(\.name).contains("run"))
    let language = Self.flattened(try Self.read("docs/language.md"))
    let readme = Self.flattened(try Self.read("README.md"))
    let status = try Self.read("docs/language.md").split(separator: "\n").first {
      $0.hasPrefix("| commands |")
    }
    for (name, usage) in commands {
      #expect(usage.hasPrefix("idx \(name)"), "\(name): \(usage)")
      // The reference's command section gives the whole usage, and so does the README.
      let inReference = language.contains("`\(usage)`")
      #expect(inReference, "docs/language.md lacks `\(usage)`")
      let inReadme = readme.contains(usage)
      #expect(inReadme, "README.md lacks \(usage)")
      // The status table at the top of the reference lists it as implemented.
      let listed = status?.contains("`idx \(name)") == true
      #expect(listed, "the status table of docs/language.md lacks idx \(name)")
    }
  }
}
