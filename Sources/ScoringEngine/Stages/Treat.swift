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
/// `winmax` counts iterations, not points: tied extremes move together. If the indicator still
/// fails after `winmax` iterations, the winsorization is discarded and COINr's shifted log is
/// applied to the original values. This reproduces the ASEM reference.

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
  /// Winsorization could not bring it within the thresholds in `winmax` iterations, so the
  /// original values were log-transformed instead: ln(x − min + 0.01·(max − min)).
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
    while fails(s, k), iterations < winmax, moveExtreme(&values, high: s >= 0) {
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

/// Moves every value equal to the maximum (or minimum) to the next distinct value inward.
///
/// Returns false, changing nothing, when there is no distinct value to move to.
private func moveExtreme(_ values: inout [Double], high: Bool) -> Bool {
  let extreme = high ? Statistics.maximum(values) : Statistics.minimum(values)
  var next = Double.nan
  for v in values where !v.isNaN && v != extreme {
    if next.isNaN || (high ? v > next : v < next) { next = v }
  }
  guard !next.isNaN else { return false }
  for i in values.indices where values[i] == extreme { values[i] = next }
  return true
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
