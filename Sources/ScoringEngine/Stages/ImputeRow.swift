/// Imputation by row: an entity's missing value from its own values on related indicators.
///
/// COINr's `Impute(impute_by = "row", group_level = …)` passes each unit's row of one
/// indicator group to `i_mean` or `i_median`. With `normalise_first` (its default for rows)
/// every column is first put on a 0–1 scale by min-max over the period, after applying its
/// direction, and the imputed value is mapped back: x = (z·(max − min) + min)·direction. The
/// peers here are the other indicators among the members of the indicator's parent (COINr's
/// group at the parent's level), read as raw values after adjustments and before any
/// imputation of their own.

/// One peer indicator's values in one period, with its direction.
public struct RowPeer: Sendable {
  public var values: [Double]
  public var direction: Direction

  public init(values: [Double], direction: Direction) {
    self.values = values
    self.direction = direction
  }
}

/// Fills the missing values of one period of one indicator from the entities' peer values.
///
/// An entity none of whose peers has a value (or, after normalizing, a peer with spread) stays
/// missing, and so does every entity when the indicator itself has no value to scale back to.
public func imputeByRow(
  _ x: [Double], direction: Direction, peers: [RowPeer], statistic: RowStatistic,
  normalizeFirst: Bool
) -> ImputeOutcome {
  let rows: [[Double]] = peers.map { peer in
    normalizeFirst ? unitScale(peer.values, sign: peer.direction.sign) : peer.values
  }
  let sign = direction.sign
  let own = x.map { $0 * sign }
  let low = Statistics.minimum(own)
  let high = Statistics.maximum(own)
  var values = x
  var filled: [Int] = []
  var unfilled: [Int] = []
  for e in x.indices where x[e].isNaN {
    let row = rows.compactMap { e < $0.count && !$0[e].isNaN ? $0[e] : nil }
    let summary = statistic == .mean ? Statistics.mean(row) : Statistics.median(row)
    let value = normalizeFirst ? (summary * (high - low) + low) * sign : summary
    if row.isEmpty || !value.isFinite {
      unfilled.append(e)
    } else {
      values[e] = value
      filled.append(e)
    }
  }
  return ImputeOutcome(values: values, filled: filled, unfilled: unfilled)
}

/// (s·x − min)/(max − min) over the present values of s·x; NaN throughout when they do not
/// vary (R's 0/0), so such a peer says nothing.
private func unitScale(_ x: [Double], sign: Double) -> [Double] {
  let y = x.map { $0 * sign }
  let low = Statistics.minimum(y)
  let high = Statistics.maximum(y)
  guard high > low else { return y.map { _ in .nan } }
  return y.map { ($0 - low) / (high - low) }
}

extension Plan {
  /// Whether an indicator imputes by row, so its values depend on its peers' raw values
  /// (which an analysis must not replace by their treated values).
  public var imputesByRow: Bool {
    nodes.contains {
      if case .row = $0.indicator?.imputation { return true }
      return false
    }
  }

  /// The peers of a row imputation of `indicator`: the other indicators among its parent's
  /// members, in member order (empty outside the tree).
  public func rowPeers(of indicator: Int) -> [Int] {
    for node in nodes {
      guard let members = node.aggregate?.members,
        members.contains(where: { $0.node == indicator })
      else { continue }
      return members.map(\.node).filter {
        $0 != indicator && nodes.indices.contains($0) && nodes[$0].indicator != nil
      }
    }
    return []
  }
}
