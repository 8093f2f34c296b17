import ScoringEngine

/// Mazziotta–Pareto as the attribution sees it: a mean minus a penalty, written so that the
/// difference of two scores splits exactly per member.
///
/// With ω the members' weights (summing to 1 over the members present), M = Σ ωᵢxᵢ and
/// Q = Σ ωᵢxᵢ², every one of `arithmetic`, `mpi` and `ampi` is S = (1 + c)·M − c·Q/M:
/// c = 0 for the arithmetic mean (any weights), and for Mazziotta–Pareto, which is unweighted
/// (ω = 1/k over the k members of non-zero weight present) and scores M − V/M with
/// V = (Q − M²)·k/d, c = k/(k − 1) (`mpi`, the sample variance) or c = 1 (`ampi`, the
/// population variance). With one member present V = 0 and S = x whatever c, so c = 0 there.
///
/// Every piece is a product or a quotient, whose difference has an exact midpoint form
/// (Δ(uv) = ū·Δv + v̄·Δu, Δ(1/M) = −ΔM/(M_A·M_B)), so
///
///     ΔS = α·ΔM − β·ΔQ + Δc·(M̄ − (Q/M)̄),
///     α = 1 + c̄ + c̄·Q̄/(M_A·M_B),  β = c̄·(1/M_A + 1/M_B)/2,
///
/// and ΔM, ΔQ are midpoint sums over the members. Member i gets the value factor
/// kᵢ = ω̄ᵢ·(α − β·(xᵢᴬ + xᵢᴮ)) (its Δxᵢ moves the mean and the penalty) and the weight term
/// Δωᵢ·(α·x̄ᵢ − β·(x²)̄ᵢ) plus its part of the change of c: M − Q/M = −Σ ωᵢ(xᵢ − M)²/M, so
/// each member takes Δc times the midpoint of its own part of the variance over the mean —
/// switching to a penalized mean, or adding a member, charges the penalty to the members
/// furthest from the mean.
struct PenaltyForm: Sendable, Equatable {
  enum Variance: Sendable, Equatable {
    /// The arithmetic mean: no penalty (c = 0), the weights as applied.
    case none
    /// `mpi`: c = k/(k − 1).
    case sample
    /// `ampi`: c = 1.
    case population
  }

  var variance: Variance

  /// The form of an arithmetic or Mazziotta–Pareto aggregator, else nil.
  init?(_ aggregator: Aggregator) {
    switch aggregator {
    case .arithmetic: variance = .none
    case .mazziottaPareto: variance = .sample
    case .adjustedMazziottaPareto: variance = .population
    default: return nil
    }
  }

  /// The weights ω: the applied weights renormalized over the members present (arithmetic),
  /// or 1/k over the present members of non-zero weight (Mazziotta–Pareto, as the engine
  /// leaves out members of weight 0 and uses no other weight).
  func weights(values: [Double], weights: [Double]) -> [Double] {
    var omega = [Double](repeating: 0, count: values.count)
    var total = 0.0
    for i in values.indices where !values[i].isNaN {
      if variance == .none {
        guard weights[i] > 0 else { continue }
        omega[i] = weights[i]
      } else {
        guard weights[i] != 0 else { continue }
        omega[i] = 1
      }
      total += omega[i]
    }
    guard total > 0 else { return omega }
    for i in omega.indices { omega[i] /= total }
    return omega
  }

  /// c for `present` members.
  func coefficient(present: Int) -> Double {
    guard present > 1 else { return 0 }
    switch variance {
    case .none: return 0
    case .sample: return Double(present) / Double(present - 1)
    case .population: return 1
    }
  }
}

extension Attributor {
  /// The forms of a node when both sides are arithmetic or Mazziotta–Pareto and one is the
  /// latter (two arithmetic means are split as means).
  func penaltyForms(_ u: Int) -> (PenaltyForm, PenaltyForm)? {
    guard let aggregatorA = a.aggregators[u], let aggregatorB = b.aggregators[u],
      let formA = PenaltyForm(aggregatorA), let formB = PenaltyForm(aggregatorB),
      formA.variance != .none || formB.variance != .none
    else { return nil }
    return (formA, formB)
  }

  /// The split of `PenaltyForm`'s design note for the members in `scratch` (values, NaN
  /// where absent; weights as applied): fills the weight terms and value factors of node
  /// `u`'s members and returns their sum, NaN when a mean needed is not positive.
  mutating func penaltyStep(_ u: Int, _ formA: PenaltyForm, _ formB: PenaltyForm) -> Double {
    let edges = tree.nodes[u].edges
    let (valuesA, valuesB) = (scratch.valuesA, scratch.valuesB)
    let omegaA = formA.weights(values: valuesA, weights: scratch.weightsA)
    let omegaB = formB.weights(values: valuesB, weights: scratch.weightsB)
    if u == 0 {
      rootWeightsA = omegaA
      rootWeightsB = omegaB
    }
    let cA = formA.coefficient(present: omegaA.filter { $0 > 0 }.count)
    let cB = formB.coefficient(present: omegaB.filter { $0 > 0 }.count)
    var (meanA, meanB, squaresA, squaresB) = (0.0, 0.0, 0.0, 0.0)
    for i in 0..<edges.count {
      if omegaA[i] > 0 {
        meanA += omegaA[i] * valuesA[i]
        squaresA += omegaA[i] * valuesA[i] * valuesA[i]
      }
      if omegaB[i] > 0 {
        meanB += omegaB[i] * valuesB[i]
        squaresB += omegaB[i] * valuesB[i] * valuesB[i]
      }
    }
    guard meanA > 0, meanB > 0 else { return .nan }
    let c = (cA + cB) / 2
    let alpha = 1 + c + c * (squaresA + squaresB) / 2 / (meanA * meanB)
    let beta = c * (1 / meanA + 1 / meanB) / 2
    let deltaC = cB - cA
    var sum = 0.0
    for (i, e) in edges.enumerated() {
      let xA = valuesA[i].isNaN ? valuesB[i] : valuesA[i]
      let xB = valuesB[i].isNaN ? valuesA[i] : valuesB[i]
      var w = 0.0
      if omegaA[i] != 0 || omegaB[i] != 0 {
        w = (omegaB[i] - omegaA[i]) * (alpha * (xA + xB) / 2 - beta * (xA * xA + xB * xB) / 2)
      }
      if deltaC != 0 {
        let partA = omegaA[i] > 0 ? -omegaA[i] * (xA - meanA) * (xA - meanA) / meanA : 0
        let partB = omegaB[i] > 0 ? -omegaB[i] * (xB - meanB) * (xB - meanB) / meanB : 0
        w += deltaC * (partA + partB) / 2
      }
      var k = 0.0
      if !valuesA[i].isNaN && !valuesB[i].isNaN {
        k = (omegaA[i] + omegaB[i]) / 2 * (alpha - beta * (xA + xB))
      }
      weightTerm[e] = w
      valueFactor[e] = k
      sum += w + (k == 0 ? 0 : k * (xB - xA))
    }
    return sum
  }
}
