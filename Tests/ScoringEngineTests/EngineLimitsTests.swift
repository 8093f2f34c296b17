import Diagnostics
import Testing

@testable import ScoringEngine

/// A plan built by hand is as safe as one the language builds: deep trees and long chains
/// run in linear time without recursion, constants that are not finite and formulas too
/// deep to evaluate are refused, and huge numbers do not overflow into wrong scores.
@Suite struct EngineLimitsTests {
  typealias Fixture = PipelineTests

  /// A chain of `depth` aggregates, each the only member of the one before, over `x`.
  static func deepPlan(_ depth: Int) -> Plan {
    var nodes = [Fixture.indicator("x", .variable("d.x"))]
    for level in 0..<depth {
      nodes.append(Fixture.aggregate("d\(level)", [(nodes.count - 1, 1)]))
    }
    return Plan(name: "t", nodes: nodes, root: nodes.count - 1)
  }

  @Test func aTreeOf30000LevelsRuns() {
    let results = run(Self.deepPlan(30_000), on: Fixture.table)
    #expect(!results.diagnostics.hasErrors)
    #expect(results.indexScore(entity: "C", period: 2025) == 100)
    #expect(results.effectiveWeights.first == 1)
  }

  @Test func aCycleOfParentsIsNamedInOnePass() {
    var plan = Self.deepPlan(50_000)
    // The lowest aggregate also lists the root: a cycle through 50,000 nodes.
    if case .aggregate(var spec) = plan.nodes[1].kind {
      spec.members.append(.init(node: plan.root))
      plan.nodes[1].kind = .aggregate(spec)
    }
    plan.root = 0
    let cycle = plan.validate(against: Fixture.table).first { $0.message.contains("cycle") }
    #expect(cycle?.message.hasPrefix("the node tree has a cycle: `d49999` → `d49998`") == true)
    #expect(cycle?.message.hasSuffix("`d0` → `d49999`") == true)
  }

  @Test func aChainOf100000IndicatorsIsOrderedWithoutRecursion() throws {
    var nodes: [Plan.Node] = []
    for step in 0..<100_000 {
      nodes.append(Fixture.indicator("k\(step)", .indicator("k\(step + 1)")))
    }
    nodes.append(Fixture.indicator("k100000", .variable("d.x")))
    nodes.append(Fixture.aggregate("index", [(0, 1)]))
    let plan = Plan(name: "t", nodes: nodes, root: nodes.count - 1)
    let order = try plan.indicatorOrder().get()
    #expect(order.first == 100_000)
    #expect(order.last == 0)
    var looped = plan
    looped.nodes[100_000] = Fixture.indicator("k100000", .indicator("k0"))
    guard case .failure(let cycle) = looped.indicatorOrder() else {
      Issue.record("a cycle of 100,001 indicators was not found")
      return
    }
    #expect(cycle.names.count == 100_002)
    #expect(cycle.names.first == cycle.names.last)
  }

  @Test func formulasDeeperThanTheEvaluatorTakesAreRefused() {
    var formula = Formula.variable("d.x")
    for _ in 0..<Formula.maximumDepth { formula = .negate(formula) }
    #expect(formula.depth == Formula.maximumDepth + 1)
    let plan = Plan(
      name: "t", nodes: [Fixture.indicator("x", formula), Fixture.aggregate("index", [(0, 1)])],
      root: 1)
    let codes = run(plan, on: Fixture.table).diagnostics.map(\.code)
    #expect(codes == ["E0433"])
    var visited = 0
    formula.visit { _ in visited += 1 }
    #expect(visited == Formula.maximumDepth + 1)
  }

  @Test func aLagOfAnAbsurdNumberOfPeriodsIsMissingNotACrash() {
    let plan = Plan(
      name: "t",
      nodes: [
        Fixture.indicator("x", .call(.lag, [.variable("d.x"), .constant(1e300)]), .identity),
        Fixture.aggregate("index", [(0, 1)]),
      ], root: 1)
    let results = run(plan, on: Fixture.table)
    #expect(results.nodes[0].raw.allSatisfy { $0.isNaN })
  }

