import Diagnostics
import ScoringEngine

/// What scoring one variant gave: the index of every entity in the analysed period, and the
/// problems the run reported.
struct DrawScore: Sendable {
  /// The scaled index per entity, in table order; NaN where the variant gives no score.
  var index: [Double]
  /// Codes and headlines of the run's diagnostics, in the order reported.
  var problems: [DrawProblem]
  /// The sport ranks of `index` when the scorer has them already (else the runner ranks).
  var ranks: [Int]? = nil
}

/// A diagnostic of one draw's run, reduced to what the summary needs.
struct DrawProblem: Sendable, Equatable {
  var code: String
  var message: String
  var isError: Bool
}

/// Scores a variant of the plan: the one place where a draw meets the engine.
///
/// Each variant is rescored from the nominal variant's stages (`Rescorer`): only what the
/// draw changed reruns (`Variant.changes`), and the engine falls back to a full run where a
/// shortcut could differ, so every draw gets the results a full `run` gives, bit for bit.
struct VariantScorer: Sendable {
  /// The number of entities of the table.
  let entityCount: Int
  /// The nominal variant, fully scored; nil scores every variant with a full run.
  let rescorer: Rescorer?

  /// A scorer that rescores variants of `nominal` over `table` (full runs when they are nil).
  init(entityCount: Int, nominal: Plan? = nil, table: DataTable? = nil) {
    self.entityCount = entityCount
    if let nominal, let table {
      rescorer = Rescorer(plan: nominal, on: table)
    } else {
      rescorer = nil
    }
  }

  func score(_ variant: Variant) -> DrawScore {
    // A changed indicator may have new raw values (ratings, noise): evaluate it again.
    let changes = PlanChanges(
      aggregates: variant.changes.aggregates, rawValues: variant.changes.indicators)
    let results =
      rescorer?.score(variant.plan, table: variant.table, changes: changes)
      ?? ScoringEngine.run(variant.plan, on: variant.table)
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
