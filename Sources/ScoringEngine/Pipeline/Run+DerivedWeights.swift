/// The runner's hooks for weights that come from the data: the weights a node uses in one
/// period, and the per-entity weights benefit of the doubt solved. Both keep what they used in
/// the node's `derivedWeights`, so explain, diff and audit show the weights that were applied.
extension Runner {
  /// The weights node `index` aggregates with in scored period `p`: derived from `members`
  /// when the node asks for it (warning and falling back to `declared` when that fails).
  mutating func weightsToUse(_ index: Int, members: [[Double]], declared: [Double], period p: Int)
    -> [Double]
  {
    guard let spec = plan.nodes[index].aggregate, spec.weighting.isDerived,
      !spec.aggregator.setsItsOwnWeights
    else { return declared }
    let outcome = deriveWeights(
      members, with: spec.weighting, aggregator: spec.aggregator, coverage: spec.coverage)
    let source: DerivedWeights.Source =
      spec.weighting == .principalComponent ? .principalComponent : .equalInfluence
    var record = nodes[index].derivedWeights ?? DerivedWeights(source: source)
    if record.byPeriod.count < scored.count {
      record.byPeriod = [[Double]?](repeating: nil, count: scored.count)
    }
    record.byPeriod[p] = outcome.weights
    nodes[index].derivedWeights = record
    let node = plan.nodes[index]
    if let problem = outcome.problem {
      let reason =
        switch problem {
        case .tooFewCompleteRows: "fewer than three entities have every member"
        case .noSpread: "a member does not vary over the entities that have every member"
        case .constantScore: "the score does not vary"
        }
      diagnostics.append(
        EngineMessages.derivedWeightsFallback(
          node.name, method: source.rawValue, reason: reason, period: scored[p], span: node.span))
    }
    if let distance = outcome.unconverged {
      diagnostics.append(
        EngineMessages.equalInfluenceUnconverged(
          node.name, distance: distance, period: scored[p], span: node.span))
    }
    return outcome.weights ?? declared
  }

  /// Keeps benefit of the doubt's per-entity weights of scored period `p` (`weights[m][e]`).
  mutating func keepEntityWeights(_ index: Int, _ weights: [[Double]], period p: Int) {
    guard !weights.isEmpty else { return }
    var record = nodes[index].derivedWeights ?? DerivedWeights(source: .benefitOfDoubt)
    if record.byCell.count != weights.count {
      record.byCell = weights.map { _ in [Double](repeating: 0, count: scored.count * count) }
    }
    for m in weights.indices {
      record.byCell[m].replaceSubrange((p * count)..<((p + 1) * count), with: weights[m])
    }
    nodes[index].derivedWeights = record
  }
}
