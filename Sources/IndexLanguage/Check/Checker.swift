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
  var columns: [(qualified: String, span: Span)] { formulas.columns }
  /// Entity codes written in the methodology: checked against the data.
  var entityReferences: [(code: String, span: Span)] = []
  /// Unknown members reported so far.
  var unknownMembers = 0
  /// The checked `uncertainty` block, when there is one without errors.
  var uncertainty: UncertaintyModel?

  /// Every node name, hashed once: the tree walk and the plan builder work on its ids.
  let names: NodeNames
  let sourceNames: Set<String>
  /// `name.` for each data declaration, in order: what `origin` looks for in a value.
  let sourcePrefixes: [OriginText.Needle]
  /// `name = "file"` for each data declaration with a source, in order: the part of an
  /// origin that names the files, made once rather than per indicator.
  let sourceFiles: [String?]
  /// Every indicator's formula goes through this one builder.
  var formulas: FormulaBuilder
  /// The indicator names for did-you-means, sorted when one is first needed.
  let sortedNames: SortedNames
  /// The node of each member of each node the tree walk expanded (-1 for a name that is not a
  /// node's), and where each node's members start there, by id (-1 for a node not expanded):
  /// the plan builder reads members' nodes here rather than looking their names up again.
  var memberNodes: [Int32] = []
  var memberStarts: [Int32] = []
  /// Normalizers already read, by what was written.
  var methods = MethodCache()
  /// The text an origin has after the value, by the set of sources the value reads.
  var originSuffixes: [UInt64: String] = [:]

  init(_ methodology: Methodology) {
    self.methodology = methodology
    names = NodeNames(methodology)
    sourceNames = Set(methodology.data.map(\.name))
    sourcePrefixes = methodology.data.map { OriginText.Needle($0.name + ".") }
    sourceFiles = methodology.data.map { data in
      data.source.map { "\(data.name) = \($0.span($0.value.range).text)" }
    }
    sortedNames = SortedNames(methodology)
    formulas = FormulaBuilder(names: names, sources: sourceNames)
    // Most indicators read one column: room for that many, so that the list, which waits for
    // the data check until the end of compiling, is not left at twice its size by its last
    // doubling.
    formulas.columns.reserveCapacity(methodology.nodes.count)
    methods.parsedFiles = methodology.files.map(MethodCache.address)
  }

  /// The indicator, soft indicator or dimension with the given name.
  func node(named name: String) -> Declaration? {
    names.node(name).map { methodology.nodes[$0] }
  }

  /// The declaration an id stands for: the index for the index's id, else a node.
  func declaration(_ id: Int, index: Declaration) -> Declaration {
    id == names.indexID ? index : methodology.nodes[id]
  }

  /// The plan, or nil when errors make it meaningless (diagnostics say why).
  mutating func check() -> Plan? {
    guard let index = methodology.index else {
      diagnostics.append(Catalog.noIndex(methodology.files.first))
      return nil
    }
    let defaults = PropertyTable(index)
    let order = treeOrder(from: index)
    // Each id's position in the plan, -1 for ids not (yet) in it; the tree's nodes come first,
    // in pre-order, so a node's position is known before any aggregate lists it.
    var positions = [Int32](repeating: -1, count: names.count + 1)
    for (position, id) in order.enumerated() { positions[id] = Int32(position) }
    var nodes: [Plan.Node] = []
    nodes.reserveCapacity(methodology.nodes.count + 1)
    for id in order {
      nodes.append(
        node(declaration(id, index: index), id: id, positions: positions, defaults: defaults))
    }
    // Indicators outside the tree still join the plan: a formula may read them, and the
    // engine warns about those that nothing reads. A dimension outside the tree is unused.
    for (position, declaration) in methodology.nodes.enumerated() {
      let id = names.idOfNode[position]
      guard positions[id] < 0 else { continue }
      if declaration.kind == .dimension {
        if !declaration.fromLibrary {
          diagnostics.append(Catalog.unusedNode(declaration.name, declaration.nameSpan))
        }
      } else {
        positions[id] = Int32(nodes.count)
        nodes.append(node(declaration, id: id, positions: positions, defaults: defaults))
      }
    }
    if formulas.readsIndicators { checkFormulaCycles(nodes) }
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

  /// One plan node from its declaration; `defaults` are the index's properties.
  private mutating func node(
    _ declaration: Declaration, id: Int, positions: [Int32], defaults: PropertyTable
  ) -> Plan.Node {
    let own = PropertyTable(declaration)
    let kind: Plan.Node.Kind
    switch declaration.kind {
    case .index, .dimension:
      kind = .aggregate(
        aggregate(declaration, id: id, own: own, defaults: defaults, positions: positions))
    case .indicator:
      kind = .indicator(indicator(declaration, own: own, defaults: defaults))
    case .soft:
      kind = .indicator(soft(declaration))
    default:
      kind = .aggregate(.init(members: []))
    }
    var node = Plan.Node(
      name: declaration.name, label: declaration.label, doc: declaration.doc,
      span: declaration.nameSpan, kind: kind,
      adjustments: adjustments(declaration, own: own, defaults: defaults))
    setOrigin(&node, declaration, value: own[.value])
    node.isLibrary = declaration.fromLibrary
    return node
  }

  private mutating func indicator(
    _ declaration: Declaration, own: PropertyTable, defaults: PropertyTable
  ) -> Plan.Indicator {
    var indicator = Plan.Indicator(source: .formula(.constant(0)))
    if let value = own[.value] {
      formulas.suggestions = diagnostics.count < Self.suggestionLimit ? sortedNames : nil
      if let formula = formulas.build(value.value) { indicator.source = .formula(formula) }
      if !formulas.diagnostics.isEmpty {
        diagnostics += formulas.diagnostics
        formulas.diagnostics.removeAll(keepingCapacity: true)
      }
    } else {
      diagnostics.append(
        Catalog.missingProperty("value", declaration: declaration, example: "value: data.column"))
    }
    common(&indicator, declaration, own: own, defaults: defaults)
    return indicator
  }

  /// Direction, imputation, treatment and normalization, with the index's defaults.
  private mutating func common(
    _ indicator: inout Plan.Indicator, _ declaration: Declaration, own: PropertyTable,
    defaults: PropertyTable
  ) {
    if let value = own[.direction], let direction = interpreter.direction(value.value) {
      indicator.direction = direction
    }
    if let value = (own[.impute] ?? defaults[.impute])?.value,
      let imputation = interpreter.imputation(value)
    {
      indicator.imputation = imputation
    }
    let treat = own[.treat]
    let transform = own[.transform]
    // The indicator's own choice wins over the index's default treatment.
    if let treat, let transform {
      diagnostics.append(Catalog.treatAndTransform(transform.nameSpan, treat: treat.nameSpan))
    } else if let transform {
      indicator.treatment =
        interpreter.treatment(transform.value, property: "transform") ?? indicator.treatment
    } else if let value = (treat ?? defaults[.treat])?.value,
      let treatment = interpreter.treatment(value)
    {
      indicator.treatment = treatment
    }
    let target = own[.target].flatMap { interpreter.number($0.value, what: "the target") }
    if let value = (own[.normalize] ?? defaults[.normalize])?.value {
      if let normalizer = methods.normalizer(value, target: target, interpreter: &interpreter) {
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

  private mutating func adjustments(
    _ declaration: Declaration, own: PropertyTable, defaults: PropertyTable
  ) -> [Plan.Adjustment] {
    // `max_adjust` bounds judgement calls: on the node, or on the index for every node (read,
    // and reported when it is not a number, whether or not the node has adjustments).
    let bound = (own[.maxAdjust] ?? defaults[.maxAdjust]).flatMap {
      interpreter.number($0.value, what: "the largest adjustment")
    }
    let written = declaration.adjustments
    guard !written.isEmpty else { return [] }
    return written.compactMap { located -> Plan.Adjustment? in
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

  /// Sets the node's origin: the value expression as written and the data files it reads, or
  /// the ratings' scale.
  private mutating func setOrigin(
    _ node: inout Plan.Node, _ declaration: Declaration, value: Declaration.Property?
  ) {
    if declaration.kind == .soft {
      let scale = declaration.property("scale").map { " on scale \($0.valueSpan.text)" } ?? ""
      node.origin = "expert ratings" + scale
      return
    }
    guard let value else { return }
    let text = value.valueText
    // Which sources with a file the text names, as bits (for the first 64 sources): the text
    // after the value is made once for each combination.
    var read: UInt64 = 0
    var named = false
    var beyond = false
    for (position, (prefix, file)) in zip(sourcePrefixes, sourceFiles).enumerated()
    where file != nil && prefix.occurs(in: text) {
      named = true
      if position < 64 { read |= 1 << UInt64(position) } else { beyond = true }
    }
    guard named else {
      node.origin = text
      return
    }
    if !beyond, let suffix = originSuffixes[read] {
      node.setOrigin(written: text, files: suffix)
      return
    }
    let files = zip(sourcePrefixes, sourceFiles).compactMap { prefix, file in
      file != nil && prefix.occurs(in: text) ? file : nil
    }
    let suffix = " (" + files.joined(separator: ", ") + ")"
    if !beyond { originSuffixes[read] = suffix }
    node.setOrigin(written: text, files: suffix)
  }
}
