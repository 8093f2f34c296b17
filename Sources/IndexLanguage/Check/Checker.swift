import Diagnostics
import ScoringEngine

/// Checks a resolved methodology and builds the engine's `Plan` from it.
///
/// Design: the tree is walked from the index down, so every node is reached through its one
/// parent and gets its one weight; a node reached twice or never is reported where it is
/// written. Weights are checked group by group (percentages total 100%, no negatives, no
/// mixing of percentages and plain numbers). Each node's properties go through the method
/// library, falling back to the index's defaults. What needs the data (columns, periods,
/// entity codes) is collected for the lowering step, which loads the data and checks them.
struct Checker {
  let methodology: Methodology
  var diagnostics: [Diagnostic] = []
  var interpreter = Interpreter()
  /// Columns read by formulas: checked against the data once it is loaded.
  var columns: [(source: String, column: String, span: Span)] = []
  /// Entity codes written in the methodology: checked against the data.
  var entityReferences: [(code: String, span: Span)] = []
  /// Unknown members reported so far.
  private var unknownMembers = 0
  /// The checked `uncertainty` block, when there is one without errors.
  var uncertainty: UncertaintyModel?

  /// Lookups built once, so checking stays linear in the size of the methodology.
  let nodePositions: [String: Int]
  let indicatorNames: Set<String>
  /// `indicatorNames` in order, for did-you-means.
  let sortedIndicatorNames: [String]
  let dimensionNames: Set<String>
  let sourceNames: Set<String>
  /// `name.` for each data declaration, in order: what `origin` looks for in a value.
  let sourcePrefixes: [OriginText.Needle]

  init(_ methodology: Methodology) {
    self.methodology = methodology
    var positions: [String: Int] = [:]
    positions.reserveCapacity(methodology.nodes.count)
    for (position, node) in methodology.nodes.enumerated() where positions[node.name] == nil {
      positions[node.name] = position
    }
    nodePositions = positions
    var indicators = Set<String>()
    var dimensions = Set<String>()
    for node in methodology.nodes {
      if node.kind == .dimension {
        dimensions.insert(node.name)
      } else {
        indicators.insert(node.name)
      }
    }
    indicatorNames = indicators
    sortedIndicatorNames = indicators.sorted()
    dimensionNames = dimensions
    sourceNames = Set(methodology.data.map(\.name))
    sourcePrefixes = methodology.data.map { OriginText.Needle($0.name + ".") }
  }

  /// The indicator, soft indicator or dimension with the given name.
  func node(named name: String) -> Declaration? {
    nodePositions[name].map { methodology.nodes[$0] }
  }

  /// The plan, or nil when errors make it meaningless (diagnostics say why).
  mutating func check() -> Plan? {
    guard let index = methodology.index else {
      diagnostics.append(Catalog.noIndex(methodology.files.first))
      return nil
    }
    var builder = PlanBuilder()
    builder.position.reserveCapacity(methodology.nodes.count + 1)
    let order = treeOrder(from: index)
    for name in order {
      guard let declaration = name == index.name ? index : node(named: name) else { continue }
      builder.add(declaration.name)
    }
    var nodes: [Plan.Node] = []
    nodes.reserveCapacity(methodology.nodes.count + 1)
    for name in order {
      guard let declaration = name == index.name ? index : node(named: name) else { continue }
      nodes.append(node(declaration, builder: builder, index: index))
    }
    // Indicators outside the tree still join the plan: a formula may read them, and the
    // engine warns about those that nothing reads. A dimension outside the tree is unused.
    for declaration in methodology.nodes where builder.position[declaration.name] == nil {
      if declaration.kind == .dimension {
        if !declaration.fromLibrary {
          diagnostics.append(Catalog.unusedNode(declaration.name, declaration.nameSpan))
        }
      } else {
        builder.add(declaration.name)
        nodes.append(node(declaration, builder: builder, index: index))
      }
    }
    checkFormulaCycles(nodes)
    var plan = Plan(
      name: index.name, label: index.label, nodes: nodes, root: 0, periods: [], scaling: .none)
    if let period = index.property("period") {
      plan.periods = interpreter.periods(period.value) ?? []
    }
    if let scale = index.property("scale"), let scaling = interpreter.scaling(scale.value) {
      plan.scaling = scaling
      if case .relative(let entity, _) = scaling {
        entityReferences.append((entity, scale.valueSpan))
      }
    }
    plan.screening = screening(of: plan, index: index)
    checkRowImputations(plan, index: index)
    if let block = methodology.uncertainty {
      var check = UncertaintyCheck(methodology: methodology, plan: plan)
      uncertainty = check.check(block)
      diagnostics += check.diagnostics
    }
    diagnostics += interpreter.diagnostics
    return diagnostics.hasErrors ? nil : plan
  }

