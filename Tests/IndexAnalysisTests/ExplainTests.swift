import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// `explain` must add up: for every entity of every bundled methodology, the terms sum to
/// the score within 1e-9, and a gap between two entities to the difference of their scores.
@Suite struct ExplainTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func results(_ name: String) throws -> Results {
    let compilation = compile(
      path: root.appendingPathComponent("methodologies/\(name).idx").path,
      fileSystem: DiskFileSystem())
    let plan = try #require(compilation.plan, "\(compilation.diagnostics.map(\.message))")
    let table = try #require(compilation.table)
    return run(plan, on: table)
  }

  @Test(arguments: [
    "hdi", "asem", "ai-capability", "ai-soft", "ai-geometric", "ai-2024", "ai-per-capita",
  ])
  func termsSumToTheScore(_ name: String) throws {
    let results = try Self.results(name)
    var explained = 0
    for p in results.periods.indices {
      for e in results.entities.indices {
        guard let explanation = Explanation(results, entity: e, period: p) else {
          #expect(results.index[results.cell(entity: e, period: p)].isNaN)
          continue
        }
        #expect(Swift.abs(explanation.total - explanation.score) <= 1e-9, "\(name) \(e)")
        explained += 1
      }
    }
    #expect(explained > 0)
  }

  @Test func gapDecomposesExactly() throws {
    let results = try Self.results("ai-capability")
    let p = try #require(results.periodIndex(2025))
    let china = try #require(results.entityIndex("CN"))
    let us = try #require(results.entityIndex("US"))
    let a = try #require(Explanation(results, entity: china, period: p))
    let b = try #require(Explanation(results, entity: us, period: p))
    let comparison = Comparison(a, b)
    #expect(Swift.abs(comparison.gap - (97.29984993416058 - 100)) < 1e-9)
    let sum = comparison.byMember.reduce(0) { $0 + $1.gap }
    #expect(Swift.abs(sum - comparison.gap) < 1e-9)
    // China is ahead on patents and research, behind on investment and talent.
    let gaps = Dictionary(uniqueKeysWithValues: comparison.byMember.map { ($0.path[0], $0.gap) })
    #expect((gaps["patents"] ?? 0) > 0)
    #expect((gaps["research"] ?? 0) > 0)
    #expect((gaps["investment"] ?? 0) < 0)
    #expect((gaps["talent"] ?? 0) < 0)
  }

  /// A hand-made plan: geometric root over an arithmetic node with an adjustment, scaled.
  static func handPlan(_ scaling: Scaling, aggregator: Aggregator) -> (Plan, DataTable) {
    var table = DataTable(
      entities: [Entity(code: "A"), Entity(code: "B"), Entity(code: "C")], periods: [1])
    table.append(variable: "d.x", values: [1, 2, 4])
    table.append(variable: "d.y", values: [3, 1, 2])
    table.append(variable: "d.z", values: [2, 2, 5])
    func leaf(_ name: String) -> Plan.Node {
      Plan.Node(
        name: name,
        kind: .indicator(
          .init(source: .formula(.variable("d." + name)), normalizer: .minmax(output: 1...10))))
    }
    var inner = Plan.Node(
      name: "inner", kind: .aggregate(.init(members: [.init(node: 0, weight: 2), .init(node: 1)])))
    inner.adjustments = [.init(entity: "B", delta: 0.5, because: "test")]
    let root = Plan.Node(
      name: "root",
      kind: .aggregate(
        .init(members: [.init(node: 3), .init(node: 2, weight: 3)], aggregator: aggregator)))
    return (
      Plan(
        name: "t", nodes: [leaf("x"), leaf("y"), leaf("z"), inner, root], root: 4, scaling: scaling),
      table
    )
  }

  @Test(arguments: [
    Scaling.none, .leader(100), .minmax(0...100), .relative(entity: "B", factor: 100),
  ])
  func handPlanSumsUnderEveryScaling(_ scaling: Scaling) throws {
    for aggregator in [Aggregator.arithmetic, .geometricStrict, .power(2), .harmonic, .minimum] {
      let (plan, table) = Self.handPlan(scaling, aggregator: aggregator)
      let results = run(plan, on: table)
      #expect(!results.diagnostics.contains { $0.isError })
      for e in 0..<3 {
        let explanation = try #require(Explanation(results, entity: e, period: 0))
        #expect(Swift.abs(explanation.total - explanation.score) <= 1e-9, "\(aggregator) \(e)")
      }
    }
  }

  @Test func adjustmentIsItsOwnTerm() throws {
    let (plan, table) = Self.handPlan(.none, aggregator: .arithmetic)
    let results = run(plan, on: table)
    let explanation = try #require(Explanation(results, entity: 1, period: 0))
    let adjustment = try #require(
      explanation.terms.first { $0.kind == .adjustment(because: "test") })
    // Root = (inner + 3·z)/4, so half a point on `inner` is an eighth of a point of the score.
    #expect(Swift.abs(adjustment.contribution - 0.125) < 1e-12)
  }

  @Test func minimumNamesTheDecidingMember() throws {
    let (plan, table) = Self.handPlan(.none, aggregator: .minimum)
    let results = run(plan, on: table)
    let explanation = try #require(Explanation(results, entity: 0, period: 0))
    #expect(explanation.terms.contains { $0.decidedBy != nil })
  }
}
