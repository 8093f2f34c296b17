import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The COINr comparison: the same shape of problem as a COINr benchmark, 2,000 units × 500
// indicators, one period, min-max then arithmetic means up a 500 → 50 → 5 → 1 tree. The data is
// built in memory, so the figure is the engine's `run` alone (validation, every stage, ranks,
// and the full per-cell results it keeps), not parsing or I/O. The bare stages are timed as well
// to show how much of the run is arithmetic and how much is the pipeline around it.

// Peers are measured in the same run, never remembered: benchmarks/peer.py runs this case
// beside the numpy version of the same problem (../shared/bench/numpy_synth.py, same data)
// and prints the ratio with the machine's load.

/// 2,000 entities × 500 indicators scored in process: median of 11 runs after a warm-up.
func coinrCase(_ context: BenchContext) -> Bool {
  let shape = SyntheticShape(
    entities: 2000, periods: 1, indicators: 500, levels: [50, 5], missingEvery: 0)
  let report = Report(caseName: "coinr", peaks: context.peaks)
  report.note(
    "\(shape.entities) entities × \(shape.indicators) indicators = \(shape.cells) cells; "
      + "tree 500 → 50 → 5 → index; min-max 0..100 then arithmetic; data built in memory")

  if let tunables = getenv("GLIBC_TUNABLES") {
    report.note("steady heap: GLIBC_TUNABLES=\(String(cString: tunables))")
  }

  report.begin()
  var table = DataTable(entities: [], periods: [])
  report.phase("build table", timing { table = shape.table() }, "not part of the figure")
  let plan = shape.plan(prefix: "")

  report.begin()
  var failed = false
  let runs = timing(runs: 11, warmUps: 1) {
    let results = run(plan, on: table)
    failed = failed || results.diagnostics.hasErrors || results.index.count != shape.entities
  }
  report.phase("run × 11", runs, "engine `run`, after one warm-up")
  if failed { report.note("the run reported errors: its figures are not comparable") }

  report.begin()
  let stages = timing(runs: 11, warmUps: 1) { scoreWithStagesOnly(shape, table: table) }
  report.phase("stages × 11", stages, "normalize + aggregate called directly")

  let runMedian = runs.median
  report.figure("run: cells per second", format(Double(shape.cells) / runMedian / 1e6, 1) + " M/s")
  report.figure(
    "bare stages / run (medians)", format(stages.median / runMedian * 100, 0) + " %")
  report.target(
    "run median", measured: runMedian * 1000, target: 17, unit: "ms", higherIsBetter: false)
  return !failed
}

/// The same scores from `normalize` on every indicator and `aggregate` on every node, called
/// directly: what the run costs without the pipeline's bookkeeping.
private func scoreWithStagesOnly(_ shape: SyntheticShape, table: DataTable) {
  var below: [[Double]] = []
  below.reserveCapacity(shape.indicators)
  for (i, column) in table.columns.enumerated() {
    let direction: Direction = i % 5 == 4 ? .lower : .higher
    below.append(normalize(column, direction: direction, with: .minmax100).values)
  }
  for count in shape.levels + [1] {
    let perNode = below.count / count
    let weights = [Double](repeating: 1, count: perNode)
    below = (0..<count).map { node in
      let members = Array(below[(node * perNode)..<((node + 1) * perNode)])
      return aggregate(members, weights: weights, with: .arithmetic).values
    }
  }
}
