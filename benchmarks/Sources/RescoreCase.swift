import IndexLanguage
import ScoringEngine

// Re-scoring for many draws: ASEM (51 countries, 49 indicators, 11 aggregates, group-mean
// imputation and winsorization) with every weight multiplied by a factor in [0.75, 1.25], as
// the uncertainty analysis's weight draws do, scored by `Rescorer.score` (only the
// aggregation reruns) and, for comparison, by a full `run`. One thread; the drawing of the
// factors is inside the figure.

/// Draws per timed run.
private let rescoreDraws = 20_000

/// Weight draws per second on ASEM, rescored and run in full.
func rescoreCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "rescore", peaks: context.peaks)
  report.note("load average \(loadAverage()) (2 cores, shared)")
  let compilation = compile(path: "methodologies/asem.idx", fileSystem: DiskFileSystem())
  guard compilation.isRunnable, let nominal = compilation.plan, let table = compilation.table
  else {
    report.note("methodologies/asem.idx does not compile: run from the package root")
    return false
  }
  let aggregates = nominal.nodes.indices.filter { nominal.nodes[$0].aggregate != nil }
  let rescorer = Rescorer(plan: nominal, on: table)
  var checksum = 0.0
  /// One draw: every weight scaled by its own factor.
  func drawn(_ random: inout SplitMix64) -> Plan {
    var plan = nominal
    for node in aggregates {
      guard case .aggregate(var spec) = plan.nodes[node].kind else { continue }
      for m in spec.members.indices {
        spec.members[m].weight *= 0.75 + 0.5 * Double(random.next() >> 11) / Double(1 << 53)
      }
      plan.nodes[node].kind = .aggregate(spec)
    }
    return plan
  }
  let changes = PlanChanges(aggregates: aggregates)
  report.begin()
  let rescored = timing(runs: 3, warmUps: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<rescoreDraws {
      checksum += rescorer.score(drawn(&random), changes: changes).index[0]
    }
  }
  report.phase("rescore × \(rescoreDraws)", rescored, "Rescorer.score, weights changed")
  report.begin()
  let full = timing(runs: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<(rescoreDraws / 10) { checksum += run(drawn(&random), on: table).index[0] }
  }
  report.phase("run × \(rescoreDraws / 10)", full, "full run per draw, for comparison")
  let perSecond = Double(rescoreDraws) / rescored.median
  report.figure("rescored weight draws per second", format(perSecond, 0))
  report.figure("full-run draws per second", format(Double(rescoreDraws / 10) / full.median, 0))
  report.target(
    "weight draws per second, one core", measured: perSecond, target: 50_000, unit: "/s",
    higherIsBetter: true)
  report.note("checksum \(format(checksum, 3)); load average \(loadAverage()) at the end")
  return checksum.isFinite
}