  /// Positions of nodes in the plan, by name.
  struct PlanBuilder {
    var position: [String: Int] = [:]

    mutating func add(_ name: String) {
      position[name] = position.count
    }
  }

  /// Node names in pre-order from the index; reports unknown members, second parents and
  /// cycles where they are written.
  ///
  /// An explicit stack; the path from the index to the node being expanded is kept as one
  /// array and a set, truncated as the walk moves on, so a tree 10,000 levels deep costs
  /// linear time, not a copy of the path per level.
  mutating func treeOrder(from index: Declaration) -> [String] {
    var order: [String] = []
    var parentOf: [String: String] = [:]
    parentOf.reserveCapacity(methodology.nodes.count)
    var stack: [(declaration: Declaration, level: Int)] = [(index, 1)]
    var visited: Set<String> = [index.name]
    var path: [String] = []
    var onPath: Set<String> = []
    order.append(index.name)
    // A table that could not be read would have filled some members: already reported.
    if index.members?.isEmpty ?? true, !methodology.hasUnreadTable {
      diagnostics.append(Catalog.noMembers(index.name, index.membersSpan ?? index.nameSpan))
    }
    while let (declaration, level) = stack.popLast() {
      while path.count >= level { onPath.remove(path.removeLast()) }
      path.append(declaration.name)
      onPath.insert(declaration.name)
      var children: [(Declaration, Int)] = []
      for member in declaration.members ?? [] {
        if onPath.contains(member.name), let start = path.lastIndex(of: member.name) {
          // Name only the nodes on the cycle, not the path from the index down to it.
          diagnostics.append(
            Catalog.treeCycle(
              Self.shown(Array(path[start...]), then: member.name), member.nameSpan))
          continue
        }
        guard let child = node(named: member.name) else {
          diagnostics.append(unknownMember(member))
          continue
        }
        if let parent = parentOf[member.name] {
          diagnostics.append(
            Catalog.twoParents(
              member.name, first: parent, second: declaration.name, member.nameSpan))
          continue
        }
        parentOf[member.name] = declaration.name
        guard visited.insert(member.name).inserted else { continue }
        order.append(member.name)
        if child.kind == .dimension {
          if child.members?.isEmpty ?? true, !methodology.hasUnreadTable {
            diagnostics.append(Catalog.noMembers(child.name, child.membersSpan ?? child.nameSpan))
          }
          children.append((child, level + 1))
        }
      }
      stack += children.reversed()
    }
    return order
  }

  /// A path and one more name, for a message: whole when short, its two ends around `…`
  /// when long (without copying a long path).
  static func shown(_ path: [String], then last: String) -> [String] {
    guard path.count > 11 else { return path + [last] }
    return Array(path.prefix(5)) + ["…"] + Array(path.suffix(5)) + [last]
  }

  /// Unknown members (and, in the data check, columns and entities) get a did-you-mean only
  /// this many times: each looks at every name, so thousands of them would cost the product
  /// of two large numbers.
  static let suggestionLimit = 100

  private mutating func unknownMember(_ member: Declaration.Member) -> Diagnostic {
    // Not a node (`node(named:)` failed): perhaps another kind of declaration.
    let other =
      methodology.index?.name == member.name
      ? methodology.index
      : sourceNames.contains(member.name)
        ? methodology.data.first { $0.name == member.name }
        : methodology.scales.first { $0.name == member.name }
    if let other {
      return Catalog.notANode(member.name, kind: other.kind.rawValue, member.nameSpan)
    }
    unknownMembers += 1
    guard unknownMembers <= Self.suggestionLimit else {
      return Catalog.unknownMember(member.name, member.nameSpan, known: [], declared: [])
    }
    let names = methodology.nodes.map(\.name)
    let declared = methodology.nodes.map { ($0.name, $0.nameSpan) }
    return Catalog.unknownMember(member.name, member.nameSpan, known: names, declared: declared)
  }

