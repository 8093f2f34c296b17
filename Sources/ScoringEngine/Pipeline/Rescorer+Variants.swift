import Diagnostics

/// Variant draws on reusable buffers: weights, normalizers, aggregators and a member left out,
/// scored from normalized columns computed once.
///
/// Such a draw changes nothing upstream of normalization, so an indicator's normalized column
/// under each declared normalizer is the same in every draw: `addNormalizer` computes it once
/// with the run's own indicator stage (`Runner.prepareIndicator`), and a draw is the rest of
/// the run over those columns, on the weight-draw path's kernels (`scoreWeights`): the
/// aggregation of what changed and its ancestors, then the root's scaling. A left-out member's
/// parent aggregates the other members, and the nodes below it are not aggregated, as in a run
/// of a plan without the member.
///
/// `scoreVariant` returns true only where the run of the draw's plan gives the same index bit
/// for bit, validates with no diagnostic and reports nothing but the nodes the plan leaves
/// unused (`unusedDiagnostics`): the base plan validates clean, the draw's weights, normalizers
/// and aggregators validate, and no stage of the draw reports anything. Elsewhere it returns
/// false and the caller runs the draw's plan (`score`).
extension Rescorer {
  /// Lays out what variant draws read; `addNormalizer` and `scoreVariant` do it when needed.
  public mutating func prepareVariants() {
    guard !variants.isPrepared else { return }
    variants = VariantLayout(base.plan, table: base.table, weights: layout)
    for aggregator in layout.aggregators { addAggregator(aggregator) }
  }

  /// Makes `aggregator` a choice of draws: for a geometric mean, the logarithms of every
  /// column it may read are computed once (`GeometricMean.addLogarithms`).
  public mutating func addAggregator(_ aggregator: Aggregator) {
    prepareVariants()
    guard case .geometric(let policy) = aggregator, variants.logarithms(for: policy) == nil
    else { return }
    var logarithms = layout.scores.map { GeometricMean.logarithms($0, policy: policy) }
    for column in variants.columns {
      logarithms.append(GeometricMean.logarithms(column, policy: policy))
    }
    variants.logPolicies.append(policy)
    variants.logarithms.append(logarithms)
  }

  /// Makes `normalizer` a choice for indicator `node`'s draws, computing its column once.
  ///
  /// Returns the column's number for `VariantDraw.columns` (0 when it is the base plan's own
  /// normalizer), or nil when `node` is not an indicator.
  public mutating func addNormalizer(_ normalizer: Normalizer, for node: Int) -> Int? {
    prepareVariants()
    guard base.plan.nodes.indices.contains(node),
      case .indicator(var indicator) = base.plan.nodes[node].kind
    else { return nil }
    if indicator.normalizer == normalizer { return 0 }
    for c in variants.columns.indices
    where variants.columnNode[c] == node && variants.columnNormalizer[c] == normalizer {
      return c + 1
    }
    indicator.normalizer = normalizer
    var plan = base.plan
    plan.nodes[node].kind = .indicator(indicator)
    var runner = Runner(continuing: base, plan: plan, table: base.table)
    runner.nodes[node] = Results.NodeResult(raw: runner.nodes[node].raw)
    runner.prepareIndicator(node)
    let column = runner.nodes[node].score.array
    // The column is clean when its run reports nothing and the plan with it validates clean.
    let clean =
      runner.reportCount == 0 && column.count == base.scored.count * base.count
      && plan.validate(against: base.table).isEmpty
    variants.columns.append(column)
    variants.columnNode.append(node)
    variants.columnNormalizer.append(normalizer)
    variants.columnClean.append(clean)
    for (p, policy) in variants.logPolicies.enumerated() {
      variants.logarithms[p].append(GeometricMean.logarithms(column, policy: policy))
    }
    return variants.columns.count
  }

  /// The warnings a run of `plan` (a variant of the base plan over the base table) gives for
  /// the nodes it leaves unused: with a clean validation, all a variant draw's run reports
  /// when `scoreVariant` accepts it.
  public func unusedDiagnostics(_ plan: Plan) -> [Diagnostic] {
    var check = Runner(plan: plan, table: base.table)
    check.warnUnused()
    return check.diagnostics
  }

  /// Scores `draw` into `workspace.index` (and `workspace.ranks`); false when only a run of the
  /// draw's plan can vouch for the result (see the type's comment).
  public func scoreVariant(_ draw: VariantDraw, into workspace: inout RescoreWorkspace) -> Bool {
    guard variants.isPrepared, variants.validationClean, base.plan.screening == nil,
      draw.columns.count == layout.position.count,
      draw.aggregators.count == layout.position.count, variants.weightsValidate(draw)
    else { return false }
    start(&workspace)
    for index in variants.indicators {
      let c = draw.columns[index]
      if c == 0 {
        guard !base.reported[index] else { return false }
      } else {
        guard c <= variants.columns.count, variants.columnNode[c - 1] == index,
          variants.columnClean[c - 1]
        else { return false }
      }
      workspace.columns[index] = c
    }
    if let excluded = draw.excluded, layout.position.indices.contains(excluded),
      parents[excluded] >= 0
    {
      workspace.excluded = excluded
      // Below the member left out nothing is aggregated: parents come first in reverse order.
      for index in layout.order.reversed() {
        workspace.skipped[index] =
          index == excluded || (parents[index] >= 0 && workspace.skipped[parents[index]])
      }
    }
    for (k, index) in layout.order.enumerated() {
      let aggregator = draw.aggregators[index]
      if aggregator != layout.aggregators[k] {
        guard !aggregator.setsItsOwnWeights, aggregator.parameters.allSatisfy(\.isFinite) else {
          return false
        }
        workspace.aggregators[k] = aggregator
      }
      var j = variants.drawOffset[k]
      for slot in layout.memberStart[k]..<layout.memberStart[k + 1] {
        workspace.drawn[slot] = draw.weights[j]
        j += 1
      }
    }
    guard markChanged(in: &workspace) else { return false }
    return self.draw(into: &workspace, variant: true)
  }

  /// Marks the aggregates the draw changes (their aggregator, a weight, a member's column, a
  /// member left out or changed) and not left out; false when an unchanged one reported
  /// something in the base run (the draw's run would report it as well).
  private func markChanged(in workspace: inout RescoreWorkspace) -> Bool {
    for (k, index) in layout.order.enumerated() where !workspace.skipped[index] {
      var changed = workspace.aggregators[k] != layout.aggregators[k]
      for j in layout.memberStart[k]..<layout.memberStart[k + 1] {
        let m = layout.members[j]
        changed =
          changed || m == workspace.excluded || workspace.dirty[m] || workspace.columns[m] != 0
          || workspace.drawn[j].bitPattern != layout.nominal[j].bitPattern
      }
      if changed {
        workspace.dirty[index] = true
      } else if base.reported[index] {
        return false
      }
    }
    return true
  }
}
