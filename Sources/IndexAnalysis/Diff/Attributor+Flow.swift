import ScoringEngine

extension Attributor {
  /// Passes the weight-term mass a node received on one side to its members by that side's
  /// explanation shares (and to its adjustments by δ/x); a leaf, a node kept whole or a
  /// Copeland node keeps it.
  mutating func pushDown(_ u: Int, side: Int) {
    let isA = side == 0
    let mass = isA ? massA[u] : massB[u]
    let x = isA ? valueA[u] : valueB[u]
    guard let aggregator = isA ? a.aggregators[u] : b.aggregators[u], !isWhole[u], !x.isNaN else {
      absorbed[u] += mass
      return
    }
    let items = adjusted[u] ? (isA ? sideAdjustments[u]?.a : sideAdjustments[u]?.b) ?? [] : []
    let adjusted = items.reduce(0) { $0 + $1.0 }
    let aggregated = x - adjusted
    var memberMass = mass
    if !items.isEmpty && x != 0 && x.isFinite {
      for (delta, term) in items { adjustmentTerms[term].effect += mass * delta / x }
      memberMass = mass * aggregated / x
    }
    // The scratch buffers are moved out and back, so they stay uniquely referenced.
    var present: [Int] = []
    var values: [Double] = []
    var weights: [Double] = []
    swap(&present, &scratch.present)
    swap(&values, &scratch.presentValues)
    swap(&weights, &scratch.presentWeights)
    present.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
    weights.removeAll(keepingCapacity: true)
    defer {
      (scratch.present, scratch.presentValues, scratch.presentWeights) = (present, values, weights)
    }
    // The weights as applied: declared, derived for the period, or the entity's own. When
    // the entity's own weights are all 0 (benefit of the doubt with a member at 0 under a
    // lower share bound scores 0), its score has no shares: the declared weights split it.
    let applied = isA ? a.appliedWeights(u, cell: cellA) : b.appliedWeights(u, cell: cellB)
    for useApplied in applied == nil ? [false] : [true, false] where present.isEmpty {
      for (i, e) in tree.nodes[u].edges.enumerated() {
        let edge = tree.edges[e]
        let declared = isA ? edge.weightA : edge.weightB
        let weight = declared.isNaN || !useApplied ? declared : (applied?[i] ?? declared)
        let value = isA ? valueA[edge.child] : valueB[edge.child]
        guard !weight.isNaN, weight > 0, !value.isNaN else { continue }
        present.append(edge.child)
        values.append(value)
        weights.append(weight)
      }
    }
    guard !present.isEmpty else {
      absorbed[u] += memberMass
      return
    }
    let total = weights.reduce(0, +)
    let normalized = weights.map { $0 / total }
    switch Walker.parts(aggregator, values: values, weights: normalized, result: aggregated) {
    case .additive(var fractions):
      // Shares of a sum near zero can be huge and of both signs; weights are the safe split.
      if fractions.contains(where: { !$0.isFinite || Swift.abs($0) > 1e6 }) {
        fractions = normalized
      }
      for (child, fraction) in zip(present, fractions) {
        add(memberMass * fraction, to: child, isA)
      }
    case .decided(let i):
      add(memberMass, to: present[i], isA)
    case .whole:
      absorbed[u] += memberMass
    }
  }

  private mutating func add(_ mass: Double, to node: Int, _ isA: Bool) {
    if isA { massA[node] += mass } else { massB[node] += mass }
  }

  /// The terms of the entity, multiplied by the mean scaling factor.
  mutating func collect(code: String, cellA: Int, cellB: Int, checks: [EntityTerms.NodeCheck])
    -> EntityTerms
  {
    let factor = (a.scaling.factor + b.scaling.factor) / 2
    var terms = [Double](repeating: 0, count: tree.nodes.count)
    for u in tree.nodes.indices {
      var term = absorbed[u]
      let m = multiplier[u]
      if m != 0 {
        if isWhole[u] {
          term += m * whole[u]
        } else if !decomposed[u] && !valueA[u].isNaN && !valueB[u].isNaN {
          var value = valueB[u] - valueA[u]
          for index in adjusted[u] ? rawAdjustmentsAt[u] ?? [] : [] {
            let effect = adjustmentTerms[index].effect
            value -= effect
            adjustmentTerms[index].effect = m * effect
          }
          term += m * value
        }
      } else {
        for index in adjusted[u] ? rawAdjustmentsAt[u] ?? [] : [] {
          adjustmentTerms[index].effect = 0
        }
      }
      terms[u] = term * factor
    }
    for u in adjustmentsAt.keys.sorted() where multiplier[u] != 0 && (decomposed[u] || isWhole[u]) {
      let indices = adjustmentsAt[u] ?? []
      let side = sideAdjustments[u]
      for index in indices {
        let deltaA = side?.a.first { $0.1 == index }?.0 ?? 0
        let deltaB = side?.b.first { $0.1 == index }?.0 ?? 0
        adjustmentTerms[index].effect += multiplier[u] * (deltaB - deltaA)
      }
    }
    for index in adjustmentTerms.indices { adjustmentTerms[index].effect *= factor }
    var members: [Double] = []
    for e in tree.nodes[0].edges {
      let child = tree.edges[e].child
      let k = valueFactor[e]
      let value = k == 0 ? 0 : k * (valueB[child] - valueA[child])
      members.append((weightTerm[e] + value) * factor)
    }
    let rootA = a.root(cellA)
    let rootB = b.root(cellB)
    let scaling =
      (b.scaling.factor - a.scaling.factor) * (rootA + rootB) / 2
      + (b.scaling.offset - a.scaling.offset)
    return EntityTerms(
      terms: terms, members: members, weightsA: rootWeightsA, weightsB: rootWeightsB,
      rootWhole: isWhole[0] ? whole[0] * factor : 0, adjustments: adjustmentTerms,
      scaling: scaling, checks: checks, decisions: decisions)
  }
}
