import ScoringEngine

/// How the members of each aggregate move together in one period: the coherence part of the
/// audit on its own, for readers that need no data statistics or influence (the report's
/// heat maps).
///
/// The values are the audit's (`Audit.aggregates`): each aggregate's members' scores —
/// normalized indicators below an aggregate of indicators, aggregate scores above —
/// correlated pairwise complete (Pearson), Cronbach's α of the members, and their principal
/// components on the complete rows. Aggregates come in pre-order from the index (an
/// aggregate before its members, in declaration order), walked with an explicit stack.
public struct Coherence: Sendable {
  /// One aggregate's members and how they hang together.
  public struct Aggregate: Sendable {
    /// The aggregate's plan node, and its depth below the index (0 for the index).
    public var node: Int
    public var depth: Int
    /// Its members' plan nodes, in declaration order.
    public var members: [Int]
    /// Pearson correlations among the members, `correlations[i][j]` (nil where undefined).
    public var correlations: [[Double?]]
    public var cronbachAlpha: Double?
    /// Nil with fewer than two members, three complete rows, or a member without spread.
    public var components: PrincipalComponents?

    /// The first principal component's share of the members' variance.
    public var firstComponentShare: Double? {
      components?.varianceShares.first
    }
  }

  /// The period, as in the data.
  public var period: Int
  public var aggregates: [Aggregate] = []

  /// The coherence of every aggregate under the index in `period`; nil when the period was
  /// not scored.
  public init?(_ results: Results, period: Int) {
    guard let p = results.periodIndex(period) else { return nil }
    self.period = period
    var depth: [Int: Int] = [results.plan.root: 0]
    for (node, parent) in Audit.preorder(results.plan, from: results.plan.root) {
      if let parent { depth[node] = (depth[parent] ?? 0) + 1 }
      guard let members = results.plan.nodes[node].aggregate?.members else { continue }
      let scores = members.map { member -> [Double] in
        let stage = results.nodes[member.node].score
        return stage.isEmpty
          ? [Double](repeating: .nan, count: results.entityCount)
          : Array(results.slice(stage, period: p))
      }
      let measures = Self.measures(scores)
      aggregates.append(
        Aggregate(
          node: node, depth: depth[node] ?? 0, members: members.map(\.node),
          correlations: measures.correlations, cronbachAlpha: measures.alpha,
          components: measures.components))
    }
  }

  /// The correlations, α and principal components of some members' scores
  /// (`scores[m][e]`): what the audit and this summary compute for each aggregate.
  static func measures(_ scores: [[Double]]) -> (
    correlations: [[Double?]], alpha: Double?, components: PrincipalComponents?
  ) {
    var correlations = scores.map { _ in [Double?](repeating: nil, count: scores.count) }
    for i in scores.indices {
      for j in i..<scores.count {
        let r = Correlation.pearson(scores[i], scores[j])
        correlations[i][j] = r
        correlations[j][i] = r
      }
    }
    return (correlations, Correlation.cronbachAlpha(scores), PrincipalComponents(scores))
  }
}
