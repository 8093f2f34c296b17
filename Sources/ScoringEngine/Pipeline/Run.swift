import Diagnostics

/// Runs a plan over a table: the whole pipeline, stage by stage.
///
/// The order is fixed and matches the JRC/COINr practice: derive raw values from formulas
/// (denomination is just a formula), apply adjustments in raw units, impute, treat outliers,
/// normalize (after applying direction), aggregate bottom-up with adjustments in points,
/// scale the root, rank. Each stage is a plain function from `Stages/`; this file only
/// sequences them, keeps their outputs, and turns what they report into diagnostics.
public func run(_ plan: Plan, on table: DataTable) -> Results {
  run(plan, on: table, threads: 1)
}

/// `run(_:on:)` on up to `threads` threads, with the same results bit for bit.
///
/// The first-level means of min-max indicators are split between the threads
/// (`Run+MinMaxMean.swift`) when the data is large enough to gain.
public func run(_ plan: Plan, on table: DataTable, threads: Int) -> Results {
  var runner = Runner(plan: plan, table: screenedTable(plan, table))
  runner.threads = threads
  return runner.run()
}

/// The state of one run.
///
/// Types the run builds: the arrays of the run's path (the plain plan's validation, the fused
/// first level, the upper levels' means, scaling and ranks) hold numbers, strings, `[Double]`
/// and a few engine structs, never tuples, optionals or ranges, and the kernels keep their
/// pointers in unsafe buffers. A Swift process builds the runtime type of each
/// generic instance the first time it is used, a few microseconds each and more where a
/// conformance must be looked up (a `ClosedRange<Double>` or a `Slice` of a collection): on a
/// fresh process's first run of 2,000 × 500 that was a quarter of the run (benchmarks/README.md,
/// "The fresh process's first run").
struct Runner {
  let plan: Plan
  let table: DataTable
  let scored: [Int]
  let entityCodes: [String]
  var diagnostics: [Diagnostic] = []
  var nodes: [Results.NodeResult]
  /// Per node: the raw values of an indicator over every data period (panel imputation and
  /// `lag` need periods that are not scored); empty for aggregates.
  var fullRaw: [[Double]]
  /// Indicator and period pairs whose formula already reported a problem.
  var evaluationProblems: Set<String> = []
  /// Per-cell problems, reported as one diagnostic per kind and node when the run ends.
  var findings = RunFindings()
  /// Per node: whether its stages reported anything (a diagnostic or a finding), so that a
  /// `Rescorer` knows which nodes it can rerun without changing the run's diagnostics.
  var reported: [Bool]
  /// Threads the run may use (`run(_:on:threads:)`).
  var threads = 1
  /// Per node, the means computed with their members by `runMinMaxMeans` (empty when none;
  /// the whole list is empty until a group is computed), and whether they are finite by
  /// construction (`MinMaxMeanGroup.meansAreFinite`).
  var computedMeans: [[Double]] = []
  var computedMeansAreFinite: [Bool] = []
  /// Whether a plan that passes `Plan.plainColumns` skips the rule-by-rule validation and the
  /// formula walk (tests turn it off to compare the two paths).
  var plainPath = true

  init(plan: Plan, table: DataTable) {
    self.plan = plan
    self.table = table
    self.scored = plan.periods.isEmpty ? table.periods : plan.periods.sorted()
    self.entityCodes = table.entities.map(\.code)
    // Each node's result made afresh rather than copied from one: a copy retains each of its
    // lists, 143,000 instructions of a fresh 2,000 × 500 run (callgrind).
    self.nodes = (0..<plan.nodes.count).map { _ in Results.NodeResult() }
    self.fullRaw = Array(repeating: [], count: plan.nodes.count)
    self.reported = Array(repeating: false, count: plan.nodes.count)
  }

  var count: Int { table.entities.count }

  /// How many things the run has reported so far (diagnostics and finding groups).
  var reportCount: Int { diagnostics.count + findings.groups.count }

