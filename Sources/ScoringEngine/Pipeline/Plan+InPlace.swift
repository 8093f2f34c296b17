/// Edits of one node's method in place, for callers that change a plan draw after draw.
///
/// `if case .aggregate(var spec) = plan.nodes[i].kind { …; plan.nodes[i].kind = .aggregate(spec) }`
/// holds the member list twice while `spec` is edited (once in the plan, once in `spec`), so
/// the first write copies it, and every draw pays an allocation and a reference count per
/// member. These take the method out of the node first, so a plan that owns its lists edits
/// them where they are.
extension Plan {
  /// Runs `body` on aggregate `node`'s definition in place; false when it is no aggregate.
  @discardableResult
  public mutating func updateAggregate(_ node: Int, _ body: (inout Aggregate) -> Void) -> Bool {
    guard nodes.indices.contains(node), case .aggregate(var aggregate) = nodes[node].kind else {
      return false
    }
    nodes[node].kind = Self.placeholder
    body(&aggregate)
    nodes[node].kind = .aggregate(aggregate)
    return true
  }

  /// Runs `body` on indicator `node`'s definition in place; false when it is no indicator.
  @discardableResult
  public mutating func updateIndicator(_ node: Int, _ body: (inout Indicator) -> Void) -> Bool {
    guard nodes.indices.contains(node), case .indicator(var indicator) = nodes[node].kind else {
      return false
    }
    nodes[node].kind = Self.placeholder
    body(&indicator)
    nodes[node].kind = .indicator(indicator)
    return true
  }

  /// What a node holds while its method is out: an aggregate of no members (no storage).
  private static var placeholder: Node.Kind { .aggregate(Aggregate(members: [])) }
}
