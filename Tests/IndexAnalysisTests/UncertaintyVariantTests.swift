import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexAnalysis

/// A draw is a methodology one could have written: each alternative, a left-out member and
/// perturbed weights give exactly what the corresponding fork gives; and the result does not
/// depend on the number of threads.
@Suite struct UncertaintyVariantTests {
  typealias Fixture = UncertaintyFixture

  /// The latest period's index of a methodology in memory over the bundled AI data.
  static func index(ofFork fork: String) throws -> [Double] {
    let base = try String(
      contentsOf: Fixture.root.appendingPathComponent("methodologies/ai-capability.idx"),
      encoding: .utf8)
    let csv = try String(
      contentsOf: Fixture.root.appendingPathComponent("methodologies/data/ai.csv"),
      encoding: .utf8)
    let checked = try Fixture.memory(
      ["ai-capability.idx": base, "data/ai.csv": csv, "fork.idx": fork], path: "fork.idx")
    let results = run(checked.plan, on: checked.table)
    let p = try #require(results.periodIndex(2025))
    return Array(results.slice(results.index, period: p))
  }

  /// The draws of one source of the bundled AI index's block.
  static func drawsOfSource(_ name: String, draws: Int = 40) throws -> (
    UncertaintyResult, [String]
  ) {
    let checked = try Fixture.bundled("ai-capability")
    var model = try #require(checked.model)
    model.sources = model.sources.filter { $0.name == name }
    #expect(model.sources.count == 1)
    let result = try Fixture.analyse(checked, model: model, draws: draws)
    return (result, checked.table.entities.map(\.code))
  }

  /// Each draw's scores, entity by entity in table order.
  static func rows(_ result: UncertaintyResult, codes: [String]) throws -> [[Double]] {
    let columns = try codes.map { try #require(result.drawScores(of: $0)) }
    return (0..<result.draws).map { row in columns.map { $0[row] } }
  }

  static func same(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance }
  }

  @Test func eachNormalizerDrawIsTheForkThatChoosesIt() throws {
    let (result, codes) = try Self.drawsOfSource("normalize")
    let minmax = try Self.index(ofFork: "extends \"ai-capability.idx\"\nindex f {}\n")
    let zscore = try Self.index(
      ofFork: "extends \"ai-capability.idx\"\nindex f {}\n"
        + "set index.normalize = zscore(50, 10) because \"test\"\n")
    var seen = [0, 0]
    for row in try Self.rows(result, codes: codes) {
      if Self.same(row, minmax, within: 0) {
        seen[0] += 1
      } else if Self.same(row, zscore, within: 0) {
        seen[1] += 1
      } else {
        Issue.record("a draw that is neither alternative: \(row)")
      }
    }
    #expect(seen[0] > 5 && seen[1] > 5)
  }

