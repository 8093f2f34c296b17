import IndexLanguage
import ScoringEngine

// Re-scoring for many draws: ASEM (51 countries, 49 indicators, 11 aggregates, group-mean
// imputation and winsorization) with every weight multiplied by a factor in [0.75, 1.25], as
// the uncertainty analysis's weight draws do, scored by `Rescorer.score` (only the
// aggregation reruns), by the weight-draw entry points `Rescorer.scoreWeights` (a reusable
// workspace, the index and ranks only) with the draw's plan copied from the nominal one or
// rebuilt in place in one plan, by `scoreVariant` (the uncertainty analysis's path, no plan)
// and, for comparison, by a full `run`. One thread; the drawing of the factors (and the
// building of the draw's plan where there is one) is inside the figure.

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
  report.phase("score × \(rescoreDraws)", rescored, "Rescorer.score: Results, plan built per draw")

  // The weight-draw entry points on one reusable workspace: with the draw's plan built, as the
  // uncertainty analysis does, and with the weights drawn straight into reused lists.
  var workspace = RescoreWorkspace()
  var fellBack = 0
  report.begin()
  let planDraws = timing(runs: 3, warmUps: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<rescoreDraws {
      if rescorer.scoreWeights(drawn(&random), aggregates: aggregates, into: &workspace) {
        checksum += workspace.index[0]
      } else {
        fellBack += 1
      }
    }
  }
  report.phase(
    "scoreWeights(plan) × \(rescoreDraws)", planDraws, "workspace reused, plan built per draw")
  var nominalWeights = [[Double]](repeating: [], count: nominal.nodes.count)
  for node in aggregates {
    nominalWeights[node] = nominal.nodes[node].aggregate?.members.map(\.weight) ?? []
  }

  // The same entry point, the draw's plan rebuilt in place in one plan kept from draw to
  // draw (`Plan.updateAggregate`): what a caller that builds a plan per draw need pay.
  var reused = nominal
  report.begin()
  let reusedDraws = timing(runs: 3, warmUps: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<rescoreDraws {
      for node in aggregates {
        reused.updateAggregate(node) { spec in
          for m in spec.members.indices {
            let factor = 0.75 + 0.5 * Double(random.next() >> 11) / Double(1 << 53)
            spec.members[m].weight = nominalWeights[node][m] * factor
          }
        }
      }
      if rescorer.scoreWeights(reused, aggregates: aggregates, into: &workspace) {
        checksum += workspace.index[0]
      } else {
        fellBack += 1
      }
    }
  }
  report.phase(
    "scoreWeights(plan in place) × \(rescoreDraws)", reusedDraws,
    "workspace reused, one plan rebuilt in place per draw")
  var weights = nominalWeights
  report.begin()
  let weightDraws = timing(runs: 3, warmUps: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<rescoreDraws {
      for node in aggregates {
        for m in weights[node].indices {
          let factor = 0.75 + 0.5 * Double(random.next() >> 11) / Double(1 << 53)
          weights[node][m] = nominalWeights[node][m] * factor
        }
      }
      if rescorer.scoreWeights(weights, into: &workspace) {
        checksum += workspace.index[0]
      } else {
        fellBack += 1
      }
    }
  }
  report.phase(
    "scoreWeights(weights) × \(rescoreDraws)", weightDraws, "workspace and weight lists reused")

  // The uncertainty analysis's path: the weights drawn into a reused `VariantDraw`, scored by
  // `scoreVariant` (which could also change normalizers, aggregators, a member left out).
  var variants = rescorer
  variants.prepareVariants()
  let offsets = VariantDraw.weightOffsets(of: nominal)
  var variant = VariantDraw(nominal: nominal)
  report.begin()
  let variantDraws = timing(runs: 3, warmUps: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<rescoreDraws {
      for node in aggregates {
        for m in nominalWeights[node].indices {
          let factor = 0.75 + 0.5 * Double(random.next() >> 11) / Double(1 << 53)
          variant.weights[offsets[node] + m] = nominalWeights[node][m] * factor
        }
      }
      if variants.scoreVariant(variant, into: &workspace) {
        checksum += workspace.index[0]
      } else {
        fellBack += 1
      }
    }
  }
  report.phase(
    "scoreVariant × \(rescoreDraws)", variantDraws, "workspace and VariantDraw reused")
  if fellBack > 0 { report.note("\(fellBack) weight draws fell back (expected none)") }

  report.begin()
  let full = timing(runs: 1) {
    var random = SplitMix64(seed: 1)
    for _ in 0..<(rescoreDraws / 10) { checksum += run(drawn(&random), on: table).index[0] }
  }
  report.phase("run × \(rescoreDraws / 10)", full, "full run per draw, for comparison")
  func perSecond(_ timed: Timing) -> Double { Double(rescoreDraws) / timed.median }
  func perSecondOfCPU(_ timed: Timing) -> Double { Double(rescoreDraws) / timed.cpuMedian }
  for (label, timed) in [
    ("Rescorer.score", rescored), ("scoreWeights(plan)", planDraws),
    ("scoreWeights(plan in place)", reusedDraws), ("scoreWeights(weights)", weightDraws),
    ("scoreVariant(draw)", variantDraws),
  ] {
    report.figure(
      "\(label) draws per second",
      format(perSecond(timed), 0) + " wall median, " + format(perSecondOfCPU(timed), 0)
        + " of CPU, best " + format(Double(rescoreDraws) / timed.best, 0))
  }
  report.figure("full-run draws per second", format(Double(rescoreDraws / 10) / full.median, 0))
  report.target(
    "weight draws per second, one core (scoreWeights, plan built per draw)",
    measured: perSecond(planDraws), target: 50_000, unit: "/s", higherIsBetter: true)
  report.target(
    "the same, CPU time (what a quiet machine's wall time would be)",
    measured: perSecondOfCPU(planDraws), target: 50_000, unit: "/s", higherIsBetter: true)
  report.target(
    "the same, the plan rebuilt in place (CPU time)",
    measured: perSecondOfCPU(reusedDraws), target: 50_000, unit: "/s", higherIsBetter: true)
  report.note("checksum \(format(checksum, 3)); load average \(loadAverage()) at the end")
  return checksum.isFinite && fellBack == 0
}
