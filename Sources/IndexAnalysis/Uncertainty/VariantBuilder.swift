import ScoringEngine

/// One draw's methodology: the checked plan and the loaded data, with the draw's choices
/// applied to copies (the nominal ones are never re-read or re-checked).
struct Variant: Sendable {
  var plan: Plan
  var table: DataTable
  /// What differs from the nominal plan, so that a scorer can rerun only what depends on it.
  var changes = Changes()

  /// The nodes a draw touched, by the first pipeline stage that must rerun for them, in the
  /// order touched (a node may appear more than once: a set costs more than the draw).
  struct Changes: Sendable, Equatable {
    /// Indicators whose raw values, imputation, treatment or normalization changed.
    var indicators: [Int] = []
    /// Aggregates whose members, weights or aggregator changed.
    var aggregates: [Int] = []
  }
}

/// Builds a draw's variant of the plan from what each source drew.
///
/// Weights are multiplied by their factors and each group they touched is rescaled to its
/// nominal total (so a percentage group still totals 100%); then a left-out member is removed
/// and its siblings rescaled the same way. Data noise goes into an extra column of a copy of
/// the table (`~noise.NODE`) that the indicator's formula multiplies or adds, so every period
/// and every formula that reads the indicator sees the same perturbed value.
struct VariantBuilder: Sendable {
  let nominal: Plan
  let table: DataTable
  let model: UncertaintyModel
  /// Each aggregate's nominal total weight.
  private let totals: [Int: Double]
  /// Each member node's parent.
  private let parents: [Int: Int]

  init(nominal: Plan, table: DataTable, model: UncertaintyModel) {
    self.nominal = Self.lean(nominal)
    self.table = table
    self.model = model
    var totals: [Int: Double] = [:]
    var parents: [Int: Int] = [:]
    for (index, node) in nominal.nodes.enumerated() {
      guard let aggregate = node.aggregate else { continue }
      totals[index] = aggregate.members.reduce(0) { $0 + $1.weight }
      for member in aggregate.members where parents[member.node] == nil {
        parents[member.node] = index
      }
    }
    self.totals = totals
    self.parents = parents
  }

  /// The plan without what only reports read (doc comments, labels, provenance, spans): every
  /// draw copies the plan's nodes, and each of those is a reference to count.
  static func lean(_ plan: Plan) -> Plan {
    var lean = plan
    for index in lean.nodes.indices {
      lean.nodes[index].doc = nil
      lean.nodes[index].label = nil
      lean.nodes[index].origin = nil
      lean.nodes[index].span = nil
      if case .aggregate(var aggregate) = lean.nodes[index].kind {
        for member in aggregate.members.indices { aggregate.members[member].span = nil }
        lean.nodes[index].kind = .aggregate(aggregate)
      }
    }
    return lean
  }

  /// The name of the column that carries an indicator's noise.
  static func noiseColumn(_ node: String) -> String { "~noise." + node }

  /// The variant for one draw: `draws[s]` is what source `s` drew.
  func variant(_ draws: [SourceDraw]) -> Variant {
    var variant = Variant(plan: nominal, table: table)
    var reweighted = [Bool](repeating: false, count: nominal.nodes.count)
    var excluded: Int?
    for (source, draw) in zip(model.sources, draws) {
      switch (source.kind, draw) {
      case (.weights(let spreads), .weights(let factors)):
        for (spread, factor) in zip(spreads, factors) {
          updateAggregate(&variant, spread.parent) { $0.members[spread.member].weight *= factor }
          reweighted[spread.parent] = true
        }
      case (.normalizer(let nodes, let choices), .choice(let choice)):
        for node in nodes {
          let value = choices.values[choice]
          guard variant.plan.nodes[node].indicator?.normalizer != value else { continue }
          updateIndicator(&variant, node) { $0.normalizer = value }
        }
      case (.aggregator(let nodes, let choices), .choice(let choice)):
        for node in nodes {
          let value = choices.values[choice]
          guard variant.plan.nodes[node].aggregate?.aggregator != value else { continue }
          updateAggregate(&variant, node) { $0.aggregator = value }
        }
      case (.imputation(let nodes, let choices), .choice(let choice)):
        for node in nodes {
          let value = choices.values[choice]
          guard variant.plan.nodes[node].indicator?.imputation != value else { continue }
          updateIndicator(&variant, node) { $0.imputation = value }
        }
      case (.treatment(let nodes, let choices), .choice(let choice)):
        for node in nodes {
          let value = choices.values[choice]
          guard variant.plan.nodes[node].indicator?.treatment != value else { continue }
          updateIndicator(&variant, node) { $0.treatment = value }
        }
      case (.ratings(let nodes, _), .ratings(let drawn)):
        for (node, ratings) in zip(nodes, drawn) {
          updateIndicator(&variant, node) { indicator in
            if case .ratings(_, let periods) = indicator.source {
              indicator.source = .ratings(ratings, periods: periods)
            }
          }
        }
      case (.noise(let nodes, let noise), .noise(let columns)):
        for (node, column) in zip(nodes, columns) {
          addNoise(&variant, node, column, factor: noise.isFactor)
        }
      case (.exclusion(let choices), .choice(let choice)):
        excluded = choices.values[choice]
      default:
        break
      }
    }
    for parent in reweighted.indices where reweighted[parent] { rescale(&variant, parent) }
    if let excluded { exclude(&variant, excluded) }
    return variant
  }

  private func updateIndicator(
    _ variant: inout Variant, _ node: Int, _ body: (inout Plan.Indicator) -> Void
  ) {
    guard case .indicator(var indicator) = variant.plan.nodes[node].kind else { return }
    body(&indicator)
    variant.plan.nodes[node].kind = .indicator(indicator)
    variant.changes.indicators.append(node)
  }

  private func updateAggregate(
    _ variant: inout Variant, _ node: Int, _ body: (inout Plan.Aggregate) -> Void
  ) {
    guard case .aggregate(var aggregate) = variant.plan.nodes[node].kind else { return }
    body(&aggregate)
    variant.plan.nodes[node].kind = .aggregate(aggregate)
    variant.changes.aggregates.append(node)
  }

  /// Rescales a group's weights to its nominal total.
  private func rescale(_ variant: inout Variant, _ parent: Int) {
    guard let target = totals[parent] else { return }
    updateAggregate(&variant, parent) { aggregate in
      let total = aggregate.members.reduce(0) { $0 + $1.weight }
      guard total > 0 else { return }
      for i in aggregate.members.indices { aggregate.members[i].weight *= target / total }
    }
  }

  /// Leaves a member out: removes it from its group, rescales the siblings, and keeps the
  /// engine from calling the nodes below it unused (a formula may still read them).
  private func exclude(_ variant: inout Variant, _ node: Int) {
    guard let parent = parents[node] else { return }
    updateAggregate(&variant, parent) { $0.members.removeAll { $0.node == node } }
    rescale(&variant, parent)
    var stack = [node]
    var seen = Set<Int>()
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      variant.plan.nodes[next].isLibrary = true
      stack += variant.plan.nodes[next].aggregate?.members.map(\.node) ?? []
    }
  }

  /// Multiplies (or shifts) an indicator's raw values by a column of noise.
  private func addNoise(_ variant: inout Variant, _ node: Int, _ column: [Double], factor: Bool) {
    let name = Self.noiseColumn(nominal.nodes[node].name)
    variant.table.append(variable: name, values: column)
    updateIndicator(&variant, node) { indicator in
      guard case .formula(let formula) = indicator.source else { return }
      indicator.source = .formula(
        .binary(factor ? .multiply : .add, formula, .variable(name)))
    }
  }
}
