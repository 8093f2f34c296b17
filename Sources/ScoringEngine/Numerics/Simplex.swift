/// A linear program `maximize cᵀx subject to Ax ≤ b, x ≥ 0` with b ≥ 0, solved by the simplex
/// method on a condensed tableau.
///
/// Why this shape: with b ≥ 0 the origin is feasible, so the slack variables form a first
/// basis and no phase 1 is needed; every benefit-of-the-doubt program has this form (rows
/// "score of entity k ≤ 1" and share bounds with right-hand side 0). The condensed (Tucker)
/// tableau keeps one row per basic variable and one column per non-basic variable, so a
/// program with many constraints and few variables (one row per entity, one column per
/// member) costs O(rows × columns) per pivot and never stores the identity of the slacks.
///
/// Dictionary form: basic xᵢ = bᵢ − Σⱼ Tᵢⱼ·(non-basic xⱼ); objective z = z₀ + Σⱼ cⱼ·xⱼ.
/// Pivoting uses Bland's rule (the entering variable is the lowest-numbered one that improves
/// the objective, the leaving variable the lowest-numbered one among the tied minimum ratios),
/// which cannot cycle on degenerate programs such as the share bounds; values within 1e-12 of
/// zero (relative to the data's scale) count as zero.
public struct LinearProgram: Sendable {
  /// Objective coefficients, one per variable.
  public var objective: [Double]
  /// Constraint rows, each with one coefficient per variable.
  public var constraints: [[Double]]
  /// Right-hand sides, one per row, each ≥ 0.
  public var bounds: [Double]

  public init(maximize objective: [Double], constraints: [[Double]], bounds: [Double]) {
    self.objective = objective
    self.constraints = constraints
    self.bounds = bounds
  }

  /// The outcome of solving a program.
  public enum Solution: Sendable, Equatable {
    /// An optimal point and the objective there.
    case optimal(x: [Double], value: Double)
    /// The objective grows without limit over the feasible set.
    case unbounded
    /// The program is not of the accepted form (a negative or non-finite right-hand side,
    /// rows of the wrong length, a non-finite coefficient) or ran out of pivots.
    case rejected
  }

  /// Solves the program.
  public func solve() -> Solution {
    let n = objective.count
    let m = constraints.count
    guard bounds.count == m, constraints.allSatisfy({ $0.count == n }),
      bounds.allSatisfy({ $0 >= 0 && $0.isFinite }),
      objective.allSatisfy(\.isFinite), constraints.allSatisfy({ $0.allSatisfy(\.isFinite) })
    else { return .rejected }
    var tableau = constraints
    var rhs = bounds
    var cost = objective
    var value = 0.0
    // Labels: 0..<n are the structural variables, n..<n+m the slacks of each row.
    var nonbasic = Array(0..<n)
    var basic = Array(n..<(n + m))
    var scale = 1.0
    for row in constraints { for x in row { scale = Swift.max(scale, abs(x)) } }
    for x in objective { scale = Swift.max(scale, abs(x)) }
    let epsilon = 1e-12 * scale
    let limit = 50 * (n + m) + 100
    var pivots = 0
    while true {
      var entering: Int?
      for j in 0..<n where cost[j] > epsilon {
        if entering == nil || nonbasic[j] < nonbasic[entering ?? 0] { entering = j }
      }
      guard let s = entering else { break }
      var leaving: Int?
      var best = Double.infinity
      for i in 0..<m where tableau[i][s] > epsilon {
        let ratio = rhs[i] / tableau[i][s]
        guard let current = leaving else {
          (best, leaving) = (ratio, i)
          continue
        }
        let tolerance = 1e-15 * Swift.max(1, abs(best))
        if ratio < best - tolerance || (ratio <= best + tolerance && basic[i] < basic[current]) {
          if ratio < best { best = ratio }
          leaving = i
        }
      }
      guard let r = leaving else { return .unbounded }
      pivots += 1
      guard pivots <= limit else { return .rejected }
      Self.pivot(&tableau, &rhs, &cost, &value, row: r, column: s)
      swap(&basic[r], &nonbasic[s])
    }
    var x = [Double](repeating: 0, count: n)
    for (i, label) in basic.enumerated() where label < n { x[label] = Swift.max(rhs[i], 0) }
    return .optimal(x: x, value: value)
  }

  /// Exchanges basic row `r` and non-basic column `s` (the pivot element T[r][s] ≠ 0).
  private static func pivot(
    _ t: inout [[Double]], _ b: inout [Double], _ c: inout [Double], _ z: inout Double,
    row r: Int, column s: Int
  ) {
    let p = t[r][s]
    let columns = c.count
    var pivotRow = t[r]
    for j in 0..<columns where j != s { pivotRow[j] /= p }
    pivotRow[s] = 1 / p
    let br = b[r] / p
    for i in t.indices where i != r {
      let factor = t[i][s]
      guard factor != 0 else { continue }
      for j in 0..<columns where j != s { t[i][j] -= factor * pivotRow[j] }
      t[i][s] = -factor / p
      b[i] -= factor * br
      if b[i] < 0 && b[i] > -1e-12 { b[i] = 0 }
    }
    let cs = c[s]
    for j in 0..<columns where j != s { c[j] -= cs * pivotRow[j] }
    c[s] = -cs / p
    z += cs * br
    t[r] = pivotRow
    b[r] = br
  }
}
