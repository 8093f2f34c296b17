import IndexAnalysis
import ScoringEngine

// The diff case: two methodologies over the panel case's data (1,000 entities × 1,000
// indicators × 10 periods, built in memory from the same SplitMix64 rows). B is A with what a
// fork changes: some weights, two dimensions' means (a power mean and a shifted geometric
// mean), fifty normalizers, a pillar removed, a dimension added and a leader scaling. The
// figure is what `idx diff` does after loading: both runs, the structure diff and the exact
// attribution of every entity's Δ in the latest period. There is no peer to time against:
// COINr's `compare_coins` only compares ranks; the two runs are the yardstick.

/// How many times each timed phase runs.
private let repetitions = 3

/// Two plans over the 1,000 × 1,000 × 10 panel: run both, diff them.
func diffCase(_ context: BenchContext) -> Bool {
  let shape = SyntheticShape(
    entities: 1000, periods: 10, indicators: 1000, levels: [100, 10], missingEvery: 100)
  let report = Report(caseName: "diff", peaks: context.peaks)
  report.note(
    "\(shape.entities) entities × \(shape.indicators) indicators × \(shape.periods) periods, "
      + "tree 1000 → 100 → 10 → index; B reweights, changes two means, 50 normalizers, drops "
      + "a pillar, adds a dimension, scales to the leader; median of \(repetitions)")

  report.begin()
  var table = DataTable(entities: [], periods: [])
  report.phase("build table", timing { table = shape.table() }, "in memory, not part of the figure")
  let planA = shape.plan(prefix: "")
  let planB = variant(of: planA)

  report.begin()
  var resultsA: Results?
  var resultsB: Results?
  let runs = timing(runs: repetitions) {
    resultsA = nil
    resultsB = nil
    resultsA = run(planA, on: table)
    resultsB = run(planB, on: table)
  }
  report.phase(
    "run A and B", runs, "two engine runs, \(planA.nodes.count) and \(planB.nodes.count) nodes")
  guard let a = resultsA, let b = resultsB, !a.diagnostics.hasErrors, !b.diagnostics.hasErrors,
    let period = a.periods.last
  else {
    report.note("a run reported errors: nothing to diff")
    return false
  }

  report.begin()
  var diff: ResultsDiff?
  var structure: StructureDiff?
  let diffs = timing(runs: repetitions) {
    diff = nil
    structure = StructureDiff(a: planA, nil, b: planB, nil)
    diff = ResultsDiff(a: .init(results: a, period: period), b: .init(results: b, period: period))
  }
  guard let diff, let structure else { return false }
  report.phase(
    "diff", diffs,
    "structure (\(structure.changes.count) changes) + attribution of "
      + "\(diff.entities.count) entities × \(diff.terms.count) terms")

  var worst = 0.0
  for entity in diff.entities {
    guard let delta = entity.delta else { continue }
    let sum = entity.contributions.reduce(0, +) + entity.scaling + diff.indexLevel(entity)
    worst = Swift.max(worst, Swift.abs(sum - delta))
  }
  report.figure("largest |Σ terms − Δ| over the entities", "\(worst)")
  report.figure("attribution fallbacks (expected 0)", "\(diff.fallbacks)")
  report.figure(
    "diff / the two runs (medians)", format(diffs.median / runs.median * 100, 0) + " %")
  report.target(
    "runs + diff (after loading)", measured: (runs.median + diffs.median) * 1000, target: 1000,
    unit: "ms", higherIsBetter: false)
  return worst <= 1e-9 && diff.fallbacks == 0
}

/// A with a fork's kind of changes (see the file comment).
private func variant(of plan: Plan) -> Plan {
  var b = plan
  b.name = "synthetic_b"
  b.scaling = .leader(100)
  func index(_ name: String) -> Int? { b.nodeIndex(name) }
  for n in 1...10 {
    guard let pillar = index("L1_" + zeroPadded(n, 4)),
      case .aggregate(var aggregate) = b.nodes[pillar].kind
    else { continue }
    aggregate.members[0].weight = 3
    b.nodes[pillar].kind = .aggregate(aggregate)
  }
  for (name, aggregator) in [("L2_0001", Aggregator.power(2)), ("L2_0002", .geometric(.shift(1)))] {
    guard let dimension = index(name), case .aggregate(var aggregate) = b.nodes[dimension].kind
    else { continue }
    aggregate.aggregator = aggregator
    b.nodes[dimension].kind = .aggregate(aggregate)
  }
  for i in 0..<50 {
    guard case .indicator(var indicator) = b.nodes[i].kind else { continue }
    indicator.normalizer = .minmax(output: 1...100)
    b.nodes[i].kind = .indicator(indicator)
  }
  if let dimension = index("L2_0010"), case .aggregate(var aggregate) = b.nodes[dimension].kind {
    aggregate.members.removeLast()
    b.nodes[dimension].kind = .aggregate(aggregate)
  }
  // A new dimension over five new indicators that read existing columns.
  let first = b.nodes.count
  for i in 0..<5 {
    b.nodes.append(
      Plan.Node(
        name: "extra_\(i)",
        kind: .indicator(.init(source: .formula(.variable("i000\(i + 1)")), normalizer: .minmax100))
      ))
  }
  b.nodes.append(
    Plan.Node(
      name: "extra",
      kind: .aggregate(.init(members: (first..<(first + 5)).map { Plan.Member(node: $0) }))))
  if case .aggregate(var root) = b.nodes[b.root].kind {
    root.members.append(Plan.Member(node: b.nodes.count - 1, weight: 2))
    b.nodes[b.root].kind = .aggregate(root)
  }
  return b
}
