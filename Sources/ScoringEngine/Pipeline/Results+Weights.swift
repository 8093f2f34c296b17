/// The weights a run actually used, where some came from the data.
///
/// Declared weights live in the plan; `weights: pca` and `weights: equal_influence` are solved
/// per period, and benefit of the doubt solves one set per entity. Explain, diff and audit read
/// the weights here so that derived ones are shown as what they were.

/// Weights one aggregate took from the data during a run.
public struct DerivedWeights: Sendable, Equatable {
  /// Where the weights came from.
  public enum Source: String, Sendable, Equatable {
    /// `weights: pca`.
    case principalComponent = "pca"
    /// `weights: equal_influence`.
    case equalInfluence = "equal_influence"
    /// `aggregate: benefit_of_doubt`: one set per entity.
    case benefitOfDoubt = "benefit_of_doubt"
  }

  public var source: Source
  /// `pca`, `equal_influence`: `byPeriod[p][m]`, summing to 1 over the members; nil for a
  /// period where they could not be derived (the declared weights were used).
  public var byPeriod: [[Double]?]
  /// Benefit of the doubt: `byCell[m][cell]`, the entity's own (unnormalized) weights.
  public var byCell: [[Double]]

  public init(source: Source, byPeriod: [[Double]?] = [], byCell: [[Double]] = []) {
    self.source = source
    self.byPeriod = byPeriod
    self.byCell = byCell
  }
}

extension Results {
  /// The member weights an aggregate used for one cell (entity and period), as they were
  /// applied: declared, derived for the period, or the entity's own.
  public func memberWeights(ofNode node: Int, cell: Int) -> [Double] {
    guard let aggregate = plan.nodes[node].aggregate else { return [] }
    let declared = aggregate.members.map(\.weight)
    guard let derived = nodes[node].derivedWeights else { return declared }
    switch derived.source {
    case .benefitOfDoubt:
      return derived.byCell.map { cell < $0.count ? $0[cell] : 0 }
    case .principalComponent, .equalInfluence:
      let p = cell / Swift.max(entityCount, 1)
      guard p < derived.byPeriod.count, let weights = derived.byPeriod[p] else { return declared }
      return weights
    }
  }

  /// An aggregate's member weights in one period, normalized to sum to 1.
  ///
  /// For benefit of the doubt, each member's mean share of the entities' scores (wᵢyᵢ / Σ wₗyₗ).
  public func memberWeights(ofNode node: Int, period p: Int) -> [Double] {
    guard let aggregate = plan.nodes[node].aggregate else { return [] }
    var weights = memberWeights(ofNode: node, cell: p * entityCount)
    if nodes[node].derivedWeights?.source == .benefitOfDoubt {
      weights = [Double](repeating: 0, count: aggregate.members.count)
      var counted = 0.0
      for e in 0..<entityCount {
        let cell = p * entityCount + e
        let own = memberWeights(ofNode: node, cell: cell)
        let parts = aggregate.members.indices.map { m -> Double in
          let value = nodes[aggregate.members[m].node].score[cell]
          return value.isNaN ? 0 : own[m] * value
        }
        let total = parts.reduce(0, +)
        guard total > 0 else { continue }
        counted += 1
        for m in parts.indices { weights[m] += parts[m] / total }
      }
      if counted > 0 { weights = weights.map { $0 / counted } }
    }
    let total = weights.reduce(0) { $0 + Swift.max($1, 0) }
    return total > 0 ? weights.map { Swift.max($0, 0) / total } : weights
  }

  /// Per node, the product of its normalized weights up the tree in one period, with derived
  /// weights where a node has them (equal to `effectiveWeights` when none does).
  public func effectiveWeights(period p: Int) -> [Double] {
    var weights = [Double](repeating: 0, count: plan.nodes.count)
    guard plan.nodes.indices.contains(plan.root) else { return weights }
    weights[plan.root] = 1
    var stack = [plan.root]
    var visited = Set<Int>()
    while let index = stack.popLast() {
      guard visited.insert(index).inserted, let aggregate = plan.nodes[index].aggregate else {
        continue
      }
      let shares = memberWeights(ofNode: index, period: p)
      for (member, share) in zip(aggregate.members, shares)
      where plan.nodes.indices.contains(member.node) {
        weights[member.node] = weights[index] * share
        stack.append(member.node)
      }
    }
    return weights
  }
}
