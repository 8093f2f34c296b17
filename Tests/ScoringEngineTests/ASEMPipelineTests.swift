import Testing

@testable import ScoringEngine

/// The JRC ASEM Sustainable Connectivity index as one plan, run by the pipeline from the raw
/// file: every stage it keeps must match the published stage within 1e-9.
///
/// The stage tests (`Stages.ASEMReferenceTests`) check each stage function from the previous
/// published stage; this checks that the runner sequences them the same way.
@Suite struct ASEMPipelineTests {
  static func plan(_ asem: Stages.ASEM) -> Plan {
    var nodes: [Plan.Node] = []
    var members: [String: [Plan.Member]] = [:]
    var pillars: [String] = []
    var subIndices: [String] = []
    var parent: [String: String] = [:]
    for indicator in asem.indicators {
      var formula = Formula.variable("asem." + indicator.code)
      if let denominator = indicator.denominator {
        formula = .binary(.divide, formula, .variable("asem." + denominator))
      }
      let spec = Plan.Indicator(
        source: .formula(formula), direction: indicator.direction,
        imputation: .groupMean(group: "Group_EurAsia"), treatment: .jrcWinsorize,
        normalizer: .minmax100)
      members[indicator.pillar, default: []].append(.init(node: nodes.count))
      nodes.append(Plan.Node(name: indicator.code, kind: .indicator(spec)))
      if !pillars.contains(indicator.pillar) { pillars.append(indicator.pillar) }
      if !subIndices.contains(indicator.subIndex) { subIndices.append(indicator.subIndex) }
      parent[indicator.pillar] = indicator.subIndex
      parent[indicator.subIndex] = "Index"
    }
    for code in pillars + subIndices + ["Index"] {
      if let up = parent[code] { members[up, default: []].append(.init(node: nodes.count)) }
      nodes.append(Plan.Node(name: code, kind: .aggregate(.init(members: members[code] ?? []))))
    }
    return Plan(name: "asem", nodes: nodes, root: nodes.count - 1)
  }

  static func results() throws -> Results {
    let options = TableOptions(
      keyColumn: "UnitCode", nameColumn: "UnitName", defaultPeriod: 2018,
      groupColumns: ["Group_EurAsia"])
    let table = DataTable.merging([
      ("asem", try ReferenceData.table("asem/raw.csv", options))
    ])
    return run(plan(try Stages.ASEM()), on: table)
  }

  /// Compares one stage of the named nodes with the same columns of an expected file.
  static func compare(
    _ results: Results, _ expected: Stages.CSVTable, nodes: [String],
    stage: (Results.NodeResult) -> [Double]
  ) throws -> Int {
    var compared = 0
    let entities = try expected.strings("UnitCode").map { try #require(results.entityIndex($0)) }
    for name in nodes {
      let node = try #require(results.plan.nodeIndex(name), "\(name)")
      let values = stage(results.nodes[node])
      for (row, expectedValue) in expected.column(name).enumerated() {
        let value = values[entities[row]]
        #expect(
          Swift.abs(value - expectedValue) <= 1e-9,
          "\(name) \(results.entities[entities[row]].code)")
        compared += 1
      }
    }
    return compared
  }

  @Test func everyStageMatches() throws {
    let asem = try Stages.ASEM()
    let results = try Self.results()
    #expect(!results.diagnostics.hasErrors)
    let codes = asem.indicators.map(\.code)
    let aggregates = Array(asem.expectedScores.header.dropFirst(2))
    #expect(aggregates.count == 11)
    #expect(
      try Self.compare(results, asem.expectedImputed, nodes: codes, stage: \.imputed) == 51 * 49)
    #expect(
      try Self.compare(results, asem.expectedTreated, nodes: codes, stage: \.treated) == 51 * 49)
    #expect(
      try Self.compare(results, asem.expectedNormalised, nodes: codes, stage: \.score.array) == 51
        * 49)
    #expect(
      try Self.compare(results, asem.expectedScores, nodes: aggregates, stage: \.score.array) == 51
        * 11)
    let che = try #require(results.indexScore(entity: "CHE", period: 2018))
    #expect(Swift.abs(che - 68.38372423834171) < 1e-9)
  }

  @Test func provenanceCountsImputedAndTreatedCells() throws {
    let results = try Self.results()
    let imputed = results.nodes.reduce(0) { $0 + $1.flags.filter { $0.contains(.imputed) }.count }
    #expect(imputed == 65)
    let treated = results.nodes.filter { node in
      node.treatment.contains { if case .winsorized = $0.action { true } else { false } }
    }
    #expect(treated.count == 15)
  }
}