  mutating func run() -> Results {
    let validation: (diagnostics: [Diagnostic], columns: [Int]?) =
      plainPath ? plan.validation(against: table) : (plan.fullValidation(against: table), nil)
    diagnostics = validation.diagnostics + (table.screen?.diagnostics ?? [])
    // The nodes go in when the run ends: sharing them now would copy the array at the first
    // write.
    var results = Results(
      plan: plan, entities: table.entities, periods: diagnostics.hasErrors ? [] : scored,
      nodes: [], effectiveWeights: effectiveWeights(), index: [], ranks: [],
      diagnostics: [])
    results.hasPeriods = table.hasPeriods
    results.screened = table.screen?.dropped ?? []
    guard !diagnostics.hasErrors else {
      results.nodes = nodes
      results.diagnostics = diagnostics
      return results
    }
    if let columns = validation.columns {
      // Every indicator one column (no formula reads another): plan order, no name hashed.
      warnUnused(readsIndicators: false)
      readColumns(columns)
    } else {
      guard case .success(let order) = plan.indicatorOrder() else {
        results.nodes = nodes
        results.diagnostics = diagnostics
        return results
      }
      warnUnused()
      deriveRawValues(order)
    }
    if diagnostics.hasErrors {
      // The nodes as they were before the raw values, as every early return gives them.
      results.nodes = Array(repeating: Results.NodeResult(), count: plan.nodes.count)
      results.diagnostics = diagnostics + reportedFindings()
      results.periods = []
      return results
    }
    let done = runMinMaxMeans()
    for index in plan.nodes.indices where plan.nodes[index].indicator != nil {
      if !done.isEmpty && done[index] { continue }
      let before = reportCount
      prepareIndicator(index)
      if reportCount != before { reported[index] = true }
    }
    aggregate(plan.root)
    let before = reportCount
    let (scaled, ranks) = scaleAndRank()
    if reportCount != before { reported[plan.root] = true }
    results.nodes = nodes
    results.index = scaled
    results.ranks = ranks
    results.diagnostics = diagnostics + reportedFindings()
    return results
  }

  /// The per-cell problems as diagnostics, each over every period it occurred in.
  private func reportedFindings() -> [Diagnostic] {
    findings.diagnostics(entityCodes: entityCodes, showsPeriods: table.hasPeriods)
  }

  // MARK: - Raw values

  /// Evaluates every indicator's formula over all data periods, inputs first, then keeps the
  /// scored periods (sharing the data's storage when nothing needs computing).
  private mutating func deriveRawValues(_ order: [Int]) {
    var computed: [String: [Double]] = [:]
    // Only formulas read other indicators' values: without one, no name is hashed.
    let keep = plan.readsIndicators
    for index in order {
      let before = reportCount
      deriveRawValue(index, computed: &computed, keep: keep)
      if reportCount != before { reported[index] = true }
    }
  }

  /// `deriveRawValues` of a plan whose indicators are each one data column (`columns[node]`,
  /// -1 for an aggregate, as `Plan.plainColumns` gives them): their values, which report
  /// nothing, in plan order.
  private mutating func readColumns(_ columns: [Int]) {
    let allPeriods = scored == table.periods
    for (index, column) in columns.enumerated() where column >= 0 {
      let full = table.columns[column]
      fullRaw[index] = full
      nodes[index].raw = allPeriods ? full : scoredCells(full)
    }
  }

