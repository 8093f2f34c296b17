import ScoringEngine

/// Splits one entity's score difference between two sides into terms that sum to it exactly.
///
/// Design. Every node of the union tree is decomposed locally: with S = h(Σ ωᵢ g(xᵢ)) on both
/// sides (MeanForm), the difference in the transformed space is a midpoint sum,
/// ΔY = Σ Δωᵢ·ȳᵢ + ω̄ᵢ·Δyᵢ, and ΔS = R·ΔY with R = (h(Y_B) − h(Y_A))/(Y_B − Y_A). For the
/// arithmetic mean R = 1 (the midpoint decomposition); for geometric and power means R is the
/// log-mean (Divisia) factor. Each member gets a weight term Wᵢ = R·Δωᵢ·ȳᵢ and a value term
/// kᵢ·Δxᵢ with kᵢ = R·ω̄ᵢ·(Δyᵢ/Δxᵢ). A member on one side only has ω = 0 there and its value
/// taken from the other side, so it has only a weight term. When the aggregator itself
/// changes, B's mean of A's values is the stepping stone: the step to it is split per member
/// (first the weights ω, then the generator g) and added to the weight terms. Min and median
/// are means whose weights sit on the deciding member(s); benefit of the doubt is the sum
/// Σ wᵢyᵢ under the entity's own weights. The weights are the ones each run applied for the
/// entity (derived per period for `pca` and `equal_influence`, per entity for benefit of the
/// doubt), never the declared ones alone. Mazziotta–Pareto is a mean minus a penalty with its
/// own exact split (`PenaltyForm`), also against an arithmetic mean. Copeland, or a node whose
/// kind changed otherwise, is not decomposed: its whole difference is one term at the node.
///
/// The value terms flow down: a member's multiplier is its parent's times kᵢ, down to the
/// indicators, whose term is multiplier × Δx. The weight terms are allocated to the leaves
/// below the member: half by A's explanation shares of the member's value, half by B's (the
/// shares of `explain`: value shares, log shares, the deciding member), one level at a time,
/// on each side's own tree. Adjustments on aggregates are terms of their own: their change
/// in points through the multiplier, plus their share of any weight term above them (δ/x of
/// the node's value, as explain counts them). Everything is finally multiplied by the mean
/// scaling factor ā, and the change of the scaling line is one more term, Δa·S̄ + Δb.
struct Attributor {
  let tree: UnionTree
  let a: AttributionSide
  let b: AttributionSide

  // Per-entity scratch, reused.
  /// The cells of the current entity on each side.
  var cellA = 0
  var cellB = 0
  var valueA: [Double]
  var valueB: [Double]
  var multiplier: [Double]
  var massA: [Double]
  var massB: [Double]
  var absorbed: [Double]
  /// The whole difference of a node that is not decomposed (Copeland, a kind change).
  var whole: [Double]
  var isWhole: [Bool]
  var decomposed: [Bool]
  var weightTerm: [Double]
  var valueFactor: [Double]
  /// The adjustment terms of the current entity, and where each node's start.
  var adjustmentTerms: [AdjustmentTerm] = []
  var adjustmentsAt: [Int: [Int]] = [:]
  var rawAdjustmentsAt: [Int: [Int]] = [:]
  /// Adjustment items by side, for the push-down: union node → (position in the side's
  /// list, index in `adjustmentTerms`).
  var sideAdjustments: [Int: (a: [(Double, Int)], b: [(Double, Int)])] = [:]
  /// Per union node: whether the current entity has an adjustment there (saves the look-ups).
  var adjusted: [Bool]
  /// Min, median and Copeland nodes of the current entity and what decided them.
  var decisions: [EntityTerms.Decision] = []
  /// The root's member weights ω on each side for the current entity.
  var rootWeightsA: [Double] = []
  var rootWeightsB: [Double] = []
  /// Nodes where a decomposition did not sum and the whole difference was kept instead.
  var fallbacks = 0
  var scratch = MemberScratch()

  init(tree: UnionTree, a: AttributionSide, b: AttributionSide) {
    self.tree = tree
    self.a = a
    self.b = b
    let n = tree.nodes.count
    let zeros = [Double](repeating: 0, count: n)
    valueA = zeros
    valueB = zeros
    multiplier = zeros
    massA = zeros
    massB = zeros
    absorbed = zeros
    whole = zeros
    isWhole = [Bool](repeating: false, count: n)
    decomposed = isWhole
    adjusted = isWhole
    weightTerm = [Double](repeating: 0, count: tree.edges.count)
    valueFactor = weightTerm
  }

