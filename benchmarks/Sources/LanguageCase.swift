import Diagnostics
import IndexLanguage
import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The language case times the front end on a methodology far larger than any real one: about
// 50,000 lines, 10,000 indicators under 500 pillars and 20 dimensions, with doc comments,
// section comments and a few formulas, in a `MemoryFileSystem` next to a small CSV with one
// column per indicator. `compile` is the whole front end (read, parse, check, lower, load the
// data and check it against the plan); `Parser.parse` alone shows how much of it is syntax.

/// Seconds after which a phase stops repeating: a front end slower than expected should still
/// give a figure in reasonable time.
private let budget = 20.0

/// Compiles the synthetic methodology: median of 5 after a warm-up, and the parser alone.
func languageCase(_ context: BenchContext) -> Bool {
  let methodology = SyntheticMethodology()
  let report = Report(caseName: "language", peaks: context.peaks)
  report.begin()
  let fileSystem = MemoryFileSystem()
  var text = ""
  var csv = ""
  let generated = timing {
    text = methodology.text()
    csv = methodology.csv()
  }
  let lineCount = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  let textBytes = text.utf8.count
  fileSystem.set("bench/synthetic.idx", text)
  fileSystem.set("bench/data.csv", csv)
  report.phase(
    "generate", generated,
    "\(lineCount) lines, \(megabytes(textBytes)); csv \(megabytes(csv.utf8.count))")

  report.begin()
  let file = SourceFile(path: "bench/synthetic.idx", text: text)
  var statements = 0
  var parseErrors = 0
  let parsed = timing(runs: 5, warmUps: 1, budget: budget) {
    let (syntax, diagnostics) = Parser.parse(file)
    statements = syntax.statements.count
    parseErrors = diagnostics.filter(\.isError).count
  }
  report.phase(
    "Parser.parse", parsed,
    "\(statements) statements, \(parseErrors) errors; \(parsed.wall.count) timed runs")

  report.begin()
  var compilation: Compilation?
  // The data is read on a second thread while the checker runs: this thread's CPU time is the
  // length of the chain a quiet machine with two cores waits for.
  var ownCPU: [Double] = []
  let compiled = timing(runs: 5, warmUps: 1, budget: budget) {
    let start = threadCPUSeconds()
    compilation = compile(path: "bench/synthetic.idx", fileSystem: fileSystem)
    ownCPU.append(threadCPUSeconds() - start)
  }
  let ownCPUMedian = medianOf(Array(ownCPU.suffix(compiled.wall.count)))
  let errors = compilation?.diagnostics.filter(\.isError) ?? []
  report.phase(
    "compile", compiled,
    "runnable: \(compilation?.isRunnable ?? false), \(errors.count) errors; "
      + "\(compiled.wall.count) timed runs")

  if let first = errors.first {
    report.note("first error: \(first.code) \(first.message)")
  }
  if statements == 0 {
    report.note("Parser.parse returned no statements: this build has the parser stub, so")
    report.note("there is nothing to measure yet; rerun after the parser is merged")
    report.note("target compile ≥ 1 M lines/s: not measured (parser stub)")
    return true
  }
  let lines = Double(lineCount)
  report.figure("parse: lines per second", format(lines / parsed.median / 1e6, 2) + " M lines/s")
  report.figure(
    "parse: bytes per second", format(Double(textBytes) / parsed.median / 1e6, 1) + " MB/s")
  report.figure(
    "compile: lines per second", format(lines / compiled.median / 1e6, 2) + " M lines/s")
  // What the front end does after parsing: resolution, the checker, lowering, the data.
  report.figure(
    "compile − parse (check + lower + data)",
    "CPU \(format((compiled.cpuMedian - parsed.cpuMedian) * 1e3, 1)) ms, wall "
      + "\(format((compiled.median - parsed.median) * 1e3, 1)) ms (medians; target ≤ 30 ms)")
  report.figure(
    "compile: lines per CPU second", format(lines / compiled.cpuMedian / 1e6, 2) + " M lines/s")
  report.figure(
    "compile: CPU of the calling thread",
    "\(format(ownCPUMedian * 1e3, 1)) ms (median; the process's: "
      + "\(format(compiled.cpuMedian * 1e3, 1)) ms)")
  report.target(
    "compile (parse + check + lower + data)", measured: lines / compiled.median / 1e6,
    target: 1, unit: "M lines/s", higherIsBetter: true, digits: 2)
  return true
}

/// CPU time of the calling thread so far, in seconds.
private func threadCPUSeconds() -> Double {
  var now = timespec()
  guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return .nan }
  return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
