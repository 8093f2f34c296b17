import ScoringEngine

/// The gap between two entities' scores, term by term: each term is A's contribution minus
/// B's, so the terms sum exactly to the gap.
public struct Comparison: Sendable {
  /// One node's part of the gap.
  public struct Row: Sendable, Equatable {
    public var node: Int
    public var path: [String]
    public var a: Double
    public var b: Double
    public var gap: Double { a - b }
  }

  public var first: Explanation
  public var second: Explanation
  /// Indicator-level (and adjustment and offset) rows, largest gap first.
  public var rows: [Row]
  /// The same rows summed by the root's members (dimensions), largest gap first.
  public var byMember: [Row]

  public init(_ first: Explanation, _ second: Explanation) {
    self.first = first
    self.second = second
    func key(_ term: Explanation.Term) -> String {
      term.path.joined(separator: "/") + "#\(term.kind)"
    }
    var order: [String] = []
    var table: [String: Row] = [:]
    for (side, explanation) in [(0, first), (1, second)] {
      for term in explanation.terms {
        let name = key(term)
        if table[name] == nil {
          order.append(name)
          table[name] = Row(node: term.node, path: term.path, a: 0, b: 0)
        }
        if side == 0 {
          table[name]?.a += term.contribution
        } else {
          table[name]?.b += term.contribution
        }
      }
    }
    rows = order.compactMap { table[$0] }.sorted { Swift.abs($0.gap) > Swift.abs($1.gap) }
    var members: [String: Row] = [:]
    var memberOrder: [String] = []
    for row in order.compactMap({ table[$0] }) {
      let top = row.path.first ?? "(scaling)"
      if members[top] == nil {
        memberOrder.append(top)
        members[top] = Row(node: row.node, path: [top], a: 0, b: 0)
      }
      members[top]?.a += row.a
      members[top]?.b += row.b
    }
    byMember = memberOrder.compactMap { members[$0] }.sorted {
      Swift.abs($0.gap) > Swift.abs($1.gap)
    }
  }

  /// The score gap, A − B.
  public var gap: Double { first.score - second.score }
}
