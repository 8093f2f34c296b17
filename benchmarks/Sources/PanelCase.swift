import Diagnostics
import IndexLanguage
import ScoringEngine

// The panel case follows a large dataset through the product's path: a CSV on disk, loaded
// with `loadTable`, merged as a data source, scored with `run`. Then it times the two stages
// that do the arithmetic, `normalize` and `aggregate`, on the same data without the pipeline
// around them, to separate the cost of the arithmetic from the cost of the bookkeeping.
//
// Memory is reported per phase: the phase peak is the kernel's high-water mark reset at the
// start of each phase, so "load" and "run" each show their own peak with whatever the earlier
// phases left alive (the run phase holds the loaded table, as a real run would).

/// How many times each timed phase runs; the median is the figure, as other work on the machine
/// can slow any single run.
private let repetitions = 3

/// 1,000 entities × 1,000 indicators × 10 periods through CSV, load, run and the bare stages.
func panelCase(_ context: BenchContext) -> Bool {
  let shape = SyntheticShape(
    entities: 1000, periods: 10, indicators: 1000, levels: [100, 10], missingEvery: 100)
  let report = Report(caseName: "panel", peaks: context.peaks)
  let dataBytes = shape.cells * MemoryLayout<Double>.size
  report.note(
    "\(shape.entities) entities × \(shape.indicators) indicators × \(shape.periods) periods "
      + "= \(shape.cells) cells (1 in \(shape.missingEvery) missing); as doubles "
      + "\(megabytes(dataBytes)); tree \(shape.indicators) → \(shape.levels[0]) → "
      + "\(shape.levels[1]) → index, min-max 0..100 then arithmetic; timed phases: median of "
      + "\(repetitions)")
  if !report.phasePeaks {
    report.note("the kernel refused to reset the peak: phase peaks are process peaks")
  }

  let path = context.outputDirectory + "/panel-1000x1000x10.csv"
  report.begin()
  var written: Int?
  let writeTiming = timing { written = writePanelCSV(shape, to: path) }
  guard let written else {
    report.note("cannot write \(path)")
    return false
  }
  report.phase("write csv", writeTiming, "\(megabytes(written)) to \(path)")

  guard let loaded = loadPanel(path, report: report) else { return false }
  let (table, loadSeconds) = loaded
  let loadPeak = report.phasePeaks ? Memory.phasePeak() : nil
  report.figure("table after load (file bytes freed)", "rss \(megabytes(Memory.current()))")

  report.begin()
  var merged = table
  let mergeTiming = timing { merged = DataTable.merging([("d", table)]) }
  report.phase("merge", mergeTiming, "one source, columns shared")

  let plan = shape.plan(prefix: "d.")
  report.begin()
  var failed = false
  let runTiming = timing(runs: repetitions) {
    let results = run(plan, on: merged)
    failed =
      failed || results.diagnostics.hasErrors
      || results.index.count != shape.entities * shape.periods
  }
  let runSeconds = runTiming.median
  let runPeak = report.phasePeaks ? Memory.phasePeak() : nil
  report.phase(
    "run", runTiming,
    "\(plan.nodes.count) nodes; \(format(Double(shape.cells) / runSeconds / 1e6, 1)) M cells/s")
  let productPeak = report.peaks.processPeak
  if failed {
    report.note("the run reported errors: its figures are not comparable")
  }
  report.figure(
    "run: cells per second", format(Double(shape.cells) / runSeconds / 1e6, 1) + " M cells/s")
  report.figure(
    "run: cells per second, best run",
    format(Double(shape.cells) / runTiming.best / 1e6, 1) + " M cells/s")

  let stages = timeStages(shape, table: table, report: report)

  report.target(
    "CSV load (loadTable on bytes in memory)", measured: Double(written) / 1e6 / loadSeconds,
    target: 100, unit: "MB/s", higherIsBetter: true)
  report.target(
    "normalize + aggregate (one core)",
    measured: Double(shape.cells) / (stages.normalizeSeconds + stages.aggregateSeconds) / 1e6,
    target: 50, unit: "M cells/s", higherIsBetter: true)
  let limit = Double(3 * dataBytes) / 1e6
  if let loadPeak {
    report.target(
      "peak RSS during load", measured: Double(loadPeak) / 1e6, target: limit, unit: "MB",
      higherIsBetter: false)
  }
  if let runPeak {
    report.target(
      "peak RSS during run (table live)", measured: Double(runPeak) / 1e6, target: limit,
      unit: "MB", higherIsBetter: false)
  }
  report.target(
    "peak RSS, process, write → load → run", measured: Double(productPeak) / 1e6,
    target: limit, unit: "MB", higherIsBetter: false)
  report.note(
    "the bare-stage phases copy the data into per-period arrays first, so their peaks "
      + "measure this harness, not the product")
  return !failed
}

