import Diagnostics

/// Plan validation: the structural rules every methodology must satisfy before it can run.
///
/// The language checker reports most of these first, with better spans and suggestions; the
/// engine checks them again so that a plan built by hand in Swift is just as safe.
extension Plan {
  /// Problems that stop the plan from running against `table`, plus warnings.
  public func validate(against table: DataTable) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    guard nodes.indices.contains(root) else {
      return [.error("E0420", "the plan's root is not one of its nodes")]
    }
    diagnostics += validateTree()
    diagnostics += validateWeights()
    diagnostics += validateIndicators(table)
    for period in periods where table.periodIndex(period) == nil {
      diagnostics.append(
        EngineMessages.periodNotInData(period, available: table.periods, span: nil))
    }
    return diagnostics
  }

  /// Each member index exists, every node has at most one parent, and the tree has no cycle.
  private func validateTree() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var parent = [Int?](repeating: nil, count: nodes.count)
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
        if let existing = parent[member.node] {
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

  private func treeCycle(parent: [Int?]) -> [Int]? {
    for start in nodes.indices {
      var seen: [Int] = [start]
      var current = parent[start]
      while let node = current {
        if node == start { return seen.reversed() + [start] }
        if seen.contains(node) { break }
        seen.append(node)
        current = parent[node]
      }
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
    let names = Set(nodes.compactMap { $0.indicator == nil ? nil : $0.name })
    for node in nodes {
      guard let indicator = node.indicator, case .formula(let formula) = indicator.source else {
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
      let first = nodeIndex(cycle[0])
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
  public func indicatorOrder() -> Result<[Int], CycleError> {
    var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
    var order: [Int] = []
    var stack: [Int] = []
    func dependencies(_ index: Int) -> [Int] {
      guard case .formula(let formula)? = nodes[index].indicator?.source else { return [] }
      return formula.indicators.compactMap { name in
        nodes.firstIndex { $0.name == name && $0.indicator != nil }
      }
    }
    func visit(_ index: Int) -> [String]? {
      if state[index] == 2 { return nil }
      if state[index] == 1 {
        let from = stack.firstIndex(of: index) ?? 0
        return (stack[from...] + [index]).map { nodes[$0].name }
      }
      state[index] = 1
      stack.append(index)
      for dependency in dependencies(index) {
        if let cycle = visit(dependency) { return cycle }
      }
      stack.removeLast()
      state[index] = 2
      order.append(index)
      return nil
    }
    for index in nodes.indices where nodes[index].indicator != nil {
      if let cycle = visit(index) { return .failure(CycleError(names: cycle)) }
    }
    return .success(order)
  }
}

/// The names along a dependency cycle between indicators.
public struct CycleError: Error, Sendable {
  public var names: [String]
}
