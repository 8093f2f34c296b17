import IndexAnalysis
import ScoringEngine

// `idx audit`'s statistics on the COINr-sized problem: the same 2,000 entities × 500 indicators
// and 500 → 50 → 5 → index tree as the `coinr` case, built in memory and scored once; then the
// audit of its period is timed on its own (descriptive statistics of 500 indicators before and
// after treatment, 555 members' correlations with their aggregate and with the index, 56
// Cronbach's α and principal component analyses, 555 correlation ratios, entity coverage and
// findings). The whole `idx audit` process on the same data as a CSV is timed by run.sh.

/// The audit's target on this problem (issue 13).
private let auditTargetSeconds = 2.0

func auditCase(_ context: BenchContext) -> Bool {
  let shape = SyntheticShape(
    entities: 2000, periods: 1, indicators: 500, levels: [50, 5], missingEvery: 0)
  let report = Report(caseName: "audit", peaks: context.peaks)
  report.note(
    "\(shape.entities) entities × \(shape.indicators) indicators; tree 500 → 50 → 5 → index; "
      + "scored once, then the audit of its period")
  report.begin()
  let table = shape.table()
  let plan = shape.plan(prefix: "")
  let results = run(plan, on: table)
  guard !results.diagnostics.hasErrors, let period = results.periods.first else {
    report.note("the run reported errors: nothing to audit")
    return false
  }
  report.begin()
  var audited: Audit?
  let audits = timing(runs: 5, warmUps: 1) { audited = Audit(results, period: period) }
  report.phase("audit × 5", audits, "Audit(results, period:), after one warm-up")
  guard let audit = audited else { return false }
  let members = audit.aggregates.reduce(0) { $0 + $1.members.count }
  report.figure(
    "audited",
    "\(audit.indicators.count) indicators, \(audit.aggregates.count) aggregates, "
      + "\(members) members, \(audit.findings.count) findings")
  report.target(
    "audit median", measured: audits.median * 1000, target: auditTargetSeconds * 1000,
    unit: "ms", higherIsBetter: false)
  return audit.indicators.count == shape.indicators
}
