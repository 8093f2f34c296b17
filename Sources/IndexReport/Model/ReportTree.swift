import ScoringEngine

/// The methodology's tree as the report draws it and the page recomputes it.
///
/// Nodes are listed in pre-order from the root (a parent before its members, members in
/// declaration order), built with an explicit stack. Each node has a role in the page:
/// - `live`: an aggregate the page re-aggregates when a weight moves (its members' values are
///   in the page, and its aggregation is one the script can compute);
/// - `embedded`: a node whose values the page holds as the engine computed them (indicators,
///   Copeland aggregates, and aggregates left out to keep the file small);
/// - `below`: inside an embedded aggregate; drawn in the framework, not recomputed.
///
/// Which aggregates are live is decided breadth-first from the root: an aggregate is opened
/// when the page can recompute it and its members' values fit in the value budget, so a huge
/// methodology keeps live sliders for its upper levels.
struct ReportTree: Sendable {
  enum Role: String, Sendable {
    case live
    case embedded
    case below
  }

  struct Node: Sendable {
    /// Index into the plan's nodes.
    var plan: Int
    /// Tree index of the parent (nil for the root).
    var parent: Int?
    var depth: Int
    /// Tree indices of the members, in declaration order.
    var members: [Int] = []
    /// The plan's weight of each member (relative within the group).
    var weights: [Double] = []
    var role: Role = .below
    /// Why an aggregate has no live sliders (nil for live aggregates and indicators).
    var fixedReason: String?
  }

  var nodes: [Node]
  /// Tree index of each member of the root, in order: the index's own members.
  var topMembers: [Int] { nodes.first?.members ?? [] }

  /// Builds the tree of `plan` and decides roles for `cells` values per embedded node.
  init(plan: Plan, cells: Int, budget: Int) {
    nodes = []
    guard plan.nodes.indices.contains(plan.root) else { return }
    var visited = Set<Int>()
    var stack: [(plan: Int, parent: Int?, depth: Int, weight: Double)] = [(plan.root, nil, 0, 1)]
    while let (index, parent, depth, weight) = stack.popLast() {
      guard visited.insert(index).inserted else { continue }
      let position = nodes.count
      nodes.append(Node(plan: index, parent: parent, depth: depth))
      if let parent {
        nodes[parent].members.append(position)
        nodes[parent].weights.append(weight)
      }
      guard let aggregate = plan.nodes[index].aggregate else { continue }
      for member in aggregate.members.reversed() where plan.nodes.indices.contains(member.node) {
        stack.append((member.node, position, depth + 1, member.weight))
      }
    }
    assignRoles(plan: plan, cells: cells, budget: budget)
  }

  /// Why the page cannot recompute an aggregate from its members' values and weights, or nil
  /// when it can.
  static func engineOnlyReason(_ aggregate: Plan.Aggregate) -> String? {
    switch aggregate.aggregator {
    case .copeland:
      return "Copeland outranking compares every pair of entities: only the engine recomputes it"
    case .benefitOfDoubt:
      return "benefit of the doubt solves each entity's own weights: only the engine recomputes it"
    case .mazziottaPareto, .adjustedMazziottaPareto:
      return "the Mazziotta–Pareto index takes no weights"
    default:
      break
    }
    if aggregate.weighting != .declared {
      return "its weights are derived from the data in each period: only the engine recomputes them"
    }
    return nil
  }

  /// Opens aggregates breadth-first while their members' values fit in the budget.
  private mutating func assignRoles(plan: Plan, cells: Int, budget: Int) {
    guard !nodes.isEmpty else { return }
    nodes[0].role = .embedded
    var embeddedValues = cells
    var queue = [0]
    var head = 0
    while head < queue.count {
      let t = queue[head]
      head += 1
      let spec = plan.nodes[nodes[t].plan]
      guard let aggregate = spec.aggregate else { continue }
      if let reason = Self.engineOnlyReason(aggregate) {
        nodes[t].fixedReason = reason
        continue
      }
      let opened = embeddedValues - cells + nodes[t].members.count * cells
      guard opened <= budget else {
        nodes[t].fixedReason =
          "its members' values are not in the page (the report keeps at most "
          + "\(budget) values)"
        continue
      }
      embeddedValues = opened
      nodes[t].role = .live
      for member in nodes[t].members {
        nodes[member].role = .embedded
        queue.append(member)
      }
    }
    for t in nodes.indices where nodes[t].role == .below {
      guard plan.nodes[nodes[t].plan].aggregate != nil else { continue }
      let owner = embeddedAncestor(t).map { plan.nodes[nodes[$0].plan].name } ?? "its parent"
      nodes[t].fixedReason = "inside `\(owner)`, which the page does not recompute"
    }
  }

  /// The nearest ancestor (or the node itself) that is embedded, for a node not live.
  func embeddedAncestor(_ t: Int) -> Int? {
    var current: Int? = t
    while let c = current {
      if nodes[c].role == .embedded { return c }
      if nodes[c].role == .live { return nil }
      current = nodes[c].parent
    }
    return nil
  }

  /// The member of the root that contains `t` (nil for the root).
  func topMember(of t: Int) -> Int? {
    var current = t
    while let parent = nodes[current].parent {
      if parent == 0 { return current }
      current = parent
    }
    return nil
  }

  /// The node the gap table shows a term of node `t` under: the node itself when the page
  /// recomputes or embeds it, else its embedded ancestor.
  func row(for t: Int) -> Int {
    nodes[t].role == .below ? (embeddedAncestor(t) ?? t) : t
  }

  /// Tree index of each plan node (nil outside the tree).
  func positions(planCount: Int) -> [Int?] {
    var positions = [Int?](repeating: nil, count: planCount)
    for (t, node) in nodes.enumerated() { positions[node.plan] = t }
    return positions
  }

  /// Each node's share of its parent's weights (1 for the root).
  var nominalShares: [Double] {
    var shares = [Double](repeating: 1, count: nodes.count)
    for node in nodes {
      let total = node.weights.reduce(0) { $0 + Swift.max(0, $1) }
      for (member, weight) in zip(node.members, node.weights) {
        shares[member] = total > 0 ? Swift.max(0, weight) / total : 0
      }
    }
    return shares
  }

  /// Each node's effective weight: the product of nominal shares from the root down (pre-order
  /// lists parents first, so one pass suffices).
  var effectiveWeights: [Double] {
    let shares = nominalShares
    var effective = [Double](repeating: 1, count: nodes.count)
    for t in nodes.indices.dropFirst() {
      if let parent = nodes[t].parent { effective[t] = effective[parent] * shares[t] }
    }
    return effective
  }
}
