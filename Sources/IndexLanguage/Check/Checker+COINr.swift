import Diagnostics
import ScoringEngine

/// The checks of unit screening and row imputation, which look at the whole tree.
extension Checker {
  /// The plan's screening from the index's `screen:` and each dimension's.
  ///
  /// Nil when nothing declares one. Forced codes go to the data check (E0209 with a did-you-mean); a
  /// code both included and excluded is E0380.
  mutating func screening(of plan: Plan, index: Declaration) -> Screening? {
    var screening = Screening(span: index.property("screen")?.valueSpan)
    var declared = false
    let declarations = [index] + methodology.nodes.filter { $0.kind == .dimension }
    for declaration in declarations {
      guard let property = declaration.property("screen"),
        let node = declaration.kind == .index ? plan.root : plan.nodeIndex(declaration.name)
      else { continue }
      declared = true
      guard
        let value = interpreter.screening(
          property.value, node: node, forced: declaration.kind == .index)
      else { continue }
      if let rule = value.rule { screening.rules.append(rule) }
      let included = Dictionary(value.include.map { ($0.code, $0.span) }) { first, _ in first }
      for (code, span) in value.exclude {
        if let first = included[code] {
          diagnostics.append(Catalog.forcedBothWays(code, span, included: first))
        }
      }
      screening.include += value.include.map(\.code)
      screening.exclude += value.exclude.map(\.code)
      entityReferences += value.include.map { ($0.code, $0.span) }
      entityReferences += value.exclude.map { ($0.code, $0.span) }
    }
    return declared ? screening : nil
  }

  /// Every indicator that imputes by row needs another indicator among its parent's members
  /// (E0381 where its `impute:` is written, or the index's default).
  mutating func checkRowImputations(_ plan: Plan, index: Declaration) {
    for (position, node) in plan.nodes.enumerated() {
      guard case .row = node.indicator?.imputation, plan.rowPeers(of: position).isEmpty,
        let declaration = self.node(named: node.name)
      else { continue }
      // An indicator outside the tree is only read by formulas, which read raw values.
      guard
        let parent = plan.nodes.first(where: {
          $0.aggregate?.members.contains { $0.node == position } ?? false
        })
      else { continue }
      let property = declaration.property("impute") ?? index.property("impute")
      diagnostics.append(
        Catalog.rowImputationAlone(
          node.name, parent: parent.name, property?.valueSpan ?? declaration.nameSpan))
    }
  }
}

extension DataCheck {
  /// W0380: `global` normalization with one scored period pools nothing (a cross-section, or
  /// a panel of which one period is scored).
  static func pooling(plan: Plan, table: DataTable, methodology: Methodology) -> [Diagnostic] {
    let pooled = plan.nodes.filter { $0.indicator?.normalizer.isGlobal ?? false }
    let periods = plan.periods.isEmpty ? table.periods : plan.periods
    guard let first = pooled.first, periods.count == 1 else { return [] }
    // Point at the `normalize:` that says `global`: the indicator's own, or the index's.
    let declaration = methodology.nodes.first { $0.name == first.name }
    let written = declaration?.property("normalize") ?? methodology.index?.property("normalize")
    return [
      Catalog.pooledSinglePeriod(
        pooled.map(\.name), period: table.hasPeriods ? periods.first : nil,
        dataPeriods: table.periods.count, written?.valueSpan ?? first.span)
    ]
  }
}
