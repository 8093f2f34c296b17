import Testing

@testable import ScoringEngine

/// The UNDP Human Development Index for 2022, built as a plan in Swift, must match the
/// published value of every country to 3 decimals.
@Suite struct HDIReferenceTests {
  static func plan() -> Plan {
    func indicator(_ name: String, _ normalizer: Normalizer) -> Plan.Node {
      Plan.Node(
        name: name,
        kind: .indicator(.init(source: .formula(.variable("undp." + name)), normalizer: normalizer))
      )
    }
    let nodes: [Plan.Node] = [
      indicator("le", .goalposts(low: 20, high: 85, output: 0...1, logarithmic: false)),
      indicator("eys", .goalposts(low: 0, high: 18, output: 0...1, logarithmic: false)),
      indicator("mys", .goalposts(low: 0, high: 15, output: 0...1, logarithmic: false)),
      indicator("gnipc", .goalposts(low: 100, high: 75000, output: 0...1, logarithmic: true)),
      Plan.Node(
        name: "education",
        kind: .aggregate(.init(members: [.init(node: 1), .init(node: 2)]))),
      Plan.Node(
        name: "hdi",
        kind: .aggregate(
          .init(
            members: [.init(node: 0), .init(node: 4), .init(node: 3)],
            aggregator: .geometricStrict, coverage: 1))),
    ]
    return Plan(name: "hdi", nodes: nodes, root: 5, periods: [2022])
  }

  @Test func reproducesPublishedHDI2022() throws {
    var options = TableOptions(keyColumn: "iso3")
    options.layout = .wide(pattern: "{variable}_{period}")
    options.nameColumn = "country"
    options.groupColumns = ["hdicode", "region"]
    let data = try ReferenceData.table("hdi/hdi-2022-undp-wide.csv", options)
    let table = DataTable.merging([("undp", data)])
    let results = run(Self.plan(), on: table)
    #expect(!results.diagnostics.hasErrors)
    var compared = 0
    for entity in table.entities {
      let published = try #require(
        table.value(variable: "undp.hdi", entity: entity.code, period: 2022))
      let computed = results.indexScore(entity: entity.code, period: 2022)
      if published.isMissing {
        #expect(computed == nil, "\(entity.code) has no published HDI")
        continue
      }
      let value = try #require(computed, "\(entity.code)")
      #expect(
        (value * 1000).rounded() / 1000 == published, "\(entity.code): \(value) vs \(published)")
      compared += 1
    }
    #expect(compared == 193)
    #expect(results.rank(entity: "CHE", period: 2022) == 1)
  }
}
