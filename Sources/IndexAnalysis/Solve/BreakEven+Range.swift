import ScoringEngine

/// The scores a node can take whatever the data, so that a break-even search by an
/// aggregate's value stays inside what that aggregate's score can be (an answer of 130 points
/// for a dimension whose members are min-maxed onto 0..100 describes no possible state).
///
/// Design: bottom-up interval arithmetic over the tree. A normalizer with a bounded output
/// gives its output range; a weighted mean of any kind (arithmetic, geometric, harmonic,
/// power, median, minimum) lies between its members' lowest low and highest high, whatever
/// the non-negative weights; a sum adds its members' ranges times their weights; benefit of
/// the doubt is a share of the frontier, 0…1. Whatever is not bounded this simply (z-scores,
/// identity, uncapped distances, Copeland, Mazziotta–Pareto's penalty) makes the node's
/// range unknown (nil), and the caller falls back to the sign of the values it has seen. An
/// aggregate's own adjustments widen its range by their deltas.
extension BreakEven {
  /// The scores `node` can take in `plan` over `entities` entities, or nil when unbounded or
  /// unknown.
  public static func scoreRange(of node: Int, in plan: Plan, entities: Int) -> ClosedRange<
    Double
  >? {
    guard plan.nodes.indices.contains(node) else { return nil }
    var known: [Int: ClosedRange<Double>?] = [:]
    // An explicit post-order walk: a node is computed once all its members are.
    var stack: [(node: Int, membersDone: Bool)] = [(node, false)]
    var onPath = Set<Int>()
    while let (index, membersDone) = stack.popLast() {
      if known[index] != nil { continue }
      switch plan.nodes[index].kind {
      case .indicator(let indicator):
        known[index] = normalizedRange(indicator.normalizer, entities: entities)
      case .aggregate(let aggregate):
        if membersDone {
          onPath.remove(index)
          let members = aggregate.members.map { known[$0.node] ?? nil }
          known[index] = widened(
            combined(aggregate, members), by: plan.nodes[index].adjustments)
          continue
        }
        // A cycle (which the checker rejects) has no range.
        guard onPath.insert(index).inserted,
          aggregate.members.allSatisfy({ plan.nodes.indices.contains($0.node) })
        else { return nil }
        stack.append((index, true))
        for member in aggregate.members where known[member.node] == nil {
          stack.append((member.node, false))
        }
      }
    }
    return known[node] ?? nil
  }

  /// The range of an indicator's scores under `normalizer`, when it is bounded.
  static func normalizedRange(_ normalizer: Normalizer, entities: Int) -> ClosedRange<Double>? {
    let n = Double(max(entities, 1))
    switch normalizer {
    case .minmax(let output), .goalposts(_, _, let output, _), .dist2max(let output),
      .percentile(let output, _):
      return output
    case .dist2ref(_, let cap, let output), .dist2target(_, let cap, let output):
      return cap ? output : nil
    case .rank: return 1...n
    case .borda: return 0...(n - 1)
    case .identity, .zscore, .scaled, .fracmax: return nil
    case .global(let pooled):
      // Pooled over periods, bounded outputs keep their bounds; ranks count entity-periods.
      switch pooled {
      case .rank, .borda, .global: return nil
      default: return normalizedRange(pooled, entities: entities)
      }
    }
  }

  /// The range of an aggregate given its members' ranges (nil where a member's is unknown).
  static func combined(
    _ aggregate: Plan.Aggregate, _ members: [ClosedRange<Double>?]
  ) -> ClosedRange<Double>? {
    guard !members.isEmpty else { return nil }
    let ranges = members.compactMap { $0 }
    guard ranges.count == members.count else { return nil }
    switch aggregate.aggregator {
    case .arithmetic, .geometric, .harmonic, .power, .median, .minimum:
      guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max()
      else { return nil }
      return low...high
    case .sum:
      guard !aggregate.weighting.isDerived,
        aggregate.members.allSatisfy({ $0.weight >= 0 && $0.weight.isFinite })
      else { return nil }
      var (low, high) = (0.0, 0.0)
      for (member, range) in zip(aggregate.members, ranges) {
        low += member.weight * range.lowerBound
        high += member.weight * range.upperBound
      }
      return low...high
    case .benefitOfDoubt: return 0...1
    case .copeland, .mazziottaPareto, .adjustedMazziottaPareto: return nil
    }
  }

  /// `range` widened by the adjustments of the node (points added to its score).
  static func widened(_ range: ClosedRange<Double>?, by adjustments: [Plan.Adjustment])
    -> ClosedRange<Double>?
  {
    guard let range else { return nil }
    let deltas = adjustments.map(\.delta)
    guard deltas.allSatisfy(\.isFinite) else { return nil }
    let low = range.lowerBound + min(0, deltas.min() ?? 0)
    let high = range.upperBound + max(0, deltas.max() ?? 0)
    return low...high
  }
}
