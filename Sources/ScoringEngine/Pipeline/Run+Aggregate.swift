import Diagnostics

extension Runner {
  /// Product of normalized weights from the root down to each node (0 for nodes outside
  /// the tree); weights of any size (`WeightScale`).
  func effectiveWeights() -> [Double] {
    var weights = [Double](repeating: 0, count: plan.nodes.count)
    guard plan.nodes.indices.contains(plan.root) else { return weights }
    // Two stacks (node, its weight) rather than one of pairs: see "Types the run builds".
    var stack = [plan.root]
    var stackWeights = [1.0]
    var visited = [Bool](repeating: false, count: plan.nodes.count)
    while let index = stack.popLast(), let weight = stackWeights.popLast() {
      guard !visited[index] else { continue }
      visited[index] = true
      weights[index] = weight
      guard let aggregate = plan.nodes[index].aggregate else { continue }
      let memberWeights = WeightScale.normalized(aggregate.members.map(\.weight))
      let total = memberWeights.reduce(0) { $0 + Swift.max(0, $1) }
      guard total > 0 else { continue }
      for (member, memberWeight) in zip(aggregate.members, memberWeights)
      where plan.nodes.indices.contains(member.node) {
        stack.append(member.node)
        stackWeights.append(weight * memberWeight / total)
      }
    }
    return weights
  }

  /// Nodes that are neither in the tree nor read by an indicator in it.
  ///
  /// `readsIndicators` is `plan.readsIndicators`, when the caller knows it.
  mutating func warnUnused(readsIndicators known: Bool? = nil) {
    // Names are hashed only when a formula reads other indicators by name.
    var positions: [String: Int] = [:]
    let readsIndicators = known ?? plan.readsIndicators
    if readsIndicators {
      for index in plan.nodes.indices where positions[plan.nodes[index].name] == nil {
        positions[plan.nodes[index].name] = index
      }
    }
    var reachable = [Bool](repeating: false, count: plan.nodes.count)
    var stack = [plan.root]
    while let index = stack.popLast() {
      guard plan.nodes.indices.contains(index), !reachable[index] else { continue }
      reachable[index] = true
      switch plan.nodes[index].kind {
      case .aggregate(let aggregate):
        for member in aggregate.members { stack.append(member.node) }
      case .indicator(let indicator):
        if readsIndicators, case .formula(let formula) = indicator.source {
          stack += formula.indicators.compactMap { positions[$0] }
        }
      }
    }
    // By index: `for node in plan.nodes` would copy every node.
    for index in plan.nodes.indices where !reachable[index] && !plan.nodes[index].isLibrary {
      diagnostics.append(
        EngineMessages.unused(plan.nodes[index].name, span: plan.nodes[index].span))
    }
  }

  /// Computes the scores of the aggregates below `root` and of `root` itself, members first
  /// (post-order), with an explicit stack: a tree of any depth.
  mutating func aggregate(_ root: Int) {
    // An aggregate whose members are done is pushed as `-1 - index`: one stack of `Int`
    // rather than of pairs ("Types the run builds").
    var stack = [root]
    var visited = [Bool](repeating: false, count: plan.nodes.count)
    while let entry = stack.popLast() {
      let membersDone = entry < 0
      let index = membersDone ? -1 - entry : entry
      guard let spec = plan.nodes[index].aggregate else { continue }
      if membersDone {
        let before = reportCount
        aggregateNode(index)
        if reportCount != before { reported[index] = true }
        continue
      }
      // A validated plan is a tree; this only keeps a malformed one from looping.
      guard !visited[index] else { continue }
      visited[index] = true
      stack.append(-1 - index)
      for member in spec.members.reversed() { stack.append(member.node) }
    }
  }

