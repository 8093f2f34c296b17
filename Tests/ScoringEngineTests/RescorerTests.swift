import Testing

@testable import ScoringEngine

/// Rescoring after an edit must give exactly what a full run of the edited plan gives: every
/// stage of every node, the index and ranks compared bit for bit, the diagnostics equal.
@Suite struct RescorerTests {
  static func asem() throws -> (Plan, DataTable) {
    let options = TableOptions(
      keyColumn: "UnitCode", nameColumn: "UnitName", defaultPeriod: 2018,
      groupColumns: ["Group_EurAsia"])
    let table = DataTable.merging([
      ("asem", try ReferenceData.table("asem/raw.csv", options))
    ])
    return (ASEMPipelineTests.plan(try Stages.ASEM()), table)
  }

  /// The bit patterns of an array of doubles (NaN payloads and signed zeros included).
  static func bits(_ values: some Collection<Double>) -> [UInt64] { values.map(\.bitPattern) }

  /// Expects `got` to be `expected` bit for bit.
  static func expectIdentical(_ got: Results, _ expected: Results, _ what: String) {
    #expect(bits(got.index) == bits(expected.index), "index after \(what)")
    #expect(got.ranks == expected.ranks, "ranks after \(what)")
    #expect(bits(got.effectiveWeights) == bits(expected.effectiveWeights), "weights: \(what)")
    #expect(got.diagnostics == expected.diagnostics, "diagnostics after \(what)")
    #expect(got.nodes.count == expected.nodes.count)
    for (n, (a, b)) in zip(got.nodes, expected.nodes).enumerated() {
      let same =
        bits(a.score) == bits(b.score) && bits(a.raw) == bits(b.raw)
        && bits(a.imputed) == bits(b.imputed) && bits(a.treated) == bits(b.treated)
        && a.flags == b.flags && a.treatment == b.treatment && a.imputedFrom == b.imputedFrom
      #expect(same, "node \(got.plan.nodes[n].name) after \(what)")
    }
  }

  /// One random edit of the plan or the data, and what it changed.
  static func edit(
    _ plan: inout Plan, _ table: inout DataTable, using random: inout SplitMix64
  ) -> (PlanChanges, String) {
    let aggregates = plan.nodes.indices.filter { plan.nodes[$0].aggregate != nil }
    let indicators = plan.nodes.indices.filter { plan.nodes[$0].indicator != nil }
    func pick(_ range: Int) -> Int { Int(random.next() % UInt64(range)) }
    func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
    switch pick(6) {
    case 0, 1:
      // Several weights at once, some to zero: the uncertainty analysis's draws.
      var touched: [Int] = []
      for _ in 0..<(1 + pick(4)) {
        let node = aggregates[pick(aggregates.count)]
        guard case .aggregate(var spec) = plan.nodes[node].kind else { continue }
        let member = pick(spec.members.count)
        spec.members[member].weight = pick(8) == 0 ? 0 : unit() * 3
        plan.nodes[node].kind = .aggregate(spec)
        touched.append(node)
      }
      return (PlanChanges(aggregates: touched), "weights of \(touched)")
    case 2:
      let node = indicators[pick(indicators.count)]
      let choices: [Normalizer] = [
        .minmax100, .zscore(mean: 10, sd: 2), .rank, .percentile(output: 0...1),
        .dist2max(output: 0...100), .fracmax(output: 0...1),
      ]
      guard case .indicator(var spec) = plan.nodes[node].kind else { break }
      spec.normalizer = choices[pick(choices.count)]
      if pick(3) == 0 { spec.direction = spec.direction == .higher ? .lower : .higher }
      plan.nodes[node].kind = .indicator(spec)
      return (PlanChanges(indicators: [node]), "normalizer of \(node)")
    case 3:
      let node = indicators[pick(indicators.count)]
      guard case .indicator(var spec) = plan.nodes[node].kind else { break }
      let treatments: [Treatment] = [.none, .jrcWinsorize, .log]
      let imputations: [Imputation] = [.groupMean(group: "Group_EurAsia"), .mean, .median, .none]
      spec.treatment = treatments[pick(treatments.count)]
      spec.imputation = imputations[pick(imputations.count)]
      plan.nodes[node].kind = .indicator(spec)
      return (PlanChanges(indicators: [node]), "treatment and imputation of \(node)")
    case 4:
      let column = pick(table.columns.count)
      let cell = pick(table.columns[column].count)
      table.columns[column][cell] = pick(5) == 0 ? .nan : table.columns[column][cell] * unit() * 2
      return (PlanChanges(variables: [table.variables[column]]), "a cell of \(column)")
    default:
      let node = aggregates[pick(aggregates.count)]
      guard case .aggregate(var spec) = plan.nodes[node].kind else { break }
      let choices: [Aggregator] = [.arithmetic, .geometric(.error), .median, .arithmetic]
      spec.aggregator = choices[pick(choices.count)]
      plan.nodes[node].kind = .aggregate(spec)
      return (PlanChanges(aggregates: [node]), "aggregator of \(node)")
    }
    return (PlanChanges(), "nothing")
  }

