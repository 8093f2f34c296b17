import ScoringEngine

/// Correlations, covariances and Cronbach's α as R computes them with
/// `use = "pairwise.complete.obs"` (COINr's `get_corr` and `get_cronbach`).
///
/// Pairwise complete: each pair of variables uses the entities where both are present, with
/// that subset's own means. Spearman follows R's `cor(method = "spearman")` for that option:
/// each variable is ranked over all its present values (ties get the average rank), then the
/// ranks are correlated pairwise — so with missing values it is not the Spearman coefficient
/// of the pair's common subset, exactly as in R. Results are nil where undefined (fewer than
/// two pairs, or no spread in the pairs used).
public enum Correlation {
  /// Pearson's r over the entities where both are present.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    let moments = pairwiseMoments(x, y)
    guard moments.n >= 2, moments.xx > 0, moments.yy > 0 else { return nil }
    return Swift.min(Swift.max(moments.xy / (moments.xx * moments.yy).squareRoot(), -1), 1)
  }

  /// Spearman's ρ as R's pairwise option gives it (see the type comment).
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    pearson(ranks(x), ranks(y))
  }

  /// The sample covariance (n − 1) over the entities where both are present.
  public static func covariance(_ x: [Double], _ y: [Double]) -> Double? {
    let moments = pairwiseMoments(x, y)
    guard moments.n >= 2 else { return nil }
    return moments.xy / Double(moments.n - 1)
  }

  /// Average ranks of the present values (1 = smallest), NaN where missing (R's `rank` with
  /// `na.last = "keep"`, `ties.method = "average"`).
  ///
  /// `order` may pass `ascendingOrder(x)` when the caller already has it.
  public static func ranks(_ x: [Double], order: [Int]? = nil) -> [Double] {
    var result = [Double](repeating: .nan, count: x.count)
    let order = order ?? ascendingOrder(x)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && x[order[end + 1]] == x[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for k in start...end { result[order[k]] = rank }
      start = end + 1
    }
    return result
  }

  /// Cronbach's α of the variables `items[i][e]`, as COINr's `get_cronbach`.
  ///
  /// α = k²·c̄ / ΣΣ Cᵢⱼ, with C the pairwise-complete covariance matrix and c̄ the mean of its
  /// off-diagonal entries. Nil below two items or when the total variance is not positive.
  public static func cronbachAlpha(_ items: [[Double]]) -> Double? {
    let k = items.count
    guard k >= 2 else { return nil }
    var total = 0.0
    var diagonal = 0.0
    for i in 0..<k {
      for j in i..<k {
        guard let c = covariance(items[i], items[j]) else { continue }
        if i == j {
          diagonal += c
          total += c
        } else {
          total += 2 * c
        }
      }
    }
    guard total > 0 else { return nil }
    let offDiagonalMean = (total - diagonal) / Double(k * (k - 1))
    return Double(k * k) * offDiagonalMean / total
  }

  /// Centred sums over the complete pairs, with the pairs' own means (two passes).
  private static func pairwiseMoments(_ x: [Double], _ y: [Double])
    -> (n: Int, xx: Double, yy: Double, xy: Double)
  {
    precondition(x.count == y.count, "one x per y")
    var n = 0
    var sx = 0.0
    var sy = 0.0
    for i in x.indices where !x[i].isNaN && !y[i].isNaN {
      n += 1
      sx += x[i]
      sy += y[i]
    }
    guard n > 0 else { return (0, 0, 0, 0) }
    let (mx, my) = (sx / Double(n), sy / Double(n))
    var xx = 0.0
    var yy = 0.0
    var xy = 0.0
    for i in x.indices where !x[i].isNaN && !y[i].isNaN {
      let dx = x[i] - mx
      let dy = y[i] - my
      xx += dx * dx
      yy += dy * dy
      xy += dx * dy
    }
    return (n, xx, yy, xy)
  }
}