  /// One aggregate's score in every scored period, its members already computed.
  mutating func aggregateNode(_ index: Int) {
    // Means computed with the members and no adjustment: they are the scores (the path
    // below with nothing to do but its last line), without copying the node.
    if plan.nodes[index].adjustments.isEmpty, let computed = takeComputedMeans(index) {
      let means = computed.means
      nodes[index].score = ScoreColumn(computed.finite ? means : finiteScores(means, node: index))
      return
    }
    let node = plan.nodes[index]
    guard let spec = node.aggregate else { return }
    let weights = spec.members.map(\.weight)
    // An arithmetic mean of declared weights reads the members' scores in place.
    let computed = takeComputedMeans(index)
    let inPlace = computed?.means ?? arithmeticInPlace(index)
    var scores = inPlace ?? []
    if inPlace == nil { scores.reserveCapacity(scored.count * count) }
    for (p, period) in scored.enumerated() where inPlace == nil {
      let range = (p * count)..<((p + 1) * count)
      let members = spec.members.map { nodes[$0.node].score.scores(in: range) }
      let used = weightsToUse(index, members: members, declared: weights, period: p)
      let outcome = ScoringEngine.aggregate(
        members, weights: used, with: spec.aggregator, coverage: spec.coverage)
      keepEntityWeights(index, outcome.entityWeights, period: p)
      if !outcome.nonPositive.isEmpty {
        let members = uniqueSorted(outcome.nonPositive.map(\.member))
        findings.add(
          .nonPositiveMean(Self.meanName(spec.aggregator)), node: node.name, span: node.span,
          period: period, entities: uniqueSorted(outcome.nonPositive.map(\.entity)),
          members: members.map { plan.nodes[spec.members[$0].node].name })
      }
      if !outcome.belowCoverage.isEmpty {
        findings.add(
          .belowCoverage, node: node.name, span: node.span, period: period,
          entities: outcome.belowCoverage)
      }
      scores.append(contentsOf: outcome.values)
    }
    for adjustment in node.adjustments {
      guard let e = adjustedEntity(adjustment) else { continue }
      for p in scored.indices where !scores[p * count + e].isNaN {
        scores[p * count + e] += adjustment.delta
      }
    }
    // Ranks of inner nodes are computed on demand (`Results.ranks(ofNode:period:)`): few
    // callers need them, and sorting every node in every period dominated small runs.
    let finite = computed?.finite == true && node.adjustments.isEmpty
    nodes[index].score = ScoreColumn(finite ? scores : finiteScores(scores, node: index))
  }

  /// Scores with every infinity made missing and reported (W0431), so that no overflow
  /// reaches a parent, a rank or an output format.
  mutating func finiteScores(_ scores: [Double], node index: Int) -> [Double] {
    guard containsInfinity(scores) else { return scores }
    var finite = scores
    for (p, period) in scored.enumerated() {
      var entities: [String] = []
      for e in 0..<count where finite[p * count + e].isInfinite {
        finite[p * count + e] = .nan
        entities.append(entityCodes[e])
      }
      if !entities.isEmpty {
        diagnostics.append(
          EngineMessages.overflow(
            plan.nodes[index].name, entities: entities, period: period,
            span: plan.nodes[index].span))
      }
    }
    return finite
  }

  /// The root score under the plan's scaling, and its ranks, per scored period.
  mutating func scaleAndRank() -> ([Double], [Int]) {
    let root = nodes[plan.root].score
    var scaled: [Double] = []
    var ranks: [Int] = []
    for (p, period) in scored.enumerated() {
      let slice = root.scores(in: (p * count)..<((p + 1) * count))
      var outcome = scale(slice, with: plan.scaling, entityCodes: entityCodes)
      if let problem = outcome.problem {
        report(problem, indicator: plan.nodes[plan.root].name, period: period, span: nil)
      }
      if outcome.values.contains(where: \.isInfinite) {
        let overflowed = outcome.values.indices.filter { outcome.values[$0].isInfinite }
        for e in overflowed { outcome.values[e] = .nan }
        diagnostics.append(
          EngineMessages.overflow(
            plan.nodes[plan.root].name, entities: overflowed.map { entityCodes[$0] },
            period: period, span: plan.nodes[plan.root].span))
      }
      scaled.append(contentsOf: outcome.values)
      ranks.append(contentsOf: sportRanks(outcome.values))
    }
    return (scaled, ranks)
  }

  /// The entity an adjustment names, or nil with an error when the data has no such entity.
  mutating func adjustedEntity(_ adjustment: Plan.Adjustment) -> Int? {
    guard let e = table.entityIndex(adjustment.entity) else {
      diagnostics.append(
        EngineMessages.unknownEntity(
          adjustment.entity, role: "adjusted entity", span: adjustment.span))
      return nil
    }
    return e
  }

  static func meanName(_ aggregator: Aggregator) -> String {
    switch aggregator {
    case .harmonic: "harmonic"
    case .power(let p): "power (p = \(p))"
    case .mazziottaPareto, .adjustedMazziottaPareto: "Mazziotta–Pareto"
    case .benefitOfDoubt: "benefit-of-the-doubt"
    default: "geometric"
    }
  }

  private func uniqueSorted(_ values: [Int]) -> [Int] {
    Array(Set(values)).sorted()
  }
}
