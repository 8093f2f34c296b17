import Glibc
import ScoringEngine

/// A one-variable function and its exact difference quotient, the building block of the
/// attribution of a score difference.
///
/// Every aggregator but Copeland is a quasi-arithmetic mean S = h(Σ ωᵢ g(xᵢ)): arithmetic,
/// min and median with g the identity (min and median with weights ω on the deciding
/// member), geometric with g = ln, power means with g = xᵖ, the harmonic mean with g = 1/x.
/// A difference then splits exactly once g(b) − g(a) is written as slope(a, b) · (b − a):
/// the slope is computed so that it stays accurate when a and b are close (log1p, expm1),
/// which is what keeps the terms summing to the difference within rounding.
enum Transform: Sendable, Equatable {
  /// f(x) = x.
  case identity
  /// f(x) = ln(max(x, floor) + shift): the geometric mean's generator with its policy.
  case log(floor: Double?, shift: Double)
  /// f(x) = xᵖ (p ≠ 0).
  case power(Double)
  /// f(y) = exp(y) − shift: the inverse of `log`.
  case exp(shift: Double)

  func callAsFunction(_ x: Double) -> Double {
    switch self {
    case .identity: return x
    case .log(let floor, let shift): return Glibc.log(Swift.max(x, floor ?? -.infinity) + shift)
    case .power(let p): return pow(x, p)
    case .exp(let shift): return Glibc.exp(x) - shift
    }
  }

  /// (f(b) − f(a)) / (b − a), and f′(a) when a = b; NaN where f is undefined.
  func slope(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .identity:
      return 1
    case .log(let floor, let shift):
      if let floor, a < floor || b < floor {
        if a < floor && b < floor { return 0 }
        return a == b ? 0 : (self(b) - self(a)) / (b - a)
      }
      return Self.logSlope(a + shift, b + shift)
    case .power(let p):
      return Self.powerSlope(a, b, p)
    case .exp:
      let low = Swift.min(a, b)
      let step = Swift.abs(b - a)
      return step == 0 ? Glibc.exp(a) : Glibc.exp(low) * expm1(step) / step
    }
  }

  /// (ln b − ln a) / (b − a) for a, b > 0.
  static func logSlope(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    if a == b { return 1 / a }
    let relative = (b - a) / a
    if Swift.abs(relative) < 0.5 { return log1p(relative) / (b - a) }
    return (Glibc.log(b) - Glibc.log(a)) / (b - a)
  }

  /// (bᵖ − aᵖ) / (b − a).
  static func powerSlope(_ a: Double, _ b: Double, _ p: Double) -> Double {
    if a == b { return p * pow(a, p - 1) }
    if a > 0 && b > 0 {
      let relative = (b - a) / a
      if Swift.abs(relative) < 0.5 { return pow(a, p) * expm1(p * log1p(relative)) / (b - a) }
    }
    return (pow(b, p) - pow(a, p)) / (b - a)
  }
}

/// How one aggregator combines its members: S = inverse(Σ ωᵢ · generator(xᵢ)).
struct MeanForm: Sendable, Equatable {
  var generator: Transform
  var inverse: Transform
  /// How the weights ω are found: from the declared weights, or by the deciding member(s).
  var selection: Selection

  enum Selection: Sendable, Equatable {
    /// ω are the weights (declared, or derived for the period), renormalized over the
    /// members present.
    case weights
    /// ω are the entity's own weights as they are, not renormalized: benefit of the doubt
    /// scores Σ wᵢyᵢ with the weights its linear program chose for the entity.
    case own
    /// ω = 1 on the smallest member of non-zero weight.
    case minimum
    /// ω = 1 on the weighted median, or ½ on each of the two it lies between.
    case median
  }