  @Test func eachAggregatorDrawIsTheForkThatChoosesIt() throws {
    let (result, codes) = try Self.drawsOfSource("aggregate")
    let arithmetic = try Self.index(ofFork: "extends \"ai-capability.idx\"\nindex f {}\n")
    let geometric = try Self.index(
      ofFork: "extends \"ai-capability.idx\"\nindex f {}\n"
        + "set index.aggregate = geometric(floor: 1) because \"test\"\n")
    let rows = try Self.rows(result, codes: codes)
    #expect(
      rows.allSatisfy {
        Self.same($0, arithmetic, within: 0) || Self.same($0, geometric, within: 0)
      })
    #expect(rows.contains { Self.same($0, geometric, within: 0) })
    #expect(rows.contains { Self.same($0, arithmetic, within: 0) })
  }

  /// `exclude: one of none, patents` gives the index, or the index after `remove dimension
  /// patents` (its siblings rescaled pro rata).
  @Test func leavingOneOutIsTheForkThatRemovesIt() throws {
    let checked = try Fixture.bundled("ai-capability")
    var model = try #require(checked.model)
    let patents = try #require(checked.plan.nodeIndex("patents"))
    model.sources = [
      .init(
        name: "exclude", summary: "one of none, patents",
        kind: .exclusion(.init(values: [nil, patents], labels: ["none", "patents"])))
    ]
    let result = try Fixture.analyse(checked, model: model, draws: 40)
    let whole = try Self.index(ofFork: "extends \"ai-capability.idx\"\nindex f {}\n")
    let without = try Self.index(
      ofFork: "extends \"ai-capability.idx\"\nindex f {}\n"
        + "remove dimension patents because \"test\"\n")
    let rows = try Self.rows(result, codes: checked.table.entities.map(\.code))
    #expect(rows.allSatisfy { Self.same($0, whole, within: 0) || Self.same($0, without) })
    #expect(rows.contains { !Self.same($0, whole, within: 0) })
    #expect(rows.contains { Self.same($0, whole, within: 0) })
    #expect(result.drawProblems.isEmpty, "\(result.drawProblems)")
  }

  /// Perturbed weights are rescaled to their group's nominal total, so a percentage group
  /// still totals 100% and the engine accepts every draw.
  @Test func perturbedWeightsKeepTheirGroupTotal() throws {
    let checked = try Fixture.bundled("ai-capability")
    let model = try #require(checked.model)
    let builder = VariantBuilder(nominal: checked.plan, table: checked.table, model: model)
    let runner = DrawRunner(
      sampler: DrawSampler(
        model: model, plan: checked.plan, entityCodes: checked.table.entities.map(\.code),
        cellCount: checked.table.entities.count * checked.table.periods.count),
      builder: builder, scorer: VariantScorer(entityCount: checked.table.entities.count),
      design: SaltelliDesign(
        baseDraws: 10, sourceCount: model.sources.count, withSensitivity: false),
      seed: 3)
    for row in 0..<10 {
      let variant = builder.variant(runner.draws(row: row))
      #expect(!variant.changes.aggregates.isEmpty)
      for (index, node) in checked.plan.nodes.enumerated() {
        guard let nominal = node.aggregate, let drawn = variant.plan.nodes[index].aggregate
        else { continue }
        let before = nominal.members.reduce(0) { $0 + $1.weight }
        let after = drawn.members.reduce(0) { $0 + $1.weight }
        #expect(Swift.abs(before - after) < 1e-12)
        if nominal.members.count > 1 {
          #expect(zip(nominal.members, drawn.members).contains { $0.weight != $1.weight })
        }
        let factors = zip(nominal.members, drawn.members).map { $1.weight / $0.weight }
        // ±25% then rescaled: no factor can leave [0.75/1.25, 1.25/0.75].
        #expect(factors.allSatisfy { $0 >= 0.6 - 1e-12 && $0 <= 1 / 0.6 + 1e-12 })
      }
    }
  }

  /// The same seed gives the same figures with one, two or three threads, and another seed
  /// gives others.
  @Test func threadsDoNotChangeTheResult() throws {
    let checked = try Fixture.bundled("ai-soft")
    let results = try [1, 2, 3].map {
      try Fixture.analyse(checked, draws: 60, seed: 77, sensitivity: true, threads: $0)
    }
    let codes = checked.table.entities.map(\.code)
    for other in results.dropFirst() {
      #expect(other.entities == results[0].entities)
      #expect(other.pair == results[0].pair)
      #expect(other.sensitivity == results[0].sensitivity)
      for code in codes {
        let a = try #require(results[0].drawScores(of: code)).map(\.bitPattern)
        let b = try #require(other.drawScores(of: code)).map(\.bitPattern)
        #expect(a == b)
      }
    }
    let reseeded = try Fixture.analyse(checked, draws: 60, seed: 78, threads: 2)
    #expect(reseeded.drawScores(of: "CN") != results[0].drawScores(of: "CN"))
    // The plain draws are the design's matrix A: adding --sobol does not change them.
    let plain = try Fixture.analyse(checked, draws: 60, seed: 77, threads: 2)
    #expect(plain.entities == results[0].entities)
    #expect(plain.pair == results[0].pair)
  }

  @Test func failuresNameWhatIsWrong() throws {
    let checked = try Fixture.bundled("ai-capability")
    let model = try #require(checked.model)
    var options = UncertaintyOptions()
    options.draws = 5
    options.pair = ("US", "CNN")
    guard
      case .failure(.unknownEntity("CNN", let closest)) = UncertaintyAnalysis.run(
        plan: checked.plan, table: checked.table, model: model, options: options)
    else {
      Issue.record("expected an unknown entity")
      return
    }
    #expect(closest == "CN")
    options.pair = ("US", "US")
    guard
      case .failure(.samePair("US")) = UncertaintyAnalysis.run(
        plan: checked.plan, table: checked.table, model: model, options: options)
    else {
      Issue.record("expected the same entity twice")
      return
    }
    options.pair = nil
    options.period = 2019
    guard
      case .failure(.periodNotScored(2019, let available)) = UncertaintyAnalysis.run(
        plan: checked.plan, table: checked.table, model: model, options: options)
    else {
      Issue.record("expected a period that was not scored")
      return
    }
    #expect(available == [2024, 2025])
  }

  /// A draw whose run leaves cells missing is counted, not dropped: the geometric mean meets
  /// 0 for the lowest-scoring economies when `aggregate` draws a strict geometric mean.
  @Test func problemsOfTheDrawsAreCounted() throws {
    let files = Fixture.twoIndicators(
      csv: "code,a,b\nX,10,2\nY,4,0\nZ,1,1\n", normalize: "minmax(0, 100)",
      block: "draws: 200, seed: 4, aggregate: one of arithmetic, geometric")
    let result = try Fixture.analyse(try Fixture.memory(files))
    let problem = try #require(result.drawProblems.first)
    #expect(problem.code == "W0430")
    #expect(problem.draws > 50 && problem.draws < 150)
    let y = try #require(result.entities.first { $0.code == "Y" })
    #expect(y.scoredDraws == 200 - problem.draws)
  }

  /// Each thread scores over deep copies of the plan and the table: they must score the same.
  @Test func deepCopiesScoreTheSame() throws {
    let formula = Formula.call(
      .max,
      [
        .binary(.divide, .variable("ai.papers"), .negate(.indicator("grants"))),
        .conditional(
          .not(.constant(1)), .constant(2), .call(.lag, [.variable("x"), .constant(1)])),
      ])
    #expect(DeepCopy.formula(formula) == formula)
    for name in ["asem", "ai-soft", "ai-per-capita"] {
      let checked = try Fixture.bundled(name)
      let original = run(checked.plan, on: checked.table)
      let copied = run(DeepCopy.plan(checked.plan), on: DeepCopy.table(checked.table))
      #expect(original.index.map(\.bitPattern) == copied.index.map(\.bitPattern), "\(name)")
      #expect(copied.diagnostics.count == original.diagnostics.count)
    }
  }
}
