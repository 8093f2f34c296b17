#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Weights that come from the data: computed per node and period from the members' scores
/// (normalized indicators, or the scores of member aggregates), before the node aggregates.
///
/// - `principalComponent` (OECD/JRC Handbook, 2008, §6.1): the first principal component of
///   the members' scores over the entities that have all of them (centred and scaled, as
///   `PrincipalComponents`); weight = squared loading, which sums to 1 because the loadings are
///   a unit vector. A member that pulls against the others (a negative loading) still gets a
///   positive weight: the audit shows the sign.
/// - `equalInfluence`: weights under which each member's correlation ratio with the node's own
///   score (`CorrelationRatio`) is the same share 1/k of their sum — COINr's `get_opt_weights`
///   balances correlations; this balances first-order influence, which is what a weight is
///   meant to express (Paruolo, Saisana & Saltelli 2013). Optimiser: a damped fixed-point
///   iteration from equal weights, wᵢ ← wᵢ·(S̄/Sᵢ)^e (each factor kept within [½, 2]),
///   renormalized to sum 1, with e = ½ at first: for a linear node with independent members
///   Sᵢ ∝ wᵢ²·Vᵢ, so one such step solves it; correlated members need a few. A step that does
///   not bring the shares closer to 1/k is undone and e halved (backtracking), down to 1/64.
///   It stops when every share is within 0.005 of 1/k (converged), when e falls below 1/64,
///   or after 50 evaluations, keeping the best weights seen (`unconverged` then says how far
///   their shares are from equal).
///
/// When the weights cannot be derived (too few complete rows, a member without spread) the
/// node keeps its declared weights and the outcome says why.

/// Derived weights for one node in one period, or why there are none.
public struct DerivedWeightsOutcome: Sendable, Equatable {
  /// The weights, one per member, summing to 1; nil when they could not be derived.
  public var weights: [Double]?
  /// Why the weights could not be derived.
  public var problem: Problem?
  /// `equalInfluence` only: the largest distance of a member's share of influence from 1/k
  /// when the optimiser stopped without reaching 0.005.
  public var unconverged: Double?

  /// Why weights could not be derived.
  public enum Problem: Sendable, Equatable {
    /// Fewer than three entities have every member.
    case tooFewCompleteRows
    /// A member (by position) does not vary over the entities that have every member.
    case noSpread
    /// The node's score does not vary, so no member explains any of it.
    case constantScore
  }
}

/// Weights for `members[m][e]` (member m, entity e) under `weighting`; `aggregator` and
/// `coverage` are the node's, used by `equalInfluence` to score trial weights.
public func deriveWeights(
  _ members: [[Double]], with weighting: Weighting, aggregator: Aggregator, coverage: Double?
) -> DerivedWeightsOutcome {
  switch weighting {
  case .declared:
    return DerivedWeightsOutcome(weights: nil, problem: nil, unconverged: nil)
  case .principalComponent:
    return principalComponentWeights(members)
  case .equalInfluence:
    return equalInfluenceWeights(members, aggregator: aggregator, coverage: coverage)
  }
}

/// Squared first-component loadings.
private func principalComponentWeights(_ members: [[Double]]) -> DerivedWeightsOutcome {
  if members.count == 1 { return DerivedWeightsOutcome(weights: [1], problem: nil) }
  guard let pca = PrincipalComponents(members) else {
    return DerivedWeightsOutcome(weights: nil, problem: completeRowsProblem(members))
  }
  let squares = pca.loadings[0].map { $0 * $0 }
  let total = squares.reduce(0, +)
  return DerivedWeightsOutcome(weights: squares.map { $0 / total }, problem: nil)
}

/// Whether too few rows are complete, or a member does not vary over them.
private func completeRowsProblem(_ members: [[Double]]) -> DerivedWeightsOutcome.Problem {
  let n = members.first?.count ?? 0
  let rows = (0..<n).filter { e in members.allSatisfy { !$0[e].isNaN } }
  return rows.count < 3 ? .tooFewCompleteRows : .noSpread
}

/// The fixed-point iteration of the file comment.
private func equalInfluenceWeights(
  _ members: [[Double]], aggregator: Aggregator, coverage: Double?
) -> DerivedWeightsOutcome {
  let k = members.count
  if k == 1 { return DerivedWeightsOutcome(weights: [1], problem: nil) }
  let target = 1 / Double(k)
  var w = [Double](repeating: target, count: k)
  var best: (weights: [Double], ratios: [Double], distance: Double)?
  var exponent = 0.5
  /// One multiplicative step from `weights` towards equal ratios.
  func step(_ weights: [Double], _ ratios: [Double]) -> [Double] {
    let mean = ratios.reduce(0, +) / Double(k)
    let moved = weights.indices.map { i -> Double in
      let factor = ratios[i] > 0 ? pow(mean / ratios[i], exponent) : 2
      return weights[i] * Swift.min(Swift.max(factor, 0.5), 2)
    }
    let sum = moved.reduce(0, +)
    return moved.map { $0 / sum }
  }
  for _ in 0..<50 {
    let score = aggregate(members, weights: w, with: aggregator, coverage: coverage).values
    var ratios: [Double] = []
    for column in members {
      guard let s = CorrelationRatio.estimate(score, given: column) else {
        return DerivedWeightsOutcome(weights: nil, problem: .constantScore)
      }
      ratios.append(s)
    }
    let total = ratios.reduce(0, +)
    guard total > 0 else {
      return DerivedWeightsOutcome(weights: nil, problem: .noSpread)
    }
    let distance = ratios.map { abs($0 / total - target) }.max() ?? 0
    if distance <= 0.005 { return DerivedWeightsOutcome(weights: w, problem: nil) }
    if let previous = best, distance >= previous.distance {
      // The step overshot: take half of it from the best weights instead.
      exponent /= 2
      guard exponent >= 1.0 / 64 else { break }
      w = step(previous.weights, previous.ratios)
      continue
    }
    best = (w, ratios, distance)
    w = step(w, ratios)
  }
  return DerivedWeightsOutcome(
    weights: best?.weights, problem: nil, unconverged: best?.distance)
}
