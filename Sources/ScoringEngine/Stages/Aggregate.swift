#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Aggregation: one node's members combined into the node's score, entity by entity.
///
/// Conventions (METHODS.md, and COINr 1.1.14's `a_amean`, `a_gmean`, `a_hmean`, `a_genmean`,
/// `a_copeland` and `Aggregate(dat_thresh)` where it is silent):
/// - Weights are relative. For each entity the missing members and their weights are dropped and
///   the remaining weights renormalized to sum to 1 (except for `sum`, which adds wᵢxᵢ over the
///   members present with the weights as declared; COINr has no sum, it is R's
///   `sum(w * x, na.rm = TRUE)`). An entity with every member missing is
///   missing. Weights are not validated here; a member of weight 0 has no influence at all, so it
///   is also ignored by `minimum`, `median` and `copeland`.
/// - Coverage is the share of members present, counted over all members whatever their weight
///   (COINr's `dat_thresh`); below it the entity is missing.
/// - Means that need positive values (geometric, harmonic, power with p < 0) and power with
///   p > 0 on a negative value make the entity missing and list the (entity, member) pairs,
///   where COINr stops with an error for the whole data set. A geometric mean first applies its
///   `NonPositivePolicy`; power with p = 0 is the geometric mean (its limit).
/// - Median: the weighted median (COINr has none). Present values sorted, weights summed from
///   the smallest; the median is the first value at which the running weight reaches half the
///   total, and the mean of it and the next value when the running weight equals half exactly,
///   so equal weights give the ordinary median.
/// - Copeland: for entities j and k, with the members present for both, Oⱼₖ − ½ has the sign of
///   Σ wᵢ·sign(xⱼᵢ − xₖᵢ); Cⱼ = Σₖ sign(Oⱼₖ − ½) over the other entities that have a score. A pair
///   with no member in common counts as a tie. COINr normalizes the weights over all members and
///   fills the lower triangle as 1 − O, which makes the result depend on entity order when values
///   are missing; comparing on shared members avoids that and equals COINr without missing values.
/// - Benefit of the doubt: see `BenefitOfDoubt.swift`; declared weights are not used (only a
///   member of weight 0 is left out), values must be ≥ 0.
/// - Mazziotta–Pareto (Compind's `ci_mpi` and `ci_ampi`, penalty for an index where higher is
///   better): with M the mean and S the standard deviation of the entity's present member
///   values, the score is M − S·cv = M − S²/M, S with denominator k − 1 (`mpi`) or k (`ampi`).
///   The method is unweighted: members of weight 0 are left out, other weights are not used.
///   Values must be > 0 (cv needs M > 0); one present member gives its own value.

/// A node's scores, with the entities and members that needed attention.
public struct AggregateOutcome: Sendable {
  /// One score per entity; NaN where missing.
  public var values: [Double]
  /// Member values ≤ 0 (or < 0 for a power mean with p > 0) that the aggregator cannot use,
  /// after any geometric policy: each makes the entity's score missing.
  public var nonPositive: [(entity: Int, member: Int)]
  /// Member values a geometric `.floor(ε)` policy raised to ε (the score is still computed).
  public var floored: [(entity: Int, member: Int)]
  /// Entities with some members present but fewer than the coverage asks: missing.
  public var belowCoverage: [Int]
  /// Entities with every member missing: missing whatever the coverage.
  public var noData: [Int]
  /// Benefit of the doubt only: each entity's own weights, `entityWeights[m][e]` (0 for a
  /// member the entity lacks); empty for every other aggregator.
  public var entityWeights: [[Double]] = []
}

