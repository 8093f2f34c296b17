import Diagnostics
import ScoringEngine

/// One source per property of the block: what it varies, or why it varies nothing.
extension UncertaintyCheck {
  /// A whole-index assumption: it reaches the nodes that take the index's default.
  mutating func wholeIndexSource(_ property: Declaration.Property) -> UncertaintyModel.Source? {
    let name = property.name
    let nameOne = "vary one node with a line of its own, e.g. `NODE.\(name): …`"
    switch name {
    case "weights":
      guard let spread = spread(property) else { return nil }
      var spreads: [UncertaintyModel.WeightSpread] = []
      for parent in aggregates {
        let members = plan.nodes[parent].aggregate?.members ?? []
        guard members.count > 1 else { continue }
        for (position, member) in members.enumerated()
        where nodeLines[member.node]?["weight"] == nil {
          spreads.append(.init(parent: parent, member: position, spread: spread))
        }
      }
      guard !spreads.isEmpty else {
        return nothing(
          property, "no group of the index has two members whose weights it could move",
          help: "perturb weights only where a group has several members")
      }
      return source(property, .weights(spreads))
    case "normalize", "impute", "treat":
      let nodes = dataIndicators.filter { !setsItself($0, name) && nodeLines[$0]?[name] == nil }
      let also = name == "treat" ? " or `transform`" : ""
      var reason = "every indicator sets its own `\(name)`\(also) (or has a line here)"
      if name == "normalize" {
        reason += ", so the index's default reaches none; soft indicators never take it"
      }
      return methods(property, name, nodes: nodes, reason: reason, help: nameOne)
    case "aggregate":
      let nodes = aggregates.filter { !setsItself($0, name) && nodeLines[$0]?[name] == nil }
      return methods(
        property, name, nodes: nodes,
        reason: "every dimension sets its own `aggregate` and the index has a line here",
        help: nameOne)
    case "ratings":
      guard let shape = ratingShape(property) else { return nil }
      guard !rangedSoftIndicators.isEmpty else {
        return nothing(
          property, "no soft indicator of the index has ratings with a range",
          help: "give ratings a range (`US 4.6 range 4.2..5.0`) or a scale, or remove this line")
      }
      let nodes = rangedSoftIndicators.filter { nodeLines[$0]?["ratings"] == nil }
      guard let shape, !nodes.isEmpty else { return nil }
      return source(property, .ratings(nodes: nodes, shape: shape))
    case "noise":
      guard let noise = noise(property) else { return nil }
      let nodes = dataIndicators.filter { nodeLines[$0]?["noise"] == nil }
      guard !nodes.isEmpty else {
        return nothing(property, "every indicator has a `noise` line of its own", help: nameOne)
      }
      return source(property, .noise(nodes: nodes, noise))
    case "exclude":
      return exclusion(property).map { source(property, .exclusion($0)) }
    default:
      return nil  // the resolver already reported an unknown property
    }
  }

