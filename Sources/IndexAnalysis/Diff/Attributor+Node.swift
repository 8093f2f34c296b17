import ScoringEngine

/// What the attribution found for one entity, before it is named and summed up.
struct EntityTerms {
  /// Per union node: the node's own term (indicators, and nodes kept whole), scaled.
  var terms: [Double]
  /// Per edge of the root: that member's part of the difference, scaled.
  var members: [Double]
  /// Per edge of the root: the weight ω each side gave the member for this entity.
  var weightsA: [Double]
  var weightsB: [Double]
  /// The difference of a root that is not decomposed (Copeland), scaled; else 0.
  var rootWhole: Double
  var adjustments: [AdjustmentTerm]
  /// Δa·S̄ + Δb: the change of the final scaling line.
  var scaling: Double
  /// Per decomposed node, with `keepChecks`: its difference and the sum of its local terms.
  var checks: [NodeCheck]
  /// Min, median and Copeland nodes, with what decided them on each side.
  var decisions: [Decision]

  struct Decision {
    var node: Int
    /// The deciding member(s) (or "Copeland outranking"), nil on a side with a mean.
    var a: String?
    var b: String?
  }

  struct NodeCheck {
    var node: Int
    var delta: Double
    var sum: Double
  }
}

extension Attributor {
  /// Finds the adjustments of a node that name the entity on each side and pairs them by
  /// reason, so an adjustment both sides make is one term.
  mutating func collectAdjustments(_ u: Int, code: String) {
    let aggregateA = a.aggregators[u] != nil
    let aggregateB = b.aggregators[u] != nil
    let listA = valueA[u].isNaN ? [] : a.adjustments(u, entity: code)
    let listB = valueB[u].isNaN ? [] : b.adjustments(u, entity: code)
    guard !listA.isEmpty || !listB.isEmpty else { return }
    adjusted[u] = true
    let indicatorBoth = a.planNode[u] != nil && b.planNode[u] != nil && !aggregateA && !aggregateB
    var matchedA = Set<Int>()
    var pairs: [(a: Int?, b: Int?)] = []
    for (j, item) in listB.enumerated() {
      let partner = listA.indices.first {
        !matchedA.contains($0) && listA[$0].adjustment.because == item.adjustment.because
          && aggregateA == aggregateB
      }
      if let partner { matchedA.insert(partner) }
      pairs.append((partner, j))
    }
    for i in listA.indices where !matchedA.contains(i) { pairs.append((i, nil)) }
    var side: (a: [(Double, Int)], b: [(Double, Int)]) = ([], [])
    for pair in pairs {
      let itemA = pair.a.map { listA[$0] }
      let itemB = pair.b.map { listB[$0] }
      let isRaw = (itemB != nil && !aggregateB) || (itemB == nil && !aggregateA)
      if isRaw && !indicatorBoth { continue }
      guard let any = itemB?.adjustment ?? itemA?.adjustment else { continue }
      let index = adjustmentTerms.count
      adjustmentTerms.append(
        AdjustmentTerm(
          node: u == 0 ? "index" : tree.nodes[u].name, path: tree.nodes[u].path, entity: code,
          because: any.because, source: any.source, spanA: itemA?.adjustment.span,
          spanB: itemB?.adjustment.span, deltaA: itemA?.adjustment.delta,
          deltaB: itemB?.adjustment.delta, effect: 0, isRaw: isRaw))
      if isRaw {
        rawAdjustmentsAt[u, default: []].append(index)
        var effect = 0.0
        if let itemB, let node = b.planNode[u] {
          effect += b.rawEffects[.init(node: node, position: itemB.position)] ?? 0
        }
        if let itemA, let node = a.planNode[u] {
          effect -= a.rawEffects[.init(node: node, position: itemA.position)] ?? 0
        }
        // Kept in `effect` until the multiplier is known (see `collect`).
        adjustmentTerms[index].effect = effect
      } else {
        adjustmentsAt[u, default: []].append(index)
        if let itemA { side.a.append((itemA.adjustment.delta, index)) }
        if let itemB { side.b.append((itemB.adjustment.delta, index)) }
      }
    }
    if !side.a.isEmpty || !side.b.isEmpty { sideAdjustments[u] = side }
  }

