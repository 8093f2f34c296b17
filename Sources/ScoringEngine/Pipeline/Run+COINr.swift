import Diagnostics

/// The pipeline's hooks for three COINr stages, kept out of `Run.swift`: unit screening
/// before everything, row imputation inside imputation, and normalization pooled over the
/// scored periods (each stage's arithmetic is in `Stages/`).

/// The entities `plan.screening` keeps, as a table (`table` itself when it screens nothing).
///
/// Screening works on the indicators' raw values, so it derives them first (on every entity),
/// then removes the dropped entities from the table: every later stage, cross-entity formulas
/// included, sees only the entities scored, as COINr's pipeline after `Screen()` does. A table
/// screened before is screened again from its original rows.
func screenedTable(_ plan: Plan, _ table: DataTable) -> DataTable {
  let original = table.screen?.original.table ?? table
  guard let screening = plan.screening, !screening.isEmpty,
    !plan.validate(against: original).hasErrors,
    case .success(let order) = plan.indicatorOrder()
  else { return original }
  var runner = Runner(plan: plan, table: original)
  var computed: [String: [Double]] = [:]
  for index in order where plan.nodes[index].indicator != nil {
    runner.deriveRawValue(index, computed: &computed)
  }
  let rules = screening.rules.map { rule in
    ScreenColumns(
      rule: rule, node: plan.nodes.indices.contains(rule.node) ? plan.nodes[rule.node].name : "?",
      columns: plan.indicators(under: rule.node).map { runner.scoredValues(runner.fullRaw[$0]) })
  }
  let codes = original.entities.map(\.code)
  let reasons = screenEntities(
    rules, entityCount: codes.count, codes: codes, include: Set(screening.include),
    exclude: Set(screening.exclude))
  guard !reasons.isEmpty else { return original }
  let dropped = original.entities.indices.compactMap { e in
    reasons[e].map {
      ScreenedEntity(code: original.entities[e].code, name: original.entities[e].name, reason: $0)
    }
  }
  let kept = original.entities.indices.filter { reasons[$0] == nil }
  let span = screening.rules.first?.span ?? screening.span
  var diagnostics = [EngineMessages.screenedOut(dropped, of: codes.count, span: span)]
  if kept.isEmpty { diagnostics.append(EngineMessages.nothingLeft(codes.count, span: span)) }
  var screened = original.keeping(kept)
  screened.screen = ScreenRecord(
    dropped: dropped, diagnostics: diagnostics, original: .init(original))
  return screened
}

/// The plan's screening done once, for analyses that score many variants of one plan (the
/// uncertainty draws): the entities it keeps as a plain table, the plan without screening.
///
/// Running the returned plan on the returned table scores what `run(plan, on: table)` scores;
/// the table can then be extended like any other (new columns), which a screened table, whose
/// next screening starts again from its original rows, cannot.
public func screenOnce(_ plan: Plan, on table: DataTable) -> (plan: Plan, table: DataTable) {
  guard plan.screening != nil else { return (plan, table) }
  var screened = screenedTable(plan, table)
  guard screened.screen?.diagnostics.hasErrors != true else { return (plan, table) }
  screened.screen = nil
  var unscreened = plan
  unscreened.screening = nil
  return (unscreened, screened)
}

extension Plan {
  /// The indicators at or below `node` in the tree, in pre-order (an explicit stack).
  func indicators(under node: Int) -> [Int] {
    var found: [Int] = []
    var stack = [node]
    var seen = Set<Int>()
    while let next = stack.popLast() {
      guard nodes.indices.contains(next), seen.insert(next).inserted else { continue }
      if nodes[next].indicator != nil { found.append(next) }
      stack += (nodes[next].aggregate?.members.map(\.node) ?? []).reversed()
    }
    return found
  }
}

