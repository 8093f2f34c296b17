#if canImport(Glibc)
  import Glibc
#endif

// idx-bench: performance figures for idx, printed and never asserted.
//
//   idx-bench [--out DIR] [CASE …]   cases: panel, coinr, language, text, diff, audit, editor, fmt,
//                                    report, uncertainty, repl, memory, import (default: all)
//
// Each case prints its phases, figures and targets on lines that start with its name. A missed
// target is reported, not an error: the exit status is non-zero only when a case could not run
// (an unwritable output folder, or a run that reported errors).

/// What every case is given: where to write files, and the process's memory peak so far.
struct BenchContext {
  let outputDirectory: String
  let peaks: PeakTracker
}

/// A case: its name, what it measures, and the function that runs it.
struct BenchCase {
  let name: String
  let summary: String
  let run: (BenchContext) -> Bool
}

let cases = [
  BenchCase(
    name: "panel", summary: "10M-cell panel CSV: load, run, bare normalize + aggregate",
    run: panelCase),
  BenchCase(
    name: "coinr", summary: "2,000 × 500 in memory: run median (numpy beside it: peer.py)",
    run: coinrCase),
  BenchCase(
    name: "language", summary: "50,000-line methodology: compile and parse",
    run: languageCase),
  BenchCase(
    name: "text", summary: "many diagnostics on one long line: compile and render",
    run: textCase),
  BenchCase(
    name: "diff", summary: "two methodologies over the 1,000 × 1,000 × 10 panel: runs + diff",
    run: diffCase),
  BenchCase(
    name: "audit", summary: "2,000 × 500 in memory: the audit of one scored period",
    run: auditCase),
  BenchCase(
    name: "editor", summary: "idx lsp: diagnostics after an edit (ASEM, 50,000 lines)",
    run: editorCase),
  BenchCase(name: "fmt", summary: "idx fmt: format the 50,000-line methodology", run: formatCase),
  BenchCase(
    name: "report", summary: "HTML report: ASEM and 2,000 × 500 page size and write time",
    run: reportCase),
  BenchCase(
    name: "engine", summary: "2,000 × 500 and 10,000 × 1,000: run, bandwidth, numpy same run",
    run: engineCase),
  BenchCase(name: "rescore", summary: "ASEM weight draws per second, rescored", run: rescoreCase),
  BenchCase(
    name: "uncertainty", summary: "10,000 Monte Carlo draws of ASEM on 1 and 2 threads, Sobol",
    run: uncertaintyCase),
  BenchCase(
    name: "repl",
    summary: "idx repl: an edit re-scored and summarized (ASEM, 1,000 × 1,000); :solve",
    run: replCase),
  BenchCase(
    name: "memory", summary: "front-end memory per input byte: 1, 20, 200 MB methodologies",
    run: memoryCase),
  BenchCase(
    name: "import",
    summary: "idx import coinr: 500-indicator COINr tables, then check; the table read directly",
    run: importCase),
]

/// Writes a line to standard error through its descriptor (the C `stderr` global is shared
/// mutable state to Swift 6).
func printError(_ message: String) {
  let line = Array((message + "\n").utf8)
  _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

var outputDirectory = "/tmp/idx-bench"
var selected: [BenchCase] = []
var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--layouts" {
  printLayouts()
  exit(0)
}
// The memory case runs this executable again on one file: `--memory-child STAGE PATH`.
if arguments.first == "--memory-child", arguments.count == 3 {
  exit(
    memoryChild(
      stage: arguments[arguments.startIndex + 1], path: arguments[arguments.startIndex + 2]))
}
// The engine case runs this executable again for a fresh process's first run.
if arguments.first == "--engine-child", arguments.count == 4 || arguments.count == 5 {
  let values = Array(arguments)
  exit(
    engineChild(
      entities: Int(values[1]) ?? 0, indicators: Int(values[2]) ?? 0, policy: values[3],
      runs: values.count == 5 ? Int(values[4]) ?? 1 : 1))
}
while let argument = arguments.popFirst() {
  if argument == "--out", let directory = arguments.popFirst() {
    outputDirectory = directory
  } else if argument == "--help" || argument == "-h" || argument == "list" {
    print("usage: idx-bench [--out DIR] [CASE …]")
    for bench in cases { print("  \(pad(bench.name, 10)) \(bench.summary)") }
    exit(0)
  } else if let bench = cases.first(where: { $0.name == argument }) {
    selected.append(bench)
  } else {
    printError("idx-bench: unknown case `\(argument)` (try --help)")
    exit(2)
  }
}
if selected.isEmpty { selected = cases }
if mkdir(outputDirectory, 0o755) != 0 && errno != EEXIST {
  printError("idx-bench: cannot create \(outputDirectory)")
  exit(2)
}

// Cases run one after another in this process, so a later case's process peak includes the
// earlier ones; benchmarks/run.sh runs each case in its own process.
let context = BenchContext(outputDirectory: outputDirectory, peaks: PeakTracker())
var allRan = true
for bench in selected {
  allRan = bench.run(context) && allRan
}
exit(allRan ? 0 : 1)
