import Glibc
import ScoringEngine

/// An entity's score broken into terms that add up to it exactly.
///
/// Design: the score is pushed down the tree. A node's share of the root score is split
/// among its members by the node's aggregator: an arithmetic node gives each present member
/// wᵢxᵢ/Σw of itself (weights renormalized over the members the entity has); a geometric node
/// works in logs and gives each member its share of ln S (log-mean weights); a power mean
/// likewise through xᵖ. Min, median and Copeland are not additive: the whole share goes to
/// the deciding member, and the term says so. Benefit of the doubt is Σ wᵢxᵢ with the entity's
/// own weights, so it is additive exactly; Mazziotta–Pareto shares the score in proportion to
/// the member values (a convention: its penalty is not attributable). Weights are the ones the
/// run applied (`Results.memberWeights`), so derived weights are explained as they were used.
/// Adjustments on an aggregate are terms of their own, and the final scaling multiplies every
/// term by one factor (`leader`, `relative`) or adds an explicit offset (`minmax`). The terms
/// therefore sum to the published score.
public struct Explanation: Sendable {
  /// One additive piece of the score.
  public struct Term: Sendable, Equatable {
    /// What the term is.
    public enum Kind: Sendable, Equatable {
      /// An indicator's contribution through the tree.
      case indicator
      /// An adjustment on an aggregate, in points, with its reason.
      case adjustment(because: String)
      /// The offset a min-max final scaling adds.
      case scalingOffset
    }

    public var kind: Kind
    /// The node the term belongs to (for an adjustment, the adjusted aggregate).
    public var node: Int
    /// Names from the root's member down to the node.
    public var path: [String]
    /// The node's own score (indicator: normalized value; adjustment: the points).
    public var value: Double
    /// Product of the per-entity weights from the root down (1 for offsets).
    public var weight: Double
    /// The term's part of the final score.
    public var contribution: Double
    /// Set when a non-additive node (min, median, Copeland) decided the whole share.
    public var decidedBy: String?
  }

  public var entity: Int
  public var period: Int
  public var score: Double
  public var terms: [Term]

  /// Explains one entity's score in one scored period; nil when the entity has no score.
  public init?(_ results: Results, entity: Int, period p: Int) {
    let cell = results.cell(entity: entity, period: p)
    let final = results.index[cell]
    let root = results.plan.root
    let unscaled = results.nodes[root].score[cell]
    guard !final.isNaN, !unscaled.isNaN else { return nil }
    self.entity = entity
    self.period = p
    self.score = final
    var walker = Walker(results: results, cell: cell)
    walker.distribute(root: root, share: unscaled)
    let (factor, offset) = Self.scaling(
      results: results, period: p, unscaled: unscaled, final: final)
    terms = walker.terms.map { term in
      var scaled = term
      scaled.contribution *= factor
      return scaled
    }
    if offset != 0
      || {
        if case .minmax = results.plan.scaling { return true }
        return false
      }()
    {
      terms.append(
        Term(
          kind: .scalingOffset, node: root, path: [], value: offset, weight: 1,
          contribution: offset, decidedBy: nil))
    }
  }

  /// The final score as `factor · unscaled + offset` (the period's scaling line).
  static func scaling(results: Results, period p: Int, unscaled: Double, final: Double)
    -> (Double, Double)
  {
    let line = FinalScaling(results, period: p)
    return (line.factor, line.offset)
  }

  /// The sum of the terms: equal to `score` up to rounding.
  public var total: Double {
    terms.reduce(0) { $0 + $1.contribution }
  }
}

/// Pushes a node's share of the score down to its members.
///
/// Iterative: pending nodes wait on an explicit stack (members pushed in reverse, so terms
/// come out in the order a recursive walk would give), and paths are links to the parent's
/// path, turned into name lists only for the terms, so a deep tree costs linear time.
struct Walker {
  let results: Results
  let cell: Int
  var terms: [Explanation.Term] = []
  /// Every path prefix met: a name and the prefix it extends (-1 for the empty path).
  private var paths: [(name: String, parent: Int)] = []

  init(results: Results, cell: Int) {
    self.results = results
    self.cell = cell
  }

  /// A node still to distribute: its share of the score, the product of weights above it,
  /// the path to its parent, and the member that decided a non-additive ancestor.
  private struct Pending {
    var node: Int
    var share: Double
    var weight: Double
    var path: Int
    var decidedBy: String?
  }

  mutating func distribute(root: Int, share: Double) {
    var stack = [Pending(node: root, share: share, weight: 1, path: -1, decidedBy: nil)]
    while let next = stack.popLast() {
      stack += distribute(next).reversed()
    }
  }

  /// The names of a path, from the root's member down.
  private func names(_ path: Int) -> [String] {
    var names: [String] = []
    var link = path
    while link >= 0 {
      names.append(paths[link].name)
      link = paths[link].parent
    }
    return names.reversed()
  }

