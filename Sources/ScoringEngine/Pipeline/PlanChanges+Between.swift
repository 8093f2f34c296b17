/// Working out what an edit changed, so that a caller holding two plans (the REPL: the
/// methodology before and after a typed edit) can rescore with `Rescorer` without saying
/// by hand which nodes moved.
///
/// Design: a node-by-node comparison that sorts each difference into the first pipeline stage
/// it touches, and gives up (`.everything`, a full run) on any difference it does not
/// classify: another tree, renamed nodes, a node whose declaration moved, library flags, other
/// periods or entities. Presentation-only fields (labels, doc comments, origins, the root's
/// scaling) are not changes: the rescored results carry the new plan and reapply the scaling.
/// Spans count, because diagnostics carry them: a rescoring that kept a diagnostic of the old
/// plan at an old place would differ from a full run.
extension PlanChanges {
  /// What differs between `old` and `new`, both scored over the same table.
  public static func between(_ old: Plan, _ new: Plan) -> PlanChanges {
    guard old.nodes.count == new.nodes.count, old.root == new.root, old.periods == new.periods
    else { return .everything }
    var changes = PlanChanges()
    for (index, (was, now)) in zip(old.nodes, new.nodes).enumerated() {
      guard was.name == now.name, was.span == now.span, was.isLibrary == now.isLibrary else {
        return .everything
      }
      switch (was.kind, now.kind) {
      case (.aggregate(let before), .aggregate(let after)):
        guard let changed = aggregateChanged(before, after) else { return .everything }
        if changed || !sameAdjustments(was.adjustments, now.adjustments) {
          changes.aggregates.append(index)
        }
      case (.indicator(let before), .indicator(let after)):
        if !sameSource(before.source, after.source) || before.ratingRanges != after.ratingRanges {
          changes.rawValues.append(index)
        } else if before.direction != after.direction || before.imputation != after.imputation
          || before.treatment != after.treatment || before.normalizer != after.normalizer
          || !sameAdjustments(was.adjustments, now.adjustments)
        {
          changes.indicators.append(index)
        }
      default:
        return .everything
      }
    }
    return changes
  }

  /// What differs between `old` over `oldTable` and `new` over `newTable`: the plans' changes
  /// and the data columns whose cells differ (a full run when the tables differ in shape).
  public static func between(
    _ old: Plan, on oldTable: DataTable, _ new: Plan, on newTable: DataTable
  ) -> PlanChanges {
    var changes = between(old, new)
    guard !changes.everything else { return changes }
    guard oldTable.variables == newTable.variables, oldTable.periods == newTable.periods,
      oldTable.hasPeriods == newTable.hasPeriods, oldTable.entities == newTable.entities,
      oldTable.columns.count == newTable.columns.count
    else { return .everything }
    for (variable, (was, now)) in zip(oldTable.columns, newTable.columns).enumerated()
    where !sameBits(was, now) {
      changes.variables.append(oldTable.variables[variable])
    }
    return changes
  }

  /// Whether two aggregates differ only in what re-aggregation covers (true), not at all
  /// (false), or in their members or weighting, which only a full run handles (nil).
  private static func aggregateChanged(_ was: Plan.Aggregate, _ now: Plan.Aggregate) -> Bool? {
    guard was.members.count == now.members.count, was.percentWeights == now.percentWeights,
      was.weighting == now.weighting
    else { return nil }
    var changed = was.aggregator != now.aggregator || was.coverage != now.coverage
    for (before, after) in zip(was.members, now.members) {
      guard before.node == after.node else { return nil }
      if before.weight.bitPattern != after.weight.bitPattern || before.span != after.span {
        changed = true
      }
    }
    return changed
  }

  /// Whether two lists of adjustments are the same, spans and reasons included.
  private static func sameAdjustments(_ was: [Plan.Adjustment], _ now: [Plan.Adjustment]) -> Bool {
    was.elementsEqual(now) {
      $0.entity == $1.entity && $0.delta.bitPattern == $1.delta.bitPattern
        && $0.because == $1.because && $0.source == $1.source && $0.span == $1.span
    }
  }

  private static func sameSource(_ was: Plan.Indicator.Source, _ now: Plan.Indicator.Source)
    -> Bool
  {
    switch (was, now) {
    case (.formula(let a), .formula(let b)): a == b
    case (.ratings(let a, let p), .ratings(let b, let q)):
      p == q && a.count == b.count && a.allSatisfy { b[$0.key]?.bitPattern == $0.value.bitPattern }
    default: false
    }
  }

  /// Whether two columns hold the same bits (the same storage, as a reused table's do, is
  /// checked first).
  private static func sameBits(_ was: [Double], _ now: [Double]) -> Bool {
    Results.sameStorage(was, now) || was.elementsEqual(now) { $0.bitPattern == $1.bitPattern }
  }
}
