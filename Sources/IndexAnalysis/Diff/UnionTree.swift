import ScoringEngine

/// The trees of two plans laid over each other: nodes matched by name (the two roots with
/// each other), each with its members on either side.
///
/// A node in one plan only (an added dimension) is a node of the union with no counterpart on
/// the other side; a node that moved to another parent has an edge from each parent, with a
/// weight on one side only. Both trees are walked with explicit stacks in pre-order, so every
/// parent comes before its members in `orderA` and `orderB`.
struct UnionTree: Sendable {
  struct Node: Sendable {
    var name: String
    /// The node's index in plan A (B), or nil when that plan has no such node in its tree.
    var a: Int?
    var b: Int?
    /// The node's members: a range of `edges`.
    var edges: Range<Int>
    /// Names from the root's member down to this node (empty for the root), in B's tree when
    /// the node is there, else in A's.
    var path: [String]
  }

  /// One member of a node, with its declared weight on each side (NaN where it is not a
  /// member on that side).
  struct Edge: Sendable {
    var child: Int
    var weightA: Double
    var weightB: Double
  }

  var nodes: [Node] = []
  var edges: [Edge] = []
  /// Union nodes in each plan's tree, in pre-order from the root (index 0).
  var orderA: [Int] = []
  var orderB: [Int] = []

  init(_ a: Plan, _ b: Plan) {
    var position: [String: Int] = [:]
    var paths: [Int: [String]] = [:]
    var membersA: [Int: [Plan.Member]] = [:]
    var membersB: [Int: [Plan.Member]] = [:]
    nodes.append(Node(name: b.nodes[b.root].name, a: a.root, b: b.root, edges: 0..<0, path: []))
    for (side, plan) in [(0, a), (1, b)] {
      var order: [Int] = []
      var stack = [(plan.root, 0)]
      var visited = Set<Int>()
      while let (planNode, union) = stack.popLast() {
        guard visited.insert(planNode).inserted else { continue }
        order.append(union)
        guard let aggregate = plan.nodes[planNode].aggregate else { continue }
        if side == 0 {
          membersA[union] = aggregate.members
        } else {
          membersB[union] = aggregate.members
        }
        var children: [(Int, Int)] = []
        for member in aggregate.members where plan.nodes.indices.contains(member.node) {
          let name = plan.nodes[member.node].name
          let child: Int
          if let known = position[name] {
            child = known
          } else {
            child = nodes.count
            position[name] = child
            nodes.append(Node(name: name, a: nil, b: nil, edges: 0..<0, path: []))
          }
          if side == 0 { nodes[child].a = member.node } else { nodes[child].b = member.node }
          if side == 1 || paths[child] == nil { paths[child] = (paths[union] ?? []) + [name] }
          children.append((member.node, child))
        }
        stack += children.reversed()
      }
      if side == 0 { orderA = order } else { orderB = order }
    }
    for u in nodes.indices {
      nodes[u].path = paths[u] ?? []
      let start = edges.count
      var seen: [Int: Int] = [:]
      for (side, members) in [(0, membersA[u] ?? []), (1, membersB[u] ?? [])] {
        let plan = side == 0 ? a : b
        for member in members where plan.nodes.indices.contains(member.node) {
          guard let child = position[plan.nodes[member.node].name] else { continue }
          let edge: Int
          if let known = seen[child] {
            edge = known
          } else {
            edge = edges.count
            seen[child] = edge
            edges.append(Edge(child: child, weightA: .nan, weightB: .nan))
          }
          if side == 0 {
            edges[edge].weightA = member.weight
          } else {
            edges[edge].weightB = member.weight
          }
        }
      }
      nodes[u].edges = start..<edges.count
    }
  }

  /// The union nodes that can carry a term: indicators on either side, in the order of
  /// A's tree and then B's.
  func leaves(_ a: Plan, _ b: Plan) -> [Int] {
    var seen = Set<Int>()
    var out: [Int] = []
    for u in orderA + orderB where seen.insert(u).inserted {
      let node = nodes[u]
      if node.a.map({ a.nodes[$0].indicator != nil }) == true
        || node.b.map({ b.nodes[$0].indicator != nil }) == true
      {
        out.append(u)
      }
    }
    return out
  }
}