  /// The local decomposition of an aggregate both sides have and score (see the type's
  /// design note); a node whose terms do not sum is kept whole instead.
  mutating func decompose(_ u: Int) {
    let edges = tree.nodes[u].edges
    let adjustments = adjusted[u] ? sideAdjustments[u] : nil
    let adjustedA = adjustments?.a.reduce(0) { $0 + $1.0 } ?? 0
    let adjustedB = adjustments?.b.reduce(0) { $0 + $1.0 } ?? 0
    let (sA, sB) = (valueA[u] - adjustedA, valueB[u] - adjustedB)
    let penalty = penaltyForms(u)
    guard penalty != nil || (a.forms[u] != nil && b.forms[u] != nil) else {
      let copeland = "Copeland outranking"
      let (isCopelandA, isCopelandB) = (
        a.aggregators[u] == .copeland, b.aggregators[u] == .copeland
      )
      if isCopelandA || isCopelandB {
        decisions.append(
          .init(node: u, a: isCopelandA ? copeland : nil, b: isCopelandB ? copeland : nil))
      }
      keepWhole(u, sB - sA)
      return
    }
    fillMembers(u)
    let delta = valueB[u] - valueA[u]
    let tolerance = 1e-10 * Swift.max(1, Swift.abs(valueA[u]), Swift.abs(valueB[u]))
    if let (formA, formB) = penalty {
      let sum = penaltyStep(u, formA, formB) + adjustedB - adjustedA
      if sum.isFinite && Swift.abs(sum - delta) <= tolerance {
        decomposed[u] = true
        return
      }
    } else if let formA = a.forms[u], let formB = b.forms[u],
      meanSteps(u, formA, formB, delta: delta - adjustedB + adjustedA, tolerance: tolerance)
    {
      decomposed[u] = true
      return
    }
    fallbacks += 1
    for e in edges {
      weightTerm[e] = 0
      valueFactor[e] = 0
    }
    keepWhole(u, sB - sA)
  }

  /// The members' values (NaN where absent) and the weights each side applied for the
  /// entity, into `scratch`.
  private mutating func fillMembers(_ u: Int) {
    let edges = tree.nodes[u].edges
    let appliedA = a.appliedWeights(u, cell: cellA)
    let appliedB = b.appliedWeights(u, cell: cellB)
    scratch.valuesA.removeAll(keepingCapacity: true)
    scratch.valuesB.removeAll(keepingCapacity: true)
    scratch.weightsA.removeAll(keepingCapacity: true)
    scratch.weightsB.removeAll(keepingCapacity: true)
    for (i, e) in edges.enumerated() {
      let edge = tree.edges[e]
      let weightA = edge.weightA.isNaN ? .nan : (appliedA?[i] ?? edge.weightA)
      let weightB = edge.weightB.isNaN ? .nan : (appliedB?[i] ?? edge.weightB)
      scratch.valuesA.append(weightA.isNaN ? .nan : valueA[edge.child])
      scratch.valuesB.append(weightB.isNaN ? .nan : valueB[edge.child])
      scratch.weightsA.append(weightA.isNaN ? 0 : weightA)
      scratch.weightsB.append(weightB.isNaN ? 0 : weightB)
    }
  }

  /// The split of a node whose two sides are means (`MeanForm`), into the weight terms and
  /// value factors of its members; whether their sum is `delta` (the aggregated difference).
  private mutating func meanSteps(
    _ u: Int, _ formA: MeanForm, _ formB: MeanForm, delta: Double, tolerance: Double
  ) -> Bool {
    let edges = tree.nodes[u].edges
    let (valuesA, valuesB) = (scratch.valuesA, scratch.valuesB)
    let omegaA = formA.effectiveWeights(values: valuesA, weights: scratch.weightsA)
    let omegaB = formB.effectiveWeights(values: valuesB, weights: scratch.weightsB)
    if u == 0 {
      rootWeightsA = omegaA
      rootWeightsB = omegaB
    }
    if formA.decides || formB.decides {
      decisions.append(
        .init(
          node: u, a: formA.decides ? deciding(edges, omegaA) : nil,
          b: formB.decides ? deciding(edges, omegaB) : nil))
    }
    // When the aggregator changes, one side's method on the other side's values is the
    // stepping stone: B's mean of A's values first; A's mean of B's values when that one is
    // undefined (a geometric mean of a 0 that the arithmetic side had). A method with its
    // own weights (benefit of the doubt) brings them: its weights are its method.
    for attempt in 0..<(formA == formB ? 1 : 2) {
      scratch.method.removeAll(keepingCapacity: true)
      scratch.method.append(contentsOf: repeatElement(0, count: edges.count))
      var (form, from, to) = (formB, omegaA, omegaB)
      if formA != formB && attempt == 0 {
        let weights = formB.selection == .own ? scratch.weightsB : scratch.weightsA
        from = formB.effectiveWeights(values: valuesA, weights: weights)
        stepMethod(formA, formB, values: valuesA, from: omegaA, to: from)
      } else if formA != formB {
        form = formA
        let weights = formA.selection == .own ? scratch.weightsA : scratch.weightsB
        to = formA.effectiveWeights(values: valuesB, weights: weights)
        stepMethod(formA, formB, values: valuesB, from: to, to: omegaB)
      }
      let sum = dataStep(edges, form, from: from, to: to)
      if sum.isFinite && Swift.abs(sum - delta) <= tolerance { return true }
    }
    return false
  }

