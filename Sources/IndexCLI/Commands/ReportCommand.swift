import Diagnostics
import IndexAnalysis
import IndexLanguage
import IndexReport
import ScoringEngine

/// `idx report FILE`: writes one self-contained HTML page with the charts of a run and live
/// weight sliders.
///
/// The methodology is scored as `idx run` scores it (cell warnings are printed and the
/// report is still written; errors write nothing, exit 1). The page is written atomically,
/// to `-o PATH` (`-o -` for standard output) or to `NAME-report.html` in the current folder.
/// `--vs OTHER.idx` scores another methodology the same way and adds the comparison panel
/// (ranks A → B and `idx diff`'s attribution). A methodology with an `uncertainty` block gets
/// the uncertainty panel, from the same seeded analysis as `idx uncertainty`
/// (`--draws`, `--seed`, `--pair`, `--sobol`; `--no-uncertainty` leaves it out).
struct ReportCommand {
  let file: String
  let periods: PeriodSelection
  let output: String?
  let other: String?
  let options: CompileOptions
  let uncertainty: UncertaintyRequest

  init(_ arguments: [String]) throws(UsageError) {
    let words = arguments.map { $0 == "-o" ? "--output" : $0 }
    let parsed = try Arguments(
      words,
      spec: .init(
        options: ["vs", "period", "output", "draws", "seed"] + FileOptions.names,
        flags: ["sobol", "no-uncertainty"], lists: ["pair"]))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError(
        parsed.positional.isEmpty
          ? "name the .idx file to report on" : "`idx report` takes one file")
    }
    other = parsed.value("vs")
    if other?.isEmpty == true { throw UsageError("`--vs` needs the .idx file to compare with") }
    self.file = file
    periods = try PeriodSelection(parsing: parsed.value("period"))
    output = parsed.value("output")
    if output?.isEmpty == true { throw UsageError("`-o` needs a file name, or `-` for stdout") }
    options = try FileOptions.parse(parsed)
    let draws = try parsed.integer("draws")
    try UncertaintyCommand.check(draws: draws)
    uncertainty = UncertaintyRequest(
      draws: draws, seed: try UncertaintyCommand.seed(parsed),
      pair: try UncertaintyCommand.pair(parsed), sobol: parsed.flag("sobol"),
      skip: parsed.flag("no-uncertainty"))
    if uncertainty.skip && (draws != nil || uncertainty.seed != nil || uncertainty.sobol) {
      throw UsageError(
        "`--no-uncertainty` leaves the panel out: drop `--draws`, `--seed` or `--sobol`")
    }
  }

  /// Where the page goes without `-o`: `NAME-report.html` in the current folder.
  static func defaultOutput(for file: String) -> String {
    var name = String(file.split(separator: "/").last ?? Substring(file))
    if name.hasSuffix(".idx") { name.removeLast(4) }
    return (name.isEmpty ? "index" : name) + "-report.html"
  }

  /// A methodology scored, or the exit code and messages of why it could not be.
  private func score(_ path: String, _ context: CLI.Context)
    -> (scored: (Results, DataTable, UncertaintyModel?)?, code: Int32, stderr: String)
  {
    let (compilation, rendered) = Frontend(context: context, options: options).compile(path)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return (nil, max(1, Frontend.exitCode(compilation)), rendered)
    }
    let results = ScoringEngine.run(plan, on: table)
    var stderr = rendered
    if !results.diagnostics.isEmpty {
      stderr += DiagnosticRenderer(color: context.errorColor).render(results.diagnostics)
    }
    if results.diagnostics.hasErrors || results.periods.isEmpty {
      return (nil, 1, stderr)
    }
    return ((results, table, compilation.uncertainty), 0, stderr)
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let first = score(file, context)
    guard let (results, table, uncertaintyModel) = first.scored else {
      return CLI.Outcome(code: first.code, stderr: first.stderr)
    }
    var stderr = first.stderr
    var versus: ReportVersus?
    if let other {
      let second = score(other, context)
      stderr += second.stderr
      guard let (otherResults, otherTable, _) = second.scored else {
        return CLI.Outcome(code: second.code, stderr: stderr)
      }
      let name = String(other.split(separator: "/").last ?? Substring(other))
      versus = ReportVersus(results: otherResults, table: otherTable, sourceName: name)
    }
    let chosen: [Int]
    switch periods.resolve(results.periods) {
    case .success(let periods): chosen = periods
    case .failure(let error):
      return CLI.Outcome(code: 2, stderr: stderr + "error: \(error.message)\n")
    }
    var analysed: UncertaintyResult?
    switch analyse(
      results, table: table, model: uncertaintyModel, period: chosen.max(), context: context)
    {
    case .none(let note): stderr += note
    case .analysed(let result): analysed = result
    case .failed(let outcome):
      return CLI.Outcome(code: outcome.code, stderr: stderr + outcome.stderr)
    }
    let sourceName = String(file.split(separator: "/").last ?? Substring(file))
    let report = HTMLReport(
      results: results, periods: chosen,
      options: ReportOptions(sourceName: sourceName, generator: "idx \(CLI.version)"),
      table: table, versus: versus, uncertainty: analysed)
    let html = report.render()
    if output == "-" {
      return CLI.Outcome(code: 0, stdout: html, stderr: stderr)
    }
    let path = output ?? Self.defaultOutput(for: file)
    let bytes = Array(html.utf8)
    do {
      try context.fileSystem.writeAtomically(path, bytes: bytes)
    } catch {
      return CLI.Outcome(code: 2, stderr: stderr + Frontend.unreadable(error, verb: "write"))
    }
    let size = (bytes.count + 512) / 1024
    let panels = report.panelTitles.joined(separator: ", ").lowercased()
    let line = "wrote \(path) (\(size) KB): \(panels)"
    return CLI.Outcome(code: 0, stdout: TerminalText.escaped(line) + "\n", stderr: stderr)
  }
}
