/// Descriptive statistics of one indicator, skipping missing (NaN) values.
///
/// Each function returns NaN when the statistic is undefined for the values present (no values,
/// too few for the formula, or no spread where the formula divides by it), so a caller can
/// test `isMissing` instead of catching a trap.
public enum Statistics {
  /// The values that are present, in their original order.
  public static func present(_ x: [Double]) -> [Double] {
    x.filter { !$0.isNaN }
  }

  /// How many values are present.
  public static func count(_ x: [Double]) -> Int {
    var n = 0
    for v in x where !v.isNaN { n += 1 }
    return n
  }

  /// The smallest present value.
  public static func minimum(_ x: [Double]) -> Double {
    var result = Double.nan
    for v in x where !v.isNaN && !(v >= result) { result = v }
    return result
  }

  /// The largest present value.
  public static func maximum(_ x: [Double]) -> Double {
    var result = Double.nan
    for v in x where !v.isNaN && !(v <= result) { result = v }
    return result
  }

  /// The arithmetic mean (of values brought near 1 first when they are huge, so the sum
  /// cannot overflow).
  public static func mean(_ x: [Double]) -> Double {
    let factor = WeightScale.factor(forSumsOf: x)
    if factor != 1 { return mean(x.map { $0 * factor }) / factor }
    var sum = 0.0
    var n = 0
    for v in x where !v.isNaN {
      sum += v
      n += 1
    }
    return n == 0 ? .nan : sum / Double(n)
  }

  /// The sample standard deviation (denominator n − 1, as R's `sd`); NaN below two values.
  public static func sampleStandardDeviation(_ x: [Double]) -> Double {
    let factor = WeightScale.factor(forSumsOf: x)
    let moments = centralSums(factor == 1 ? x : x.map { $0 * factor })
    guard moments.n >= 2 else { return .nan }
    return (moments.d2 / Double(moments.n - 1)).squareRoot() / factor
  }

  /// The median: the middle value, or the mean of the two middle values.
  public static func median(_ x: [Double]) -> Double {
    quantile(x, 0.5)
  }

  /// The `p`-quantile with linear interpolation between order statistics (R's default, type 7).
  public static func quantile(_ x: [Double], _ p: Double) -> Double {
    let sorted = present(x).sorted()
    guard !sorted.isEmpty, p >= 0, p <= 1 else { return .nan }
    return quantile(sorted: sorted, p)
  }

  /// `quantile` of values already sorted and present (none missing, at least one): the same
  /// arithmetic without filtering and sorting again for each quantile.
  public static func quantile(sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = h - Double(lower)
    if fraction == 0 { return sorted[lower] }
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }

  /// Skewness of type 2 (e1071 `type = 2`, Excel's SKEW), as COINr's `skew`.
  ///
  /// g = √n·Σd³/(Σd²)^{3/2} · √(n(n−1))/(n−2) with d = x − mean; NaN below three values or
  /// when every value is equal.
  public static func skewness(_ x: [Double]) -> Double {
    let s = centralSums(x)
    guard s.n >= 3, s.d2 > 0 else { return .nan }
    let n = Double(s.n)
    let g1 = n.squareRoot() * s.d3 / (s.d2 * s.d2.squareRoot())
    return g1 * (n * (n - 1)).squareRoot() / (n - 2)
  }

  /// Excess kurtosis of type 2 (e1071 `type = 2`, Excel's KURT), as COINr's `kurt`.
  ///
  /// r = n·Σd⁴/(Σd²)², k = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)); NaN below four values or when
  /// every value is equal.
  public static func kurtosis(_ x: [Double]) -> Double {
    let s = centralSums(x)
    guard s.n >= 4, s.d2 > 0 else { return .nan }
    let n = Double(s.n)
    let r = n * s.d4 / (s.d2 * s.d2)
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
  }

  /// Sums of the second, third and fourth powers of deviations from the mean (two passes, so
  /// the deviations are exact for data far from zero), of values brought near 1 first when
  /// they are huge: skewness and kurtosis do not depend on the scale, and the standard
  /// deviation scales back.
  private static func centralSums(_ x: [Double]) -> (n: Int, d2: Double, d3: Double, d4: Double) {
    let factor = WeightScale.factor(forSumsOf: x)
    if factor != 1 { return centralSums(x.map { $0 * factor }) }
    let m = mean(x)
    var n = 0
    var d2 = 0.0
    var d3 = 0.0
    var d4 = 0.0
    for v in x where !v.isNaN {
      let d = v - m
      let dd = d * d
      n += 1
      d2 += dd
      d3 += dd * d
      d4 += dd * dd
    }
    return (n, d2, d3, d4)
  }
}