  /// Edits from the nominal plan, each scored from the same base (the uncertainty analysis).
  @Test func scoringFromTheBaseMatchesAFullRun() throws {
    let (nominal, table) = try Self.asem()
    let rescorer = Rescorer(plan: nominal, on: table)
    var random = SplitMix64(seed: 20_261_201)
    for _ in 0..<60 {
      var plan = nominal
      var edited = table
      var all = PlanChanges()
      var what: [String] = []
      for _ in 0..<(1 + Int(random.next() % 3)) {
        let (changes, description) = Self.edit(&plan, &edited, using: &random)
        all.aggregates += changes.aggregates
        all.indicators += changes.indicators
        all.variables += changes.variables
        what.append(description)
      }
      let got = rescorer.score(plan, table: edited, changes: all)
      Self.expectIdentical(got, run(plan, on: edited), what.joined(separator: ", "))
    }
  }

  /// A chain of edits, each building on the last (the REPL).
  @Test func rescoringAChainOfEditsMatchesAFullRun() throws {
    var (plan, table) = try Self.asem()
    var rescorer = Rescorer(plan: plan, on: table)
    var random = SplitMix64(seed: 7)
    for step in 0..<80 {
      let (changes, what) = Self.edit(&plan, &table, using: &random)
      let got = rescorer.rescore(plan, table: table, changes: changes)
      Self.expectIdentical(got, run(plan, on: table), "step \(step): \(what)")
    }
  }

  /// Weight edits take the short path (the equality above is not a full run's in disguise),
  /// and leave the indicators' stages shared with the base.
  @Test func weightEditsRerunOnlyTheAggregation() throws {
    let (nominal, table) = try Self.asem()
    let rescorer = Rescorer(plan: nominal, on: table)
    var plan = nominal
    let pillar = try #require(plan.nodes.firstIndex { $0.aggregate != nil })
    guard case .aggregate(var spec) = plan.nodes[pillar].kind else { return }
    spec.members[0].weight = 2.5
    plan.nodes[pillar].kind = .aggregate(spec)
    let attempt = rescorer.attempt(plan, table: table, changes: PlanChanges(aggregates: [pillar]))
    let (runner, results) = try #require(attempt)
    #expect(runner.reportCount == 0)
    #expect(Self.bits(results.index) != Self.bits(rescorer.results.index))
    let full = run(plan, on: table)
    Self.expectIdentical(results, full, "a weight of \(pillar)")
  }

  /// A change the shortcut cannot vouch for (a member removed) is a full run.
  @Test func structuralChangesRunInFull() throws {
    let (nominal, table) = try Self.asem()
    let rescorer = Rescorer(plan: nominal, on: table)
    var plan = nominal
    let pillar = try #require(plan.nodes.firstIndex { $0.aggregate != nil })
    guard case .aggregate(var spec) = plan.nodes[pillar].kind else { return }
    spec.members.removeLast()
    plan.nodes[pillar].kind = .aggregate(spec)
    let changes = PlanChanges(aggregates: [pillar])
    #expect(rescorer.attempt(plan, table: table, changes: changes) == nil)
    Self.expectIdentical(
      rescorer.score(plan, table: table, changes: changes), run(plan, on: table), "removal")
  }
}
