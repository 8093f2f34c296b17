import Diagnostics
import Foundation
import IndexImport
import IndexLanguage
import ScoringEngine
import Testing

/// COINr's ASEM example, exported as COINr's own iData and iMeta tables, imported and run:
/// with the one pipeline choice COINr's example makes beyond the defaults (impute by group),
/// every aggregate matches COINr's published scores.
@Suite struct ASEMRoundTripTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata")
  static let root = folder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func bytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// The imported methodology of the two ASEM tables.
  static func imported() throws -> String {
    let outcome = COINrImport.methodology(
      iData: SourceFile(path: "iData.csv", bytes: try bytes("asem-iData.csv")),
      iMeta: SourceFile(path: "iMeta.csv", bytes: try bytes("asem-iMeta.csv")),
      dataPath: "iData.csv")
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
    return try #require(outcome.text)
  }

  /// Compiles `main` among the imported file and iData, and runs it.
  static func run(_ files: [String: String], main: String) throws -> Results {
    let system = MemoryFileSystem(files)
    system.set("iData.csv", bytes: try bytes("asem-iData.csv"))
    let compilation = compile(path: main, fileSystem: system)
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    let table = try #require(compilation.table)
    return ScoringEngine.run(plan, on: table)
  }

  @Test func theImportedFileRunsAsItIs() throws {
    let results = try Self.run(["official.idx": try Self.imported()], main: "official.idx")
    #expect(results.entityCount == 51)
    #expect(results.plan.nodes.count == 1 + 10 + 49)
    #expect(results.index.allSatisfy { !$0.isNaN })
  }

  @Test func withGroupImputationItIsCOINrsASEMIndex() throws {
    let fork = """
      amends "official.idx"
      set index.impute = mean(by: EurAsia_group) because "COINr's example: i_mean_grp"
      """
    let results = try Self.run(
      ["official.idx": try Self.imported(), "asem.idx": fork], main: "asem.idx")
    let expected = try Self.expectedScores()
    var compared = 0
    var worst = 0.0
    for (n, node) in results.plan.nodes.enumerated() {
      guard let column = expected.columns.firstIndex(of: node.name) else { continue }
      for (e, entity) in results.entities.enumerated() {
        let want = try #require(expected.rows[entity.code]?[column])
        let got = results.nodes[n].score[results.cell(entity: e, period: 0)]
        worst = max(worst, abs(got - want))
        compared += 1
      }
    }
    // 11 aggregates (8 pillars, 2 sub-indices, the index) × 51 countries.
    #expect(compared == 11 * 51)
    #expect(worst < 1e-9, "largest difference \(worst)")
  }

  /// `expected-scores.csv` of the ASEM reference: one row per country, one column per
  /// aggregate.
  static func expectedScores() throws -> (columns: [String], rows: [String: [Double]]) {
    let url = root.appendingPathComponent("methodologies/data/asem/expected-scores.csv")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let columns = lines[0].split(separator: ",").map(String.init)
    var rows: [String: [Double]] = [:]
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      rows[cells[0]] = cells.map { Double($0) ?? .nan }
    }
    return (columns, rows)
  }

  @Test func theImportedFileIsFormattedAndNamesEveryIndicatorOnce() throws {
    let text = try Self.imported()
    let formatted = format(SourceFile(path: "official.idx", text: text))
    #expect(formatted.bytes.map { String(decoding: $0, as: UTF8.self) } == text)
    // Directions, denominators, targets and units of iMeta's first rows, as written there.
    #expect(
      text.contains(
        "indicator LPI \"Logistics Performance Index\" {\n  value:  coinr.LPI\n  target: 4.11803135\n  unit:   \"Score 1-5\"\n}"
      ))
    #expect(text.contains("value:  coinr.Flights / coinr.Population"))
    let lower = text.components(separatedBy: "direction: lower").count - 1
    let meta = String(decoding: try Self.bytes("asem-iMeta.csv"), as: UTF8.self)
    // Direction is the fourth column and Weight (always 1 here) the fifth.
    let negative = meta.components(separatedBy: ",-1,1,").count - 1
    #expect(lower == negative && lower > 0)
  }
}
