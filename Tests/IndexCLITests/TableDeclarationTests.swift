import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `indicators from csv(…) { … }`: a methodology whose indicators come from a metadata table
/// scores, explains and edits exactly like the same methodology written out, and every mistake
/// in the table is reported at its cell.
@Suite struct TableDeclarationTests {
  /// The index and data both versions share: two dimensions, one of them weighted.
  static let head = """
    index t "Test" {
      normalize: minmax(0, 100)
      members { growth: 60%, people }
    }
    data s = csv("s.csv") { key: code }

    """

  /// Four indicators written out: labels, docs, a denominator, directions (`lower` and COINr's
  /// `-1`), weights, a target and per-indicator methods.
  static let written =
    head + """
      dimension growth "Growth" { members { gdp: 2, exports: 1 } }
      dimension people "People" { members { health: 50%, crime: 50% } }
      /// Output per person.
      indicator gdp "GDP per head" { value: s.gdp / s.pop, target: 60 }
      indicator exports "Exports" { value: s.exports / s.pop, normalize: zscore }
      indicator health "Life expectancy" { value: s.health, normalize: goalposts(40, 90) }
      indicator crime "Crime rate" { value: s.crime, direction: lower, treat: winsorize }
      """

  /// The same four as rows of a table.
  static let table =
    head + """
      dimension growth "Growth"
      dimension people "People"
      indicators from csv("meta.csv") {
        code: iCode, label: iName, doc: About, value: s.iCode, denominator: Den
        direction: Direction, parent: Parent, weight: Weight, target: Target
        normalize: Normalize, treat: Treat
      }
      """

  static let meta = """
    iCode,iName,About,Den,Direction,Parent,Weight,Target,Normalize,Treat
    gdp,GDP per head,Output per person.,pop,1,growth,2,60,,
    exports,Exports,,pop,,growth,1,,zscore,NA
    health,Life expectancy,,,higher,people,50%,,"goalposts(40, 90)",
    crime,Crime rate,,,-1,people,50%,,,winsorize

    """

  static let data = """
    code,gdp,exports,pop,health,crime
    A,100,40,2,80,5
    B,300,10,5,70,9
    C,50,30,1,60,2
    D,220,90,4,75,30

    """

  static func files(_ extra: [String: String] = [:]) -> MemoryFileSystem {
    var files = ["written.idx": written, "table.idx": table, "meta.csv": meta, "s.csv": data]
    files.merge(extra) { $1 }
    return MemoryFileSystem(files)
  }

  static func idx(_ files: MemoryFileSystem, _ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test(arguments: ["csv", "json", "table"])
  func scoresAsTheWrittenMethodology(_ format: String) {
    let files = Self.files()
    let written = Self.idx(files, "run", "written.idx", "--format", format)
    let table = Self.idx(files, "run", "table.idx", "--format", format)
    #expect(written.code == 0, "\(written.stderr)")
    #expect(table.code == 0, "\(table.stderr)")
    #expect(
      table.stdout == written.stdout.replacingOccurrences(of: "written.idx", with: "table.idx"))
    #expect(table.stdout.contains(format == "table" ? "people" : "crime"))
  }

  @Test(arguments: ["A", "B", "C", "D"])
  func explainsAsTheWrittenMethodology(_ entity: String) {
    let files = Self.files()
    let written = Self.idx(files, "explain", "written.idx", entity, "--format", "json")
    let table = Self.idx(files, "explain", "table.idx", entity, "--format", "json")
    #expect(written.code == 0 && table.code == 0, "\(written.stderr)\(table.stderr)")
    #expect(table.stdout == written.stdout)
    // The raw value's origin is the formula the row makes: the data column over its denominator.
    let text = Self.idx(files, "explain", "table.idx", entity).stdout
    #expect(text.contains("from s.gdp / s.pop (s = csv(\"s.csv\"))"))
  }