  /// The midpoint split under one mean form between (ω₁, A's values) and (ω₂, B's values),
  /// plus the method parts already in `scratch.method`: fills the weight terms and value
  /// factors of the node's members and returns their sum.
  private mutating func dataStep(
    _ edges: Range<Int>, _ form: MeanForm, from start: [Double], to end: [Double]
  ) -> Double {
    let (valuesA, valuesB) = (scratch.valuesA, scratch.valuesB)
    let g = form.generator
    var y1 = 0.0
    var y2 = 0.0
    for i in 0..<edges.count {
      if start[i] != 0 { y1 += start[i] * g(substitute(valuesA[i], valuesB[i])) }
      if end[i] != 0 { y2 += end[i] * g(substitute(valuesB[i], valuesA[i])) }
    }
    let r = Self.finiteSlope(form.inverse, y1, y2)
    var sum = 0.0
    for (i, e) in edges.enumerated() {
      let (x1, x2) = (substitute(valuesA[i], valuesB[i]), substitute(valuesB[i], valuesA[i]))
      var w = scratch.method[i]
      if start[i] != 0 || end[i] != 0 {
        w += r * (end[i] - start[i]) * (g(x1) + g(x2)) / 2
      }
      var k = 0.0
      let mean = (start[i] + end[i]) / 2
      if !valuesA[i].isNaN && !valuesB[i].isNaN && mean != 0 {
        k = r * mean * g.slope(x1, x2)
        if !k.isFinite { k = 0 }
      }
      weightTerm[e] = w
      valueFactor[e] = k
      sum += w + (k == 0 ? 0 : k * (x2 - x1))
    }
    return sum
  }

  /// The step from A's mean of A's values to B's: first A's weights → the stepping stone's
  /// under A's generator, then A's generator → B's; each split per member into `method`.
  private mutating func stepMethod(
    _ formA: MeanForm, _ formB: MeanForm, values: [Double], from omegaA: [Double],
    to omegaStone: [Double]
  ) {
    var yA = 0.0
    var yStone = 0.0
    for i in values.indices where omegaA[i] != 0 || omegaStone[i] != 0 {
      let y = formA.generator(values[i])
      yA += omegaA[i] * y
      yStone += omegaStone[i] * y
    }
    let sPrime = formA.inverse(yStone)
    let r1 = Self.finiteSlope(formA.inverse, yA, yStone)
    let gPrime = formB.generator(sPrime)
    var yB = 0.0
    for i in values.indices where omegaStone[i] != 0 {
      yB += omegaStone[i] * formB.generator(values[i])
    }
    let r2 = Self.finiteSlope(formB.inverse, gPrime, yB)
    // g(S′) is shared in proportion to the weights, which need not sum to 1 (`.own`). With
    // the same generator the second step is 0, and so is each of its parts.
    let stoneTotal = omegaStone.reduce(0, +)
    let sameGenerator = formA.generator == formB.generator && formA.inverse == formB.inverse
    for i in values.indices where omegaA[i] != 0 || omegaStone[i] != 0 {
      var part = r1 * (omegaStone[i] - omegaA[i]) * formA.generator(values[i])
      if omegaStone[i] != 0 && !sameGenerator {
        part += r2 * omegaStone[i] * (formB.generator(values[i]) - gPrime / stoneTotal)
      }
      scratch.method[i] = part
    }
  }

  /// The slope of the inverse between two sums; at a point where it is infinite (the square
  /// root of 0) the two sums are equal, the difference is 0, and so is every term.
  static func finiteSlope(_ f: Transform, _ a: Double, _ b: Double) -> Double {
    let slope = f.slope(a, b)
    return !slope.isFinite && a == b ? 0 : slope
  }

  /// The member(s) a min or median node's weights sit on.
  private func deciding(_ edges: Range<Int>, _ omega: [Double]) -> String {
    zip(edges, omega).filter { $0.1 > 0 }.map { tree.nodes[tree.edges[$0.0].child].name }
      .joined(separator: " and ")
  }

  private func substitute(_ value: Double, _ other: Double) -> Double {
    value.isNaN ? other : value
  }

  private mutating func keepWhole(_ u: Int, _ value: Double) {
    isWhole[u] = true
    whole[u] = value
    decomposed[u] = false
  }

  /// A decomposed node's difference and the sum of its local terms.
  func check(_ u: Int) -> EntityTerms.NodeCheck {
    var sum = 0.0
    if isWhole[u] {
      sum = whole[u]
    } else {
      for e in tree.nodes[u].edges {
        let child = tree.edges[e].child
        let k = valueFactor[e]
        sum += weightTerm[e] + (k == 0 ? 0 : k * (valueB[child] - valueA[child]))
      }
    }
    if adjusted[u], let side = sideAdjustments[u] {
      sum += side.b.reduce(0) { $0 + $1.0 } - side.a.reduce(0) { $0 + $1.0 }
    }
    return .init(node: u, delta: valueB[u] - valueA[u], sum: sum)
  }
}
