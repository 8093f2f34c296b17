import ScoringEngine

/// A draw's member weights, worked out on a flat list: the one place that does this arithmetic,
/// for both the plan a draw builds (`VariantBuilder`) and the draws scored without a plan
/// (`DirectScorer`), so the two cannot differ in a bit.
///
/// Weights are multiplied by their factors and each group they touched is rescaled to its
/// nominal total (so a percentage group still totals 100%); then a left-out member is dropped
/// and its siblings rescaled the same way. The list holds every aggregate's members in node
/// order, each in declaration order (`VariantDraw.weightOffsets`).
struct DrawnWeights: Sendable {
  /// Where each node's members start in the list (one more entry than nodes).
  let offsets: [Int]
  /// The nominal weights.
  let nominal: [Double]
  /// The member nodes, at the same positions as their weights.
  let members: [Int]
  /// Per node: an aggregate's nominal total weight (0 for indicators).
  let totals: [Double]
  /// Per node: the aggregate whose member list holds it (the first in node order), or -1.
  let parents: [Int]

  init(_ plan: Plan) {
    offsets = VariantDraw.weightOffsets(of: plan)
    var nominal: [Double] = []
    var members: [Int] = []
    var totals = [Double](repeating: 0, count: plan.nodes.count)
    var parents = [Int](repeating: -1, count: plan.nodes.count)
    for (index, node) in plan.nodes.enumerated() {
      guard let aggregate = node.aggregate else { continue }
      totals[index] = aggregate.members.reduce(0) { $0 + $1.weight }
      for member in aggregate.members {
        nominal.append(member.weight)
        members.append(member.node)
        if plan.nodes.indices.contains(member.node), parents[member.node] < 0 {
          parents[member.node] = index
        }
      }
    }
    self.nominal = nominal
    self.members = members
    self.totals = totals
    self.parents = parents
  }

  /// Multiplies the listed weights by their factors, marking their groups as touched.
  func multiply(
    _ weights: inout [Double], spreads: [UncertaintyModel.WeightSpread], factors: [Double],
    touched: inout [Bool]
  ) {
    for (spread, factor) in zip(spreads, factors) {
      let j = offsets[spread.parent] + spread.member
      guard j < offsets[spread.parent + 1] else { continue }
      weights[j] *= factor
      touched[spread.parent] = true
    }
  }

  /// Rescales every touched group to its nominal total, then drops `excluded` from its group.
  ///
  /// The group `excluded` leaves is rescaled over the other members and becomes touched.
  /// Returns that group, nil when there is none (a member without a parent stays).
  func rescale(_ weights: inout [Double], touched: inout [Bool], excluding excluded: Int?) -> Int? {
    for parent in touched.indices where touched[parent] {
      rescale(&weights, parent, without: -1)
    }
    guard let excluded, parents.indices.contains(excluded), parents[excluded] >= 0 else {
      return nil
    }
    let parent = parents[excluded]
    rescale(&weights, parent, without: excluded)
    touched[parent] = true
    return parent
  }

  /// Rescales one group's weights, but those of member `without`, to its nominal total.
  private func rescale(_ weights: inout [Double], _ parent: Int, without: Int) {
    let range = offsets[parent]..<offsets[parent + 1]
    var total = 0.0
    for j in range where members[j] != without { total += weights[j] }
    guard total > 0 else { return }
    let target = totals[parent]
    for j in range where members[j] != without { weights[j] *= target / total }
  }
}