  /// One plan node from its declaration.
  private mutating func node(_ declaration: Declaration, builder: PlanBuilder, index: Declaration)
    -> Plan.Node
  {
    var node = Plan.Node(
      name: declaration.name, label: declaration.label, doc: declaration.doc,
      span: declaration.nameSpan, kind: .aggregate(.init(members: [])))
    switch declaration.kind {
    case .index, .dimension:
      node.kind = .aggregate(aggregate(declaration, builder: builder, index: index))
    case .indicator:
      node.kind = .indicator(indicator(declaration, index: index))
    case .soft:
      node.kind = .indicator(soft(declaration, index: index))
    default:
      break
    }
    node.adjustments = adjustments(declaration, index: index)
    node.origin = origin(declaration)
    node.isLibrary = declaration.fromLibrary
    return node
  }

  private mutating func aggregate(
    _ declaration: Declaration, builder: PlanBuilder, index: Declaration
  ) -> Plan.Aggregate {
    var aggregate = Plan.Aggregate(members: [])
    let (weights, percent) = self.weights(declaration)
    for (member, weight) in zip(declaration.members ?? [], weights) {
      guard let position = builder.position[member.name], node(named: member.name) != nil
      else { continue }
      aggregate.members.append(.init(node: position, weight: weight, span: member.nameSpan))
    }
    aggregate.percentWeights = percent
    let aggregateProperty = declaration.property("aggregate") ?? index.property("aggregate")
    if let value = aggregateProperty?.value, let aggregator = interpreter.aggregator(value) {
      aggregate.aggregator = aggregator
    }
    if let coverage = declaration.property("coverage") ?? index.property("coverage") {
      aggregate.coverage = interpreter.share(coverage.value, what: "coverage")
    }
    let own = declaration.property("weights")
    if let property = own ?? index.property("weights"),
      let weighting = interpreter.weighting(property.value)
    {
      if aggregate.aggregator.setsItsOwnWeights {
        // The index's default does not reach a node whose method takes no weights; the node's
        // own `weights:` there is a mistake.
        if own != nil, weighting.isDerived {
          diagnostics.append(
            Catalog.invalidValue(
              "`\(declaration.name)`'s aggregator sets its own weights or takes none: "
                + "derived weights have no effect here", property.valueSpan))
        }
      } else {
        aggregate.weighting = weighting
      }
    }
    checkDerivedWeights(aggregate, declaration)
    return aggregate
  }

  /// A node whose weights come from the data (or that takes none) must not write weights, and
  /// a benefit-of-the-doubt minimum share must leave room for every member.
  private mutating func checkDerivedWeights(_ aggregate: Plan.Aggregate, _ declaration: Declaration)
  {
    let method: String? =
      switch (aggregate.weighting, aggregate.aggregator) {
      case (.principalComponent, _): "weights: pca"
      case (.equalInfluence, _): "weights: equal_influence"
      case (_, .benefitOfDoubt): "aggregate: benefit_of_doubt"
      case (_, .mazziottaPareto): "aggregate: mpi"
      case (_, .adjustedMazziottaPareto): "aggregate: ampi"
      default: nil
      }
    guard let method else { return }
    if let member = declaration.members?.first(where: { $0.weight != nil || $0.share != nil }) {
      let span = member.weight.map { $0.span($0.value.range) } ?? member.nameSpan
      diagnostics.append(
        Catalog.weightsNotUsed(declaration.name, method: method, span, member: member.name))
    }
    if case .benefitOfDoubt(let bounds) = aggregate.aggregator, !aggregate.members.isEmpty,
      bounds.minimum * Double(aggregate.members.count) > 1 + 1e-12
    {
      diagnostics.append(
        Catalog.invalidValue(
          "a minimum share of \(Int((bounds.minimum * 100).rounded()))% cannot hold for "
            + "\(aggregate.members.count) members of `\(declaration.name)`: together they would "
            + "take more than 100%",
          declaration.property("aggregate")?.valueSpan ?? declaration.nameSpan))
    }
  }

