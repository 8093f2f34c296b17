/// One draw of an uncertainty analysis that keeps the data and the indicator stages before
/// normalization: its member weights, each indicator's normalizer, each aggregate's aggregator
/// and the member it leaves out, as flat values a `Rescorer` scores without a plan.
///
/// A draw of this kind changes nothing upstream of normalization, so every indicator's
/// normalized column is one of a few computed once (`Rescorer.addNormalizer`); scoring it is
/// an aggregation over those columns and the root's scaling (`Rescorer.scoreVariant`). Built
/// once per thread and refilled per draw, it allocates nothing.
public struct VariantDraw: Sendable {
  /// Member weights of every aggregate, in node order, each aggregate's members in declaration
  /// order: node i's at `weightOffsets(of: plan)[i]..<weightOffsets(of: plan)[i + 1]`.
  public var weights: [Double]
  /// Per node: the normalized column an indicator reads, 0 for the base plan's normalizer or a
  /// number `Rescorer.addNormalizer` gave for this node.
  public var columns: [Int]
  /// Per node: the aggregator of an aggregate (ignored for indicators).
  public var aggregators: [Aggregator]
  /// The member left out of its parent (its siblings' weights already rescaled), or nil.
  public var excluded: Int?

  public init(weights: [Double], columns: [Int], aggregators: [Aggregator], excluded: Int? = nil) {
    self.weights = weights
    self.columns = columns
    self.aggregators = aggregators
    self.excluded = excluded
  }

  /// Where each node's member weights start in `weights` (one more entry than nodes; an
  /// indicator's range is empty).
  public static func weightOffsets(of plan: Plan) -> [Int] {
    var offsets = [0]
    offsets.reserveCapacity(plan.nodes.count + 1)
    var total = 0
    for node in plan.nodes {
      if case .aggregate(let aggregate) = node.kind { total += aggregate.members.count }
      offsets.append(total)
    }
    return offsets
  }

  /// The draw that changes nothing: `plan`'s weights, normalizers and aggregators.
  public init(nominal plan: Plan) {
    weights = []
    aggregators = []
    for node in plan.nodes {
      if case .aggregate(let aggregate) = node.kind {
        for member in aggregate.members { weights.append(member.weight) }
        aggregators.append(aggregate.aggregator)
      } else {
        aggregators.append(.arithmetic)
      }
    }
    columns = [Int](repeating: 0, count: plan.nodes.count)
    excluded = nil
  }

  /// Makes this draw `nominal` again, keeping the storage.
  public mutating func reset(to nominal: VariantDraw) {
    weights.withUnsafeMutableBufferPointer { target in
      nominal.weights.withUnsafeBufferPointer { source in
        guard target.count == source.count else { return }
        for i in 0..<source.count { target[i] = source[i] }
      }
    }
    if weights.count != nominal.weights.count { weights = nominal.weights }
    if columns.count == nominal.columns.count {
      for i in columns.indices { columns[i] = nominal.columns[i] }
    } else {
      columns = nominal.columns
    }
    if aggregators.count == nominal.aggregators.count {
      for i in aggregators.indices { aggregators[i] = nominal.aggregators[i] }
    } else {
      aggregators = nominal.aggregators
    }
    excluded = nominal.excluded
  }
}
