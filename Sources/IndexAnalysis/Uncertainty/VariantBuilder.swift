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
/// The draw's weights come from `DrawnWeights` (factors, then each touched group rescaled to
/// its nominal total, then a left-out member dropped and its siblings rescaled); a left-out
/// member's subtree is marked as a library, so the engine does not call it unused (a formula
/// may still read it). Data noise goes into an extra column of a copy of the table
/// (`~noise.NODE`) that the indicator's formula multiplies or adds, so every period and every
/// formula that reads the indicator sees the same perturbed value.
struct VariantBuilder: Sendable {
  let nominal: Plan
  let table: DataTable
  let model: UncertaintyModel
  /// The weight arithmetic, shared with the draws scored without a plan.
  let weights: DrawnWeights

  init(nominal: Plan, table: DataTable, model: UncertaintyModel) {
    self.nominal = Self.lean(nominal)
    self.table = table
    self.model = model
    weights = DrawnWeights(nominal)
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
    var drawn = weights.nominal
    var touched = [Bool](repeating: false, count: nominal.nodes.count)
    var excluded: Int?
    for (source, draw) in zip(model.sources, draws) {
      switch (source.kind, draw) {
      case (.weights(let spreads), .weights(let factors)):
        weights.multiply(&drawn, spreads: spreads, factors: factors, touched: &touched)
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
    finish(&variant, drawn: &drawn, touched: &touched, excluding: excluded)
    return variant
  }

  /// The variant that only leaves `node` out (nominal weights rescaled): its plan is that of
  /// every draw that leaves `node` out, but for weights, normalizers and aggregators.
  func variant(excluding node: Int) -> Variant {
    var variant = Variant(plan: nominal, table: table)
    var drawn = weights.nominal
    var touched = [Bool](repeating: false, count: nominal.nodes.count)
    finish(&variant, drawn: &drawn, touched: &touched, excluding: node)
    return variant
  }

  /// Rescales the drawn weights (`DrawnWeights.rescale`), writes those of every touched group
  /// into the plan and leaves `excluded` out.
  private func finish(
    _ variant: inout Variant, drawn: inout [Double], touched: inout [Bool], excluding excluded: Int?
  ) {
    let group = weights.rescale(&drawn, touched: &touched, excluding: excluded)
    let left = group == nil ? -1 : excluded ?? -1
    for parent in touched.indices where touched[parent] {
      let range = weights.offsets[parent]..<weights.offsets[parent + 1]
      updateAggregate(&variant, parent) { aggregate in
        aggregate.members = range.compactMap { j in
          let m = j - range.lowerBound
          guard weights.members[j] != left, aggregate.members.indices.contains(m) else {
            return nil
          }
          var member = aggregate.members[m]
          member.weight = drawn[j]
          return member
        }
      }
    }
    if left >= 0 { markLibrary(&variant, below: left) }
  }

  private func updateIndicator(
    _ variant: inout Variant, _ node: Int, _ body: (inout Plan.Indicator) -> Void
  ) {
    guard variant.plan.updateIndicator(node, body) else { return }
    variant.changes.indicators.append(node)
  }

  private func updateAggregate(
    _ variant: inout Variant, _ node: Int, _ body: (inout Plan.Aggregate) -> Void
  ) {
    guard variant.plan.updateAggregate(node, body) else { return }
    variant.changes.aggregates.append(node)
  }

  /// Keeps the engine from calling the nodes below a left-out member unused (a formula may
  /// still read them).
  private func markLibrary(_ variant: inout Variant, below node: Int) {
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