  @Test func rankInAFormulaPutsTheHighestFirstAndSharesTies() {
    var table = Fixture.table
    table.append(variable: "d.t", values: [5, .nan, 5])
    let plan = Plan(
      name: "t",
      nodes: [
        Fixture.indicator("x", .call(.rank, [.variable("d.x")]), .identity),
        Fixture.indicator("t", .call(.rank, [.variable("d.t")]), .identity),
        Fixture.aggregate("index", [(0, 1), (1, 1)]),
      ], root: 2)
    let results = run(plan, on: table)
    #expect(results.nodes[0].raw == [3, 2, 1])
    #expect(results.nodes[1].raw[0] == 1 && results.nodes[1].raw[2] == 1)
    #expect(results.nodes[1].raw[1].isNaN)
  }

  @Test func constantsThatAreNotFiniteAreRefused() {
    let cases: [Plan] = [
      Plan(
        name: "t",
        nodes: [
          Fixture.indicator("x", .variable("d.x")), Fixture.aggregate("index", [(0, .infinity)]),
        ],
        root: 1),
      Plan(
        name: "t",
        nodes: [
          Fixture.indicator("x", .variable("d.x"), .minmax(output: 0...Double.infinity)),
          Fixture.aggregate("index", [(0, 1)]),
        ], root: 1),
      Plan(
        name: "t",
        nodes: [
          Fixture.indicator("x", .binary(.add, .variable("d.x"), .constant(.nan))),
          Fixture.aggregate("index", [(0, 1)]),
        ], root: 1),
      Plan(
        name: "t",
        nodes: [Fixture.indicator("x", .variable("d.x")), Fixture.aggregate("index", [(0, 1)])],
        root: 1, scaling: .leader(.infinity)),
    ]
    for plan in cases {
      #expect(run(plan, on: Fixture.table).diagnostics.map(\.code).contains("E0434"))
    }
  }

  @Test func weightsScaledByAPowerOfTwoGiveTheSameScores() {
    let weights = [3e300, 1e300, 7e299]
    let scaled = WeightScale.normalized(weights)
    #expect(scaled.max() ?? 0 >= 1 && scaled.max() ?? 0 < 2)
    let members: [[Double]] = [[1, 2, 3], [4, 5, 6], [7, 8, 10]]
    let direct = aggregate(members, weights: [3, 1, 0.7], with: .arithmetic).values
    let huge = aggregate(members, weights: [3e300, 1e300, 7e299], with: .arithmetic).values
    for (a, b) in zip(direct, huge) { #expect(Swift.abs(a - b) < 1e-12) }
    #expect(!huge.contains { !$0.isFinite })
    // Ordinary weights are left exactly as they are.
    #expect(WeightScale.normalized([0.3, 0.7]) == [0.3, 0.7])
  }

  @Test func statisticsOfHugeValuesDoNotOverflow() {
    let x = [1e308, -1e308, 5e307, .nan]
    #expect(Swift.abs(Statistics.mean(x) - 5e307 / 3) < 1e294)
    let sd = Statistics.sampleStandardDeviation(x)
    #expect(sd.isFinite && sd > 1e308 * 0.9)
    #expect(Statistics.skewness([1e300, 2e300, 4e300]).isFinite)
    // Same bits as before for ordinary data.
    #expect(Statistics.mean([1, 2, 4]) == 7.0 / 3)
  }
}

/// Inputs the CSV fuzzer found slow, generated again.
@Suite struct FuzzedCSVTests {
  @Test func aHeaderOfLongNamesWithoutTheKeyFinishes() {
    // A header of 100 names of 200 characters, and a key that is none of them: the
    // did-you-mean compared every pair of names character by character.
    let names = (0..<100).map { String(repeating: "abc", count: 66) + "\($0)" }
    let text = names.joined(separator: ",") + "\n" + names.map { _ in "1" }.joined(separator: ",")
    let load = loadTable(
      SourceFile(path: "fuzz.csv", text: text),
      options: TableOptions(keyColumn: String(repeating: "abc", count: 66) + "x"))
    let missing = load.diagnostics.first { $0.code == "E0406" }
    #expect(missing != nil)
    #expect(missing?.help.contains { $0.contains("did you mean") } == false)
  }
}
