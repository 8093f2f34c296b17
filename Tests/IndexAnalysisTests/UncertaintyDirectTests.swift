import Diagnostics
import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexAnalysis

/// The draws scored without a plan (`DirectScorer`) give, bit for bit, the index and problems
/// a full `run` of the draw's plan gives, for every kind of alternative the direct path takes;
/// and an analysis gives the same bytes with the path as without it, on any number of threads.
@Suite struct UncertaintyDirectTests {
  typealias Fixture = UncertaintyFixture

  /// The ASEM index under uncertainty with more to meet: its three sources, per-node
  /// normalizers and aggregators of every family, and members left out (a pillar, an
  /// indicator, a sub-index).
  static func asemModel() throws -> (Fixture.Checked, UncertaintyModel) {
    let checked = try Fixture.bundled("asem-uncertain")
    var model = try #require(checked.model)
    let plan = checked.plan
    func node(_ name: String) throws -> Int { try #require(plan.nodeIndex(name)) }
    let someIndicators = try ["Goods", "LPI", "CO2", "Renew", "Embs"].map(node)
    model.sources += [
      .init(
        name: "normalize (some)", summary: "",
        kind: .normalizer(
          nodes: someIndicators,
          .init(
            values: [
              .rank(ties: .min), .percentile(output: 0...100, ties: .average),
              .dist2max(output: 0...100), .global(.zscore(mean: 50, sd: 10)),
            ], labels: ["rank", "percentile", "dist2max", "global zscore"]))),
      .init(
        name: "aggregate (pillars)", summary: "",
        kind: .aggregator(
          nodes: try ["P2P", "Physical", "Environ"].map(node),
          .init(
            values: [.arithmetic, .harmonic, .median, .geometric(.shift(1)), .power(2)],
            labels: ["arithmetic", "harmonic", "median", "shifted", "power"]))),
      .init(
        name: "exclude", summary: "",
        kind: .exclusion(
          .init(
            values: [nil, try node("Political"), try node("Tariff"), try node("Sust")],
            labels: ["none", "Political", "Tariff", "Sust"]))),
    ]
    return (checked, model)
  }

  /// A runner over `model` prepared as the analysis prepares it (screened, the latest period,
  /// stable stages), with the direct path.
  static func runner(_ checked: Fixture.Checked, model: UncertaintyModel, draws: Int) throws
    -> DrawRunner
  {
    let (screened, table) = screenOnce(checked.plan, on: checked.table)
    var restricted = screened
    let nominal = run(checked.plan, on: checked.table)
    restricted.periods = [try #require(nominal.periods.last)]
    let (plan, prepared) = StableStages.prepare(restricted, table: table, model: model)
    return DrawRunner.rescoring(
      nominal: plan, table: prepared, model: model,
      design: SaltelliDesign(
        baseDraws: draws, sourceCount: model.sources.count, withSensitivity: false),
      seed: model.seed)
  }

  @Test func directDrawsAreFullRuns() throws {
    let (checked, model) = try Self.asemModel()
    let runner = try Self.runner(checked, model: model, draws: 400)
    let direct = try #require(runner.direct, "the direct path takes these sources")
    var workspace = DirectWorkspace()
    var taken = 0
    var leftOut = 0
    for row in 0..<400 {
      let draws = runner.draws(row: row)
      let variant = runner.builder.variant(draws)
      guard let score = direct.score(draws, into: &workspace) else { continue }
      taken += 1
      if case .choice(let c)? = draws.last, c > 0 { leftOut += 1 }
      let full = run(variant.plan, on: variant.table)
      let index = Array(full.index.prefix(score.index.count))
      #expect(score.index.map(\.bitPattern) == index.map(\.bitPattern), "row \(row)")
      let problems = full.diagnostics.map {
        DrawProblem(code: $0.code, message: $0.message, isError: $0.severity == .error)
      }
      #expect(score.problems == problems, "row \(row)")
    }
    // Most draws take the path (strict means and harmonic means of zeros do not), left-out
    // members among them: the comparisons are not vacuous.
    #expect(taken > 150, "\(taken) of 400 direct")
    #expect(leftOut > 50, "\(leftOut) left-out members direct")
  }

  /// The whole design with the direct path and without it, on one thread and on two: the same
  /// scores and problems, bit for bit.
  @Test func theDirectPathChangesNoBit() throws {
    let (checked, model) = try Self.asemModel()
    let withPath = try Self.runner(checked, model: model, draws: 120)
    var without = withPath
    without.direct = nil
    let reference = without.run(threads: 1)
    for threads in [1, 2] {
      let matrix = withPath.run(threads: threads)
      #expect(matrix.scores.map(\.bitPattern) == reference.scores.map(\.bitPattern))
      #expect(matrix.problems == reference.problems)
    }
    #expect(reference.problems.contains { !$0.isEmpty }, "some draws report problems")
  }

  /// Sources that change what comes before normalization leave the direct path out.
  @Test func dataSourcesTakeTheGeneralPath() throws {
    let checked = try Fixture.bundled("ai-soft")
    let model = try #require(checked.model)
    #expect(model.sources.contains { if case .ratings = $0.kind { true } else { false } })
    let runner = try Self.runner(checked, model: model, draws: 10)
    #expect(runner.direct == nil)
  }
}