/// Aggregates the members of one node: `members[m][e]` is member m's score for entity e.
///
/// `coverage` is the minimum share (0...1) of members present for an entity to be scored; nil
/// asks for none beyond one member.
public func aggregate(
  _ members: [[Double]], weights: [Double], with aggregator: Aggregator, coverage: Double? = nil
) -> AggregateOutcome {
  precondition(weights.count == members.count, "one weight per member")
  // A sum uses the weights as written: rescaling them would change its scores.
  let declaredWeights = weights
  // Huge or tiny relative weights are rescaled by a power of two: same scores, no overflow.
  let weights = WeightScale.normalized(weights)
  let entityCount = members.first?.count ?? 0
  precondition(members.allSatisfy { $0.count == entityCount }, "one value per entity")
  var outcome = AggregateOutcome(
    values: [], nonPositive: [], floored: [], belowCoverage: [], noData: [])
  let present = presentCounts(members, entityCount: entityCount)
  var scored = [Bool](repeating: true, count: entityCount)
  for e in 0..<entityCount {
    if present[e] == 0 {
      scored[e] = false
      outcome.noData.append(e)
    } else if let coverage, present[e] / Double(members.count) < coverage {
      scored[e] = false
      outcome.belowCoverage.append(e)
    }
  }
  switch aggregator {
  case .arithmetic:
    outcome.values = arithmeticMean(members, weights: weights, entityCount: entityCount)
  case .sum:
    outcome.values = weightedSum(members, weights: declaredWeights, entityCount: entityCount)
  case .copeland:
    outcome.values = copelandScores(members, weights: weights, scored: scored)
  case .benefitOfDoubt(let bounds):
    let bod = benefitOfDoubt(members, weights: weights, bounds: bounds, scored: scored)
    outcome.values = bod.values
    outcome.entityWeights = bod.weights
    outcome.nonPositive = bod.negative
  default:
    outcome.values = [Double](repeating: .nan, count: entityCount)
    var values: [Double] = []
    var memberWeights: [Double] = []
    var memberIndices: [Int] = []
    for e in 0..<entityCount where scored[e] {
      values.removeAll(keepingCapacity: true)
      memberWeights.removeAll(keepingCapacity: true)
      memberIndices.removeAll(keepingCapacity: true)
      for m in members.indices where !members[m][e].isNaN {
        values.append(members[m][e])
        memberWeights.append(weights[m])
        memberIndices.append(m)
      }
      let score = combine(
        values, memberWeights, with: aggregator,
        reject: { outcome.nonPositive.append((entity: e, member: memberIndices[$0])) },
        raise: { outcome.floored.append((entity: e, member: memberIndices[$0])) })
      outcome.values[e] = score
    }
  }
  for e in 0..<entityCount where !scored[e] { outcome.values[e] = .nan }
  return outcome
}

/// How many members are present for each entity.
private func presentCounts(_ members: [[Double]], entityCount: Int) -> [Double] {
  var counts = [Double](repeating: 0, count: entityCount)
  counts.withUnsafeMutableBufferPointer { count in
    for column in members {
      column.withUnsafeBufferPointer { x in
        for e in 0..<entityCount { count[e] += x[e].isNaN ? 0 : 1 }
      }
    }
  }
  return counts
}

/// Σ wᵢxᵢ / Σ wᵢ over the members present, as branch-free passes over each member's column:
/// the arithmetic mean runs on every node of every scenario, so it is written for speed.
private func arithmeticMean(_ members: [[Double]], weights: [Double], entityCount: Int) -> [Double]
{
  var numerator = [Double](repeating: 0, count: entityCount)
  var denominator = [Double](repeating: 0, count: entityCount)
  numerator.withUnsafeMutableBufferPointer { num in
    denominator.withUnsafeMutableBufferPointer { den in
      for (column, w) in zip(members, weights) {
        column.withUnsafeBufferPointer { x in
          for e in 0..<entityCount {
            let v = x[e]
            let isPresent = v == v
            num[e] += isPresent ? w * v : 0
            den[e] += isPresent ? w : 0
          }
        }
      }
      for e in 0..<entityCount {
        num[e] = den[e] == 0 ? .nan : num[e] / den[e]
      }
    }
  }
  return numerator
}

/// Σ wᵢxᵢ over the members present, with the weights as declared; missing when none is
/// present (the caller also marks entities below the coverage).
func weightedSum(_ members: [[Double]], weights: [Double], entityCount: Int) -> [Double] {
  var total = [Double](repeating: 0, count: entityCount)
  var present = [Bool](repeating: false, count: entityCount)
  for (column, w) in zip(members, weights) {
    for e in 0..<entityCount where !column[e].isNaN {
      total[e] += w * column[e]
      present[e] = true
    }
  }
  for e in 0..<entityCount where !present[e] { total[e] = .nan }
  return total
}