  /// A node line: it applies to that node, whatever the node sets itself.
  mutating func nodeSource(_ property: Declaration.Property, node: Int, what: String)
    -> UncertaintyModel.Source?
  {
    let name = plan.nodes[node].name
    let indicator = plan.nodes[node].indicator
    var isData = false
    if case .formula? = indicator?.source { isData = true }
    if what != "noise" && !inTree.contains(node) {
      return nothing(
        property, "`\(name)` is not part of the index (only formulas read it)",
        help: "vary a node of the tree")
    }
    switch what {
    case "weight":
      guard let place = parents[node], inTree.contains(place.parent) else {
        return nothing(
          property, "`\(name)` is the index: it has no weight",
          help: "perturb the weights of its members, e.g. `weights: ±20%`")
      }
      guard (plan.nodes[place.parent].aggregate?.members.count ?? 0) > 1 else {
        return nothing(
          property,
          "`\(name)` is the only member of `\(plan.nodes[place.parent].name)`: its weight is "
            + "always all of the group", help: "perturb a weight in a group with several members")
      }
      guard let spread = spread(property) else { return nil }
      return source(
        property, .weights([.init(parent: place.parent, member: place.member, spread: spread)]))
    case "normalize":
      guard indicator != nil else { return notA(property, name, "an indicator", "normalized") }
      return methods(property, what, nodes: [node], reason: "", help: "")
    case "aggregate":
      guard indicator == nil else { return notA(property, name, "a dimension", "aggregated") }
      return methods(property, what, nodes: [node], reason: "", help: "")
    case "impute", "treat":
      guard isData else {
        return notA(
          property, name, "an indicator with data", what == "impute" ? "imputed" : "treated")
      }
      return methods(property, what, nodes: [node], reason: "", help: "")
    case "ratings":
      guard !(indicator?.ratingRanges.isEmpty ?? true) else {
        return nothing(
          property,
          indicator == nil || isData
            ? "`\(name)` is not a soft indicator" : "no rating of `\(name)` has a range",
          help: "sample the ratings of a soft indicator whose ratings have ranges")
      }
      guard let shape = ratingShape(property), let shape else { return nil }
      return source(property, .ratings(nodes: [node], shape: shape))
    case "noise":
      guard isData else { return notA(property, name, "an indicator with data", "perturbed") }
      return noise(property).map { source(property, .noise(nodes: [node], $0)) }
    default:
      return nil
    }
  }

  /// A `one of` line of methods (`normalize`, `aggregate`, `impute`, `treat`) for `nodes`,
  /// each alternative read by the interpreter; E0361 with `reason` when `nodes` is empty.
  private mutating func methods(
    _ property: Declaration.Property, _ what: String, nodes: [Int], reason: String, help: String
  ) -> UncertaintyModel.Source? {
    let kind: UncertaintyModel.Kind?
    switch what {
    case "normalize":
      kind = alternatives(property, example: "minmax, zscore") { $0.interpreter.normalizer($1) }
        .map { .normalizer(nodes: nodes, $0) }
    case "aggregate":
      kind = alternatives(property, example: "arithmetic, geometric") {
        $0.interpreter.aggregator($1)
      }.map { .aggregator(nodes: nodes, $0) }
    case "impute":
      kind = alternatives(property, example: "none, mean") { $0.interpreter.imputation($1) }
        .map { .imputation(nodes: nodes, $0) }
    default:
      kind = alternatives(property, example: "none, winsorize") { $0.interpreter.treatment($1) }
        .map { .treatment(nodes: nodes, $0) }
    }
    guard let kind else { return nil }
    guard !nodes.isEmpty else { return nothing(property, reason, help: help) }
    return source(property, kind)
  }

  /// The source of a property, summarised as written.
  private func source(_ property: Declaration.Property, _ kind: UncertaintyModel.Kind)
    -> UncertaintyModel.Source
  {
    let words = property.valueSpan.text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    return .init(
      name: property.name, summary: words.joined(separator: " "), span: property.nameSpan,
      kind: kind)
  }

  private mutating func nothing(_ property: Declaration.Property, _ reason: String, help: String)
    -> UncertaintyModel.Source?
  {
    problems.append(
      Catalog.appliesToNothing(property.name, property.nameSpan, reason: reason, help: help))
    return nil
  }

  /// E0361 for a node line on a node of the wrong kind: "`papers` is an indicator: only a
  /// dimension is aggregated".
  private mutating func notA(
    _ property: Declaration.Property, _ name: String, _ kind: String, _ verb: String
  ) -> UncertaintyModel.Source? {
    let node = plan.nodeIndex(name).map { plan.nodes[$0] }
    var what = "a dimension"
    if node.map({ $0.name == plan.nodes[plan.root].name }) == true {
      what = "the index"
    } else if let indicator = node?.indicator {
      if case .ratings = indicator.source {
        what = "a soft indicator"
      } else {
        what = "an indicator"
      }
    }
    return nothing(
      property, "`\(name)` is \(what): only \(kind) is \(verb)",
      help: "vary a property that `\(name)` has")
  }
}
