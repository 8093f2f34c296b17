import Diagnostics

/// Plan validation: the structural rules every methodology must satisfy before it can run.
///
/// The language checker reports most of these first, with better spans and suggestions; the
/// engine checks them again so that a plan built by hand in Swift is just as safe.
extension Plan {
  /// Problems that stop the plan from running against `table`, plus warnings.
  public func validate(against table: DataTable) -> [Diagnostic] {
    validation(against: table).diagnostics
  }

  /// `validate(against:)`'s diagnostics, with the data column of each indicator when the plan
  /// passed `plainColumns` (every indicator one column of the data, nothing to report).
  func validation(against table: DataTable) -> (diagnostics: [Diagnostic], columns: [Int]?) {
    guard nodes.indices.contains(root) else {
      return ([.error("E0420", "the plan's root is not one of its nodes")], nil)
    }
    if let columns = plainColumns(table) {
      return (periodDiagnostics(table), columns)
    }
    return (fullValidation(against: table), nil)
  }

  /// The periods to score that the data does not have.
  private func periodDiagnostics(_ table: DataTable) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for period in periods where table.periodIndex(period) == nil {
      diagnostics.append(
        EngineMessages.periodNotInData(period, available: table.periods, span: nil))
    }
    return diagnostics
  }

  /// Every rule, rule by rule, in the order their diagnostics are reported.
  func fullValidation(against table: DataTable) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    guard nodes.indices.contains(root) else {
      return [.error("E0420", "the plan's root is not one of its nodes")]
    }
    diagnostics += validateTree()
    diagnostics += validateNumbers()
    guard !diagnostics.hasErrors else { return diagnostics }
    diagnostics += validateWeights()
    diagnostics += validateIndicators(table)
    return diagnostics + periodDiagnostics(table)
  }

  /// Each node's data column when the common plan passes every rule, in one pass.
  ///
  /// When every indicator's formula is one column of `table` and no rule of `validateTree`,
  /// `validateNumbers`, `validateWeights` or `validateIndicators` has anything to report, each
  /// node's data column (-1 for an aggregate); otherwise nil, and the rules run one by one. No
  /// node is copied and no name hashed but the columns'.
  func plainColumns(_ table: DataTable) -> [Int]? {
    let count = nodes.count
    var columns = [Int](repeating: -1, count: count)
    var parent = [Int](repeating: -1, count: count)
    var nextColumn = 0  // where the next indicator's column most often is
    // Each node's summary is taken with no store and no call between reading the node and
    // returning (`plainSummary`), so that its payload is read in place rather than copied.
    for index in 0..<count {
      switch nodes[index].plainSummary {
      case .notPlain:
        return nil
      case .aggregate(let members):
        for member in members {
          guard member.node >= 0, member.node < count, parent[member.node] < 0 else {
            return nil
          }
          parent[member.node] = index
        }
      case .column(let column, let checkNumbers):
        guard let v = table.variableIndex(column, guess: nextColumn) else { return nil }
        columns[index] = v
        nextColumn = v + 1
        if checkNumbers, !nodes[index].plainIndicatorNumbers(table) { return nil }
      }
    }
    guard treeCycle(parent: parent) == nil else { return nil }
    for value in scaling.parameters where !value.isFinite { return nil }
    if case .relative(let entity, _) = scaling, table.entityIndex(entity) == nil { return nil }
    return columns
  }

  /// Each member index exists, every node has at most one parent, and the tree has no cycle.
  private func validateTree() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var parent = [Int](repeating: -1, count: nodes.count)
    for (index, node) in nodes.enumerated() {
      guard let aggregate = node.aggregate else { continue }
      if aggregate.members.isEmpty {
        diagnostics.append(EngineMessages.noMembers(node.name, span: node.span))
      }
      for member in aggregate.members {
        guard nodes.indices.contains(member.node) else {
          diagnostics.append(EngineMessages.memberOutOfRange(node.name, span: member.span))
          continue
        }
        let existing = parent[member.node]
        if existing >= 0 {
          diagnostics.append(
            EngineMessages.twoParents(
              nodes[member.node].name, first: nodes[existing].name, second: node.name,
              span: member.span))
        } else {
          parent[member.node] = index
        }
      }
    }
    if diagnostics.isEmpty, let cycle = treeCycle(parent: parent) {
      diagnostics.append(
        EngineMessages.treeCycle(cycle.map { nodes[$0].name }, span: nodes[cycle[0]].span))
    }
    return diagnostics
  }

  /// The first cycle of parent links (-1 for none), top-down and closed (`a → b → a`), in one
  /// pass: each node is followed up its parents once, colouring the nodes it passes.
  ///
  /// The links are `[Int]` rather than `[Int?]`, here and in every array the run builds, so
  /// that a fresh process's first run does not build the runtime types of arrays used nowhere
  /// else (`Runner`, "Types the run builds").
  private func treeCycle(parent: [Int]) -> [Int]? {
    var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on this walk, 2 done
    var walk: [Int] = []  // one buffer for every walk
    for start in nodes.indices where state[start] == 0 {
      walk.removeAll(keepingCapacity: true)
      var node = start
      while node >= 0, state[node] != 2 {
        if state[node] == 1, let from = walk.firstIndex(of: node) {
          let cycle = Array(walk[from...].reversed())
          return cycle + [cycle[0]]
        }
        state[node] = 1
        walk.append(node)
        node = parent[node]
      }
      for node in walk { state[node] = 2 }
    }
    return nil
  }

  private func validateWeights() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for node in nodes {
      guard let aggregate = node.aggregate, !aggregate.members.isEmpty else { continue }
      var total = 0.0
      for member in aggregate.members {
        if member.weight < 0 || member.weight.isNaN {
          let name = nodes.indices.contains(member.node) ? nodes[member.node].name : "?"
          diagnostics.append(
            EngineMessages.negativeWeight(
              name, parent: node.name, weight: member.weight, span: member.span))
        } else {
          total += member.weight
        }
      }
      if aggregate.percentWeights && Swift.abs(total - 1) > 1e-9 {
        diagnostics.append(EngineMessages.percentTotal(node.name, total: total, span: node.span))
      } else if total == 0 {
        diagnostics.append(EngineMessages.zeroWeights(node.name, span: node.span))
      }
      if let coverage = aggregate.coverage, !(coverage >= 0 && coverage <= 1) {
        diagnostics.append(
          EngineMessages.coverageRange(node.name, coverage: coverage, span: node.span))
      }
    }
    return diagnostics
  }

  private func validateIndicators(_ table: DataTable) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    // Indicator names are hashed only when a formula reads other indicators.
    let names = readsIndicators ? Set(nodes.compactMap { $0.indicator == nil ? nil : $0.name }) : []
    for node in nodes {
      guard let indicator = node.indicator, case .formula(let formula) = indicator.source else {
        continue
      }
      // The common formula, one column: one look-up, no walk.
      if case .variable(let column) = formula {
        if table.variableIndex(column) == nil {
          diagnostics.append(
            EngineMessages.unknownColumn(
              column, indicator: node.name, available: table.variables, span: node.span))
        }
        continue
      }
      for column in formula.variables where table.variableIndex(column) == nil {
        diagnostics.append(
          EngineMessages.unknownColumn(
            column, indicator: node.name, available: table.variables, span: node.span))
      }
      for name in formula.indicators where !names.contains(name) {
        diagnostics.append(
          EngineMessages.unknownIndicator(name, indicator: node.name, span: node.span))
      }
    }
    if case .failure(let error) = indicatorOrder() {
      let cycle = error.names
      let first = nodes.firstIndex { $0.name == cycle[0] }
      diagnostics.append(
        EngineMessages.formulaCycle(cycle, span: first.flatMap { nodes[$0].span }))
    }
    if case .relative(let entity, _) = scaling, table.entityIndex(entity) == nil {
      diagnostics.append(EngineMessages.unknownEntity(entity, role: "scaling reference", span: nil))
    }
    for node in nodes {
      if case .dist2ref(let entity, _, _) = node.indicator?.normalizer,
        table.entityIndex(entity) == nil
      {
        diagnostics.append(
          EngineMessages.unknownEntity(entity, role: "reference entity", span: node.span))
      }
    }
    return diagnostics
  }

  /// Indicator node indices in an order where every formula's inputs come first, or the
  /// names along a cycle.
  ///
  /// A depth-first walk with an explicit stack, names looked up once: linear in the size of
  /// the formulas, whatever the length of a chain of indicators computed from each other.
  public func indicatorOrder() -> Result<[Int], CycleError> {
    // Without a formula that reads indicators the walk visits each indicator alone, in plan
    // order: that order, without hashing a name.
    guard readsIndicators else {
      return .success(nodes.indices.filter { nodes[$0].indicator != nil })
    }
    var indicatorPositions: [String: Int] = Dictionary(minimumCapacity: nodes.count)
    for (index, node) in nodes.enumerated() where node.indicator != nil {
      if indicatorPositions[node.name] == nil { indicatorPositions[node.name] = index }
    }
    func dependencies(_ index: Int) -> [Int] {
      guard case .formula(let formula)? = nodes[index].indicator?.source else { return [] }
      return formula.indicators.compactMap { indicatorPositions[$0] }
    }
    var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
    var order: [Int] = []
    var stack: [(node: Int, dependencies: [Int], next: Int)] = []
    for start in nodes.indices where nodes[start].indicator != nil && state[start] == 0 {
      state[start] = 1
      stack.append((start, dependencies(start), 0))
      while let (node, inputs, next) = stack.last {
        guard next < inputs.count else {
          stack.removeLast()
          state[node] = 2
          order.append(node)
          continue
        }
        stack[stack.count - 1].next += 1
        let input = inputs[next]
        switch state[input] {
        case 1:
          let from = stack.firstIndex { $0.node == input } ?? 0
          let names = (stack[from...].map(\.node) + [input]).map { nodes[$0].name }
          return .failure(CycleError(names: names))
        case 0:
          state[input] = 1
          stack.append((input, dependencies(input), 0))
        default:
          continue
        }
      }
    }
    return .success(order)
  }

  /// Formulas deeper than the evaluator takes, and constants that are not finite numbers.
  func validateNumbers() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    func finite(_ value: Double, _ what: String, _ node: Node, _ span: Span? = nil) {
      if !value.isFinite {
        diagnostics.append(
          EngineMessages.notFinite(what, node: node.name, value: value, span: span ?? node.span))
      }
    }
    for node in nodes {
      for adjustment in node.adjustments {
        finite(adjustment.delta, "an adjustment", node, adjustment.span)
      }
      if let aggregate = node.aggregate {
        for member in aggregate.members {
          finite(member.weight, "a member weight", node, member.span)
        }
        if let coverage = aggregate.coverage { finite(coverage, "the coverage", node) }
        for value in aggregate.aggregator.parameters { finite(value, "the aggregation", node) }
        continue
      }
      guard let indicator = node.indicator else { continue }
      if case .minmax(let output) = indicator.normalizer {
        // The commonest method's bounds, in `parameters`' order, without building the array.
        finite(output.lowerBound, "a normalization bound", node)
        finite(output.upperBound, "a normalization bound", node)
      } else {
        for value in indicator.normalizer.parameters {
          finite(value, "a normalization bound", node)
        }
      }
      for value in indicator.treatment.parameters { finite(value, "a treatment threshold", node) }
      switch indicator.source {
      case .formula(.variable):
        continue  // one column: no depth, no constant
      case .formula(let formula):
        let depth = formula.depth
        if depth > Formula.maximumDepth {
          diagnostics.append(
            EngineMessages.formulaTooDeep(node.name, depth: depth, span: node.span))
        }
        formula.visit { part in
          if case .constant(let value) = part { finite(value, "a constant", node) }
        }
      case .ratings(let ratings, _):
        for code in ratings.keys.sorted() { finite(ratings[code] ?? 0, "a rating", node) }
      }
    }
    for value in scaling.parameters where !value.isFinite {
      diagnostics.append(
        EngineMessages.notFinite("the final scaling", node: name, value: value, span: nil))
    }
    return diagnostics
  }
}

