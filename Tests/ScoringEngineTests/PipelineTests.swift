import Testing

@testable import Diagnostics
@testable import ScoringEngine

/// The pipeline on small hand-computed plans.
@Suite struct PipelineTests {
  /// Three entities, one period: x = [10, 20, 40], y = [1, 0, 4].
  static let table: DataTable = {
    var table = DataTable(
      entities: [Entity(code: "A"), Entity(code: "B"), Entity(code: "C")], periods: [2025])
    table.append(variable: "d.x", values: [10, 20, 40])
    table.append(variable: "d.y", values: [1, 0, 4])
    return table
  }()

  static func indicator(_ name: String, _ formula: Formula, _ normalizer: Normalizer = .minmax100)
    -> Plan.Node
  {
    Plan.Node(
      name: name, kind: .indicator(.init(source: .formula(formula), normalizer: normalizer)))
  }

  static func aggregate(_ name: String, _ members: [(Int, Double)], percent: Bool = false)
    -> Plan.Node
  {
    Plan.Node(
      name: name,
      kind: .aggregate(
        .init(members: members.map { .init(node: $0.0, weight: $0.1) }, percentWeights: percent)))
  }

  @Test func weightedArithmeticOfMinMax() throws {
    // x → [0, 33.33, 100]; y → [25, 0, 100]; index = 0.75·x + 0.25·y.
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("x", .variable("d.x")), Self.indicator("y", .variable("d.y")),
        Self.aggregate("index", [(0, 75), (1, 25)], percent: false),
      ], root: 2)
    let results = run(plan, on: Self.table)
    #expect(results.diagnostics.isEmpty)
    let a = try #require(results.indexScore(entity: "A", period: 2025))
    let b = try #require(results.indexScore(entity: "B", period: 2025))
    #expect(Swift.abs(a - 6.25) < 1e-12)
    #expect(Swift.abs(b - 25) < 1e-12)
    #expect(results.rank(entity: "C", period: 2025) == 1)
    #expect(results.effectiveWeights == [0.75, 0.25, 1])
  }

  @Test func leaderScalingAndAdjustmentInPoints() throws {
    var nodes = [Self.indicator("x", .variable("d.x")), Self.aggregate("index", [(0, 1)])]
    nodes[1].adjustments = [.init(entity: "B", delta: 10, because: "test")]
    let plan = Plan(name: "t", nodes: nodes, root: 1, scaling: .leader(100))
    let results = run(plan, on: Self.table)
    // x → [0, 33.33, 100]; B + 10 = 43.33; leader C = 100.
    let b = try #require(results.indexScore(entity: "B", period: 2025))
    #expect(Swift.abs(b - (100.0 / 3 + 10)) < 1e-9)
  }

  @Test func divisionByZeroIsMissingWithAWarning() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("ratio", .binary(.divide, .variable("d.x"), .variable("d.y"))),
        Self.aggregate("index", [(0, 1)]),
      ], root: 1)
    let results = run(plan, on: Self.table)
    #expect(results.nodes[0].raw[1].isMissing)
    #expect(results.nodes[0].raw[0] == 10)
    let warning = results.diagnostics.first { $0.code == "W0420" }
    #expect(warning?.message.contains("for B") == true)
    #expect(results.rank(entity: "B", period: 2025) == nil)
  }

  @Test func percentWeightsMustTotal100() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("x", .variable("d.x")), Self.indicator("y", .variable("d.y")),
        Self.aggregate("index", [(0, 0.6), (1, 0.43)], percent: true),
      ], root: 2)
    let diagnostics = run(plan, on: Self.table).diagnostics
    #expect(diagnostics.map(\.code) == ["E0422"])
    #expect(diagnostics.first?.message.contains("103%") == true)
  }

  @Test func relativeWeightsNeedNotSumToOne() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("x", .variable("d.x")), Self.indicator("y", .variable("d.y")),
        Self.aggregate("index", [(0, 1), (1, 2)]),
      ], root: 2)
    let results = run(plan, on: Self.table)
    #expect(!results.diagnostics.hasErrors)
    #expect(Swift.abs(results.effectiveWeights[1] - 2.0 / 3) < 1e-15)
  }

  @Test func negativeWeightIsRejected() {
    let plan = Plan(
      name: "t",
      nodes: [Self.indicator("x", .variable("d.x")), Self.aggregate("index", [(0, -1)])],
      root: 1)
    #expect(run(plan, on: Self.table).diagnostics.map(\.code).contains("E0421"))
  }

  @Test func formulaCycleIsNamed() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("a", .indicator("b")), Self.indicator("b", .indicator("a")),
        Self.aggregate("index", [(0, 1), (1, 1)]),
      ], root: 2)
    let cycle = run(plan, on: Self.table).diagnostics.first { $0.code == "E0425" }
    #expect(cycle?.message.contains("`a` → `b` → `a`") == true)
  }

  @Test func unknownColumnSuggestsAName() {
    let plan = Plan(
      name: "t",
      nodes: [Self.indicator("a", .variable("d.xx")), Self.aggregate("index", [(0, 1)])],
      root: 1)
    let error = run(plan, on: Self.table).diagnostics.first { $0.code == "E0426" }
    #expect(error?.help == ["did you mean `d.x`?"])
  }

  @Test func nodeWithTwoParentsIsRejected() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("x", .variable("d.x")), Self.aggregate("p", [(0, 1)]),
        Self.aggregate("q", [(0, 1)]), Self.aggregate("index", [(1, 1), (2, 1)]),
      ], root: 3)
    #expect(run(plan, on: Self.table).diagnostics.map(\.code) == ["E0420"])
  }

  @Test func indicatorsMayReadIndicators() throws {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("double", .binary(.multiply, .indicator("base"), .constant(2)), .identity),
        Self.indicator("base", .variable("d.x"), .identity),
        Self.aggregate("index", [(0, 1)]),
      ], root: 2)
    let results = run(plan, on: Self.table)
    #expect(results.nodes[0].raw == [20, 40, 80])
    // `base` is read by a formula, so it is not reported as unused.
    #expect(results.diagnostics.isEmpty)
  }

  @Test func unusedNodeIsAWarning() {
    let plan = Plan(
      name: "t",
      nodes: [
        Self.indicator("x", .variable("d.x")), Self.indicator("y", .variable("d.y")),
        Self.aggregate("index", [(0, 1)]),
      ], root: 2)
    #expect(run(plan, on: Self.table).diagnostics.map(\.code) == ["W0429"])
  }

  @Test func periodNotInDataIsAnError() {
    let plan = Plan(
      name: "t", nodes: [Self.indicator("x", .variable("d.x")), Self.aggregate("i", [(0, 1)])],
      root: 1, periods: [2030])
    #expect(run(plan, on: Self.table).diagnostics.map(\.code) == ["E0428"])
  }

  @Test func ratingsMustCoverEveryEntity() {
    let plan = Plan(
      name: "t",
      nodes: [
        Plan.Node(
          name: "soft", kind: .indicator(.init(source: .ratings(["A": 3, "B": 4])))),
        Self.aggregate("index", [(0, 1)]),
      ], root: 1)
    let error = run(plan, on: Self.table).diagnostics.first { $0.code == "E0432" }
    #expect(error?.message.contains("for C") == true)
  }
}

