import IndexAnalysis
import IndexLanguage
import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

// The uncertainty case: `methodologies/asem-uncertain.idx`, the JRC ASEM index (51 countries,
// 49 indicators, 11 aggregates; group-mean imputation and winsorization) with every weight
// perturbed by ±25%, two normalizers and two aggregators, 10,000 draws. The methodology is
// compiled once (the figure excludes it, as the draws do: they reuse the checked plan and the
// loaded data); the draws are timed on one thread and on two, and once more with the Sobol
// design of 10,000 × (3 + 2) runs. The peer is numpy on the same three assumptions
// (benchmarks/peers/asem_uncertainty_numpy.py, run by run.sh, in the same run). COINr's
// `get_sensitivity` cannot run here (no R), so no figure is divided by a remembered COINr time.

/// Draws per timed run.
private let draws = 10_000

/// 10,000 draws of ASEM on one thread and on two, and the Sobol design on two.
func uncertaintyCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "uncertainty", peaks: context.peaks)
  report.note("load average \(loadAverage()) (2 cores, shared)")
  report.begin()
  var compilation: Compilation?
  let compiling = timing {
    compilation = compile(
      path: "methodologies/asem-uncertain.idx", fileSystem: DiskFileSystem())
  }
  guard let compilation, compilation.isRunnable, let plan = compilation.plan,
    let table = compilation.table, let model = compilation.uncertainty
  else {
    report.note("methodologies/asem-uncertain.idx does not compile: run from the package root")
    return false
  }
  report.phase("compile", compiling, "parse, check, load the data (once, not in the figure)")
  report.note(
    "\(table.entities.count) entities, \(plan.nodes.count) nodes, \(model.sources.count) "
      + "sources (\(model.sources.map(\.name).joined(separator: ", "))), \(draws) draws")

  var failed = false
  var medians: [Int: Double] = [:]
  var cpu: [Int: Double] = [:]
  var gapText = ""
  for threads in [1, 2] {
    report.begin()
    var options = UncertaintyOptions()
    options.draws = draws
    options.threads = threads
    let runs = timing(runs: 3) {
      switch UncertaintyAnalysis.run(plan: plan, table: table, model: model, options: options) {
      case .success(let result):
        if let pair = result.pair, let share = pair.probabilityAhead {
          gapText = "P(\(pair.first) ahead of \(pair.second)) = \(format(share * 100, 1)) %"
        }
      case .failure:
        failed = true
      }
    }
    medians[threads] = runs.median
    cpu[threads] = runs.cpuMedian
    report.phase(
      "\(threads) thread\(threads == 1 ? "" : "s")", runs,
      "\(draws) draws, median of 3; \(format(Double(draws) / runs.median, 0)) draws/s")
  }
  report.note(gapText)

  report.begin()
  var sobol = UncertaintyOptions()
  sobol.draws = draws
  sobol.threads = 2
  sobol.sensitivity = true
  let sensitivity = timing {
    if case .failure = UncertaintyAnalysis.run(
      plan: plan, table: table, model: model, options: sobol)
    {
      failed = true
    }
  }
  let sobolRuns = draws * (model.sources.count + 2)
  report.phase(
    "sobol, 2 thr.", sensitivity,
    "\(sobolRuns) runs + indices of the gap and 51 ranks (500 bootstrap resamples each)")

  let one = medians[1] ?? .nan
  let two = medians[2] ?? .nan
  report.figure("draws per second, 1 thread", format(Double(draws) / one, 0))
  report.figure("draws per second, 2 threads", format(Double(draws) / two, 0))
  report.figure("speed-up of 2 threads", format(one / two, 2) + "×")
  report.target(
    "10,000 draws on 2 threads", measured: two, target: 2, unit: "s", higherIsBetter: false,
    digits: 2)
  report.figure(
    "CPU per draw, 1 and 2 threads",
    format(cpu[1, default: .nan] / Double(draws) * 1e6, 1) + " µs, "
      + format(cpu[2, default: .nan] / Double(draws) * 1e6, 1) + " µs")
  report.note("load average \(loadAverage()) at the end")
  if failed { report.note("an analysis failed: its figures are not comparable") }
  return !failed
}
