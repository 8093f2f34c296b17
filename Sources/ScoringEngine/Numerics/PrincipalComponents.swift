/// Principal components of a few variables observed over the same entities, as R's
/// `prcomp(x, center = TRUE, scale. = TRUE)` on the complete rows (COINr's `get_PCA`).
///
/// Centring and scaling by the sample standard deviation make the covariance matrix of the
/// scaled data the correlation matrix R of the complete rows; its eigen decomposition gives
/// what prcomp's singular value decomposition gives: eigenvalue λₖ = sdevₖ², share of variance
/// λₖ/Σλ (Σλ = the number of variables), and loadings = the unit eigenvectors ("rotation").
/// A component's sign is arbitrary; here the first component's loadings are turned so that
/// they sum to a positive number (the convention of the reference figures), the others keep
/// the solver's convention.
public struct PrincipalComponents: Sendable {
  /// Eigenvalues of the correlation matrix, largest first.
  public var eigenvalues: [Double]
  /// `loadings[k][i]`: variable i's loading on component k (unit vectors).
  public var loadings: [[Double]]
  /// Entities with every variable present: the rows the analysis used.
  public var completeRows: Int

  /// Share of the total variance carried by each component.
  public var varianceShares: [Double] {
    let total = eigenvalues.reduce(0, +)
    return eigenvalues.map { total > 0 ? $0 / total : .nan }
  }

  /// Components whose eigenvalue exceeds 1 (Kaiser's rule: each explains more than one
  /// variable's worth of variance).
  public var componentsAboveOne: Int {
    eigenvalues.filter { $0 > 1 }.count
  }

  /// Runs the analysis on `variables[i][e]` (variable i, entity e; NaN = missing).
  ///
  /// Nil when there are fewer than two variables, fewer than three complete rows, or a
  /// variable that does not vary over the complete rows (prcomp refuses to rescale it).
  public init?(_ variables: [[Double]]) {
    let k = variables.count
    guard k >= 2, let n = variables.first?.count, variables.allSatisfy({ $0.count == n })
    else { return nil }
    let rows = (0..<n).filter { e in variables.allSatisfy { !$0[e].isNaN } }
    guard rows.count >= 3 else { return nil }
    var standardized: [[Double]] = []
    for column in variables {
      let values = rows.map { column[$0] }
      let mean = values.reduce(0, +) / Double(values.count)
      var squares = 0.0
      for x in values { squares += (x - mean) * (x - mean) }
      let sd = (squares / Double(values.count - 1)).squareRoot()
      guard sd > 0, sd.isFinite else { return nil }
      standardized.append(values.map { ($0 - mean) / sd })
    }
    var correlation = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for i in 0..<k {
      for j in i..<k {
        var sum = 0.0
        for r in 0..<rows.count { sum += standardized[i][r] * standardized[j][r] }
        let value = i == j ? 1 : sum / Double(rows.count - 1)
        correlation[i][j] = value
        correlation[j][i] = value
      }
    }
    guard let eigen = SymmetricEigen(correlation) else { return nil }
    eigenvalues = eigen.values
    loadings = eigen.vectors
    if loadings[0].reduce(0, +) < 0 { loadings[0] = loadings[0].map { -$0 } }
    completeRows = rows.count
  }
}
