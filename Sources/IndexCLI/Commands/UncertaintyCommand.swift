import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `idx uncertainty FILE`: how far the declared uncertainty moves ranks and scores, whether
/// the gap between two entities survives it, and (with `--sobol`) which assumption drives it.
struct UncertaintyCommand {
  let file: String
  let draws: Int?
  let seed: UInt64?
  let pair: (String, String)?
  let sobol: Bool
  let threads: Int?
  let period: Int?
  let top: Int?
  let format: OutputFormat
  let options: CompileOptions

  /// More runs than this (draws × (sources + 2) with `--sobol`) times entities would hold
  /// more than 2 GB of scores.
  static let maximumCells = 250_000_000

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments,
      spec: .init(
        options: ["draws", "seed", "threads", "period", "top", "format"] + FileOptions.names,
        flags: ["sobol"],
        lists: ["pair"]))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError(
        parsed.positional.isEmpty
          ? "name the .idx file to analyse" : "`idx uncertainty` takes one file")
    }
    self.file = file
    draws = try parsed.integer("draws")
    threads = try parsed.integer("threads")
    period = try parsed.integer("period")
    top = try parsed.integer("top")
    sobol = parsed.flag("sobol")
    format = try OutputFormat(parsing: parsed.value("format"))
    options = try FileOptions.parse(parsed)
    seed = try Self.seed(parsed)
    pair = try Self.pair(parsed)
    try Self.check(draws: draws)
    if let threads, threads < 1 { throw UsageError("`--threads` must be at least 1") }
    if let top, top < 1 { throw UsageError("`--top` must be at least 1") }
  }

  /// `--seed S`, a whole number from 0 to 2^64 − 1 (also for `idx report`).
  static func seed(_ parsed: Arguments) throws(UsageError) -> UInt64? {
    guard let text = parsed.value("seed") else { return nil }
    guard let value = UInt64(text) else {
      throw UsageError("`--seed` takes a whole number from 0 to \(UInt64.max), not `\(text)`")
    }
    return value
  }

  /// `--pair A B` (or `A,B`): two entity codes.
  static func pair(_ parsed: Arguments) throws(UsageError) -> (String, String)? {
    let codes = parsed.list("pair")
    guard codes.isEmpty || codes.count == 2 else {
      throw UsageError("`--pair` takes two entity codes: `--pair US CN`")
    }
    return codes.count == 2 ? (codes[0], codes[1]) : nil
  }

  /// `--draws N` is from 2 to 10,000,000.
  static func check(draws: Int?) throws(UsageError) {
    if let draws, draws < 2 || draws > 10_000_000 {
      throw UsageError("`--draws` must be from 2 to 10000000")
    }
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    // Thousands of draws score in one process: keep freed memory for the next (HeapPolicy).
    HeapPolicy.keepFreedMemory()
    let (compilation, rendered) = Frontend(context: context, options: options).compile(file)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return CLI.Outcome(code: max(1, Frontend.exitCode(compilation)), stderr: rendered)
    }
    guard let model = compilation.uncertainty else {
      return CLI.Outcome(code: 1, stderr: rendered + Self.noBlock(file))
    }
    var analysis = UncertaintyOptions()
    analysis.draws = draws
    analysis.seed = seed
    analysis.pair = pair
    analysis.period = period
    analysis.sensitivity = sobol
    analysis.threads = threads ?? context.processors
    let runs = (draws ?? model.draws) * (sobol ? model.sources.count + 2 : 1)
    if runs * max(1, table.entities.count) > Self.maximumCells {
      let message = "error: \(runs) runs of \(table.entities.count) entities are too many to keep"
      return CLI.Outcome(code: 2, stderr: rendered + message + "; lower `--draws`\n")
    }
    var bar: UncertaintyProgress?
    if let write = context.liveError {
      let progress = UncertaintyProgress(write: write)
      analysis.progress = { done, total in progress.update(done: done, total: total) }
      bar = progress
    }
    let outcome = UncertaintyAnalysis.run(plan: plan, table: table, model: model, options: analysis)
    bar?.finish()
    switch outcome {
    case .failure(let failure):
      return Self.failed(failure, file: file, rendered: rendered, context: context)
    case .success(let result):
      let report = UncertaintyReport(result: result, top: top)
      let text: String
      switch format {
      case .table: text = report.text(color: context.color, markdown: false)
      case .md: text = report.text(color: false, markdown: true)
      case .csv: text = report.csv()
      case .json: text = report.json()
      }
      let note =
        sobol && model.sources.isEmpty
        ? "note: `--sobol` has nothing to attribute: the block declares nothing uncertain\n" : ""
      return CLI.Outcome(code: 0, stdout: text, stderr: rendered + note)
    }
  }

  /// The error for a methodology without an `uncertainty` block, with a block to copy.
  static func noBlock(_ file: String) -> String {
    let block = Catalog.minimalUncertaintyBlock.split(separator: "\n").map { "      " + $0 }
    return TerminalText.escaped(
      "error: `\(file)` declares no `uncertainty` block, so nothing can vary")
      + "\n  = help: add one, for instance\n" + block.joined(separator: "\n") + "\n"
      + "    and see `idx help uncertainty` for alternatives, leave-one-out and data noise\n"
  }

  /// The exit code and message of an analysis that could not run (also for `idx report`).
  static func failed(
    _ failure: UncertaintyFailure, file: String, rendered: String, context: CLI.Context
  ) -> CLI.Outcome {
    let renderer = DiagnosticRenderer(color: context.errorColor)
    switch failure {
    case .nominalFailed(let diagnostics):
      return CLI.Outcome(code: 1, stderr: rendered + renderer.render(diagnostics))
    case .periodNotScored(let period, let available):
      let list = available.map(String.init).joined(separator: ", ")
      return CLI.Outcome(
        code: 2, stderr: rendered + "error: period \(period) was not scored (scored: \(list))\n")
    case .unknownEntity(let code, let closest):
      let hint = closest.map { "; did you mean `\($0)`?" } ?? ""
      let message = "error: `\(code)` is not an entity of \(file)\(hint)"
      return CLI.Outcome(code: 2, stderr: rendered + TerminalText.escaped(message) + "\n")
    case .samePair(let code):
      let message = "error: `--pair` names `\(code)` twice: give two different entities"
      return CLI.Outcome(code: 2, stderr: rendered + TerminalText.escaped(message) + "\n")
    case .noPair:
      return CLI.Outcome(
        code: 1, stderr: rendered + "error: fewer than two entities have a score to compare\n")
    }
  }
}
