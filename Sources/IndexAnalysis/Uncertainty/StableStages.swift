import ScoringEngine

/// The indicator stages no draw can change, computed once before the draws.
///
/// An indicator whose formula, imputation, treatment and ratings no source varies, whose
/// formula reads no indicator that a source varies, and whose raw value no other formula
/// reads, enters normalization with the same values in every draw. Its treated values (after formula, adjustments, imputation and treatment) of the
/// analysed period go into a column of the table (`~stable.NODE`), and the plan reads that
/// column as it is (no imputation, no treatment, no adjustment: they are in the column
/// already). Normalization, aggregation and scaling still run in every draw, on the same
/// numbers, so a draw's result is bit for bit what the full pipeline gives; only the work
/// that could not differ is skipped.
enum StableStages {
  /// The column that carries an indicator's stable values.
  static func column(_ node: String) -> String { "~stable." + node }

  /// `plan` (already restricted to the analysed period) and `table` with every stable
  /// indicator read from its column.
  static func prepare(_ plan: Plan, table: DataTable, model: UncertaintyModel) -> (Plan, DataTable)
  {
    guard plan.periods.count == 1, let p = table.periodIndex(plan.periods[0]) else {
      return (plan, table)
    }
    var varied = Set<Int>()
    for source in model.sources {
      switch source.kind {
      case .imputation(let nodes, _), .treatment(let nodes, _), .ratings(let nodes, _),
        .noise(let nodes, _):
        varied.formUnion(nodes)
      case .weights, .normalizer, .aggregator, .exclusion:
        break
      }
    }
    // A formula that reads a varied indicator varies with it, and so on up the readers.
    var read = Set<String>()
    var readers: [String: [Int]] = [:]
    for (index, node) in plan.nodes.enumerated() {
      if case .formula(let formula)? = node.indicator?.source {
        read.formUnion(formula.indicators)
        for name in formula.indicators { readers[name, default: []].append(index) }
      }
    }
    var pending = Array(varied)
    while let next = pending.popLast() {
      for reader in readers[plan.nodes[next].name] ?? [] where varied.insert(reader).inserted {
        pending.append(reader)
      }
    }
    let stable = plan.nodes.indices.filter { index in
      plan.nodes[index].indicator != nil && !varied.contains(index)
        && !read.contains(plan.nodes[index].name)
    }
    guard !stable.isEmpty, !plan.imputesByRow else { return (plan, table) }
    let nominal = ScoringEngine.run(plan, on: table)
    guard !nominal.diagnostics.hasErrors, nominal.periods.count == 1 else { return (plan, table) }
    var prepared = plan
    var extended = table
    let count = table.entities.count
    for index in stable {
      let treated = nominal.nodes[index].treated
      guard treated.count == count, case .indicator(var indicator) = plan.nodes[index].kind
      else { continue }
      var values = [Double](repeating: .nan, count: count * table.periods.count)
      values.replaceSubrange((p * count)..<((p + 1) * count), with: treated)
      let name = column(plan.nodes[index].name)
      extended.append(variable: name, values: values)
      indicator.source = .formula(.variable(name))
      indicator.imputation = .none
      indicator.treatment = .none
      prepared.nodes[index].kind = .indicator(indicator)
      prepared.nodes[index].adjustments = []
    }
    return (prepared, extended)
  }
}
