import ScoringEngine

/// The one place the REPL asks the engine for scores, so that an incremental entry point (one
/// that re-computes only what an edit touched) can replace the full run without the session
/// noticing.
enum Rescoring {
  /// The results of `plan` on `table`; `previous` are the results of the state before the
  /// edit, for an engine that re-uses what did not change (the full run ignores them).
  static func score(_ plan: Plan, on table: DataTable, previous: Results?) -> Results {
    ScoringEngine.run(plan, on: table)
  }
}
