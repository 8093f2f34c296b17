/// Benefit-of-the-doubt aggregation: every entity is scored with the weights most favourable
/// to it (Cherchye, Moesen, Rogge & Van Puyenbroeck 2007, "An introduction to 'benefit of the
/// doubt' composite indicators"; Compind's `ci_bod` and `ci_bod_constr`).
///
/// For entity j with member values yⱼᵢ ≥ 0 the score is the optimum of the linear program
///
///     maximize   Σᵢ wᵢ yⱼᵢ
///     subject to Σᵢ wᵢ yₖᵢ ≤ 1                       for every scored entity k (j included)
///                L·Σₗ wₗ yⱼₗ ≤ wᵢ yⱼᵢ ≤ U·Σₗ wₗ yⱼₗ   for every member i (only when L > 0, U < 1)
///                wᵢ ≥ 0
///
/// so no entity scores above 1 under j's weights and j's score is 1 exactly when no other
/// weighting puts anyone ahead of it. L and U bound each member's share of the entity's score
/// (Cherchye et al.'s "pie shares"; Compind writes the same rows). Conventions where the
/// sources are silent, each chosen so one entity's gap cannot change another's score:
/// - Members an entity lacks are left out of its program; in other entities' rows a missing
///   value counts as 0 (it adds nothing to their score).
/// - Members of weight 0 are left out; other declared weights are not used.
/// - An entity with a negative value is missing (listed in `negative`), and its row is left out
///   of every program.
/// - With k present members the upper share bound is raised to 1/k when it is lower, so the
///   bounds stay satisfiable; with a positive lower bound a member at 0 forces the score to 0.
/// The programs are solved by `LinearProgram` (simplex, Bland's rule).

/// Scores, each entity's weights (`weights[m][e]`) and the negative values met.
func benefitOfDoubt(
  _ members: [[Double]], weights: [Double], bounds: ShareBounds, scored: [Bool]
) -> (values: [Double], weights: [[Double]], negative: [(entity: Int, member: Int)]) {
  let entityCount = scored.count
  var values = [Double](repeating: .nan, count: entityCount)
  var entityWeights = members.map { _ in [Double](repeating: 0, count: entityCount) }
  var negative: [(entity: Int, member: Int)] = []
  let used = members.indices.filter { weights[$0] != 0 }
  var valid = scored
  for e in 0..<entityCount where scored[e] {
    for m in used where members[m][e] < 0 {
      negative.append((entity: e, member: m))
      valid[e] = false
    }
  }
  let rows = (0..<entityCount).filter { valid[$0] }
  for j in rows {
    let present = used.filter { !members[$0][j].isNaN }
    guard !present.isEmpty else { continue }
    let own = present.map { members[$0][j] }
    var constraints: [[Double]] = rows.map { k in
      present.map { m in
        let v = members[m][k]
        return v.isNaN ? 0 : v
      }
    }
    var rhs = [Double](repeating: 1, count: constraints.count)
    let upper = Swift.max(bounds.maximum, 1 / Double(present.count))
    for i in present.indices {
      if upper < 1 {
        constraints.append(own.indices.map { l in (l == i ? own[l] : 0) - upper * own[l] })
        rhs.append(0)
      }
      if bounds.minimum > 0 {
        constraints.append(own.indices.map { l in bounds.minimum * own[l] - (l == i ? own[l] : 0) })
        rhs.append(0)
      }
    }
    let program = LinearProgram(maximize: own, constraints: constraints, bounds: rhs)
    guard case .optimal(let w, let value) = program.solve() else { continue }
    values[j] = Swift.min(value, 1)
    for (position, m) in present.enumerated() { entityWeights[m][j] = w[position] }
  }
  return (values, entityWeights, negative)
}
