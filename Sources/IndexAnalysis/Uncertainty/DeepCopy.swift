import ScoringEngine

/// Copies of a plan and a table that share no storage with the originals.
///
/// Swift's copies share their buffers and count references to them atomically. Every draw
/// copies the plan and the engine retains the table's columns, so threads scoring draws over
/// one shared plan fight over the same reference counts (a quarter of the CPU time with two
/// threads on the ASEM index). Each thread gets its own deep copy instead.
enum DeepCopy {
  static func plan(_ plan: Plan) -> Plan {
    var copy = plan
    copy.name = string(plan.name)
    copy.label = plan.label.map(string)
    copy.periods = Array(plan.periods.map { $0 })
    copy.scaling = plan.scaling
    copy.nodes = plan.nodes.map(node)
    return copy
  }

  static func table(_ table: DataTable) -> DataTable {
    let entities = table.entities.map { entity in
      Entity(
        code: string(entity.code), name: string(entity.name),
        groups: Dictionary(uniqueKeysWithValues: entity.groups.map { (string($0), string($1)) }))
    }
    var copy = DataTable(
      entities: entities, periods: table.periods.map { $0 },
      variables: table.variables.map(string), columns: table.columns.map(doubles))
    copy.hasPeriods = table.hasPeriods
    return copy
  }

  static func model(_ model: UncertaintyModel) -> UncertaintyModel {
    var copy = model
    copy.sources = model.sources.map { source in
      var copy = source
      copy.name = string(source.name)
      copy.summary = string(source.summary)
      switch source.kind {
      case .weights(let spreads): copy.kind = .weights(spreads.map { $0 })
      case .normalizer(let nodes, let choices):
        copy.kind = .normalizer(nodes: nodes.map { $0 }, alternatives(choices))
      case .aggregator(let nodes, let choices):
        copy.kind = .aggregator(nodes: nodes.map { $0 }, alternatives(choices))
      case .imputation(let nodes, let choices):
        copy.kind = .imputation(nodes: nodes.map { $0 }, alternatives(choices))
      case .treatment(let nodes, let choices):
        copy.kind = .treatment(nodes: nodes.map { $0 }, alternatives(choices))
      case .ratings(let nodes, let shape):
        copy.kind = .ratings(nodes: nodes.map { $0 }, shape: shape)
      case .noise(let nodes, let noise): copy.kind = .noise(nodes: nodes.map { $0 }, noise)
      case .exclusion(let choices): copy.kind = .exclusion(alternatives(choices))
      }
      return copy
    }
    return copy
  }

  private static func alternatives<Value>(_ choices: UncertaintyModel.Alternatives<Value>)
    -> UncertaintyModel.Alternatives<Value>
  {
    .init(values: choices.values.map { $0 }, labels: choices.labels.map(string))
  }

  private static func node(_ node: Plan.Node) -> Plan.Node {
    var copy = Plan.Node(
      name: string(node.name), label: node.label.map(string), doc: node.doc.map(string),
      span: node.span, kind: kind(node.kind),
      adjustments: node.adjustments.map { adjustment in
        Plan.Adjustment(
          entity: string(adjustment.entity), delta: adjustment.delta,
          because: string(adjustment.because), source: adjustment.source.map(string),
          span: adjustment.span)
      })
    copy.origin = node.origin.map(string)
    copy.isLibrary = node.isLibrary
    return copy
  }

  private static func kind(_ kind: Plan.Node.Kind) -> Plan.Node.Kind {
    switch kind {
    case .aggregate(var aggregate):
      aggregate.members = aggregate.members.map { $0 }
      return .aggregate(aggregate)
    case .indicator(var indicator):
      switch indicator.source {
      case .formula(let formula):
        indicator.source = .formula(self.formula(formula))
      case .ratings(let ratings, let periods):
        indicator.source = .ratings(
          Dictionary(uniqueKeysWithValues: ratings.map { (string($0), $1) }),
          periods: periods.map { $0.map { $0 } })
      }
      indicator.ratingRanges = Dictionary(
        uniqueKeysWithValues: indicator.ratingRanges.map { (string($0), $1) })
      return .indicator(indicator)
    }
  }

  /// A formula rebuilt node by node, children before parents, with an explicit stack.
  static func formula(_ root: Formula) -> Formula {
    var pending: [(Formula, expanded: Bool)] = [(root, false)]
    var built: [Formula] = []
    while let (formula, expanded) = pending.popLast() {
      let children = self.children(formula)
      if !expanded && !children.isEmpty {
        pending.append((formula, true))
        pending += children.reversed().map { ($0, false) }
        continue
      }
      let parts = Array(built.suffix(children.count))
      built.removeLast(children.count)
      built.append(rebuilt(formula, parts))
    }
    return built.last ?? root
  }

  private static func children(_ formula: Formula) -> [Formula] {
    switch formula {
    case .constant, .variable, .indicator: []
    case .negate(let a), .not(let a): [a]
    case .binary(_, let a, let b): [a, b]
    case .conditional(let c, let a, let b): [c, a, b]
    case .call(_, let arguments): arguments
    }
  }

  private static func rebuilt(_ formula: Formula, _ parts: [Formula]) -> Formula {
    switch formula {
    case .constant(let value): .constant(value)
    case .variable(let name): .variable(string(name))
    case .indicator(let name): .indicator(string(name))
    case .negate: .negate(parts[0])
    case .not: .not(parts[0])
    case .binary(let op, _, _): .binary(op, parts[0], parts[1])
    case .conditional: .conditional(parts[0], parts[1], parts[2])
    case .call(let function, _): .call(function, parts)
    }
  }

  /// A string with storage of its own (short strings have none to share).
  private static func string(_ text: String) -> String {
    String(decoding: Array(text.utf8), as: UTF8.self)
  }

  private static func doubles(_ values: [Double]) -> [Double] {
    [Double](unsafeUninitializedCapacity: values.count) { buffer, count in
      for (index, value) in values.enumerated() { buffer[index] = value }
      count = values.count
    }
  }
}