  /// The form of an aggregator, or nil for Copeland and Mazziotta–Pareto.
  ///
  /// Copeland is a count of outrankings, not a mean; Mazziotta–Pareto is a mean minus a
  /// penalty (`PenaltyForm`). Benefit of the doubt is the sum Σ wᵢyᵢ under the entity's own
  /// weights: the identity with `.own` weights.
  init?(_ aggregator: Aggregator) {
    selection = .weights
    switch aggregator {
    case .arithmetic:
      (generator, inverse) = (.identity, .identity)
    case .minimum:
      (generator, inverse, selection) = (.identity, .identity, .minimum)
    case .median:
      (generator, inverse, selection) = (.identity, .identity, .median)
    case .geometric(let policy):
      switch policy {
      case .error: (generator, inverse) = (.log(floor: nil, shift: 0), .exp(shift: 0))
      case .floor(let epsilon):
        (generator, inverse) = (.log(floor: epsilon, shift: 0), .exp(shift: 0))
      case .shift(let c): (generator, inverse) = (.log(floor: nil, shift: c), .exp(shift: c))
      }
    case .harmonic:
      (generator, inverse) = (.power(-1), .power(-1))
    case .power(let p):
      if p == 0 {
        (generator, inverse) = (.log(floor: nil, shift: 0), .exp(shift: 0))
      } else {
        (generator, inverse) = (.power(p), .power(1 / p))
      }
    case .benefitOfDoubt:
      (generator, inverse, selection) = (.identity, .identity, .own)
    case .copeland, .mazziottaPareto, .adjustedMazziottaPareto:
      return nil
    }
  }

  /// The weights ω of the members for one entity.
  ///
  /// `values[i]` is NaN for a member that is absent, `weights[i]` the weight the run applied
  /// (declared, derived, or the entity's own). The result sums to 1 over the members (except
  /// for `.own` weights, which are kept as they are), or is all zero when no member can take
  /// part.
  func effectiveWeights(values: [Double], weights: [Double]) -> [Double] {
    var omega = [Double](repeating: 0, count: values.count)
    if selection == .own {
      for i in values.indices where !values[i].isNaN && weights[i] > 0 { omega[i] = weights[i] }
      return omega
    }
    if selection == .weights {
      // The common case, without building the list of present members.
      var total = 0.0
      for i in values.indices where !values[i].isNaN && weights[i] > 0 { total += weights[i] }
      guard total > 0 else { return omega }
      for i in values.indices where !values[i].isNaN && weights[i] > 0 {
        omega[i] = weights[i] / total
      }
      return omega
    }
    let present = values.indices.filter { !values[$0].isNaN && weights[$0] > 0 }
    guard !present.isEmpty else { return omega }
    switch selection {
    case .weights, .own:
      break
    case .minimum:
      let smallest = present.min { values[$0] < values[$1] } ?? present[0]
      omega[smallest] = 1
    case .median:
      // The engine's weighted median (Stages/Aggregate.swift): the first value at which the
      // running weight reaches half the total, or the mean of it and the next on an exact tie.
      let order = present.sorted { values[$0] < values[$1] }
      let total = order.reduce(0) { $0 + weights[$1] }
      let tolerance = 1e-12 * total
      var running = 0.0
      for (position, i) in order.enumerated() {
        running += weights[i]
        let excess = 2 * running - total
        if Swift.abs(excess) <= tolerance, position + 1 < order.count {
          omega[i] = 0.5
          omega[order[position + 1]] = 0.5
          return omega
        }
        if excess >= -tolerance {
          omega[i] = 1
          return omega
        }
      }
      omega[order[order.count - 1]] = 1
    }
    return omega
  }

  /// Whether the weights sit on the deciding member(s) (min, median) rather than averaging.
  var decides: Bool { selection == .minimum || selection == .median }

  /// The mean of the values under the weights ω (members with ω = 0 are skipped).
  func mean(values: [Double], omega: [Double]) -> Double {
    var sum = 0.0
    for i in values.indices where omega[i] != 0 { sum += omega[i] * generator(values[i]) }
    return inverse(sum)
  }
}