  /// Evaluates one indicator's formula (or reads its ratings) over all data periods;
  /// `computed` holds the full raw values of the indicators it may read, and gets its own when
  /// `keep` says a formula may read it.
  mutating func deriveRawValue(
    _ index: Int, computed: inout [String: [Double]], keep: Bool = true
  ) {
    // One column, the common formula: its values, without copying the node.
    if case .indicator(let indicator) = plan.nodes[index].kind,
      case .formula(.variable(let column)) = indicator.source, let v = table.variableIndex(column)
    {
      let full = table.columns[v]
      if keep { computed[plan.nodes[index].name] = full }
      fullRaw[index] = full
      nodes[index].raw = scoredCells(full)
      return
    }
    let node = plan.nodes[index]
    guard let indicator = node.indicator else { return }
    var full: [Double]
    switch indicator.source {
    case .formula(let formula):
      if let column = formula.bareVariable, let v = table.variableIndex(column) {
        full = table.columns[v]
      } else {
        var evaluator = FormulaEvaluator(table: table, indicatorValues: computed)
        full = evaluator.evaluateAllPeriods(formula)
        // Periods outside the scored ones are evaluated only as inputs (`lag`); their
        // problems are not the user's concern unless they reach a scored period.
        for issue in evaluator.issues where scored.contains(issue.period) {
          evaluationProblems.insert("\(index)@\(issue.period)")
          findings.add(
            .evaluation(issue.kind), node: node.name, span: node.span, period: issue.period,
            entities: issue.entities)
        }
      }
    case .ratings(let ratings, let periods):
      let perPeriod = entityCodes.map { ratings[$0] ?? .nan }
      let none = [Double](repeating: .nan, count: count)
      let unrated = entityCodes.filter { ratings[$0] == nil }
      if !unrated.isEmpty {
        diagnostics.append(
          EngineMessages.missingRating(node.name, entities: unrated, span: node.span))
      }
      full = Array(
        table.periods.map { periods == nil || periods?.contains($0) == true ? perPeriod : none }
          .joined())
    }
    if keep { computed[node.name] = full }
    fullRaw[index] = full
    nodes[index].raw = scoredCells(full)
  }

  /// The cells of the scored periods, sharing storage when they are all the periods.
  private func scoredCells(_ full: [Double]) -> [Double] {
    if scored == table.periods { return full }
    var out: [Double] = []
    out.reserveCapacity(scored.count * count)
    for period in scored {
      guard let p = table.periodIndex(period) else { continue }
      out.append(contentsOf: full[(p * count)..<((p + 1) * count)])
    }
    return out
  }

  // MARK: - Indicator stages

