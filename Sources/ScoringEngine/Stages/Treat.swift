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
/// indicator fails and the count is below `winmax` (with `force`, while the count is below
/// `winmax`, as COINr's `force_win`); if it still fails, the winsorization is discarded and the
/// fallback (COINr's `f2`, `log_CT` by default) is applied to the original values, or with
/// `combine` (COINr's `combine_treat`) to the winsorized ones; a fallback of `none` keeps the
/// winsorized values. This reproduces the ASEM reference, which has no tied extremes, so
/// counting iterations would reproduce it too.
///
/// As in COINr's `Treat()`, an indicator that passes the test to begin with is never touched,
/// even with `force`: forcing only decides where winsorization stops once it has started.

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
  /// Entities a transform made missing because it is undefined there (a log of a value ≤ 0).
  public var nonPositive: [Int]
  /// Entities winsorization moved, when its result is kept or combined with the fallback.
  public var winsorized: [Int] = []
}

/// What a treatment did to the indicator.
public enum TreatAction: Sendable, Equatable {
  /// Nothing: no treatment asked for, or the indicator already passes.
  case none
  /// Winsorized in this many iterations, after which it passes (or, with no fallback, the
  /// winsorized values are kept although it still fails).
  case winsorized(iterations: Int)
  /// Winsorization could not bring it within the thresholds before `winmax` points were
  /// moved, so the original values were transformed by the fallback instead (COINr's
  /// `log_CT` by default: ln(x − min + 0.01·(max − min))).
  case logFallback
  /// Winsorized in this many iterations, still failing, then the fallback was applied to the
  /// winsorized values (`combine`, COINr's `combine_treat`).
  case combined(iterations: Int)
  /// A fixed transformation (`log`, `log10`, `shifted_log`, …) was applied.
  case transformed

  /// Whether the values were transformed (so every present cell changed).
  public var transformsValues: Bool {
    switch self {
    case .logFallback, .combined, .transformed: true
    case .none, .winsorized: false
    }
  }
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
      if action.transformsValues {
        x.indices.filter { !values[$0].isNaN }
      } else {
        x.indices.filter { x[$0] != values[$0] && !x[$0].isNaN }
      }
    result.nonPositive = nonPositive
    return result
  }
  switch treatment {
  case .none:
    return outcome
  case .log, .log10, .shiftedLog, .signedShiftedLog, .logPlusOne, .giiLog, .boxCox:
    let transformed = transform(x, with: treatment)
    return finish(transformed.values, .transformed, nonPositive: transformed.undefined)
  case .winsorize(let rule):
    func fails(_ s: Double, _ k: Double) -> Bool { abs(s) > rule.skewness && k > rule.kurtosis }
    guard fails(skew, kurt) else { return outcome }
    let (values, iterations) = winsorized(x, rule: rule, fails: fails)
    let moved = x.indices.filter { x[$0] != values[$0] && !x[$0].isNaN }
    guard fails(Statistics.skewness(values), Statistics.kurtosis(values)),
      rule.fallback.isTransform
    else {
      var result = finish(values, .winsorized(iterations: iterations))
      result.winsorized = moved
      return result
    }
    let transformed = transform(rule.combine ? values : x, with: rule.fallback)
    var result = finish(
      transformed.values, rule.combine ? .combined(iterations: iterations) : .logFallback,
      nonPositive: transformed.undefined)
    if rule.combine { result.winsorized = moved }
    return result
  }
}

/// The winsorizing loop of COINr's `winsorise()`: the values after it, and its iterations.
private func winsorized(
  _ x: [Double], rule: Winsorization, fails: (Double, Double) -> Bool
) -> ([Double], Int) {
  var values = x
  var (s, k) = (Statistics.skewness(x), Statistics.kurtosis(x))
  var iterations = 0
  // Positions moved by the latest iteration on each side: COINr's `imax` and `imin`.
  var (highMoved, lowMoved) = (0, 0)
  while fails(s, k) || rule.force, highMoved + lowMoved < rule.winmax {
    let high = s >= 0
    guard let moved = moveExtreme(&values, high: high) else { break }
    if high { highMoved = moved } else { lowMoved = moved }
    iterations += 1
    (s, k) = (Statistics.skewness(values), Statistics.kurtosis(values))
  }
  return (values, iterations)
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
