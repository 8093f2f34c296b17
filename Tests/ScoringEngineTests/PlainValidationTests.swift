import Diagnostics
import Testing

@testable import ScoringEngine

/// The one-pass validation of plans whose indicators are each one data column
/// (`Plan.plainColumns`) must report exactly what the rule-by-rule validation reports, and a
/// run that takes it must give what a run without it gives, bit for bit, on plans that break
/// each rule once.
@Suite struct PlainValidationTests {
  /// Three periods of `groups × 4` columns, one cell in seven missing.
  static func table(groups: Int) -> DataTable {
    var random = SplitMix64(seed: 7)
    let periods = [2020, 2021, 2022]
    let entities = 9
    var variables: [String] = []
    var columns: [[Double]] = []
    for i in 0..<(groups * 4) {
      variables.append("v\(i)")
      columns.append(
        (0..<(entities * periods.count)).map { _ in
          let bits = random.next()
          return bits % 7 == 0 ? .nan : Double(Int64(bitPattern: bits) >> 40) / 997
        })
    }
    return DataTable(
      entities: (0..<entities).map { Entity(code: "E\($0)") }, periods: periods,
      variables: variables, columns: columns)
  }

  /// Min-max indicators under arithmetic means (weights 1–4 in each group), then an index: a
  /// plain plan.
  static func plan(groups: Int) -> Plan {
    MinMaxMeanTests.plan(groups: groups, output: { _ in 0...100 }, weight: { Double($0 % 4 + 1) })
  }

  static let groups = 3
  static var group0: Int { groups * 4 }
  static var root: Int { groups * 5 }

  /// Changes to the plain plan, each named: most break one rule, some keep it plain.
  static func variants() -> [(String, (inout Plan) -> Void)] {
    func aggregate(_ plan: inout Plan, _ node: Int, _ change: (inout Plan.Aggregate) -> Void) {
      // A change after another that left too few members to index is skipped.
      guard case .aggregate(var spec) = plan.nodes[node].kind, spec.members.count >= 3 else {
        return
      }
      change(&spec)
      plan.nodes[node].kind = .aggregate(spec)
    }
    func indicator(_ plan: inout Plan, _ node: Int, _ change: (inout Plan.Indicator) -> Void) {
      guard case .indicator(var spec) = plan.nodes[node].kind else { return }
      change(&spec)
      plan.nodes[node].kind = .indicator(spec)
    }
    let g = group0
    let adjustment = { (delta: Double) in
      Plan.Adjustment(entity: "E1", delta: delta, because: "test")
    }
    return [
      ("plain", { _ in }),
      ("negative weight", { aggregate(&$0, g) { $0.members[1].weight = -1 } }),
      ("NaN weight", { aggregate(&$0, g) { $0.members[1].weight = .nan } }),
      ("infinite weight", { aggregate(&$0, g) { $0.members[1].weight = .infinity } }),
      (
        "zero weights",
        { aggregate(&$0, g) { for m in $0.members.indices { $0.members[m].weight = 0 } } }
      ),
      ("one zero weight", { aggregate(&$0, g) { $0.members[0].weight = 0 } }),
      ("percent total", { aggregate(&$0, g) { $0.percentWeights = true } }),
      (
        "percent of 1",
        {
          aggregate(&$0, g) {
            $0.percentWeights = true
            for m in $0.members.indices { $0.members[m].weight = 0.25 }
          }
        }
      ),
      ("coverage above 1", { aggregate(&$0, g) { $0.coverage = 1.5 } }),
      ("coverage below 0", { aggregate(&$0, g) { $0.coverage = -0.1 } }),
      ("coverage NaN", { aggregate(&$0, g) { $0.coverage = .nan } }),
      ("coverage 0.5", { aggregate(&$0, g) { $0.coverage = 0.5 } }),
      ("member out of range", { aggregate(&$0, g) { $0.members[2].node = 999 } }),
      ("negative member", { aggregate(&$0, g) { $0.members[2].node = -1 } }),
      ("two parents", { aggregate(&$0, g + 1) { $0.members[0].node = 0 } }),
      ("own member", { aggregate(&$0, g) { $0.members[0].node = g } }),
      ("cycle", { aggregate(&$0, g) { $0.members[0].node = root } }),
      ("no members", { aggregate(&$0, g) { $0.members = [] } }),
      ("infinite power", { aggregate(&$0, g) { $0.aggregator = .power(.infinity) } }),
      ("power 2", { aggregate(&$0, g) { $0.aggregator = .power(2) } }),
      ("geometric", { aggregate(&$0, g) { $0.aggregator = .geometric(.floor(.nan)) } }),
      ("infinite adjustment", { $0.nodes[1].adjustments = [adjustment(.infinity)] }),
      ("adjustment", { $0.nodes[1].adjustments = [adjustment(2)] }),
      ("aggregate adjustment", { $0.nodes[g].adjustments = [adjustment(-.nan)] }),
      (
        "unknown entity adjusted",
        { $0.nodes[g].adjustments = [.init(entity: "X", delta: 1, because: "")] }
      ),
      ("unknown column", { indicator(&$0, 2) { $0.source = .formula(.variable("nope")) } }),
      ("formula", { indicator(&$0, 2) { $0.source = .formula(.negate(.variable("v2"))) } }),
      (
        "reads an indicator",
        {
          indicator(&$0, 2) { $0.source = .formula(.binary(.add, .indicator("v1"), .constant(1))) }
        }
      ),
      ("unknown indicator", { indicator(&$0, 2) { $0.source = .formula(.indicator("nobody")) } }),
      ("infinite constant", { indicator(&$0, 2) { $0.source = .formula(.constant(.infinity)) } }),
      ("ratings", { indicator(&$0, 2) { $0.source = .ratings(["E1": 3, "E2": .nan]) } }),
      (
        "infinite bound",
        { indicator(&$0, 3) { $0.normalizer = .minmax(output: 0...Double.infinity) } }
      ),
      ("z-score NaN", { indicator(&$0, 3) { $0.normalizer = .zscore(mean: .nan, sd: 1) } }),
      ("z-score", { indicator(&$0, 3) { $0.normalizer = .zscore(mean: 10, sd: 1) } }),
      (
        "unknown reference",
        { indicator(&$0, 3) { $0.normalizer = .dist2ref(entity: "X", cap: false, output: 0...1) } }
      ),
      (
        "reference",
        { indicator(&$0, 3) { $0.normalizer = .dist2ref(entity: "E2", cap: true, output: 0...1) } }
      ),
      ("Box-Cox NaN", { indicator(&$0, 4) { $0.treatment = .boxCox(lambda: .nan) } }),
      ("Box-Cox", { indicator(&$0, 4) { $0.treatment = .boxCox(lambda: 0.5) } }),
      ("infinite leader", { $0.scaling = .leader(.infinity) }),
      ("leader", { $0.scaling = .leader(100) }),
      ("unknown relative", { $0.scaling = .relative(entity: "X", factor: 100) }),
      ("relative", { $0.scaling = .relative(entity: "E3", factor: 100) }),
      ("unknown period", { $0.periods = [1999, 2021] }),
      ("periods", { $0.periods = [2022, 2020] }),
      ("unused", { aggregate(&$0, root) { $0.members.removeLast() } }),
      ("root out of range", { $0.root = 999 }),
    ]
  }

