import IndexLanguage
import IndexReport
import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The HTML report: how big the page is and how long it takes to write, for the ASEM index
// (51 countries, 49 indicators, every stage live in the page) and for the 2,000 × 500
// synthetic case (the value budget keeps the two upper levels live and embeds the 50
// pillars). Times are in process: compile (ASEM only), run, render and write atomically;
// run.sh times the whole `idx report` process as well. Both pages carry the coherence panel
// (the synthetic one capped at its cell budget); each is also rendered with the comparison
// panel (`--vs`) against the same plan with the index's first member weighted double.

/// ASEM and the synthetic field: sizes and times of the report.
func reportCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "report", peaks: context.peaks)
  let disk = DiskFileSystem()
  let asemPath = "methodologies/asem.idx"
  var ok = true

  report.begin()
  var asemBytes = 0
  var failed = false
  let whole = timing(runs: 11, warmUps: 1) {
    let compilation = compile(path: asemPath, fileSystem: disk)
    guard let plan = compilation.plan, let table = compilation.table, compilation.isRunnable
    else {
      failed = true
      return
    }
    let results = run(plan, on: table)
    let html = HTMLReport(
      results: results, periods: [],
      options: ReportOptions(sourceName: "asem.idx", generator: "idx-bench")
    ).render()
    let bytes = Array(html.utf8)
    asemBytes = bytes.count
    do {
      try disk.writeAtomically(context.outputDirectory + "/asem-report.html", bytes: bytes)
    } catch {
      failed = true
    }
  }
  if failed {
    report.note("cannot compile \(asemPath) or write the page: run from the repository's root")
    return false
  }
  report.phase("asem × 11", whole, "compile, run, render and write atomically")

  let compilation = compile(path: asemPath, fileSystem: disk)
  if let plan = compilation.plan, let table = compilation.table {
    let results = run(plan, on: table)
    report.begin()
    let render = timing(runs: 11, warmUps: 1) {
      _ = HTMLReport(
        results: results, periods: [],
        options: ReportOptions(sourceName: "asem.idx", generator: "idx-bench")
      ).render()
    }
    report.phase("asem render × 11", render, "the page from the results alone")
  }
  report.figure("asem page", kilobytes(asemBytes))
  report.target(
    "asem page size", measured: Double(asemBytes) / 1024, target: 600, unit: "KB",
    higherIsBetter: false)
  if let plan = compilation.plan, let table = compilation.table {
    let results = run(plan, on: table)
    let other = run(reweighted(plan), on: table)
    var bytes = 0
    report.begin()
    let versus = timing(runs: 11, warmUps: 1) {
      bytes =
        HTMLReport(
          results: results, periods: [],
          options: ReportOptions(sourceName: "asem.idx", generator: "idx-bench"), table: table,
          versus: ReportVersus(results: other, table: table, sourceName: "fork.idx")
        ).render().utf8.count
    }
    report.phase("asem --vs render × 11", versus, "with the comparison panel (diff included)")
    report.figure("asem --vs page", kilobytes(bytes))
    report.target(
      "asem --vs page size", measured: Double(bytes) / 1024, target: 600, unit: "KB",
      higherIsBetter: false)
  }
  report.target(
    "asem written (in process)", measured: whole.median * 1000, target: 200, unit: "ms",
    higherIsBetter: false)

  let shape = SyntheticShape(
    entities: 2000, periods: 1, indicators: 500, levels: [50, 5], missingEvery: 0)
  report.begin()
  let table = shape.table()
  let results = run(shape.plan(prefix: ""), on: table)
  ok = ok && !results.diagnostics.hasErrors
  var syntheticBytes = 0
  let synthetic = timing(runs: 3, warmUps: 1) {
    let html = HTMLReport(
      results: results, periods: [],
      options: ReportOptions(sourceName: "synthetic.idx", generator: "idx-bench")
    ).render()
    syntheticBytes = html.utf8.count
    do {
      try disk.writeAtomically(
        context.outputDirectory + "/synthetic-report.html", bytes: Array(html.utf8))
    } catch {
      ok = false
    }
  }
  report.phase("synthetic × 3", synthetic, "2,000 × 500: render and write (run not included)")
  report.figure("synthetic page", kilobytes(syntheticBytes))
  report.target(
    "synthetic page size", measured: Double(syntheticBytes) / 1024 / 1024, target: 5,
    unit: "MB", higherIsBetter: false)

  report.begin()
  let other = run(reweighted(shape.plan(prefix: "")), on: table)
  var versusBytes = 0
  let versus = timing(runs: 3, warmUps: 1) {
    versusBytes =
      HTMLReport(
        results: results, periods: [],
        options: ReportOptions(sourceName: "synthetic.idx", generator: "idx-bench"),
        table: table, versus: ReportVersus(results: other, table: table, sourceName: "fork.idx")
      ).render().utf8.count
  }
  report.phase("synthetic --vs × 3", versus, "render with the comparison panel (diff included)")
  report.figure("synthetic --vs page", kilobytes(versusBytes))
  report.target(
    "synthetic --vs page size", measured: Double(versusBytes) / 1024 / 1024, target: 5,
    unit: "MB", higherIsBetter: false)
  return ok
}

/// The plan with its index's first member weighted double: the other side of a comparison.
private func reweighted(_ plan: Plan) -> Plan {
  var fork = plan
  if case .aggregate(var aggregate) = fork.nodes[fork.root].kind, !aggregate.members.isEmpty {
    aggregate.members[0].weight *= 2
    fork.nodes[fork.root].kind = .aggregate(aggregate)
  }
  return fork
}

private func kilobytes(_ bytes: Int) -> String {
  format(Double(bytes) / 1024, 1) + " KB"
}
