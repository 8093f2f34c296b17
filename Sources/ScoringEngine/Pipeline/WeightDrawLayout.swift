/// What a weight draw reads of the base plan, laid out flat once per base: the aggregates in
/// post-order with their members, nominal weights, method and adjustments.
///
/// A draw that read these from the `Plan` would copy nodes (a `Node` holds a dozen references)
/// and retain and release each of them; that was most of a draw's time. Here a draw reads
/// integers and doubles from a few arrays.
struct WeightDrawLayout: Sendable {
  /// The aggregates reachable from the root, members before their parent.
  var order: [Int] = []
  /// Per node: its position in `order`, or -1 for the others.
  var position: [Int] = []
  /// Per position, the range of its members in `members` and `nominal` (count + 1 starts).
  var memberStart: [Int] = [0]
  var members: [Int] = []
  /// The base plan's member weights, flat in member order.
  var nominal: [Double] = []
  var aggregators: [Aggregator] = []
  var coverage: [Double?] = []
  var weighting: [Weighting] = []
  /// Per position: whether the weights are percentages.
  var percent: [Bool] = []
  /// Per position: whether every member's base scores cover every scored cell.
  var whole: [Bool] = []
  /// Per position: whether a draw can rerun the node (declared weights that the method uses,
  /// at least one member, every adjusted entity in the data).
  var usable: [Bool] = []
  /// Per position, the range of its adjustments (count + 1 starts): entity index and delta.
  var adjustmentStart: [Int] = [0]
  var adjustedEntities: [Int] = []
  var adjustmentDeltas: [Double] = []
  /// Per node: the base run's scores.
  var scores: [[Double]] = []

  init() {}

  /// The layout of `plan`'s aggregates in `postOrder`, over `runner`'s stages.
  init(_ plan: Plan, postOrder: [Int], runner: Runner) {
    order = postOrder
    position = [Int](repeating: -1, count: plan.nodes.count)
    scores = runner.nodes.map(\.score.array)
    for (k, index) in postOrder.enumerated() {
      position[index] = k
      let spec = plan.nodes[index].aggregate
      var usable = spec.map {
        !$0.members.isEmpty && !$0.weighting.isDerived && !$0.aggregator.setsItsOwnWeights
      }
      for member in spec?.members ?? [] {
        members.append(member.node)
        nominal.append(member.weight)
      }
      memberStart.append(members.count)
      aggregators.append(spec?.aggregator ?? .arithmetic)
      coverage.append(spec?.coverage)
      weighting.append(spec?.weighting ?? .declared)
      percent.append(spec?.percentWeights ?? false)
      let cells = runner.scored.count * runner.count
      whole.append(spec?.members.allSatisfy { scores[$0.node].count == cells } ?? false)
      for adjustment in plan.nodes[index].adjustments {
        guard let e = runner.table.entityIndex(adjustment.entity) else {
          usable = false
          continue
        }
        adjustedEntities.append(e)
        adjustmentDeltas.append(adjustment.delta)
      }
      adjustmentStart.append(adjustedEntities.count)
      self.usable.append(usable ?? false)
    }
  }

  /// Whether `adjustments` are the ones laid out for position `k`.
  func sameAdjustments(_ adjustments: [Plan.Adjustment], at k: Int, table: DataTable) -> Bool {
    let range = adjustmentStart[k]..<adjustmentStart[k + 1]
    guard adjustments.count == range.count else { return false }
    return zip(adjustments, range).allSatisfy { adjustment, j in
      adjustment.delta.bitPattern == adjustmentDeltas[j].bitPattern
        && table.entityIndex(adjustment.entity) == adjustedEntities[j]
    }
  }
}