  /// Adjust, impute, treat and normalize one indicator in every scored period.
  mutating func prepareIndicator(_ index: Int) {
    let node = plan.nodes[index]
    guard let indicator = node.indicator else { return }
    var values = fullRaw[index]
    var flags: [CellFlags] = []
    func flag(_ cell: Int, _ flag: CellFlags) {
      if flags.isEmpty { flags = Array(repeating: [], count: scored.count * count) }
      flags[cell].insert(flag)
    }
    /// Scored period index → data period index.
    let dataPeriod = scored.map { table.periodIndex($0) ?? 0 }

    for adjustment in node.adjustments {
      guard let e = adjustedEntity(adjustment) else { continue }
      for (p, d) in dataPeriod.enumerated() where !values[d * count + e].isNaN {
        values[d * count + e] += adjustment.delta
        flag(p * count + e, .adjusted)
      }
    }

    if indicator.imputation.isPanel {
      let outcome = imputePanel(
        values, entityCount: count, periods: table.periods, with: indicator.imputation)
      for (cell, from) in outcome.filled {
        let (d, e) = (cell / count, cell % count)
        guard let p = dataPeriod.firstIndex(of: d) else { continue }
        flag(p * count + e, .imputed)
        if let from { nodes[index].imputedFrom[p * count + e] = from }
      }
      let unfilled = outcome.unfilled.filter { dataPeriod.contains($0 / count) }
      for d in Set(unfilled.map { $0 / count }).sorted() {
        let entities = unfilled.filter { $0 / count == d }.map { $0 % count }
        findings.add(
          .unfilled, node: node.name, span: node.span, period: table.periods[d],
          entities: entities)
      }
      values = outcome.values
    }
    values = scoredCells(values)
    nodes[index].imputed = values

    var treated: [Double] = []
    var normalized: [Double] = []
    // One scored period (the common case) works on the indicator's arrays without copies.
    let single = scored.count == 1 && values.count == count
    if !single { normalized.reserveCapacity(values.count) }
    var treatment: [Results.TreatOutcomeSummary] = []
    let groups = groupLabels(for: indicator.imputation)
    let rowPeers = rowPeerValues(of: index)
    for (p, period) in scored.enumerated() {
      var x = single ? values : Array(values[(p * count)..<((p + 1) * count)])
      if indicator.imputation != .none && !indicator.imputation.isPanel {
        let outcome =
          rowPeers.isEmpty
          ? impute(x, with: indicator.imputation, groups: groups)
          : imputeByRow(x, period: p, index: index, peers: rowPeers)
        for e in outcome.filled { flag(p * count + e, .imputed) }
        if !outcome.unfilled.isEmpty {
          findings.add(
            .unfilled, node: node.name, span: node.span, period: period,
            entities: outcome.unfilled)
        }
        x = outcome.values
        nodes[index].imputed.replaceSubrange((p * count)..<((p + 1) * count), with: x)
      }
      if !x.isEmpty && x.allSatisfy(\.isNaN) && !evaluationProblems.contains("\(index)@\(period)") {
        findings.add(.allMissing, node: node.name, span: node.span, period: period)
      }
      if indicator.treatment != .none {
        let outcome = treat(x, with: indicator.treatment)
        treatment.append(.init(action: outcome.action, changed: outcome.changed.count))
        for e in outcome.changed {
          flag(p * count + e, outcome.action.transformsValues ? .transformed : .winsorized)
        }
        for e in outcome.winsorized { flag(p * count + e, .winsorized) }
        if outcome.action.transformsValues {
          let dropped = (0..<count).filter { !x[$0].isNaN && outcome.values[$0].isNaN }
          if !dropped.isEmpty {
            findings.add(
              .transformDropped, node: node.name, span: node.span, period: period,
              entities: dropped)
          }
        }
        x = outcome.values
        if single { treated = x } else { treated.append(contentsOf: x) }
      }
      if indicator.normalizer.isGlobal {  // normalized below, every period at once
        normalized.append(contentsOf: x)
        continue
      }
      let outcome = normalize(
        x, direction: indicator.direction, with: indicator.normalizer, entityCodes: entityCodes)
      if let problem = outcome.problem {
        report(problem, indicator: node.name, period: period, span: node.span)
      }
      if single {
        normalized = outcome.values
      } else {
        normalized.append(contentsOf: outcome.values)
      }
    }
    nodes[index].treated = indicator.treatment == .none ? nodes[index].imputed : treated
    nodes[index].treatment = treatment
    if indicator.normalizer.isGlobal { normalized = normalizeGlobally(normalized, index: index) }
    normalized = finiteScores(normalized, node: index)
    nodes[index].score = ScoreColumn(normalized)
    if !flags.isEmpty {
      for cell in normalized.indices where normalized[cell].isNaN { flags[cell].insert(.missing) }
    }
    nodes[index].flags = flags
  }

  private func groupLabels(for imputation: Imputation) -> [String?] {
    switch imputation {
    case .groupMean(let group), .groupMedian(let group):
      return table.entities.map { $0.groups[group] }
    default:
      return []
    }
  }

  mutating func report(
    _ problem: NormalizeProblem, indicator: String, period: Int, span: Span?
  ) {
    switch problem {
    case .noSpread:
      findings.add(.noSpread, node: indicator, span: span, period: period)
    case .allMissing:
      break  // already reported before normalization
    case .nonPositiveForLog(let entities):
      findings.add(
        .logOfNonPositive, node: indicator, span: span, period: period, entities: entities)
    default:
      findings.add(
        .normalize(detail: describe(problem)), node: indicator, span: span, period: period)
    }
  }

  private func describe(_ problem: NormalizeProblem) -> String {
    switch problem {
    case .noSpread: "every value is the same"
    case .allMissing: "every value is missing"
    case .referenceMissing(let entity): "the reference entity \(entity) has no value"
    case .referenceUnknown(let entity): "the reference entity \(entity) is not in the data"
    case .nonPositiveForLog: "values ≤ 0 on a log scale"
    case .nonPositiveReference: "the reference value is not above zero"
    case .targetNotAboveMinimum: "the target is not above the lowest value"
    case .invalidBounds: "the two bounds are equal"
    }
  }
}