extension DataTable {
  /// The table with only the entities at `kept` (ascending positions), every period.
  func keeping(_ kept: [Int]) -> DataTable {
    let n = entities.count
    let columns = self.columns.map { column in
      var out: [Double] = []
      out.reserveCapacity(kept.count * periods.count)
      for p in periods.indices { out += kept.map { column[p * n + $0] } }
      return out
    }
    var table = DataTable(
      entities: kept.map { entities[$0] }, periods: periods, variables: variables,
      columns: columns)
    table.hasPeriods = hasPeriods
    return table
  }
}

extension Runner {
  /// The cells of the scored periods of an all-periods array (empty stays empty).
  func scoredValues(_ full: [Double]?) -> [Double] {
    guard let full, !full.isEmpty else { return [] }
    var out: [Double] = []
    out.reserveCapacity(scored.count * count)
    for period in scored {
      guard let p = table.periodIndex(period), (p + 1) * count <= full.count else { continue }
      out += full[(p * count)..<((p + 1) * count)]
    }
    return out
  }

  /// The raw values (after their adjustments) of a row imputation's peers, over the scored
  /// periods, with their directions; empty unless `index` imputes by row.
  func rowPeerValues(of index: Int) -> [(values: [Double], direction: Direction)] {
    guard case .row = plan.nodes[index].indicator?.imputation else { return [] }
    return plan.rowPeers(of: index).compactMap { peer in
      guard let indicator = plan.nodes[peer].indicator else { return nil }
      var values = scoredValues(fullRaw[peer])
      for adjustment in plan.nodes[peer].adjustments {
        guard let e = table.entityIndex(adjustment.entity) else { continue }
        var cell = e
        while cell < values.count {
          if !values[cell].isNaN { values[cell] += adjustment.delta }
          cell += count
        }
      }
      return (values, indicator.direction)
    }
  }

  /// Row imputation of one scored period `p` of indicator `index`.
  func imputeByRow(
    _ x: [Double], period p: Int, index: Int,
    peers: [(values: [Double], direction: Direction)]
  ) -> ImputeOutcome {
    guard let indicator = plan.nodes[index].indicator,
      case .row(let statistic, let normalizeFirst) = indicator.imputation
    else { return impute(x, with: .none) }
    let cells = (p * count)..<((p + 1) * count)
    let rows = peers.map { peer in
      RowPeer(
        values: peer.values.count >= cells.upperBound ? Array(peer.values[cells]) : [],
        direction: peer.direction)
    }
    return ScoringEngine.imputeByRow(
      x, direction: indicator.direction, peers: rows, statistic: statistic,
      normalizeFirst: normalizeFirst)
  }

  /// A `global` normalizer over the scored periods' values at once; a problem is reported in
  /// every scored period, since the pooled values all share it.
  mutating func normalizeGlobally(_ values: [Double], index: Int) -> [Double] {
    let node = plan.nodes[index]
    guard let indicator = node.indicator else { return values }
    let outcome = normalizeAcrossPeriods(
      values, entityCount: count, direction: indicator.direction, with: indicator.normalizer,
      entityCodes: entityCodes)
    if let problem = outcome.problem {
      for period in scored {
        report(problem, indicator: node.name, period: period, span: node.span)
      }
    }
    return outcome.values
  }
}

extension Plan {
  /// Whether a rescoring must run in full because a stage reads other indicators' values.
  ///
  /// Screening reads every raw value, a row imputation its peers' raw values and
  /// adjustments. `raw` and `indicators` are the changed nodes.
  func rescoringNeedsFullRun(
    comparedTo old: Plan, raw: [Int], indicators: [Int], variables: [String]
  ) -> Bool {
    if screening != old.screening { return true }
    if let screening, !screening.isEmpty, !raw.isEmpty || !variables.isEmpty { return true }
    let changed = Set(raw + indicators)
    guard !changed.isEmpty else { return false }
    for (index, node) in nodes.enumerated() {
      guard case .row = node.indicator?.imputation else { continue }
      if rowPeers(of: index).contains(where: changed.contains) { return true }
    }
    return false
  }
}
