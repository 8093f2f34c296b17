import Diagnostics
import ScoringEngine

/// What scoring one variant gave: the index of every entity in the analysed period, and the
/// problems the run reported.
struct DrawScore: Sendable {
  /// The scaled index per entity, in table order; NaN where the variant gives no score.
  var index: [Double]
  /// Codes and headlines of the run's diagnostics, in the order reported.
  var problems: [DrawProblem]
}

/// A diagnostic of one draw's run, reduced to what the summary needs.
struct DrawProblem: Sendable, Equatable {
  var code: String
  var message: String
  var isError: Bool
}

/// Scores a variant of the plan: the one place where a draw meets the engine.
///
/// Today every variant is a full `ScoringEngine.run` of its plan over its table, restricted to
/// the analysed period. An engine entry point that reruns only the stages downstream of
/// `Variant.changes` on reusable buffers can replace the body of `score` without anything
/// else changing.
struct VariantScorer: Sendable {
  /// The number of entities of the table.
  let entityCount: Int

  func score(_ variant: Variant) -> DrawScore {
    let results = ScoringEngine.run(variant.plan, on: variant.table)
    let problems = results.diagnostics.map {
      DrawProblem(code: $0.code, message: $0.message, isError: $0.severity == .error)
    }
    guard !results.periods.isEmpty, results.index.count >= entityCount else {
      return DrawScore(
        index: [Double](repeating: .nan, count: entityCount), problems: problems)
    }
    return DrawScore(index: Array(results.index.prefix(entityCount)), problems: problems)
  }
}