  /// Member weights of a group, and whether they were written as percentages.
  ///
  /// Percentages must total 100%; plain numbers are relative; members without a weight share
  /// what percentages leave, or count 1 among plain numbers.
  mutating func weights(_ declaration: Declaration) -> ([Double], Bool) {
    let members = declaration.members ?? []
    if members.contains(where: { $0.share != nil }) {
      // A fork set these shares; a member it added without one has no weight yet.
      for member in members where member.share == nil && member.weight == nil {
        diagnostics.append(
          Catalog.noShareLeft(member.name, member.nameSpan, written: 1, group: declaration.name))
      }
      let shares = members.map { member in
        member.share ?? member.weight.flatMap { Interpreter.constant($0.value) } ?? 0
      }
      let total = shares.reduce(0, +)
      if Swift.abs(total - 1) > 1e-9 {
        diagnostics.append(percentTotal(declaration, total: total, values: shares))
      }
      return (shares, true)
    }
    var values: [Double?] = []
    var percentSpans: [Span] = []
    var plainSpans: [Span] = []
    for member in members {
      guard let weight = member.weight else {
        values.append(nil)
        continue
      }
      let span = weight.span(weight.value.range)
      guard let value = interpreter.number(weight, what: "a weight") else {
        values.append(0)
        continue
      }
      if value < 0 {
        diagnostics.append(Catalog.negativeWeight(member.name, span))
      }
      if case .percent = weight.value.kind {
        percentSpans.append(span)
      } else {
        plainSpans.append(span)
      }
      values.append(value)
    }
    if !percentSpans.isEmpty && !plainSpans.isEmpty {
      diagnostics.append(
        Catalog.mixedWeights(declaration.name, plainSpans[0], percent: percentSpans[0]))
      return (values.map { $0 ?? 0 }, false)
    }
    let bare = values.filter { $0 == nil }.count
    guard !percentSpans.isEmpty else {
      return (values.map { $0 ?? 1 }, false)
    }
    let written = values.compactMap { $0 }.reduce(0, +)
    if bare == 0 {
      if Swift.abs(written - 1) > 1e-9 {
        diagnostics.append(
          percentTotal(declaration, total: written, values: values.map { $0 ?? 0 }))
      }
      return (values.map { $0 ?? 0 }, true)
    }
    let rest = (1 - written) / Double(bare)
    if rest <= 1e-12 {
      let unweighted = zip(members, values).filter { $0.1 == nil }.map(\.0)
      for member in unweighted {
        diagnostics.append(
          Catalog.noShareLeft(
            member.name, member.nameSpan, written: written, group: declaration.name))
      }
    }
    return (values.map { $0 ?? Swift.max(rest, 0) }, true)
  }

  /// E0304 for a group whose percentages do not total 100%: at the members list, or, when a
  /// fork's `set X.weight` changed a group written in another file, at that edit.
  private func percentTotal(_ declaration: Declaration, total: Double, values: [Double])
    -> Diagnostic
  {
    let members = declaration.members ?? []
    let group = declaration.membersSpan ?? declaration.nameSpan
    let edited = members.indices.filter { i in
      members[i].weight.map { $0.file.path != group.file.path } ?? false
    }
    guard let first = edited.first, let weight = members[first].weight else {
      return Catalog.percentTotal(
        declaration.name, total: total, group, members: members.map(\.name), values: values)
    }
    return Catalog.percentTotalAfterEdit(
      declaration.name, total: total, weight.span(weight.value.range), group: group,
      isIndex: declaration.kind == .index,
      edited: edited.map { (members[$0].name, values[$0]) }, members: members.map(\.name),
      values: values)
  }

  private mutating func indicator(_ declaration: Declaration, index: Declaration) -> Plan.Indicator
  {
    var indicator = Plan.Indicator(source: .formula(.constant(0)))
    if let value = declaration.property("value") {
      var builder = FormulaBuilder(
        indicators: indicatorNames, dimensions: dimensionNames, sources: sourceNames)
      if diagnostics.count < Self.suggestionLimit { builder.suggestions = sortedIndicatorNames }
      if let formula = builder.build(value.value) { indicator.source = .formula(formula) }
      diagnostics += builder.diagnostics
      columns += builder.columns
    } else {
      diagnostics.append(
        Catalog.missingProperty("value", declaration: declaration, example: "value: data.column"))
    }
    common(&indicator, declaration, index: index)
    return indicator
  }

