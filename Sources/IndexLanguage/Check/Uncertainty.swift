import Diagnostics
import ScoringEngine

/// Checks an `uncertainty` block against the plan it varies and builds its typed model.
///
/// Design: every property of the block is one declared assumption (one `Source` of the
/// model), written either for the whole index (`normalize: one of …`) or for one node, as a
/// path (`patents.normalize: one of …`). A whole-index assumption stands in for the index's
/// default, so it applies to the nodes that do not set the property themselves and have no
/// line of their own; a node line applies to that node whatever it sets. Each assumption must
/// vary something: one that names an unknown node, applies to no node, leaves a group empty or
/// offers one alternative is an error where it is written, never a silent skip. The methods
/// in `one of` lists go through the interpreter, so any method the library knows can be an
/// alternative, with the same messages as anywhere else.
struct UncertaintyCheck {
  let methodology: Methodology
  let plan: Plan
  var interpreter = Interpreter()
  var problems: [Diagnostic] = []
  /// For each node in the tree: its parent and its position in the parent's members.
  let parents: [Int: (parent: Int, member: Int)]
  /// Nodes reachable from the root.
  let inTree: Set<Int>
  /// Per-node lines: node → property → the line.
  var nodeLines: [Int: [String: Declaration.Property]] = [:]

  /// The largest number of draws a block may ask for.
  static let maximumDraws = 10_000_000
  /// Properties a node line may vary.
  static let nodeProperties = [
    "weight", "normalize", "aggregate", "impute", "treat", "ratings", "noise",
  ]

  init(methodology: Methodology, plan: Plan) {
    self.methodology = methodology
    self.plan = plan
    var parents: [Int: (Int, Int)] = [:]
    for (index, node) in plan.nodes.enumerated() {
      for (position, member) in (node.aggregate?.members ?? []).enumerated()
      where parents[member.node] == nil {
        parents[member.node] = (index, position)
      }
    }
    self.parents = parents
    var reachable = Set<Int>()
    var stack = plan.nodes.indices.contains(plan.root) ? [plan.root] : []
    while let index = stack.popLast() {
      guard reachable.insert(index).inserted else { continue }
      stack += plan.nodes[index].aggregate?.members.map(\.node) ?? []
    }
    inTree = reachable
  }

  var diagnostics: [Diagnostic] { problems + interpreter.diagnostics }

  /// The model the block declares, or nil when it has errors (the diagnostics say which).
  mutating func check(_ block: Declaration) -> UncertaintyModel? {
    var model = UncertaintyModel(span: block.nameSpan)
    if let draws = block.property("draws") {
      model.draws =
        wholeNumber(draws, limit: Double(Self.maximumDraws), minimum: 2).map {
          Int($0)
        } ?? model.draws
    }
    if let seed = block.property("seed"),
      let value = wholeNumber(seed, limit: 9.007_199_254_740_992e15, minimum: 0)
    {
      model.seed = UInt64(value)
    }
    readNodeLines(block)
    for property in block.properties {
      if let source = source(property) { model.sources.append(source) }
    }
    if block.property("ratings") == nil, let implicit = implicitRatings() {
      model.sources.append(implicit)
    }
    // A misspelt property (reported by the resolver) may have been meant to vary something.
    let hasErrors = diagnostics.hasErrors || block.hasUnknownProperties
    if !hasErrors && model.sources.isEmpty {
      problems.append(Catalog.nothingUncertain(block.nameSpan))
    }
    return hasErrors ? nil : model
  }

  /// `draws` or `seed`: a whole number in a range, else E0360.
  private mutating func wholeNumber(
    _ property: Declaration.Property, limit: Double, minimum: Double
  ) -> Double? {
    guard let value = interpreter.number(property.value, what: "`\(property.name)`") else {
      return nil
    }
    guard value == value.rounded(), value >= minimum, value <= limit else {
      problems.append(
        property.name == "seed"
          ? Catalog.seedOutOfRange(property.valueSpan)
          : Catalog.drawsOutOfRange(property.valueSpan, limit: Self.maximumDraws))
      return nil
    }
    return value
  }

  /// Sorts the node lines (`research.weight`) by node, reporting unknown nodes and properties.
  private mutating func readNodeLines(_ block: Declaration) {
    for property in block.properties where property.name.contains(".") {
      let parts = property.name.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        problems.append(Catalog.pathTooLong(property.name, property.nameSpan))
        continue
      }
      let (name, what) = (String(parts[0]), String(parts[1]))
      guard let node = node(named: name) else {
        problems.append(
          Catalog.unknownUncertainNode(name, property.nameSpan, known: plan.nodes.map(\.name)))
        continue
      }
      guard Self.nodeProperties.contains(what) else {
        problems.append(
          Catalog.unknownUncertainProperty(
            property.name, property.nameSpan, node: name, known: Self.nodeProperties))
        continue
      }
      nodeLines[node, default: [:]][what] = property
    }
  }

  /// A node by name; `index` is the root.
  func node(named name: String) -> Int? {
    name == "index" ? plan.root : plan.nodeIndex(name)
  }

  /// The declaration of a plan node, for what it sets itself.
  func declaration(_ node: Int) -> Declaration? {
    node == plan.root ? methodology.index : methodology.node(plan.nodes[node].name)
  }

  /// Whether the node writes `property` itself (so the index's default does not reach it).
  func setsItself(_ node: Int, _ property: String) -> Bool {
    guard node != plan.root, let declaration = declaration(node) else { return false }
    if property == "treat" { return declaration.property("transform") != nil }
    return declaration.property(property) != nil
  }

  /// The model's source for one property of the block, or nil (reported, or not a source).
  private mutating func source(_ property: Declaration.Property) -> UncertaintyModel.Source? {
    let name = property.name
    if name == "draws" || name == "seed" { return nil }
    guard let dot = name.firstIndex(of: ".") else { return wholeIndexSource(property) }
    let nodeName = String(name[..<dot])
    let what = String(name[name.index(after: dot)...])
    guard let node = node(named: nodeName), nodeLines[node]?[what] != nil else { return nil }
    return nodeSource(property, node: node, what: what)
  }

  /// Indicators of the tree with a formula (data, not ratings), in plan order.
  var dataIndicators: [Int] {
    plan.nodes.indices.filter { index in
      guard inTree.contains(index), let indicator = plan.nodes[index].indicator else {
        return false
      }
      if case .formula = indicator.source { return true }
      return false
    }
  }

  /// Soft indicators of the tree that have rating ranges, in plan order.
  var rangedSoftIndicators: [Int] {
    plan.nodes.indices.filter { index in
      inTree.contains(index) && !(plan.nodes[index].indicator?.ratingRanges.isEmpty ?? true)
    }
  }

  /// Aggregates of the tree, in plan order.
  var aggregates: [Int] {
    plan.nodes.indices.filter { inTree.contains($0) && plan.nodes[$0].aggregate != nil }
  }

  /// Soft ratings sampled because they have ranges, when the block says nothing about them.
  private func implicitRatings() -> UncertaintyModel.Source? {
    let nodes = rangedSoftIndicators.filter { nodeLines[$0]?["ratings"] == nil }
    guard !nodes.isEmpty else { return nil }
    return .init(
      name: "ratings", summary: "uniform in each rating's range", span: nil,
      kind: .ratings(nodes: nodes, shape: .uniform))
  }
}