  @Test func diffFindsNoDifference() {
    let outcome = Self.idx(Self.files(), "diff", "written.idx", "table.idx")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("No differences."))
    #expect(outcome.stdout.contains("0 changed, 4 unchanged"))
  }

  /// A written declaration overrides its row (which still places it), and a fork's `set`
  /// edits a row's indicator like any other.
  @Test func writtenDeclarationsAndEditsOverrideRows() {
    let override = """
      indicator exports "Exports (written)" { value: s.exports, normalize: minmax(0, 100) }
      """
    let fork = """
      extends "table.idx"
      index t2 "Fork" { }
      set crime.direction = higher because "a test"
      """
    let writtenFork = """
      extends "written.idx"
      index t2 "Fork" { }
      set crime.direction = higher because "a test"
      """
    let files = Self.files([
      "override.idx": Self.table + "\n" + override,
      "fork.idx": fork, "written-fork.idx": writtenFork,
      "written-override.idx": Self.written.replacingOccurrences(
        of: "indicator exports \"Exports\" { value: s.exports / s.pop, normalize: zscore }",
        with: override),
    ])
    let overridden = Self.idx(files, "run", "override.idx", "--format", "csv")
    let expected = Self.idx(files, "run", "written-override.idx", "--format", "csv")
    #expect(overridden.code == 0, "\(overridden.stderr)")
    #expect(overridden.stdout == expected.stdout)
    #expect(overridden.stdout != Self.idx(files, "run", "table.idx", "--format", "csv").stdout)
    let forked = Self.idx(files, "run", "fork.idx", "--format", "csv")
    #expect(forked.code == 0, "\(forked.stderr)")
    #expect(forked.stdout == Self.idx(files, "run", "written-fork.idx", "--format", "csv").stdout)
    let edited = Self.idx(
      files, "run", "table.idx", "--edit", "set gdp.weight = 1", "--format", "csv")
    let writtenEdited = Self.idx(
      files, "run", "written.idx", "--edit", "set gdp.weight = 1", "--format", "csv")
    #expect(edited.code == 0, "\(edited.stderr)")
    #expect(edited.stdout == writtenEdited.stdout)
  }

  /// Each mistake of a table at its cell, all of them in one run.
  @Test func mistakesAreReportedAtTheirCells() {
    let meta = """
      iCode,iName,About,Den,Direction,Parent,Weight,Target,Normalize,Treat
      gdp,GDP per head,,pop,sideways,growth,heavy,60,,
      exports,Exports,,pop,,growht,1,,zscore,
      health,Life expectancy,,,higher,people,50%,,minmaxx,
      gdp,Again,,,1,growth,1,,,
      9lives,Cats,,,1,people,1,,,
      crime,Crime rate,,,-1,people,50%,,,winsorize extra

      """
    let outcome = Self.idx(Self.files(["meta.csv": meta]), "check", "table.idx")
    #expect(outcome.code == 1)
    let expected = [
      ("E0310", "meta.csv:2:23"), ("E0310", "meta.csv:2:39"), ("E0216", "meta.csv:3:23"),
      ("E0207", "meta.csv:4:45"), ("E0202", "meta.csv:5:1"), ("E0218", "meta.csv:6:1"),
      ("E0138", "meta.csv:7:46"),
    ]
    var rest = Substring(outcome.stderr)
    for (code, place) in expected {
      let found = rest.range(of: "[\(code)]")
      #expect(found != nil, "no \(code) in order in:\n\(outcome.stderr)")
      guard let found else { continue }
      rest = rest[found.upperBound...]
      #expect(rest.hasPrefix(":") && rest.contains(" --> \(place)\n"), "\(code) at \(place)")
    }
    #expect(outcome.stderr.contains("did you mean `growth`?"))
    #expect(outcome.stderr.contains("did you mean `minmax`?"))
    #expect(outcome.stderr.hasSuffix("7 errors\n"))
  }

  /// A column the mapping names but the table lacks is reported at the mapping.
  @Test func missingColumnIsReportedAtTheMapping() {
    let outcome = Self.idx(
      Self.files([
        "table.idx": Self.table.replacingOccurrences(of: "treat: Treat", with: "treat: Treet")
      ]),
      "check", "table.idx")
    #expect(outcome.code == 1)
    #expect(outcome.stderr.contains("error[E0455]: the table `meta.csv` has no column `Treet`"))
    #expect(outcome.stderr.contains(" --> table.idx:"))
    #expect(outcome.stderr.contains("did you mean `Treat`?"))
    // The table was not read: its parents are not also reported empty.
    #expect(!outcome.stderr.contains("E0314"))
    #expect(outcome.stderr.hasSuffix("1 error\n"))
  }

  /// The table's path resolves like a data file: inside the methodology's folder or a root.
  @Test func tablePathFollowsTheRootRule() {
    let files = Self.files([
      "m/table.idx": Self.table.replacingOccurrences(of: "\"meta.csv\"", with: "\"../meta.csv\"")
        .replacingOccurrences(of: "\"s.csv\"", with: "\"../s.csv\"")
    ])
    let outside = Self.idx(files, "check", "m/table.idx")
    #expect(outside.code == 1)
    #expect(outside.stderr.contains("../meta.csv"))
    #expect(outside.stderr.contains("outside"))
    let rooted = Self.idx(files, "check", "m/table.idx", "--root", ".")
    #expect(rooted.code == 0, "\(rooted.stderr)")
  }

  /// `idx fmt` keeps the declaration's form and lays its mapping out like any body.
  @Test func formatKeepsTheForm() {
    let messy = "indicators   from csv( \"meta.csv\" ) {code:iCode,label:iName\nparent: Parent}\n"
    let tidy = """
      indicators from csv("meta.csv") {
        code:   iCode, label: iName
        parent: Parent
      }

      """
    let files = Self.files(["messy.idx": messy, "tidy.idx": tidy])
    let outcome = Self.idx(files, "fmt", "--stdout", "messy.idx")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(outcome.stdout == tidy)
    let again = Self.idx(files, "fmt", "--check", "tidy.idx")
    #expect(again.code == 0, "\(again.stdout)\(again.stderr)")
  }
}

/// The bundled ASEM index with its 49 indicators from `data/asem-meta.csv` scores, explains
/// and compares exactly as `asem.idx`, which matches COINr's published results.
@Suite struct ASEMTableTests {
  @Test(arguments: ["csv", "json"])
  func scoresAsTheWrittenASEM(_ format: String) {
    let written = CLITests.idx("run", "methodologies/asem.idx", "--format", format)
    let table = CLITests.idx("run", "methodologies/asem-table.idx", "--format", format)
    #expect(written.code == 0 && table.code == 0, "\(table.stderr)")
    #expect(table.stdout.count > 1000)
    #expect(
      table.stdout
        == written.stdout.replacingOccurrences(
          of: "methodologies/asem.idx", with: "methodologies/asem-table.idx"))
  }

  @Test func explainsAndComparesAsTheWrittenASEM() {
    for entity in ["AUT", "CHN", "NZL"] {
      let written = CLITests.idx("explain", "methodologies/asem.idx", entity)
      let table = CLITests.idx("explain", "methodologies/asem-table.idx", entity)
      #expect(table.code == 0, "\(table.stderr)")
      #expect(table.stdout == written.stdout)
    }
    let diff = CLITests.idx("diff", "methodologies/asem.idx", "methodologies/asem-table.idx")
    #expect(diff.code == 0, "\(diff.stderr)")
    #expect(diff.stdout.contains("No differences."))
    #expect(diff.stdout.contains("0 changed, 51 unchanged"))
  }
}
