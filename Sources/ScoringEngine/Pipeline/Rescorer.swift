import Diagnostics

/// Scores variants of one plan by rerunning only the stages downstream of what changed.
///
/// The uncertainty analysis scores thousands of variants that differ from the nominal plan in
/// a few weights, and the REPL rescores after one edit; both used to pay for a whole `run`.
/// A rescorer keeps every stage's output of a base run. Given a plan that differs from the
/// base in the nodes `PlanChanges` lists, it reruns those nodes' stages and their ancestors'
/// aggregation, then the scaling and ranks, and shares everything else with the base.
///
/// The result is the one `run(plan, on: table)` gives, bit for bit, diagnostics included. To
/// keep that promise cheaply, it falls back to a full run whenever a shortcut could differ: a
/// node to rerun that reported something in the base run or reports something now (its
/// diagnostic would land elsewhere in the list), changed members, a negative or non-finite
/// weight, other entities or periods, a base run with errors.
public struct Rescorer: Sendable {
  /// The results of the base plan.
  public private(set) var results: Results
  var base: Runner
  /// The base run's validation and unused-node diagnostics (the head of its diagnostics).
  private var planDiagnostics: [Diagnostic]
  /// Aggregates reachable from the root, members before their parent.
  var postOrder: [Int]
  /// Each node's parent in the tree (-1 for the root and nodes outside it).
  var parents: [Int]
  /// What a weight draw reads of the base (`scoreWeights`).
  var layout: WeightDrawLayout
  /// What a variant draw reads beyond it (`scoreVariant`), once `prepareVariants` laid it out.
  var variants = VariantLayout()

  /// Runs `plan` over `table` in full and keeps every stage for later rescoring.
  public init(plan: Plan, on table: DataTable) {
    let table = screenedTable(plan, table)
    var runner = Runner(plan: plan, table: table)
    results = runner.run()
    base = runner
    (planDiagnostics, postOrder, parents) = Self.structure(plan, table: table)
    layout = WeightDrawLayout(plan, postOrder: postOrder, runner: runner)
  }

  /// The results of `plan` over `table` (the base table when nil), which differ from the base
  /// plan as `changes` says; the base stays as it was, so every call starts from it (the
  /// uncertainty analysis: each draw differs from the nominal plan).
  public func score(_ plan: Plan, table: DataTable? = nil, changes: PlanChanges) -> Results {
    if let results = reweighted(plan, table: table, changes: changes) { return results }
    if let (_, results) = attempt(plan, table: table ?? base.table, changes: changes) {
      return results
    }
    return run(plan, on: table ?? base.table)
  }

  /// Like `score`, and the new plan becomes the base (the REPL: each edit builds on the last).
  public mutating func rescore(_ plan: Plan, table: DataTable? = nil, changes: PlanChanges)
    -> Results
  {
    let table = table ?? base.table
    if let (runner, results) = attempt(plan, table: table, changes: changes) {
      base = runner
      self.results = results
      layout = WeightDrawLayout(plan, postOrder: postOrder, runner: runner)
      variants = VariantLayout()
    } else {
      self = Rescorer(plan: plan, on: table)
    }
    return results
  }

  // MARK: - Rerunning

  /// The results of a draw that changes only weights, from the weight-draw path
  /// (`scoreWeights`), or nil when it does not apply.
  func reweighted(_ plan: Plan, table: DataTable?, changes: PlanChanges) -> Results? {
    guard changes.indicators.isEmpty, changes.rawValues.isEmpty, changes.variables.isEmpty,
      !changes.everything, table.map(sameShape) ?? true
    else { return nil }
    var workspace = RescoreWorkspace()
    guard scoreWeights(plan, aggregates: changes.aggregates, into: &workspace) else { return nil }
    var out = results
    out.plan = plan
    for index in postOrder where workspace.dirty[index] {
      out.nodes[index] = Results.NodeResult(score: ScoreColumn(workspace.scores[index]))
    }
    if !changes.aggregates.isEmpty { out.effectiveWeights = effectiveWeights(plan) }
    out.index = workspace.index
    out.ranks = workspace.ranks
    return out
  }

