import Diagnostics
import IndexLanguage
import ScoringEngine

/// One methodology flattened into facts, which the structure diff compares.
///
/// A fact is a path (`patents.normalize`), the value's canonical text, and where it is written.
///
/// Facts come from the resolved plan (what the engine will do), so two files that differ only
/// in layout, comments or declaration order give the same facts; the methodology, when given,
/// adds what the plan does not keep (kinds, versions, data sources, scales) and the spans of
/// the properties that supplied each value (a node's own, or the index's default). With the
/// run and its compared period, weights that come from the data (`weights: pca`,
/// `equal_influence`, benefit of the doubt's per-entity weights) are the ones the run applied,
/// marked derived: they follow from the data, not from a declaration.
struct StructureFacts {
  struct Fact {
    var path: String
    /// The declaration the fact belongs to (`index` for the index).
    var owner: String
    var value: String
    var span: Span?
    /// Follows from other facts (effective weights): shown, not counted.
    var derived = false
  }

  /// A declaration: its key, its kind, and where it is declared.
  struct Owner {
    var key: String
    var kind: String
    var span: Span?
  }

  var owners: [Owner] = []
  var facts: [Fact] = []
  let methodology: Methodology?
  private let declarations: [String: Declaration]
  /// The run of the plan and its compared period, when known.
  private let run: (results: Results, period: Int)?

  init(plan: Plan, methodology: Methodology?, run: ResultsDiff.Side? = nil) {
    self.methodology = methodology
    self.run = run.flatMap { side in
      side.results.periodIndex(side.period).map { (side.results, $0) }
    }
    var declarations: [String: Declaration] = [:]
    for declaration in methodology.map({ $0.nodes + $0.data + $0.scales }) ?? [] {
      declarations[declaration.name] = declaration
    }
    self.declarations = declarations
    addIndex(plan)
    addNodes(plan)
    if let methodology { addDeclarations(methodology) }
  }

  private mutating func fact(_ owner: String, _ name: String?, _ value: String, _ span: Span?) {
    facts.append(
      Fact(path: name.map { owner + "." + $0 } ?? owner, owner: owner, value: value, span: span))
  }

  /// Where a property of a node is written: its own, or the index's default.
  private func written(_ node: String, _ property: String, inherits: Bool) -> Span? {
    if let own = declarations[node]?.property(property) { return own.valueSpan }
    guard inherits else { return nil }
    return methodology?.index?.property(property)?.valueSpan
  }

  private mutating func addIndex(_ plan: Plan) {
    let index = methodology?.index
    owners.append(
      Owner(key: "index", kind: "index", span: index?.nameSpan ?? plan.nodes[plan.root].span))
    fact("index", "name", plan.name, index?.nameSpan ?? plan.nodes[plan.root].span)
    if let label = plan.label { fact("index", "label", quoted(label), index?.nameSpan) }
    if let version = index?.property("version") {
      fact("index", "version", version.valueSpan.text, version.valueSpan)
    }
    fact("index", "period", MethodText.periods(plan.periods), index?.property("period")?.valueSpan)
    fact("index", "scale", MethodText.scaling(plan.scaling), index?.property("scale")?.valueSpan)
    if plan.screening != nil {
      fact(
        "index", "screen", MethodText.screening(plan.screening, in: plan),
        index?.property("screen")?.valueSpan)
    }
  }

  /// Every node of the tree, parents first, with its membership, weights and methods.
  private mutating func addNodes(_ plan: Plan) {
    var parents: [Int: (parent: Int, member: Plan.Member, share: Double)] = [:]
    var effective: [Int: Double] = [plan.root: 1]
    let applied = run.map { $0.results.effectiveWeights(period: $0.period) }
    var stack = [plan.root]
    var visited = Set<Int>()
    while let n = stack.popLast() {
      guard visited.insert(n).inserted, plan.nodes.indices.contains(n) else { continue }
      let node = plan.nodes[n]
      let key = n == plan.root ? "index" : node.name
      if n != plan.root {
        let kind = declarations[node.name]?.kind.rawValue ?? defaultKind(node)
        owners.append(Owner(key: key, kind: kind, span: node.span))
        fact(key, nil, kind, node.span)
        if let label = node.label { fact(key, "label", quoted(label), node.span) }
        if let (parent, member, share) = parents[n] {
          let parentName = parent == plan.root ? "index" : plan.nodes[parent].name
          fact(key, "parent", parentName, member.span)
          if let derived = derivedShare(plan, parent: parent, member: n, share: share) {
            facts.append(
              Fact(
                path: key + ".weight", owner: key, value: derived, span: member.span,
                derived: true))
          } else {
            fact(key, "weight", MethodText.percent(share), member.span)
          }
          let share = applied.map { $0[n] } ?? effective[n] ?? 0
          var weight = Fact(
            path: key + ".effective_weight", owner: key, value: MethodText.percent(share),
            span: member.span)
          weight.derived = true
          facts.append(weight)
        }
      }
      switch node.kind {
      case .indicator(let indicator): addIndicator(key, indicator)
      case .aggregate(let aggregate):
        fact(
          key, "aggregate", MethodText.aggregator(aggregate.aggregator),
          written(node.name, "aggregate", inherits: true))
        fact(
          key, "coverage", aggregate.coverage.map(MethodText.percent) ?? "none",
          written(node.name, "coverage", inherits: true))
        if let source = Self.derivation(aggregate), source != .benefitOfDoubt {
          fact(key, "weights", source.rawValue, written(node.name, "weights", inherits: true))
        }
        let total = aggregate.members.reduce(0) { $0 + Swift.max(0, $1.weight) }
        var children: [Int] = []
        for member in aggregate.members where plan.nodes.indices.contains(member.node) {
          let share = total > 0 ? Swift.max(0, member.weight) / total : 0
          parents[member.node] = (n, member, share)
          effective[member.node] = (effective[n] ?? 0) * share
          children.append(member.node)
        }
        stack += children.reversed()
      }
      addAdjustments(key, node)
    }
  }

