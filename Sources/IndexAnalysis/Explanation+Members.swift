import ScoringEngine

extension Explanation {
  /// The terms summed by the member of the index at the top of their path.
  ///
  /// In the order the terms come; terms on the index itself (its adjustments, a min-max
  /// offset) are under `(index)`. The sums add up to the score.
  public func byMember(root: Int) -> [(member: String, contribution: Double)] {
    var order: [String] = []
    var sums: [String: Double] = [:]
    for term in terms {
      let member = term.node == root ? "(index)" : term.path.first ?? "(index)"
      if sums[member] == nil { order.append(member) }
      sums[member, default: 0] += term.contribution
    }
    return order.map { ($0, sums[$0] ?? 0) }
  }
}