  /// Direction, imputation, treatment and normalization, with the index's defaults.
  private mutating func common(
    _ indicator: inout Plan.Indicator, _ declaration: Declaration, index: Declaration
  ) {
    if let value = declaration.property("direction"),
      let direction = interpreter.direction(value.value)
    {
      indicator.direction = direction
    }
    if let value = (declaration.property("impute") ?? index.property("impute"))?.value,
      let imputation = interpreter.imputation(value)
    {
      indicator.imputation = imputation
    }
    let treat = declaration.property("treat")
    let transform = declaration.property("transform")
    // The indicator's own choice wins over the index's default treatment.
    if let treat, let transform {
      diagnostics.append(Catalog.treatAndTransform(transform.nameSpan, treat: treat.nameSpan))
    } else if let transform {
      indicator.treatment =
        interpreter.treatment(transform.value, property: "transform") ?? indicator.treatment
    } else if let value = (treat ?? index.property("treat"))?.value,
      let treatment = interpreter.treatment(value)
    {
      indicator.treatment = treatment
    }
    let target = declaration.property("target").flatMap {
      interpreter.number($0.value, what: "the target")
    }
    if let value = (declaration.property("normalize") ?? index.property("normalize"))?.value {
      if let normalizer = interpreter.normalizer(value, target: target) {
        indicator.normalizer = normalizer
        if case .dist2ref(let entity, _, _) = normalizer {
          entityReferences.append((entity, value.span(value.value.range)))
        }
      }
    } else if !declaration.hasUnknownProperties {
      // A misspelt `normalise:` is already reported; do not also say it is missing.
      diagnostics.append(Catalog.notNormalized(declaration.name, declaration.nameSpan))
    }
  }

  private mutating func adjustments(_ declaration: Declaration, index: Declaration)
    -> [Plan.Adjustment]
  {
    // `max_adjust` bounds judgement calls: on the node, or on the index for every node.
    let bound = (declaration.property("max_adjust") ?? index.property("max_adjust")).flatMap {
      interpreter.number($0.value, what: "the largest adjustment")
    }
    return declaration.adjustments.compactMap { located -> Plan.Adjustment? in
      let adjust = located.value
      let span = located.span(adjust.range)
      guard !adjust.entity.isMissing,
        let delta = interpreter.number(
          Located(adjust.delta, in: located.file), what: "the adjustment")
      else { return nil }
      // The parser already reports an `adjust` without `because` (E0133).
      guard let because = adjust.provenance.because else { return nil }
      if let bound, Swift.abs(delta) > bound {
        diagnostics.append(
          Catalog.adjustmentTooLarge(delta, bound: bound, located.span(adjust.delta.range)))
        return nil
      }
      entityReferences.append((adjust.entity.text, located.span(adjust.entity.range)))
      return Plan.Adjustment(
        entity: adjust.entity.text, delta: delta, because: because.value,
        source: adjust.provenance.source?.value, span: span)
    }
  }

  /// The value expression as written and the data files it reads, or the ratings' scale.
  private func origin(_ declaration: Declaration) -> String? {
    if declaration.kind == .soft {
      let scale = declaration.property("scale").map { " on scale \($0.valueSpan.text)" } ?? ""
      return "expert ratings" + scale
    }
    guard let value = declaration.property("value") else { return nil }
    let text = value.valueText
    var files: [String] = []
    for (data, prefix) in zip(methodology.data, sourcePrefixes) where prefix.occurs(in: text) {
      if let source = data.source {
        files.append("\(data.name) = \(source.span(source.value.range).text)")
      }
    }
    return files.isEmpty ? text : text + " (" + files.joined(separator: ", ") + ")"
  }

  /// Reports cycles among indicator formulas where the first indicator of the cycle is named.
  private mutating func checkFormulaCycles(_ nodes: [Plan.Node]) {
    let plan = Plan(name: "", nodes: nodes, root: 0)
    if case .failure(let cycle) = plan.indicatorOrder(), let first = cycle.names.first,
      let declaration = methodology.node(first)
    {
      diagnostics.append(Catalog.formulaCycle(cycle.names, declaration.nameSpan))
    }
  }
}