/// One node as `Plan.plainColumns` sees it.
enum PlainSummary {
  /// Something a rule of the node alone reports, or an indicator that is not one column.
  case notPlain
  /// An aggregate whose own numbers pass (its members, to check against the tree).
  case aggregate([Plan.Member])
  /// A one-column indicator; `checkNumbers` when its method's numbers are not yet checked.
  case column(String, checkNumbers: Bool)
}

extension Plan.Node {
  /// The node's rules that need nothing but the node, for `Plan.plainColumns`: finite
  /// adjustments; for an aggregate members, weights finite and not negative with a total that
  /// fits `percentWeights`, coverage in [0, 1], finite parameters; for an indicator one
  /// column, min-max bounds finite (another method or a treatment: `checkNumbers`).
  @inline(__always) var plainSummary: PlainSummary {
    for adjustment in adjustments where !adjustment.delta.isFinite { return .notPlain }
    switch kind {
    case .aggregate(let aggregate):
      guard !aggregate.members.isEmpty else { return .notPlain }
      var total = 0.0
      for member in aggregate.members {
        // Finite and not negative (`validateNumbers`, `validateWeights`).
        guard member.weight.isFinite, member.weight >= 0 else { return .notPlain }
        total += member.weight
      }
      if aggregate.percentWeights && Swift.abs(total - 1) > 1e-9 { return .notPlain }
      if !aggregate.percentWeights && total == 0 { return .notPlain }
      // In [0, 1] (and so finite).
      if let coverage = aggregate.coverage, !(coverage >= 0 && coverage <= 1) { return .notPlain }
      switch aggregate.aggregator {
      case .arithmetic, .sum, .harmonic, .median, .minimum, .copeland: break
      default:
        for value in aggregate.aggregator.parameters where !value.isFinite { return .notPlain }
      }
      return .aggregate(aggregate.members)
    case .indicator(let indicator):
      guard case .formula(.variable(let column)) = indicator.source else { return .notPlain }
      guard case .none = indicator.treatment else { return .column(column, checkNumbers: true) }
      switch indicator.normalizer {
      case .minmax(let output):
        guard output.lowerBound.isFinite, output.upperBound.isFinite else { return .notPlain }
        return .column(column, checkNumbers: false)
      case .identity:
        return .column(column, checkNumbers: false)
      default:
        return .column(column, checkNumbers: true)
      }
    }
  }

  /// An indicator's normalization and treatment numbers finite and its reference entity in
  /// `table` (the rest of `plainSummary`'s rules for methods other than min-max).
  func plainIndicatorNumbers(_ table: DataTable) -> Bool {
    guard let indicator else { return false }
    if case .dist2ref(let entity, _, _) = indicator.normalizer, table.entityIndex(entity) == nil {
      return false
    }
    for value in indicator.normalizer.parameters where !value.isFinite { return false }
    for value in indicator.treatment.parameters where !value.isFinite { return false }
    return true
  }
}

extension Plan {
  /// Whether some indicator's formula reads other indicators by name (most plans: none, and
  /// then no name needs hashing to order or check them).
  var readsIndicators: Bool {
    nodes.contains { node in
      guard case .indicator(let indicator) = node.kind,
        case .formula(let formula) = indicator.source
      else { return false }
      switch formula {
      case .variable, .constant: return false
      default: return !formula.indicators.isEmpty
      }
    }
  }
}

/// The names along a dependency cycle between indicators.
public struct CycleError: Error, Sendable {
  public var names: [String]
}
