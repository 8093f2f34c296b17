import Diagnostics
import IndexCLI
import IndexLanguage
import ScoringEngine

// The repl case times what a what-if waits for: an edit typed into `idx repl`, the live
// methodology compiled again with it (the data loaded once and reused), rescored from the
// previous state's stages (`Rescorer`, with `PlanChanges.between` working out what changed)
// and the summary of rank changes and the headline gap. A weight edit and a normalizer edit
// are timed side by side, with the parts (compiling, rescoring, a full run for comparison)
// and the stages the rescoring reran, read off the results (`Results.recomputed`). `:solve`
// on the AI index is timed for a weight and for a raw value.

/// One session on files in memory, and one edit timed again and again (each taken back,
/// untimed, before the next).
private func timeEdit(
  _ session: inout ReplSession, _ edit: String, runs: Int, warmUps: Int
) -> (Timing, String) {
  var timed = Timing()
  var output = ""
  for _ in 0..<(runs + warmUps) {
    timed.record { output = session.evaluate(edit, line: 2).output }
    _ = session.evaluate(":undo", line: 3)
  }
  return (timed.droppingFirst(warmUps), output)
}

/// A session with `path` loaded from `files`; nil when it does not load.
private func loadedSession(_ files: MemoryFileSystem, _ path: String) -> ReplSession? {
  var session = ReplSession(fileSystem: files, color: false)
  let reply = session.evaluate(":load " + path, line: 1)
  return reply.failed ? nil : session
}

func replCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "repl", peaks: context.peaks)
  var ran = true
  let disk = DiskFileSystem()

  // ASEM: 51 entities, 49 indicators.
  if let source = try? disk.read("methodologies/asem.idx"),
    let data = try? disk.read("methodologies/data/asem/raw.csv")
  {
    let files = MemoryFileSystem()
    files.set("/bench/asem.idx", bytes: source)
    files.set("/bench/data/asem/raw.csv", bytes: data)
    if var session = loadedSession(files, "/bench/asem.idx") {
      for (name, edit) in [
        ("asem weight", "set Conn.weight = 2"), ("asem normalize", "set Goods.normalize = zscore"),
      ] {
        report.begin()
        let (timed, output) = timeEdit(&session, edit, runs: 41, warmUps: 5)
        let summary = output.split(separator: "\n").last.map(String.init) ?? ""
        report.phase(name, timed, "`\(edit)` + summary (\(summary))")
        ran = ran && !output.isEmpty
        report.target(
          "ASEM: \(name.dropFirst(5)) edit re-scored and summarized", measured: timed.median * 1000,
          target: 5, unit: "ms", higherIsBetter: false, digits: 2)
        ran = editParts(report, name, edit, files: files, path: "/bench/asem.idx") && ran
      }
    } else {
      report.note("ASEM did not load")
      ran = false
    }
  } else {
    report.note("methodologies/asem.idx not found: run from the repository root")
  }

  // The 1,000 × 1,000 synthetic panel: 1,000 entities, 1,000 indicators → 100 → 10 → index.
  let synthetic = SyntheticMethodology(
    indicators: 1000, pillars: 100, dimensions: 10, entities: 1000)
  let files = MemoryFileSystem()
  files.set("/bench/synthetic.idx", synthetic.text())
  files.set("/bench/data.csv", synthetic.csv())
  if var session = loadedSession(files, "/bench/synthetic.idx") {
    for (name, edit) in [
      ("panel weight", "set D01.weight = 2"), ("panel normalize", "set i00001.normalize = zscore"),
    ] {
      report.begin()
      let (timed, output) = timeEdit(&session, edit, runs: 5, warmUps: 1)
      report.phase(name, timed, "`\(edit)` + summary, 1,000 × 1,000")
      ran = ran && !output.isEmpty
      report.target(
        "1,000 × 1,000: \(name.dropFirst(6)) edit", measured: timed.median * 1000, target: 1000,
        unit: "ms", higherIsBetter: false)
      ran =
        editParts(report, name, edit, files: files, path: "/bench/synthetic.idx", runs: 5) && ran
    }
  } else {
    report.note("the synthetic panel did not load")
    ran = false
  }

  // :solve on the AI Capability Index.
  if let source = try? disk.read("methodologies/ai-capability.idx"),
    let data = try? disk.read("methodologies/data/ai.csv")
  {
    let files = MemoryFileSystem()
    files.set("/bench/ai-capability.idx", bytes: source)
    files.set("/bench/data/ai.csv", bytes: data)
    if var session = loadedSession(files, "/bench/ai-capability.idx") {
      for (name, question) in [
        ("solve weight", ":solve CN > US by investment.weight"),
        ("solve value", ":solve CN > US by capital"),
      ] {
        report.begin()
        var output = ""
        let timed = timing(runs: 21, warmUps: 3) {
          output = session.evaluate(question, line: 2).output
        }
        let runs = output.split(separator: "\n").last.map(String.init) ?? ""
        report.phase(name, timed, "`\(question)` \(runs.filter { $0 != "(" && $0 != ")" })")
        ran = ran && output.contains(" when ")
        report.target(
          "AI index: `\(question)`", measured: timed.median * 1000, target: 50, unit: "ms",
          higherIsBetter: false)
      }
    }
  }
  return ran
}

/// The parts of one edit timed apart, and the stages its rescoring reran.
///
/// The parts: the file compiled with the edit (its data reused), the rescoring from the state
/// before (comparing the plans included), and a full run for comparison. False when the edit
/// does not compile.
private func editParts(
  _ report: Report, _ name: String, _ edit: String, files: MemoryFileSystem, path: String,
  runs: Int = 41
) -> Bool {
  let base = IndexLanguage.compile(path: path, fileSystem: files)
  let file = SourceFile(path: "<edit 1>", text: edit)
  var compilation = base
  report.begin()
  let compiled = timing(runs: runs, warmUps: 1) {
    compilation = IndexLanguage.compile(
      path: path, fileSystem: files, edits: [file], reusing: base.data)
  }
  report.phase(name + ": compile", compiled, "the file and the edit checked and lowered")
  guard let before = base.plan, let table = base.table, let plan = compilation.plan,
    compilation.isRunnable
  else {
    report.note("`\(edit)` does not compile")
    return false
  }
  let rescorer = Rescorer(plan: before, on: table)
  var results = rescorer.results
  report.begin()
  let rescored = timing(runs: runs, warmUps: 1) {
    let changes = PlanChanges.between(before, on: table, plan, on: table)
    results = rescorer.score(plan, changes: changes)
  }
  let reran = results.recomputed(since: rescorer.results)
  let indicators = plan.nodes.filter { $0.indicator != nil }.count
  let aggregates = plan.nodes.count - indicators
  report.phase(
    name + ": rescore", rescored,
    "normalized again: \(reran.indicators.count) of \(indicators) indicators, aggregated "
      + "again: \(reran.aggregates.count) of \(aggregates)")
  report.begin()
  let full = timing(runs: runs, warmUps: 1) { _ = ScoringEngine.run(plan, on: table) }
  report.phase(name + ": full run", full, "ScoringEngine.run, what the REPL called before")
  return !results.index.isEmpty
}