  /// The rerun, or nil when only a full run is sure to give the same results.
  func attempt(_ plan: Plan, table: DataTable, changes: PlanChanges) -> (
    Runner, Results
  )? {
    let old = base.plan
    guard !changes.everything, !results.diagnostics.hasErrors, plan.nodes.count == old.nodes.count,
      plan.root == old.root, plan.periods == old.periods, sameShape(table)
    else { return nil }
    var needsValidation = false
    for index in changes.aggregates {
      guard let new = plan.nodes[index].aggregate, let was = old.nodes[index].aggregate,
        new.members.count == was.members.count, new.percentWeights == was.percentWeights,
        new.weighting == was.weighting
      else { return nil }
      var total = 0.0
      for (member, before) in zip(new.members, was.members) {
        guard member.node == before.node, member.weight >= 0, member.weight.isFinite else {
          return nil
        }
        total += member.weight
      }
      // Validation rejects an aggregate whose weights are all zero: a full run reports it.
      guard total > 0 || new.members.isEmpty else { return nil }
      if new.aggregator != was.aggregator || new.coverage != was.coverage || new.percentWeights {
        needsValidation = true
      }
    }
    let raw = rawClosure(plan, changes: changes)
    if plan.rescoringNeedsFullRun(
      comparedTo: old, raw: raw, indicators: changes.indicators, variables: changes.variables)
    {
      return nil
    }
    var prepared = Set(raw)
    for index in changes.indicators {
      guard plan.nodes[index].indicator != nil, old.nodes[index].indicator != nil else {
        return nil
      }
      prepared.insert(index)
    }
    if !prepared.isEmpty || !changes.variables.isEmpty { needsValidation = true }
    if needsValidation {
      var check = Runner(plan: plan, table: table)
      check.diagnostics = plan.validate(against: table)
      if !check.diagnostics.hasErrors { check.warnUnused() }
      guard check.diagnostics == planDiagnostics else { return nil }
    }
    let aggregates = dirtyAggregates(Array(prepared) + changes.aggregates)
    guard !prepared.contains(where: { base.reported[$0] }),
      !aggregates.contains(where: { base.reported[$0] }), !base.reported[plan.root]
    else { return nil }

    var runner = Runner(continuing: base, plan: plan, table: table)
    if !raw.isEmpty {
      guard case .success(let order) = plan.indicatorOrder() else { return nil }
      var computed: [String: [Double]] = [:]
      for (index, values) in runner.fullRaw.enumerated() where plan.nodes[index].indicator != nil {
        computed[plan.nodes[index].name] = values
      }
      let rerun = Set(raw)
      for index in order where rerun.contains(index) {
        runner.deriveRawValue(index, computed: &computed)
      }
    }
    for index in prepared.sorted() {
      runner.nodes[index] = Results.NodeResult(raw: runner.nodes[index].raw)
      runner.prepareIndicator(index)
    }
    for index in postOrder where aggregates.contains(index) {
      runner.nodes[index] = Results.NodeResult()
      runner.aggregateNode(index)
    }
    let (scaled, ranks) = runner.scaleAndRank()
    guard runner.reportCount == 0 else { return nil }
    var out = results
    out.plan = plan
    out.nodes = runner.nodes
    if !changes.aggregates.isEmpty { out.effectiveWeights = effectiveWeights(plan) }
    out.index = scaled
    out.ranks = ranks
    return (runner, out)
  }