  @Test func oneRuleBrokenAtATime() {
    let table = Self.table(groups: Self.groups)
    #expect(Self.plan(groups: Self.groups).plainColumns(table) != nil)
    for (name, change) in Self.variants() {
      var plan = Self.plan(groups: Self.groups)
      change(&plan)
      let validation = plan.validation(against: table)
      #expect(validation.diagnostics == plan.fullValidation(against: table), "\(name)")
      if let columns = validation.columns {
        for (index, node) in plan.nodes.enumerated() {
          if case .indicator(let indicator) = node.kind,
            case .formula(.variable(let column)) = indicator.source
          {
            #expect(columns[index] == table.variableIndex(column), "\(name)")
          } else {
            #expect(columns[index] == -1, "\(name)")
          }
        }
      }
      Self.expectSameRuns(plan, table, name)
    }
  }

  /// Two changes at once, every pair (a rule broken twice, or broken and fixed).
  @Test func twoChanges() {
    let table = Self.table(groups: Self.groups)
    let variants = Self.variants()
    for (a, first) in variants {
      for (b, second) in variants {
        var plan = Self.plan(groups: Self.groups)
        first(&plan)
        second(&plan)
        #expect(plan.validate(against: table) == plan.fullValidation(against: table), "\(a), \(b)")
      }
    }
  }

  /// The run with the plain path and the run without it: the same diagnostics, raw values and
  /// scores bit for bit.
  static func expectSameRuns(_ plan: Plan, _ table: DataTable, _ name: String) {
    let fast = run(plan, on: table)
    var runner = Runner(plan: plan, table: table)
    runner.plainPath = false
    let slow = runner.run()
    #expect(fast.diagnostics == slow.diagnostics, "\(name)")
    #expect(fast.periods == slow.periods, "\(name)")
    #expect(fast.nodes.count == slow.nodes.count, "\(name)")
    for (a, b) in zip(fast.nodes, slow.nodes) {
      #expect(a.raw.map(\.bitPattern) == b.raw.map(\.bitPattern), "\(name)")
      #expect(a.score.map(\.bitPattern) == b.score.map(\.bitPattern), "\(name)")
    }
    #expect(fast.index.map(\.bitPattern) == slow.index.map(\.bitPattern), "\(name)")
    #expect(fast.ranks == slow.ranks, "\(name)")
  }
}
