import ScoringEngine

/// The one place the REPL asks the engine for scores: each new state is rescored from the
/// previous one's stages (`Rescorer`), rerunning only what the edit changed.
///
/// What changed is worked out by comparing the plans (and tables) before and after
/// (`PlanChanges.between`), not told by the session, so an undo, a redo or a reload that
/// lands on any plan is rescored as safely as a typed edit: a difference the comparison
/// cannot classify is a full run, and the engine itself falls back to one wherever a shortcut
/// could differ. The results are a full run's, bit for bit.
enum Rescoring {
  /// A rescorer holding the results of `plan` on `table`, built from `previous` (the state
  /// before the edit: its rescorer and the table it scored) when there is one.
  static func score(
    _ plan: Plan, on table: DataTable, previous: (rescorer: Rescorer, table: DataTable)?
  ) -> Rescorer {
    guard var rescorer = previous?.rescorer, let oldTable = previous?.table else {
      return Rescorer(plan: plan, on: table)
    }
    let changes = PlanChanges.between(rescorer.results.plan, on: oldTable, plan, on: table)
    _ = rescorer.rescore(plan, table: table, changes: changes)
    return rescorer
  }
}