  /// Where an aggregate's weights come from, when not from its member list.
  static func derivation(_ aggregate: Plan.Aggregate) -> DerivedWeights.Source? {
    if case .benefitOfDoubt = aggregate.aggregator { return .benefitOfDoubt }
    guard aggregate.weighting.isDerived, !aggregate.aggregator.setsItsOwnWeights else { return nil }
    return aggregate.weighting == .principalComponent ? .principalComponent : .equalInfluence
  }

  /// The text of a member's share when its parent's weights come from the data.
  ///
  /// With a run, the share it applied in the compared period (`derived (pca) 31.2%`; for
  /// benefit of the doubt, whose weights are per entity, the member's mean share of the
  /// entities' scores); without one, the method alone. Nil for declared weights.
  private func derivedShare(_ plan: Plan, parent: Int, member node: Int, share: Double)
    -> String?
  {
    guard let aggregate = plan.nodes[parent].aggregate, let source = Self.derivation(aggregate)
    else { return nil }
    let method = source == .benefitOfDoubt ? "benefit_of_doubt, mean" : source.rawValue
    guard let run, let position = aggregate.members.lastIndex(where: { $0.node == node }) else {
      return "derived (\(method))"
    }
    let weights = run.results.memberWeights(ofNode: parent, period: run.period)
    let value = position < weights.count ? weights[position] : 0
    let record = run.results.nodes[parent].derivedWeights
    if source != .benefitOfDoubt,
      record.map({ run.period >= $0.byPeriod.count || $0.byPeriod[run.period] == nil }) ?? true
    {
      return "declared \(MethodText.percent(share)) (\(method) not derived)"
    }
    return "derived (\(method)) \(MethodText.percent(value))"
  }

  private mutating func addIndicator(_ key: String, _ indicator: Plan.Indicator) {
    switch indicator.source {
    case .formula(let formula):
      fact(key, "value", MethodText.formula(formula), written(key, "value", inherits: false))
    case .ratings(let ratings, let periods):
      let spans = ratingSpans(key)
      for code in ratings.keys.sorted() {
        var text = MethodText.number(ratings[code] ?? .nan)
        if let range = indicator.ratingRanges[code] {
          text +=
            " range " + MethodText.number(range.lowerBound) + ".."
            + MethodText.number(range.upperBound)
        }
        fact(key, "ratings." + code, text, spans[code] ?? declarations[key]?.nameSpan)
      }
      if let periods {
        fact(key, "periods", MethodText.periods(periods), written(key, "periods", inherits: false))
      }
    }
    fact(key, "direction", indicator.direction.rawValue, written(key, "direction", inherits: false))
    fact(
      key, "impute", MethodText.imputation(indicator.imputation),
      written(key, "impute", inherits: true))
    fact(
      key, "treat", MethodText.treatment(indicator.treatment),
      written(key, "transform", inherits: false) ?? written(key, "treat", inherits: true))
    fact(
      key, "normalize", MethodText.normalizer(indicator.normalizer),
      written(key, "normalize", inherits: true))
  }

  private func ratingSpans(_ key: String) -> [String: Span] {
    var spans: [String: Span] = [:]
    for located in declarations[key]?.ratings ?? [] {
      spans[located.value.entity.text] = located.span(located.value.range)
    }
    return spans
  }

  /// One fact per adjusted entity: the deltas and reasons, in the order written.
  private mutating func addAdjustments(_ key: String, _ node: Plan.Node) {
    var byEntity: [String: [Plan.Adjustment]] = [:]
    for adjustment in node.adjustments {
      byEntity[adjustment.entity, default: []].append(adjustment)
    }
    for code in byEntity.keys.sorted() {
      let list = byEntity[code] ?? []
      let text = list.map {
        (($0.delta >= 0 ? "+" : "") + MethodText.number($0.delta)) + " because "
          + quoted($0.because)
      }
      fact(key, "adjust." + code, text.joined(separator: "; "), list.first?.span)
    }
  }

  private func defaultKind(_ node: Plan.Node) -> String {
    switch node.kind {
    case .aggregate: return "dimension"
    case .indicator(let indicator):
      if case .ratings = indicator.source { return "soft" }
      return "indicator"
    }
  }

  func quoted(_ text: String) -> String {
    "\"" + text + "\""
  }
}
