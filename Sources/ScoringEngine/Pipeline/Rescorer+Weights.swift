/// Weight draws on reusable buffers: the uncertainty analysis's commonest variant, scored with
/// no plan copied and, once the buffers have grown, nothing allocated.
///
/// A draw that changes only member weights reruns the aggregation of the aggregates it names
/// and their ancestors, then the root's scaling and ranks, exactly as `Rescorer.score` and a
/// full `run` do: the same kernels (`ArithmeticMean`, `aggregate`, `scale`, `sportRanks`) in
/// the same order, so the index and ranks are the same bit for bit. It gives up (returns false)
/// wherever the full run would report something, so a caller that then calls `score` gets
/// every diagnostic.
public struct RescoreWorkspace: Sendable {
  /// The scaled index of the last draw scored, period-major like `Results.index`.
  public internal(set) var index: [Double] = []
  /// Its sport ranks, like `Results.ranks`.
  public internal(set) var ranks: [Int] = []
  /// Per node: the scores the last draw recomputed (aggregates it reran; stale elsewhere).
  var scores: [[Double]] = []
  /// Per node: whether the current draw reruns its aggregation.
  var dirty: [Bool] = []
  /// The draw's member weights, flat as `WeightDrawLayout.nominal`.
  var drawn: [Double] = []
  /// Running sums of the arithmetic means.
  var mean = ArithmeticMean()
  /// The weights of the aggregate being computed.
  var weights: [Double] = []
  /// Scratch of the ranking.
  var order: [Int] = []
  /// Per position of the layout: the aggregator the draw uses (a variant draw's may differ).
  var aggregators: [Aggregator] = []
  /// Per node: the normalized column an indicator's parent reads (`VariantDraw.columns`).
  var columns: [Int] = []
  /// Per node: whether it is the member a variant draw leaves out or below it (not aggregated).
  var skipped: [Bool] = []
  /// The member a variant draw leaves out, or -1.
  var excluded = -1
  /// The members of the aggregate being computed, but a left-out one.
  var memberNodes: [Int] = []
  /// Running sums of the geometric means.
  var geometric = GeometricMean()

  public init() {}
}

extension Rescorer {
  /// Scores `plan`, which differs from the base plan only in the member weights of
  /// `aggregates`, into `workspace.index` and `workspace.ranks`.
  ///
  /// Returns false when only `score` can vouch for the result: other members, aggregator,
  /// coverage, weighting, adjustments or scaling, a negative or non-finite weight, an aggregate
  /// whose weights are all zero, percentage
  /// weights (their total is validated), data-derived weights, or anything the run would
  /// report (coverage, overflow, a scaling problem). The workspace's figures are then those of
  /// no draw.
  public func scoreWeights(
    _ plan: Plan, aggregates: [Int], into workspace: inout RescoreWorkspace
  ) -> Bool {
    let old = base.plan
    guard plan.nodes.count == old.nodes.count, plan.root == old.root,
      plan.periods == old.periods, plan.scaling == old.scaling
    else { return false }
    start(&workspace)
    for index in aggregates {
      // The base's side of the comparison comes from the layout: no node of it is copied.
      let k = layout.position[index]
      guard k >= 0, case .aggregate(let new) = plan.nodes[index].kind,
        onlyWeightsDiffer(new, at: k),
        layout.sameAdjustments(plan.nodes[index].adjustments, at: k, table: base.table)
      else { return false }
      var j = layout.memberStart[k]
      for member in new.members {
        workspace.drawn[j] = member.weight
        j += 1
      }
      markDirty(index, in: &workspace)
    }
    return draw(into: &workspace)
  }

  /// Scores the base plan with `weights[node]` as the member weights of aggregate `node`
  /// (one per member, in declaration order; empty keeps the base plan's), into `workspace`.
  ///
  /// The entry point for callers that draw weights without building a plan. Returns false as
  /// `scoreWeights(_:aggregates:into:)` does, and when a weight list has the wrong length.
  public func scoreWeights(_ weights: [[Double]], into workspace: inout RescoreWorkspace) -> Bool {
    guard weights.count == base.plan.nodes.count else { return false }
    start(&workspace)
    for index in weights.indices where !weights[index].isEmpty {
      let k = layout.position[index]
      guard k >= 0 else { return false }
      let range = layout.memberStart[k]..<layout.memberStart[k + 1]
      guard weights[index].count == range.count else { return false }
      workspace.drawn.replaceSubrange(range, with: weights[index])
      markDirty(index, in: &workspace)
    }
    return draw(into: &workspace)
  }

