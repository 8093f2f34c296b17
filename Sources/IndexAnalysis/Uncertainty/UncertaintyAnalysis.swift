import Diagnostics
import ScoringEngine

/// How to run an analysis: the block's settings, and what the command line overrides.
public struct UncertaintyOptions: Sendable {
  /// Draws (the base sample N with `sensitivity`); nil takes the block's.
  public var draws: Int?
  /// nil takes the block's.
  public var seed: UInt64?
  /// The period analysed; nil takes the latest scored.
  public var period: Int?
  /// The two entities whose gap is analysed; nil takes the nominal top two.
  public var pair: (String, String)?
  /// Whether to run the Saltelli design and estimate sensitivity indices.
  public var sensitivity = false
  /// Threads to score draws on (at least one).
  public var threads = 1
  /// Bootstrap resamples for each sensitivity index's interval.
  public var resamples = 500
  /// Called from worker threads as runs finish: (runs done, runs in all).
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init() {}
}

/// Why an analysis could not run.
public enum UncertaintyFailure: Error, Sendable {
  /// The nominal methodology does not run: its diagnostics.
  case nominalFailed([Diagnostic])
  /// The period asked for was not scored.
  case periodNotScored(Int, available: [Int])
  /// An entity of the pair is not in the data (with the closest code, if any).
  case unknownEntity(String, closest: String?)
  /// The pair names one entity twice.
  case samePair(String)
  /// Fewer than two entities have a nominal score, so there is no default pair.
  case noPair
}

/// A seeded Monte Carlo analysis of a methodology, with optional Sobol sensitivity indices.
///
/// The checked plan and the loaded table are reused for every draw: the stages no source can
/// change are computed once (`StableStages`), then a draw builds a variant of the plan from
/// its sources' random numbers (`VariantBuilder`) and scores it (`VariantScorer`); nothing
/// is parsed, checked or loaded again. Draws run on several
/// threads, and each draw's numbers come from its own stream, so the result is the same for
/// any thread count. Statistics follow COINr's `get_sensitivity` where it has them: rank
/// quantiles by R's type 7 over the plain draws, Saltelli's first-order and Jansen's total
/// estimators over the N(d + 2) runs of the design.
public enum UncertaintyAnalysis {
  public static func run(
    plan: Plan, table: DataTable, model: UncertaintyModel, options: UncertaintyOptions
  ) -> Result<UncertaintyResult, UncertaintyFailure> {
    let results = ScoringEngine.run(plan, on: table)
    guard !results.diagnostics.hasErrors, let latest = results.periods.last else {
      return .failure(.nominalFailed(results.diagnostics.filter(\.isError)))
    }
    let period = options.period ?? latest
    guard let p = results.periodIndex(period) else {
      return .failure(.periodNotScored(period, available: results.periods))
    }
    let nominalIndex = Array(results.slice(results.index, period: p))
    let nominalRanks = Array(results.slice(results.ranks, period: p))
    let pair: (Int, Int)
    switch choosePair(options.pair, codes: results.entities.map(\.code), ranks: nominalRanks) {
    case .success(let chosen): pair = chosen
    case .failure(let failure): return .failure(failure)
    }

    // The draws score the entities screening keeps (the same in every draw).
    let (screenedPlan, table) = screenOnce(plan, on: table)
    var restricted = screenedPlan
    restricted.periods = [period]
    let (nominal, prepared) = StableStages.prepare(restricted, table: table, model: model)
    let draws = options.draws ?? model.draws
    let seed = options.seed ?? model.seed
    let design = SaltelliDesign(
      baseDraws: draws, sourceCount: model.sources.count,
      withSensitivity: options.sensitivity && !model.sources.isEmpty)
    let runner = DrawRunner.rescoring(
      nominal: nominal, table: prepared, model: model, design: design, seed: seed)
    let total = design.rowCount
    var progress: (@Sendable (Int) -> Void)?
    if let report = options.progress {
      progress = { done in report(done, total) }
    }
    let matrix = runner.run(threads: max(1, options.threads), progress: progress)

    let statistics = DrawStatistics(
      matrix: matrix, design: design, entities: results.entities, nominalIndex: nominalIndex,
      nominalRanks: nominalRanks)
    var result = UncertaintyResult(
      methodology: plan.name, label: plan.nodes[plan.root].label ?? plan.label, period: period,
      hasPeriods: results.hasPeriods, draws: draws, seed: seed,
      sources: model.sources.map { .init(name: $0.name, summary: $0.summary) },
      entities: statistics.entityIntervals(), pair: statistics.pairComparison(pair),
      sensitivity: nil,
      drawProblems: statistics.problemSummaries(
        nominal: runner.scorer.score(Variant(plan: nominal, table: prepared)).problems),
      codes: results.entities.map(\.code), scores: statistics.plainScores())
    if design.withSensitivity {
      let order = result.entities.map { $0.code }
      result.sensitivity = statistics.sensitivity(
        pair: pair, order: order, resamples: options.resamples, seed: seed,
        threads: max(1, options.threads))
    }
    return .success(result)
  }

  /// The pair asked for, or the nominal top two.
  private static func choosePair(_ asked: (String, String)?, codes: [String], ranks: [Int])
    -> Result<(Int, Int), UncertaintyFailure>
  {
    if let (first, second) = asked {
      var chosen: [Int] = []
      for code in [first, second] {
        guard let e = codes.firstIndex(of: code) else {
          let closest = Suggestions.closest(to: code, among: codes, limit: 1).first
          return .failure(.unknownEntity(code, closest: closest))
        }
        chosen.append(e)
      }
      guard chosen[0] != chosen[1] else { return .failure(.samePair(first)) }
      return .success((chosen[0], chosen[1]))
    }
    let ranked = codes.indices.filter { ranks[$0] > 0 }.sorted {
      (ranks[$0], codes[$0]) < (ranks[$1], codes[$1])
    }
    guard ranked.count >= 2 else { return .failure(.noPair) }
    return .success((ranked[0], ranked[1]))
  }
}
