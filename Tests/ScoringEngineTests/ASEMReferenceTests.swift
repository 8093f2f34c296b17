import Testing

@testable import ScoringEngine

/// The JRC ASEM Sustainable Connectivity index, built as a plan in Swift from the reference
/// tables, must reproduce every published stage within 1e-9.
@Suite struct ASEMReferenceTests {
  /// Rows of a small CSV without quoted fields, as header → text.
  static func rows(_ relative: String) throws -> [[String: String]] {
    let text = String(decoding: try ReferenceData.file(relative).bytes, as: UTF8.self)
    let lines = text.split(whereSeparator: \.isNewline).map { String($0) }
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false)
    else { return [] }
    return lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      var row: [String: String] = [:]
      for (name, value) in zip(header, fields) { row[String(name)] = String(value) }
      return row
    }
  }

  static func plan() throws -> Plan {
    var nodes: [Plan.Node] = []
    var members: [String: [Plan.Member]] = [:]
    var parents: [String: String] = [:]
    var order: [String] = []
    for row in try rows("asem/indicators.csv") {
      let code = row["IndCode"] ?? ""
      var formula = Formula.variable("asem." + code)
      if let denominator = row["Denominator"], !denominator.isEmpty {
        formula = .binary(.divide, formula, .variable("asem." + denominator))
      }
      let direction: Direction = row["Direction"] == "-1.0" ? .lower : .higher
      let indicator = Plan.Indicator(
        source: .formula(formula), direction: direction,
        imputation: .groupMean(group: "Group_EurAsia"), treatment: .jrcWinsorize,
        normalizer: .minmax100)
      members[row["Agg1"] ?? "", default: []].append(.init(node: nodes.count))
      nodes.append(Plan.Node(name: code, kind: .indicator(indicator)))
      parents[row["Agg1"] ?? ""] = row["Agg2"]
      parents[row["Agg2"] ?? ""] = row["Agg3"]
    }
    for row in try rows("asem/aggregates.csv") { order.append(row["Code"] ?? "") }
    for code in order {
      members[parents[code] ?? "", default: []].append(.init(node: nodes.count))
      nodes.append(
        Plan.Node(name: code, kind: .aggregate(.init(members: members[code] ?? []))))
    }
    return Plan(name: "asem", nodes: nodes, root: nodes.count - 1)
  }

  static func results() throws -> Results {
    var options = TableOptions(keyColumn: "UnitCode")
    options.nameColumn = "UnitName"
    options.groupColumns = ["Group_EurAsia"]
    options.defaultPeriod = 2018
    let table = DataTable.merging([
      ("asem", try ReferenceData.table("asem/raw.csv", options))
    ])
    return run(try plan(), on: table)
  }

  /// Compares one stage of every indicator (or every aggregate) with an expected file.
  static func compare(
    _ results: Results, file: String, stage: (Results.NodeResult) -> [Double],
    skipping: Set<String> = ["UnitCode", "UnitName", "Group_EurAsia"]
  ) throws -> Int {
    var compared = 0
    for row in try rows(file) {
      let entity = try #require(results.entityIndex(row["UnitCode"] ?? ""))
      for (column, text) in row where !skipping.contains(column) {
        let node = try #require(results.plan.nodeIndex(column), "\(column)")
        let value = stage(results.nodes[node])[entity]
        guard let expected = Double(text) else {
          #expect(value.isMissing, "\(column) \(row["UnitCode"] ?? "")")
          continue
        }
        #expect(Swift.abs(value - expected) <= 1e-9, "\(file) \(column) \(row["UnitCode"] ?? "")")
        compared += 1
      }
    }
    return compared
  }

  @Test func everyStageMatches() throws {
    let results = try Self.results()
    #expect(!results.diagnostics.hasErrors)
    #expect(try Self.compare(results, file: "asem/expected-imputed.csv", stage: \.imputed) == 51 * 49)
    #expect(try Self.compare(results, file: "asem/expected-treated.csv", stage: \.treated) == 51 * 49)
    #expect(
      try Self.compare(results, file: "asem/expected-normalised.csv", stage: \.score) == 51 * 49)
    #expect(try Self.compare(results, file: "asem/expected-scores.csv", stage: \.score) == 51 * 11)
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