/// One entity's score from its present member values and their weights.
///
/// `reject(i)` reports a value the aggregator cannot use (the score is then missing) and
/// `raise(i)` a value a floor policy raised.
private func combine(
  _ x: [Double], _ w: [Double], with aggregator: Aggregator,
  reject: (Int) -> Void, raise: (Int) -> Void
) -> Double {
  switch aggregator {
  case .arithmetic, .sum, .copeland, .benefitOfDoubt:
    preconditionFailure("aggregated across the whole column")
  case .mazziottaPareto, .adjustedMazziottaPareto:
    return mazziottaPareto(
      x, w, population: aggregator == .adjustedMazziottaPareto, reject: reject)
  case .geometric(let policy):
    var x = x
    var shift = 0.0
    switch policy {
    case .error:
      break
    case .floor(let epsilon):
      for i in x.indices where x[i] < epsilon {
        x[i] = epsilon
        raise(i)
      }
    case .shift(let c):
      shift = c
      for i in x.indices { x[i] += c }
    }
    return geometricMean(x, w, reject: reject) - shift
  case .harmonic:
    guard allPositive(x, reject: reject) else { return .nan }
    var weightSum = 0.0
    var inverseSum = 0.0
    for i in x.indices {
      weightSum += w[i]
      inverseSum += w[i] / x[i]
    }
    return weightSum / inverseSum
  case .power(let p):
    if p == 0 { return geometricMean(x, w, reject: reject) }
    let valid = p < 0 ? allPositive(x, reject: reject) : allNonNegative(x, reject: reject)
    guard valid else { return .nan }
    var weightSum = 0.0
    var powerSum = 0.0
    for i in x.indices {
      weightSum += w[i]
      powerSum += w[i] * pow(x[i], p)
    }
    return pow(powerSum / weightSum, 1 / p)
  case .median:
    return weightedMedian(x, w)
  case .minimum:
    return x.indices.filter { w[$0] != 0 }.map { x[$0] }.min() ?? .nan
  }
}

/// exp(Σ wᵢ ln xᵢ / Σ wᵢ), or NaN when a value is ≤ 0.
private func geometricMean(_ x: [Double], _ w: [Double], reject: (Int) -> Void) -> Double {
  guard allPositive(x, reject: reject) else { return .nan }
  var weightSum = 0.0
  var logSum = 0.0
  for i in x.indices {
    weightSum += w[i]
    logSum += w[i] * log(x[i])
  }
  return exp(logSum / weightSum)
}

/// M − S²/M over the members of non-zero weight (see the file comment).
private func mazziottaPareto(
  _ x: [Double], _ w: [Double], population: Bool, reject: (Int) -> Void
) -> Double {
  let used = x.indices.filter { w[$0] != 0 }
  guard !used.isEmpty else { return .nan }
  var ok = true
  for i in used where !(x[i] > 0) {
    reject(i)
    ok = false
  }
  guard ok else { return .nan }
  let k = Double(used.count)
  guard used.count > 1 else { return x[used[0]] }
  var sum = 0.0
  for i in used { sum += x[i] }
  let mean = sum / k
  var squares = 0.0
  for i in used { squares += (x[i] - mean) * (x[i] - mean) }
  let variance = squares / (population ? k : k - 1)
  return mean - variance / mean
}

/// Whether every value is > 0, reporting each one that is not.
private func allPositive(_ x: [Double], reject: (Int) -> Void) -> Bool {
  var ok = true
  for i in x.indices where !(x[i] > 0) {
    reject(i)
    ok = false
  }
  return ok
}

/// Whether every value is ≥ 0, reporting each one that is not.
private func allNonNegative(_ x: [Double], reject: (Int) -> Void) -> Bool {
  var ok = true
  for i in x.indices where !(x[i] >= 0) {
    reject(i)
    ok = false
  }
  return ok
}

/// The weighted median (see the file comment); members of weight 0 take no part.
private func weightedMedian(_ x: [Double], _ w: [Double]) -> Double {
  let order = x.indices.filter { w[$0] != 0 }.sorted { x[$0] < x[$1] }
  let total = order.reduce(0.0) { $0 + w[$1] }
  guard !order.isEmpty, total > 0 else { return .nan }
  let tolerance = 1e-12 * total
  var running = 0.0
  for (position, i) in order.enumerated() {
    running += w[i]
    let excess = 2 * running - total
    if abs(excess) <= tolerance, position + 1 < order.count {
      return (x[i] + x[order[position + 1]]) / 2
    }
    if excess >= -tolerance { return x[i] }
  }
  return x[order[order.count - 1]]
}

/// Copeland scores of the entities that have a score (see the file comment).
private func copelandScores(_ members: [[Double]], weights: [Double], scored: [Bool]) -> [Double] {
  let entities = scored.indices.filter { scored[$0] }
  var scores = [Double](repeating: .nan, count: scored.count)
  for e in entities { scores[e] = 0 }
  for (a, j) in entities.enumerated() {
    for k in entities[(a + 1)...] {
      var balance = 0.0
      var shared = 0.0
      for (column, w) in zip(members, weights) where w != 0 {
        let (xj, xk) = (column[j], column[k])
        guard !xj.isNaN, !xk.isNaN else { continue }
        shared += abs(w)
        balance += xj > xk ? w : (xj < xk ? -w : 0)
      }
      guard abs(balance) > 1e-12 * shared else { continue }
      let outcome: Double = balance > 0 ? 1 : -1
      scores[j] += outcome
      scores[k] -= outcome
    }
  }
  return scores
}
