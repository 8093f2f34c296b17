import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// Unit screening, row imputation and global normalization through the commands: who was
/// screened out shows in `run`'s table and JSON and in `explain`; the uncertainty draws score
/// the entities kept.
@Suite struct ScreenCommandTests {
  /// Over 2020–2021, BB has 4 of its 6 values (67%), AA 6, CC 5 (83%).
  static let files = MemoryFileSystem([
    "m.idx": """
    index t "Test" {
      normalize: minmax
      screen:    availability(75%)
      members { a, b, c }
    }
    data d = csv("p.csv") { key: code, names: name, period: year }
    indicator a { value: d.a }
    indicator b { value: d.b }
    indicator c { value: d.c, impute: row_mean }
    uncertainty {
      draws:     20
      normalize: one of minmax, minmax(global: true)
    }
    """,
    "p.csv": """
    code,name,year,a,b,c
    AA,Aland,2020,1,10,100
    BB,Bland,2020,2,20,
    CC,Cland,2020,3,,300
    AA,Aland,2021,5,40,400
    BB,Bland,2021,,50,500
    CC,Cland,2021,9,60,0
    """,
  ])

  static func idx(_ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test func runNotesWhoWasScreenedOut() {
    let table = Self.idx("run", "m.idx", "--period", "all")
    #expect(table.code == 0, "\(table.stderr)")
    #expect(!table.stdout.contains("Bland  "))
    #expect(table.stdout.contains("note: unit screening left out 1 entity, not ranked:"))
    #expect(table.stdout.contains("BB (Bland): 66.6% of its values under `t` are present"))
    #expect(table.stderr.contains("warning[W0445]"))
    let json = Self.idx("run", "m.idx", "--format", "json")
    #expect(
      json.stdout.hasSuffix(
        "],\"screened\":[\n{\"entity\":\"BB\",\"name\":\"Bland\",\"reason\":\"66.6% of its values under `t` are present, below the 75% the screening asks for\"}\n]}\n"
      ))
    // Without screening the JSON ends as it always did.
    let csv = Self.idx("run", "m.idx", "--format", "csv")
    #expect(!csv.stdout.contains("BB"))
  }

  @Test func explainSaysWhyInsteadOfScores() {
    let outcome = Self.idx("explain", "m.idx", "BB")
    #expect(outcome.code == 0)
    #expect(
      outcome.stdout
        == "BB is not scored in Test: unit screening left it out, because 66.6% of its values "
        + "under `t` are present, below the 75% the screening asks for.\n")
    let json = Self.idx("explain", "m.idx", "BB", "--format", "json")
    #expect(json.stdout.contains("\"screened\":true"))
    // A kept entity is explained as usual.
    #expect(Self.idx("explain", "m.idx", "CC").stdout.contains("CC scores"))
  }

  @Test func uncertaintyDrawsScoreTheEntitiesKept() {
    let outcome = Self.idx("uncertainty", "m.idx", "--format", "csv")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(!outcome.stdout.contains("BB"))
    #expect(outcome.stdout.contains("AA") && outcome.stdout.contains("CC"))
    // Every draw scores both kept entities.
    #expect(outcome.stdout.contains("entity,AA,,,scored_draws,20\n"))
    #expect(outcome.stdout.contains("entity,CC,,,scored_draws,20\n"))
  }
}