  /// Terms for one node, and the members it hands its share on to.
  private mutating func distribute(_ pending: Pending) -> [Pending] {
    let (node, share, weight) = (pending.node, pending.share, pending.weight)
    let spec = results.plan.nodes[node]
    var herePath = pending.path
    if node != results.plan.root {
      paths.append((spec.name, pending.path))
      herePath = paths.count - 1
    }
    // Only terms need the names: building them for every node would be quadratic in depth.
    guard let aggregate = spec.aggregate else {
      terms.append(
        .init(
          kind: .indicator, node: node, path: names(herePath),
          value: results.nodes[node].score[cell],
          weight: weight, contribution: share, decidedBy: pending.decidedBy))
      return []
    }
    let score = results.nodes[node].score[cell]
    let delta = spec.adjustments.filter {
      $0.entity == results.entities[cell % results.entityCount].code
    }
    var adjustmentTotal = 0.0
    for adjustment in delta {
      let here = names(herePath)
      adjustmentTotal += adjustment.delta
      let part = score == 0 ? adjustment.delta : adjustment.delta * share / score
      terms.append(
        .init(
          kind: .adjustment(because: adjustment.because), node: node,
          path: here.isEmpty ? [spec.name] : here,
          value: adjustment.delta, weight: weight, contribution: part, decidedBy: nil))
    }
    let aggregated = score - adjustmentTotal
    let memberShare = score == 0 ? 0 : share * aggregated / score
    // The weights as applied (declared, derived for the period, or the entity's own), brought
    // near 1 by a power of two so that their sums cannot overflow.
    let applied = results.memberWeights(ofNode: node, cell: cell)
    let present = zip(aggregate.members, applied).filter {
      !results.nodes[$0.0.node].score[cell].isNaN && $0.1 > 0
    }.map { (node: $0.0.node, weight: $0.1) }
    guard !present.isEmpty else { return [] }
    let presentWeights = WeightScale.normalized(present.map(\.weight))
    let total = presentWeights.reduce(0, +)
    let values = present.map { results.nodes[$0.node].score[cell] }
    let parts = Self.parts(
      aggregate.aggregator, values: values, weights: presentWeights.map { $0 / total },
      result: aggregated)
    switch parts {
    case .additive(let fractions):
      return zip(zip(present, presentWeights), fractions).map { pair, fraction in
        Pending(
          node: pair.0.node, share: memberShare * fraction, weight: weight * pair.1 / total,
          path: herePath, decidedBy: pending.decidedBy)
      }
    case .decided(let index):
      let member = present[index]
      return [
        Pending(
          node: member.node, share: memberShare, weight: weight, path: herePath,
          decidedBy: results.plan.nodes[member.node].name)
      ]
    case .whole:
      terms.append(
        .init(
          kind: .indicator, node: node, path: names(herePath), value: aggregated, weight: weight,
          contribution: memberShare, decidedBy: "Copeland outranking of its members"))
      return []
    }
  }

  enum Parts {
    /// Fractions of the node's value, one per present member, summing to 1.
    case additive([Double])
    /// One member decides the whole value.
    case decided(Int)
    /// The node's value is not made of its members' values (Copeland outranking counts).
    case whole
  }

  static func parts(_ aggregator: Aggregator, values: [Double], weights: [Double], result: Double)
    -> Parts
  {
    func shares(_ terms: [Double]) -> Parts {
      let sum = terms.reduce(0, +)
      guard sum != 0, sum.isFinite else { return .additive(weights) }
      return .additive(terms.map { $0 / sum })
    }
    switch aggregator {
    case .arithmetic, .sum, .benefitOfDoubt:
      // Benefit of the doubt is Σ wᵢxᵢ with the entity's own weights: each member's part of
      // the score is exactly wᵢxᵢ.
      return shares(zip(values, weights).map { $0 * $1 })
    case .mazziottaPareto, .adjustedMazziottaPareto:
      // M − S·cv is not additive; a stated convention: the score is shared in proportion to
      // the members' values (their parts of the mean M), the penalty pro rata.
      return shares(values)
    case .geometric, .harmonic:
      // Each member's share of the weighted logs: exact for the geometric mean; for the
      // harmonic mean a stated convention, normalized so the terms still sum to the node.
      return shares(zip(values, weights).map { $0 > 0 ? $1 * log($0) : 0 })
    case .power(let p):
      return shares(zip(values, weights).map { $1 * pow(Swift.max($0, 0), p) })
    case .minimum:
      return .decided(values.indices.min { values[$0] < values[$1] } ?? 0)
    case .copeland:
      return .whole
    case .median:
      let closest = values.indices.min {
        Swift.abs(values[$0] - result) < Swift.abs(values[$1] - result)
      }
      return .decided(closest ?? 0)
    }
  }
}
