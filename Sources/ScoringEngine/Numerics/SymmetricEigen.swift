#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Eigenvalues and eigenvectors of a real symmetric matrix, by the cyclic Jacobi method.
///
/// Why Jacobi: the matrices here are small (the members of one aggregate, rarely more than a
/// few dozen), Jacobi is simple enough to verify line by line, and it is accurate to machine
/// precision in every eigenvalue, small ones included. Each sweep visits every pair (p, q) above
/// the diagonal in a fixed order and applies the plane rotation that zeroes A[p][q]; sweeps
/// repeat until the off-diagonal part is negligible (below 1e-30 of the squared Frobenius norm,
/// or exactly zero), at most 100 sweeps (convergence is quadratic: 6–10 sweeps are typical).
///
/// Results are sorted by decreasing eigenvalue (ties keep their original diagonal order), and
/// the sign of each eigenvector is made deterministic: its largest-magnitude component is
/// positive (the first such component when two are equal). Callers that want another sign
/// convention (PCA's "loadings sum to a positive number") flip it themselves.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues, largest first.
  public var values: [Double]
  /// `vectors[k]` is the unit eigenvector of `values[k]`.
  public var vectors: [[Double]]
  /// Sweeps used; 0 for a matrix that was already diagonal.
  public var sweeps: Int

  /// Decomposes `matrix`, n rows of n values (symmetric; the upper triangle is read).
  ///
  /// Returns nil when the matrix is not square or holds a
  /// value that is not finite.
  public init?(_ matrix: [[Double]]) {
    let n = matrix.count
    guard matrix.allSatisfy({ $0.count == n }), matrix.allSatisfy({ $0.allSatisfy(\.isFinite) })
    else { return nil }
    // Work on a symmetric copy built from the upper triangle.
    var a = matrix
    for p in 0..<n {
      for q in (p + 1)..<n { a[q][p] = a[p][q] }
    }
    var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    var total = 0.0
    for row in a { for x in row { total += x * x } }
    var sweeps = 0
    while sweeps < 100 {
      var off = 0.0
      for p in 0..<n {
        for q in (p + 1)..<n { off += 2 * a[p][q] * a[p][q] }
      }
      if off == 0 || off <= 1e-30 * total { break }
      sweeps += 1
      for p in 0..<n {
        for q in (p + 1)..<n where a[p][q] != 0 {
          Self.rotate(&a, &v, p, q)
        }
      }
    }
    let diagonal = (0..<n).map { a[$0][$0] }
    let order = (0..<n).sorted { (i: Int, j: Int) -> Bool in
      diagonal[i] != diagonal[j] ? diagonal[i] > diagonal[j] : i < j
    }
    values = order.map { diagonal[$0] }
    vectors = order.map { k in
      var column = (0..<n).map { v[$0][k] }
      if let largest = column.indices.max(by: { abs(column[$0]) < abs(column[$1]) }),
        column[largest] < 0
      {
        column = column.map { -$0 }
      }
      return column
    }
    self.sweeps = sweeps
  }

  /// Applies the Jacobi rotation that zeroes a[p][q] to the matrix and accumulates it in v.
  ///
  /// With θ = (a_qq − a_pp)/(2a_pq), t = sign(θ)/(|θ| + √(θ² + 1)) is the tangent of the
  /// smaller rotation angle (so the rotation is stable), c = 1/√(t² + 1), s = t·c.
  private static func rotate(_ a: inout [[Double]], _ v: inout [[Double]], _ p: Int, _ q: Int) {
    let n = a.count
    let apq = a[p][q]
    let theta = (a[q][q] - a[p][p]) / (2 * apq)
    let t: Double
    if theta.isInfinite || abs(theta) > 1e150 {
      t = 1 / (2 * theta)  // θ² would overflow; t ≈ 1/(2θ)
    } else {
      t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
    }
    let c = 1 / (t * t + 1).squareRoot()
    let s = t * c
    let app = a[p][p]
    let aqq = a[q][q]
    a[p][p] = app - t * apq
    a[q][q] = aqq + t * apq
    a[p][q] = 0
    a[q][p] = 0
    for k in 0..<n where k != p && k != q {
      let akp = a[k][p]
      let akq = a[k][q]
      a[k][p] = c * akp - s * akq
      a[p][k] = a[k][p]
      a[k][q] = s * akp + c * akq
      a[q][k] = a[k][q]
    }
    for k in 0..<n {
      let vkp = v[k][p]
      let vkq = v[k][q]
      v[k][p] = c * vkp - s * vkq
      v[k][q] = s * vkp + c * vkq
    }
  }
}