/// Reads the file (timed apart, as the page cache makes it nearly free) and loads it; returns
/// the table and the median seconds `loadTable` took.
private func loadPanel(_ path: String, report: Report) -> (DataTable, Double)? {
  report.begin()
  var bytes: [UInt8] = []
  var readError: FileError?
  let read = timing {
    do throws(FileError) {
      bytes = try DiskFileSystem().read(path)
    } catch {
      readError = error
    }
  }
  if let readError {
    report.note("cannot read \(path): \(readError.reason)")
    return nil
  }
  let size = bytes.count
  report.phase(
    "read file", read, "\(megabytes(size)), \(format(Double(size) / 1e6 / read.median, 0)) MB/s")

  report.begin()
  var table: DataTable?
  var errors = 0
  let file = SourceFile(path: path, bytes: bytes)
  bytes = []
  var loads = Timing()
  for _ in 0..<repetitions {
    table = nil  // one table alive at a time, as in a real load
    loads.record {
      let load = loadTable(
        file, options: TableOptions(keyColumn: "entity", periodColumn: "period"))
      table = load.table
      errors = load.diagnostics.filter(\.isError).count
    }
  }
  let loadSeconds = loads.median
  report.phase(
    "loadTable", loads,
    "\(format(Double(size) / 1e6 / loadSeconds, 1)) MB/s (best "
      + "\(format(Double(size) / 1e6 / loads.best, 1))), file bytes live")
  guard let table, errors == 0 else {
    report.note("loadTable reported \(errors) errors")
    return nil
  }
  report.figure(
    "table",
    "\(table.entities.count) entities × \(table.variables.count) variables × "
      + "\(table.periods.count) periods")
  return (table, loadSeconds)
}

/// Times of the bare stages on the loaded data.
private struct StageTimes {
  var normalizeSeconds: Double
  var aggregateSeconds: Double
}

/// Normalizes every indicator in every period, then aggregates every level, on one core.
///
/// The stage functions are called directly. Splitting the columns into per-period arrays is
/// not timed: the stages take `[Double]`, and the pipeline's own copies are measured by the run
/// phase.
private func timeStages(_ shape: SyntheticShape, table: DataTable, report: Report) -> StageTimes {
  let n = shape.entities
  let periods = shape.periods
  var inputs: [[Double]] = []
  inputs.reserveCapacity(shape.indicators * periods)
  for column in table.columns {
    for p in 0..<periods { inputs.append(Array(column[(p * n)..<((p + 1) * n)])) }
  }
  report.begin()
  var scores: [[Double]] = []
  var normalized = Timing()
  for _ in 0..<repetitions {
    scores = []  // the previous repetition's output is freed first
    normalized.record { scores = normalizeAll(inputs, shape) }
  }
  let normalizeSeconds = normalized.median
  report.phase(
    "normalize", normalized, format(Double(shape.cells) / normalizeSeconds / 1e6, 1) + " M cells/s")

  report.begin()
  var memberCells = 0
  let aggregated = timing(runs: repetitions) { memberCells = aggregateAll(scores, shape) }
  let aggregateSeconds = aggregated.median
  report.phase(
    "aggregate", aggregated,
    format(Double(memberCells) / aggregateSeconds / 1e6, 1) + " M member cells/s")
  return StageTimes(normalizeSeconds: normalizeSeconds, aggregateSeconds: aggregateSeconds)
}

/// Min-max on every indicator in every period: `inputs[i * periods + p]`, same layout out.
private func normalizeAll(_ inputs: [[Double]], _ shape: SyntheticShape) -> [[Double]] {
  var scores: [[Double]] = []
  scores.reserveCapacity(inputs.count)
  for i in 0..<shape.indicators {
    let direction: Direction = i % 5 == 4 ? .lower : .higher
    for p in 0..<shape.periods {
      scores.append(
        normalize(inputs[i * shape.periods + p], direction: direction, with: .minmax100).values)
    }
  }
  return scores
}

/// Arithmetic means up every level of the tree; returns how many member cells were read.
private func aggregateAll(_ scores: [[Double]], _ shape: SyntheticShape) -> Int {
  let periods = shape.periods
  var memberCells = 0
  var below = scores
  var width = shape.indicators
  for count in shape.levels + [1] {
    let perNode = width / count
    let weights = [Double](repeating: 1, count: perNode)
    var level = [[Double]](repeating: [], count: count * periods)
    for node in 0..<count {
      for p in 0..<periods {
        let members = (0..<perNode).map { below[(node * perNode + $0) * periods + p] }
        level[node * periods + p] = aggregate(members, weights: weights, with: .arithmetic).values
        memberCells += perNode * shape.entities
      }
    }
    below = level
    width = count
  }
  return memberCells
}
