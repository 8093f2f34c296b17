#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Outlier treatment and fixed transformations of one indicator, one period.
///
/// Winsorization follows the JRC/COINr rule exactly as METHODS.md states it: an indicator is
/// treated only when |skew| > the skewness threshold AND kurtosis > the kurtosis threshold
/// (type-2 formulas). Each iteration moves every value equal to the extreme on the skewed side
/// (the maximum when skew ≥ 0) to the next distinct value, then recomputes both statistics.
///
/// `winmax` limits winsorized points, counted as COINr 1.1.14's `winsorise()` counts them:
/// after each iteration the count is |H| + |L|, where H is the set of positions moved by the
/// latest high-side iteration (it includes the points moved before, which now sit at the cap)
/// and L the same for the low side. Tied extremes move together and all count, so
/// `c(1:30, 100, 300, 300)` with winmax 2 stops after one iteration. The loop runs while the
/// indicator fails and the count is below `winmax`; if it still fails, the winsorization is
/// discarded and COINr's shifted log is applied to the original values. This reproduces the
/// ASEM reference, which has no tied extremes, so counting iterations would reproduce it too.

/// The treated values and a record of what the treatment did.
public struct TreatOutcome: Sendable {
  /// One value per entity; NaN where missing.
  public var values: [Double]
  /// What was done.
  public var action: TreatAction
  /// Type-2 skewness and excess kurtosis of the input (NaN with too few values or no spread).
  public var skewnessBefore: Double
  public var kurtosisBefore: Double
  /// The same statistics of the returned values.
  public var skewnessAfter: Double
  public var kurtosisAfter: Double
  /// Entities whose value the treatment changed (for a transform: every one it transformed).
  public var changed: [Int]
  /// Entities a log made missing because the log's argument was ≤ 0.
  public var nonPositive: [Int]
}

/// What a treatment did to the indicator.
public enum TreatAction: Sendable, Equatable {
  /// Nothing: no treatment asked for, or the indicator already passes.
  case none
  /// Winsorized in this many iterations, after which it passes.
  case winsorized(iterations: Int)
  /// Winsorization could not bring it within the thresholds before `winmax` points were
  /// moved, so the original values were log-transformed instead: ln(x − min + 0.01·(max − min)).
  case logFallback
  /// A fixed transformation (`log`, `log10`, `shiftedLog`) was applied.
  case transformed
}

/// Treats one indicator's values (entity order, NaN = missing).
public func treat(_ x: [Double], with treatment: Treatment) -> TreatOutcome {
  let skew = Statistics.skewness(x)
  let kurt = Statistics.kurtosis(x)
  let outcome = TreatOutcome(
    values: x, action: .none, skewnessBefore: skew, kurtosisBefore: kurt,
    skewnessAfter: skew, kurtosisAfter: kurt, changed: [], nonPositive: [])
  func finish(_ values: [Double], _ action: TreatAction, nonPositive: [Int] = []) -> TreatOutcome {
    var result = outcome
    result.values = values
    result.action = action
    result.skewnessAfter = Statistics.skewness(values)
    result.kurtosisAfter = Statistics.kurtosis(values)
    result.changed =
      if case .winsorized = action {
        x.indices.filter { x[$0] != values[$0] && !x[$0].isNaN }
      } else {
        x.indices.filter { !values[$0].isNaN }
      }
    result.nonPositive = nonPositive
    return result
  }
  switch treatment {
  case .none:
    return outcome
  case .log:
    let (values, bad) = logarithm(x, base: .e)
    return finish(values, .transformed, nonPositive: bad)
  case .log10:
    let (values, bad) = logarithm(x, base: .ten)
    return finish(values, .transformed, nonPositive: bad)
  case .shiftedLog:
    let (values, bad) = shiftedLog(x)
    return finish(values, .transformed, nonPositive: bad)
  case .winsorize(let winmax, let skewness, let kurtosis):
    func fails(_ s: Double, _ k: Double) -> Bool { abs(s) > skewness && k > kurtosis }
    guard fails(skew, kurt) else { return outcome }
    var values = x
    var (s, k) = (skew, kurt)
    var iterations = 0
    // Positions moved by the latest iteration on each side: COINr's `imax` and `imin`.
    var (highMoved, lowMoved) = (0, 0)
    while fails(s, k), highMoved + lowMoved < winmax {
      let high = s >= 0
      guard let moved = moveExtreme(&values, high: high) else { break }
      if high { highMoved = moved } else { lowMoved = moved }
      iterations += 1
      (s, k) = (Statistics.skewness(values), Statistics.kurtosis(values))
    }
    if fails(s, k) {
      let (logged, bad) = shiftedLog(x)
      return finish(logged, .logFallback, nonPositive: bad)
    }
    return finish(values, .winsorized(iterations: iterations))
  }
}

/// Moves every value equal to the maximum (or minimum) to the next distinct value inward, and
/// returns how many values moved.
///
/// Returns nil, changing nothing, when there is no distinct value to move to.
private func moveExtreme(_ values: inout [Double], high: Bool) -> Int? {
  let extreme = high ? Statistics.maximum(values) : Statistics.minimum(values)
  var next = Double.nan
  for v in values where !v.isNaN && v != extreme {
    if next.isNaN || (high ? v > next : v < next) { next = v }
  }
  guard !next.isNaN else { return nil }
  var moved = 0
  for i in values.indices where values[i] == extreme {
    values[i] = next
    moved += 1
  }
  return moved
}

/// The base of a plain log transform.
private enum LogBase { case e, ten }

/// The log of each positive value; values ≤ 0 become missing and are listed.
private func logarithm(_ x: [Double], base: LogBase) -> ([Double], [Int]) {
  var values = [Double](repeating: .nan, count: x.count)
  var nonPositive: [Int] = []
  for (e, v) in x.enumerated() where !v.isNaN {
    if v > 0 {
      values[e] = base == .e ? log(v) : log10(v)
    } else {
      nonPositive.append(e)
    }
  }
  return (values, nonPositive)
}

/// COINr's `log_CT`: ln(x − min + 0.01·(max − min)), defined for any values with some spread.
private func shiftedLog(_ x: [Double]) -> ([Double], [Int]) {
  let low = Statistics.minimum(x)
  let high = Statistics.maximum(x)
  let pad = 0.01 * (high - low)
  return logarithm(x.map { $0 - low + pad }, base: .e)
}