@Suite struct FormulaTests {
  static func evaluate(_ formula: Formula) -> ([Double], [EvaluationIssue]) {
    var evaluator = FormulaEvaluator(table: PipelineTests.table, indicatorValues: [:])
    let values = evaluator.evaluate(formula, period: 2025)
    return (values, evaluator.issues)
  }

  @Test func arithmeticAndFunctions() {
    #expect(Self.evaluate(.binary(.add, .variable("d.x"), .constant(1))).0 == [11, 21, 41])
    let shares: [Double] = [10.0 / 70, 20.0 / 70, 40.0 / 70]
    #expect(Self.evaluate(.call(.share, [.variable("d.x")])).0 == shares)
    #expect(Self.evaluate(.call(.rank, [.variable("d.x")])).0 == [3, 2, 1])
    #expect(Self.evaluate(.call(.max, [.variable("d.x"), .constant(15)])).0 == [15, 20, 40])
    let positive = Formula.binary(.greater, .variable("d.y"), .constant(0))
    let chosen: [Double] = [1, 2, 1]
    #expect(Self.evaluate(.conditional(positive, .constant(1), .constant(2))).0 == chosen)
    #expect(Self.evaluate(.call(.median, [.variable("d.x")])).0 == [20, 20, 20])
  }

  @Test func logOfZeroIsMissingWithAnIssue() {
    let (values, issues) = Self.evaluate(.call(.log, [.variable("d.y")]))
    #expect(values[1].isMissing)
    #expect(values[0] == 0)
    #expect(issues == [EvaluationIssue(kind: .logOfNonPositive, period: 2025, entities: [1])])
  }

  @Test func lagReadsTheEarlierPeriod() {
    var table = DataTable(entities: [Entity(code: "A")], periods: [2024, 2025])
    table.append(variable: "d.x", values: [50, 60])
    var evaluator = FormulaEvaluator(table: table, indicatorValues: [:])
    #expect(
      evaluator.evaluate(.call(.lag, [.variable("d.x"), .constant(1)]), period: 2025) == [50])
    let growth = evaluator.evaluate(.call(.growth, [.variable("d.x"), .constant(1)]), period: 2025)
    #expect(Swift.abs(growth[0] - 0.2) < 1e-12)
    #expect(
      evaluator.evaluate(.call(.lag, [.variable("d.x"), .constant(1)]), period: 2024)[0].isMissing)
  }
}
