import Glibc
import ScoringEngine

/// Variance-based sensitivity indices of one output to each source of a Saltelli design.
///
/// With y_A, y_B and y_ABi the output over the rows of A, B and AB_i (N each) and V the sample
/// variance of y_A and y_B together, the first-order index is Saltelli's (2010) estimator
/// S_i = mean(y_B · (y_ABi − y_A)) / V and the total index Jansen's (1999)
/// ST_i = mean((y_A − y_ABi)²) / (2V); COINr's `SA_estimate` computes the same two. The 90%
/// intervals are percentile bootstrap intervals (5th to 95th): rows j are resampled with
/// replacement, the same j for y_A, y_B and every y_ABi, and V is recomputed from each
/// resample (COINr resamples each index's terms separately with V fixed).
enum SobolEstimator {
  /// The indices of `output` (one value per row of `design`) to each source, or nil when the
  /// output does not vary over A and B, or is missing in some row.
  static func indices(
    _ output: [Double], design: SaltelliDesign, resamples: Int, seed: UInt64
  ) -> [SensitivityIndex]? {
    indices(of: [output], design: design, resamples: resamples, seed: seed, threads: 1)[0]
  }

  /// The indices of several outputs at once: every resample draws its rows once for all of
  /// them, and resamples run on `threads` threads (each from its own stream, so the result
  /// does not depend on the thread count).
  static func indices(
    of outputs: [[Double]], design: SaltelliDesign, resamples: Int, seed: UInt64, threads: Int
  ) -> [[SensitivityIndex]?] {
    let n = design.baseDraws
    let d = design.sourceCount
    // Centre each output: the indices do not change, and sums of squares stay accurate.
    let centred: [[Double]?] = outputs.map { output in
      guard design.withSensitivity, output.count == design.rowCount, n > 1,
        !output.contains(where: \.isNaN)
      else { return nil }
      let ab = Array(output[design.rows(ofBlock: 0)]) + Array(output[design.rows(ofBlock: 1)])
      let centre = ab.reduce(0, +) / Double(ab.count)
      let variance = pow(Statistics.sampleStandardDeviation(ab), 2)
      guard variance > 1e-12 * max(1, centre * centre) else { return nil }
      return output.map { $0 - centre }
    }
    let all = Array(0..<n)
    let points = centred.map { y in y.flatMap { estimate($0, n: n, d: d, rows: all) } }
    let drawn = RowStore<[(first: [Double], total: [Double])?]>(
      count: resamples, repeating: [])
    ParallelRows.run(count: resamples, threads: threads, chunk: 4) { _, resample in
      var stream = RandomStream(seed: seed, matrix: .bootstrap, row: resample, source: 0)
      let rows = (0..<n).map { _ in stream.index(below: n) }
      drawn[resample] = centred.map { y in y.flatMap { estimate($0, n: n, d: d, rows: rows) } }
    }
    let estimates = drawn.elements()
    return points.enumerated().map { output, point in
      guard let point else { return nil }
      return (0..<d).map { i in
        let first = estimates.compactMap { $0[output]?.first[i] }
        let total = estimates.compactMap { $0[output]?.total[i] }
        // Percentile intervals by R's type-7 quantiles (the point when no resample was usable).
        let f = [0.05, 0.95].map { first.isEmpty ? point.first[i] : Statistics.quantile(first, $0) }
        let t = [0.05, 0.95].map { total.isEmpty ? point.total[i] : Statistics.quantile(total, $0) }
        return SensitivityIndex(
          firstOrder: point.first[i], firstOrderLow: f[0], firstOrderHigh: f[1],
          total: point.total[i], totalLow: t[0], totalHigh: t[1])
      }
    }
  }

  /// The estimators over the given rows j (a bootstrap resample, or all of them).
  private static func estimate(_ y: [Double], n: Int, d: Int, rows: [Int])
    -> (first: [Double], total: [Double])?
  {
    var sum = 0.0
    var squares = 0.0
    var firstSums = [Double](repeating: 0, count: d)
    var totalSums = [Double](repeating: 0, count: d)
    for j in rows {
      let a = y[j]
      let b = y[n + j]
      sum += a + b
      squares += a * a + b * b
      for i in 0..<d {
        let abi = y[(2 + i) * n + j]
        firstSums[i] += b * (abi - a)
        totalSums[i] += (a - abi) * (a - abi)
      }
    }
    let count = Double(2 * rows.count)
    let variance = (squares - sum * sum / count) / (count - 1)
    guard variance > 0 else { return nil }
    let m = Double(rows.count)
    return (
      firstSums.map { $0 / m / variance }, totalSums.map { $0 / (2 * m) / variance }
    )
  }
}