  /// Whether `new` differs from the base's aggregate at position `k` at most in its weights.
  func onlyWeightsDiffer(_ new: Plan.Aggregate, at k: Int) -> Bool {
    let range = layout.memberStart[k]..<layout.memberStart[k + 1]
    guard new.members.count == range.count, new.aggregator == layout.aggregators[k],
      new.coverage == layout.coverage[k], new.weighting == layout.weighting[k],
      !new.percentWeights, !layout.percent[k]
    else { return false }
    var j = range.lowerBound
    for member in new.members {
      guard member.node == layout.members[j] else { return false }
      j += 1
    }
    return true
  }

  /// Nothing dirty yet, and the nominal weights, aggregators and columns drawn.
  func start(_ workspace: inout RescoreWorkspace) {
    let nodeCount = layout.position.count
    if workspace.dirty.count != nodeCount {
      workspace.dirty = [Bool](repeating: false, count: nodeCount)
      workspace.skipped = [Bool](repeating: false, count: nodeCount)
      workspace.columns = [Int](repeating: 0, count: nodeCount)
      workspace.scores = [[Double]](repeating: [], count: nodeCount)
    } else {
      for index in 0..<nodeCount {
        workspace.dirty[index] = false
        workspace.skipped[index] = false
        workspace.columns[index] = 0
      }
    }
    workspace.excluded = -1
    workspace.drawn.removeAll(keepingCapacity: true)
    workspace.drawn.append(contentsOf: layout.nominal)
    workspace.aggregators.removeAll(keepingCapacity: true)
    workspace.aggregators.append(contentsOf: layout.aggregators)
  }

  /// Marks aggregate `index` and its ancestors for rerunning.
  private func markDirty(_ index: Int, in workspace: inout RescoreWorkspace) {
    var node = index
    workspace.dirty[node] = true
    while parents[node] >= 0, !workspace.dirty[parents[node]] {
      node = parents[node]
      workspace.dirty[node] = true
    }
  }

  /// The draw: the dirty aggregates, members first, then the root's scaling and ranks.
  ///
  /// A weight draw promises the base run's diagnostics, so a node that reported something in
  /// the base run must not rerun; a variant draw promises none (`scoreVariant`), and a node
  /// that reruns without reporting anything is what it needs.
  func draw(into workspace: inout RescoreWorkspace, variant: Bool = false) -> Bool {
    let root = base.plan.root
    guard !results.diagnostics.hasErrors, variant || !base.reported[root] else { return false }
    for (k, index) in layout.order.enumerated() where workspace.dirty[index] {
      guard layout.usable[k], variant || !base.reported[index], aggregate(k, into: &workspace)
      else { return false }
    }
    return scaleAndRank(into: &workspace)
  }

  /// The scores member `m` has in the draw: recomputed, the base run's, or a normalized column
  /// of another normalizer.
  private func memberScores(_ m: Int, _ workspace: RescoreWorkspace) -> [Double] {
    if workspace.dirty[m] { return workspace.scores[m] }
    let c = workspace.columns[m]
    return c == 0 ? layout.scores[m] : variants.columns[c - 1]
  }

