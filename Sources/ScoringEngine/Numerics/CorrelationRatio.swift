#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The correlation ratio S = V(E[y | x]) / V(y), the first-order sensitivity index of y to x,
/// estimated from one sample by a local linear smoother.
///
/// Paruolo, Saisana & Saltelli (2013) measure an indicator's real influence on an index this
/// way: S is the share of the index's variance that x alone explains, whatever the shape of
/// the dependence (for a linear y it is the squared Pearson correlation). The estimator:
///
/// 1. Keep the entities where both x and y are present; sort them by x.
/// 2. Bandwidth h = 2.34 · s · n^(−1/5), with s = min(sd, IQR/1.349) of x (the sd when the IQR
///    is 0): Silverman's normal-reference rule, scaled for the Epanechnikov kernel.
/// 3. At a point x₀ the fit is the weighted least-squares line through the points with
///    |xⱼ − x₀| < h, weights Kⱼ = 1 − ((xⱼ − x₀)/h)² (Epanechnikov); its value at x₀ is
///    m(x₀) = (S₂T₀ − S₁T₁)/(S₀S₂ − S₁²) with Sₖ = ΣKⱼdⱼᵏ, Tₖ = ΣKⱼdⱼᵏyⱼ, dⱼ = xⱼ − x₀. When the
///    points of the window share one x (the determinant vanishes) the fit is their weighted
///    mean.
/// 4. m is evaluated at every distinct x when there are at most 128 of them, otherwise at 128
///    points evenly spaced in rank (the first and last values included) and linearly
///    interpolated in x between them: the fit varies on the scale of h, far wider than the
///    spacing, and this keeps the cost at O(n log n) per pair.
/// 5. S = (population variance of m(xⱼ)) / (population variance of yⱼ), clamped to [0, 1].
///
/// The estimate is biased upwards by about (effective degrees of freedom)/n · (1 − S): with
/// n = 2,000 that is below 0.01. S is nil below 3 complete pairs, or when y does not vary; it
/// is 0 when x does not vary (x then explains nothing).
public enum CorrelationRatio {
  /// How many points the smoother is evaluated at before interpolating.
  public static let evaluationPoints = 128

  /// The estimate of V(E[y | x]) / V(y) over the entities where both are present.
  ///
  /// `order` may pass `ascendingOrder(x)` when the caller already has it.
  public static func estimate(_ y: [Double], given x: [Double], order: [Int]? = nil) -> Double? {
    precondition(x.count == y.count, "one x per y")
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(x.count)
    ys.reserveCapacity(x.count)
    for i in order ?? ascendingOrder(x) where !y[i].isNaN {
      xs.append(x[i])
      ys.append(y[i])
    }
    guard xs.count >= 3 else { return nil }
    let varianceY = populationVariance(ys)
    guard varianceY > 0, varianceY.isFinite else { return nil }
    guard let first = xs.first, let last = xs.last, last > first else { return 0 }
    let h = bandwidth(sorted: xs)
    guard h > 0, h.isFinite else { return 0 }
    let fitted = smooth(xs: xs, ys: ys, bandwidth: h)
    let ratio = populationVariance(fitted) / varianceY
    return Swift.min(Swift.max(ratio, 0), 1)
  }

  /// The bandwidth rule of step 2 for x sorted ascending.
  public static func bandwidth(sorted xs: [Double]) -> Double {
    let n = Double(xs.count)
    let sd = populationVariance(xs).squareRoot() * (n / Swift.max(n - 1, 1)).squareRoot()
    let iqr = (quantile(xs, 0.75) - quantile(xs, 0.25)) / 1.349
    let spread = iqr > 0 ? Swift.min(sd, iqr) : sd
    return 2.34 * spread * pow(n, -0.2)
  }

  /// The fitted conditional mean at every x (sorted ascending), steps 3 and 4.
  static func smooth(xs: [Double], ys: [Double], bandwidth h: Double) -> [Double] {
    let n = xs.count
    var distinct: [Int] = []  // first position of each distinct x
    for i in 0..<n where i == 0 || xs[i] != xs[i - 1] { distinct.append(i) }
    let points: [Int]
    if distinct.count <= evaluationPoints {
      points = distinct
    } else {
      let last = distinct.count - 1
      points = (0..<evaluationPoints).map { k in
        distinct[Int((Double(k) * Double(last) / Double(evaluationPoints - 1)).rounded())]
      }
    }
    var values: [Double] = []
    values.reserveCapacity(points.count)
    var low = 0
    var high = 0
    for p in points {
      let x0 = xs[p]
      while low < n && xs[low] <= x0 - h { low += 1 }
      if high < low { high = low }
      while high < n && xs[high] < x0 + h { high += 1 }
      values.append(localLine(xs, ys, low..<high, at: x0, bandwidth: h))
    }
    var fitted = [Double](repeating: 0, count: n)
    var k = 0
    for i in 0..<n {
      let x = xs[i]
      while k + 1 < points.count && xs[points[k + 1]] <= x { k += 1 }
      if xs[points[k]] == x || k + 1 >= points.count {
        fitted[i] = values[k]
      } else {
        let (x1, x2) = (xs[points[k]], xs[points[k + 1]])
        let t = (x - x1) / (x2 - x1)
        fitted[i] = values[k] + t * (values[k + 1] - values[k])
      }
    }
    return fitted
  }

  /// The local linear fit at x0 over the points in `window` (the smoother's inner loop).
  private static func localLine(
    _ xs: [Double], _ ys: [Double], _ window: Range<Int>, at x0: Double, bandwidth h: Double
  ) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var t0 = 0.0
    var t1 = 0.0
    let inverse = 1 / (h * h)
    xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        for j in window {
          let d = x[j] - x0
          let k = 1 - d * d * inverse
          guard k > 0 else { continue }
          let kd = k * d
          s0 += k
          s1 += kd
          s2 += kd * d
          t0 += k * y[j]
          t1 += kd * y[j]
        }
      }
    }
    let determinant = s0 * s2 - s1 * s1
    if determinant > 1e-12 * s0 * s2 && determinant > 0 {
      return (s2 * t0 - s1 * t1) / determinant
    }
    return s0 > 0 ? t0 / s0 : .nan
  }

  /// Σ(v − mean)² / n.
  static func populationVariance(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let mean = values.reduce(0, +) / Double(values.count)
    var sum = 0.0
    for v in values { sum += (v - mean) * (v - mean) }
    return sum / Double(values.count)
  }

  /// Type-7 quantile of sorted values.
  private static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    let upper = Swift.min(lower + 1, sorted.count - 1)
    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
  }
}