  /// The terms of one entity: `entityA`/`entityB` index each side's entities.
  mutating func attribute(code: String, entityA: Int, entityB: Int, keepChecks: Bool)
    -> EntityTerms
  {
    cellA = a.cell(entityA)
    cellB = b.cell(entityB)
    reset()
    for u in tree.nodes.indices {
      valueA[u] = a.value(u, cell: cellA)
      valueB[u] = b.value(u, cell: cellB)
    }
    var checks: [EntityTerms.NodeCheck] = []
    for u in tree.nodes.indices {
      collectAdjustments(u, code: code)
      guard !valueA[u].isNaN, !valueB[u].isNaN else { continue }
      let aggregateA = a.aggregators[u] != nil
      let aggregateB = b.aggregators[u] != nil
      if aggregateA && aggregateB {
        decompose(u)
        if keepChecks { checks.append(check(u)) }
      } else if aggregateA || aggregateB {
        // A node that is an indicator on one side and an aggregate on the other.
        let side = adjusted[u] ? sideAdjustments[u] : nil
        let adjustedA = side?.a.reduce(0) { $0 + $1.0 } ?? 0
        let adjustedB = side?.b.reduce(0) { $0 + $1.0 } ?? 0
        isWhole[u] = true
        whole[u] = (valueB[u] - adjustedB) - (valueA[u] - adjustedA)
      }
    }
    propagateMultipliers()
    allocateWeightTerms()
    return collect(code: code, cellA: cellA, cellB: cellB, checks: checks)
  }

  private mutating func reset() {
    for u in tree.nodes.indices {
      multiplier[u] = 0
      massA[u] = 0
      massB[u] = 0
      absorbed[u] = 0
      whole[u] = 0
      isWhole[u] = false
      decomposed[u] = false
      adjusted[u] = false
    }
    for e in tree.edges.indices {
      weightTerm[e] = 0
      valueFactor[e] = 0
    }
    adjustmentTerms.removeAll(keepingCapacity: true)
    adjustmentsAt.removeAll(keepingCapacity: true)
    rawAdjustmentsAt.removeAll(keepingCapacity: true)
    sideAdjustments.removeAll(keepingCapacity: true)
    rootWeightsA = []
    rootWeightsB = []
    decisions.removeAll(keepingCapacity: true)
  }

  /// Value terms: a member's multiplier is its parent's times its value factor, through the
  /// members both sides share (A's tree order puts parents first).
  private mutating func propagateMultipliers() {
    multiplier[0] = 1
    for u in tree.orderA where decomposed[u] && multiplier[u] != 0 {
      for e in tree.nodes[u].edges where valueFactor[e] != 0 {
        multiplier[tree.edges[e].child] = multiplier[u] * valueFactor[e]
      }
    }
  }

  /// Weight terms: each lands on its member, split between the two sides' trees, and is
  /// pushed down each tree by that side's explanation shares.
  private mutating func allocateWeightTerms() {
    for u in tree.nodes.indices where decomposed[u] && multiplier[u] != 0 {
      for e in tree.nodes[u].edges where weightTerm[e] != 0 {
        let child = tree.edges[e].child
        let mass = multiplier[u] * weightTerm[e]
        let onA = !valueA[child].isNaN
        let onB = !valueB[child].isNaN
        switch (onA, onB) {
        case (true, true):
          massA[child] += mass / 2
          massB[child] += mass / 2
        case (true, false): massA[child] += mass
        case (false, true): massB[child] += mass
        case (false, false): absorbed[child] += mass
        }
      }
    }
    for u in tree.orderA where massA[u] != 0 { pushDown(u, side: 0) }
    for u in tree.orderB where massB[u] != 0 { pushDown(u, side: 1) }
  }
}

/// Reusable buffers for one node's members.
struct MemberScratch {
  var valuesA: [Double] = []
  var valuesB: [Double] = []
  var weightsA: [Double] = []
  var weightsB: [Double] = []
  var method: [Double] = []
  var present: [Int] = []
  var presentValues: [Double] = []
  var presentWeights: [Double] = []
}