  /// `Runner.effectiveWeights` over the tree the base run walked (the same products in the
  /// same order, parents before members), without its set and stack.
  private func effectiveWeights(_ plan: Plan) -> [Double] {
    var weights = [Double](repeating: 0, count: plan.nodes.count)
    guard plan.nodes.indices.contains(plan.root) else { return weights }
    weights[plan.root] = 1
    for index in postOrder.reversed() {
      guard let aggregate = plan.nodes[index].aggregate else { continue }
      let memberWeights = WeightScale.normalized(aggregate.members.map(\.weight))
      let total = memberWeights.reduce(0) { $0 + Swift.max(0, $1) }
      guard total > 0 else { continue }
      for (member, memberWeight) in zip(aggregate.members, memberWeights)
      where plan.nodes.indices.contains(member.node) {
        weights[member.node] = weights[index] * memberWeight / total
      }
    }
    return weights
  }

  /// Whether `table` has the base table's entities and periods (cells may differ).
  private func sameShape(_ table: DataTable) -> Bool {
    let was = base.table
    if table.entities.count != was.entities.count || table.periods != was.periods { return false }
    return table.entities.elementsEqual(was.entities) { $0.code == $1.code }
  }

  /// The indicators to evaluate again: those listed, those reading a changed column, and every
  /// indicator whose formula reads one of them, and so on up the readers.
  private func rawClosure(_ plan: Plan, changes: PlanChanges) -> [Int] {
    guard !changes.rawValues.isEmpty || !changes.variables.isEmpty else { return [] }
    var dirty = Set(changes.rawValues.filter { plan.nodes[$0].indicator != nil })
    let columns = Set(changes.variables)
    var readers: [String: [Int]] = [:]
    for (index, node) in plan.nodes.enumerated() {
      guard case .formula(let formula)? = node.indicator?.source else { continue }
      if !columns.isEmpty, formula.variables.contains(where: columns.contains) {
        dirty.insert(index)
      }
      for name in formula.indicators { readers[name, default: []].append(index) }
    }
    var pending = Array(dirty)
    while let next = pending.popLast() {
      for reader in readers[plan.nodes[next].name] ?? [] where dirty.insert(reader).inserted {
        pending.append(reader)
      }
    }
    return dirty.sorted()
  }

  /// The aggregates among `nodes` and every ancestor of `nodes`, in the tree.
  private func dirtyAggregates(_ nodes: [Int]) -> Set<Int> {
    var dirty = Set<Int>()
    for start in nodes {
      var node = start
      if base.plan.nodes[node].aggregate != nil { dirty.insert(node) }
      while parents[node] >= 0, dirty.insert(parents[node]).inserted { node = parents[node] }
    }
    return dirty
  }

  /// The base plan's own diagnostics, its aggregates in post-order and each node's parent.
  private static func structure(_ plan: Plan, table: DataTable) -> ([Diagnostic], [Int], [Int]) {
    var check = Runner(plan: plan, table: table)
    check.diagnostics = plan.validate(against: table)
    if !check.diagnostics.hasErrors { check.warnUnused() }
    var parents = [Int](repeating: -1, count: plan.nodes.count)
    var order: [Int] = []
    guard plan.nodes.indices.contains(plan.root) else { return (check.diagnostics, [], parents) }
    var stack: [(node: Int, membersDone: Bool)] = [(plan.root, false)]
    var visited = Set<Int>()
    while let (index, membersDone) = stack.popLast() {
      guard let spec = plan.nodes[index].aggregate else { continue }
      if membersDone {
        order.append(index)
        continue
      }
      guard visited.insert(index).inserted else { continue }
      stack.append((index, true))
      for member in spec.members.reversed() where plan.nodes.indices.contains(member.node) {
        parents[member.node] = index
        stack.append((member.node, false))
      }
    }
    return (check.diagnostics, order, parents)
  }
}

extension Runner {
  /// A runner that carries on from `base`'s stages, for another plan and table of the same
  /// shape, with nothing reported yet.
  init(continuing base: Runner, plan: Plan, table: DataTable) {
    self.plan = plan
    self.table = table
    self.scored = base.scored
    self.entityCodes = base.entityCodes
    self.nodes = base.nodes
    self.fullRaw = base.fullRaw
    self.evaluationProblems = base.evaluationProblems
    self.reported = base.reported
  }
}