  /// Reruns the aggregate at position `k` into `workspace.scores`; false where the run would
  /// report something or use weights the draw cannot vouch for.
  private func aggregate(_ k: Int, into workspace: inout RescoreWorkspace) -> Bool {
    let index = layout.order[k]
    // Weights validation would reject (negative, non-finite, all zero) are the full run's to
    // report. A member left out takes no part, as in the plan without it.
    workspace.weights.removeAll(keepingCapacity: true)
    workspace.memberNodes.removeAll(keepingCapacity: true)
    var total = 0.0
    for j in layout.memberStart[k]..<layout.memberStart[k + 1] {
      let m = layout.members[j]
      guard m != workspace.excluded else { continue }
      let w = workspace.drawn[j]
      guard w >= 0, w.isFinite else { return false }
      workspace.weights.append(w)
      workspace.memberNodes.append(m)
      total += w
    }
    guard total > 0 else { return false }
    let count = base.count
    let cells = base.scored.count * count
    let coverage = layout.coverage[k]
    let members = workspace.memberNodes
    // Every column a draw reads covers every cell when the base's do (`layout.whole`): a
    // rerun aggregate's scores and a declared normalizer's clean columns always do.
    let whole = layout.whole[k]
    var scores: [Double]
    switch workspace.aggregators[k] {
    case .arithmetic where whole:
      // `Runner.arithmeticInPlace`: the same sums in the same order.
      let weights = WeightScale.normalized(workspace.weights)
      workspace.mean.start(cells: cells, counting: coverage != nil)
      for (m, w) in zip(members, weights) {
        workspace.mean.add(memberScores(m, workspace), weight: w)
      }
      workspace.mean.finish()
      if let coverage, workspace.mean.anyBelowCoverage(coverage, members: members.count) {
        return false
      }
      scores = workspace.scores[index]
      workspace.scores[index] = []
      swap(&scores, &workspace.mean.means)
    case .geometric(let policy) where whole:
      // `aggregate`'s geometric mean, member by member over every cell at once.
      let weights = WeightScale.normalized(workspace.weights)
      // The logarithms of a column the draw did not recompute were taken once.
      let logarithms = variants.logarithms(for: policy)
      workspace.geometric.start(cells: cells, policy: policy)
      for (m, w) in zip(members, weights) {
        if let logarithms, !workspace.dirty[m] {
          let slot = variants.logSlot(m, column: workspace.columns[m])
          workspace.geometric.addLogarithms(logarithms[slot], weight: w)
        } else {
          workspace.geometric.add(memberScores(m, workspace), weight: w)
        }
      }
      guard workspace.geometric.finish(members: members.count, coverage: coverage) else {
        return false
      }
      scores = workspace.scores[index]
      workspace.scores[index] = []
      swap(&scores, &workspace.geometric.means)
    default:
      // Other means go through `aggregate` period by period, as `Runner.aggregateNode` does.
      scores = []
      for p in base.scored.indices {
        let range = (p * count)..<((p + 1) * count)
        let columns = members.map { Array(memberScores($0, workspace)[range]) }
        let outcome = ScoringEngine.aggregate(
          columns, weights: workspace.weights, with: workspace.aggregators[k],
          coverage: coverage)
        guard outcome.nonPositive.isEmpty, outcome.belowCoverage.isEmpty else { return false }
        scores.append(contentsOf: outcome.values)
      }
    }
    for j in layout.adjustmentStart[k]..<layout.adjustmentStart[k + 1] {
      let e = layout.adjustedEntities[j]
      for p in base.scored.indices where !scores[p * count + e].isNaN {
        scores[p * count + e] += layout.adjustmentDeltas[j]
      }
    }
    guard !containsInfinity(scores) else { return false }
    workspace.scores[index] = scores
    return true
  }

  /// The root's scores under the plan's scaling, and their ranks, per scored period.
  private func scaleAndRank(into workspace: inout RescoreWorkspace) -> Bool {
    let rootIndex = base.plan.root
    let root = workspace.dirty[rootIndex] ? workspace.scores[rootIndex] : layout.scores[rootIndex]
    let count = base.count
    guard root.count == base.scored.count * count else { return false }
    workspace.index.removeAll(keepingCapacity: true)
    let scaling = base.plan.scaling
    if case .none = scaling {
      workspace.index.append(contentsOf: root)
    } else {
      for p in base.scored.indices {
        let outcome = scale(
          Array(root[(p * count)..<((p + 1) * count)]), with: scaling,
          entityCodes: base.entityCodes)
        guard outcome.problem == nil, !containsInfinity(outcome.values) else { return false }
        workspace.index.append(contentsOf: outcome.values)
      }
    }
    if workspace.ranks.count != root.count {
      workspace.ranks = [Int](repeating: 0, count: root.count)
    }
    workspace.index.withUnsafeBufferPointer { index in
      workspace.ranks.withUnsafeMutableBufferPointer { ranks in
        for p in base.scored.indices {
          let range = (p * count)..<((p + 1) * count)
          sportRanks(
            UnsafeBufferPointer(rebasing: index[range]),
            into: UnsafeMutableBufferPointer(rebasing: ranks[range]), order: &workspace.order)
        }
      }
    }
    return true
  }
}
