import Diagnostics
import IndexLanguage
import ScoringEngine

/// `idx run FILE`: scores a methodology and prints the ranking.
struct RunCommand {
  let file: String
  let period: Int?
  let format: OutputFormat
  let depth: Int?
  let top: Int?
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments, spec: .init(options: ["period", "format", "depth", "top"] + FileOptions.names))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError(
        parsed.positional.isEmpty ? "name the .idx file to run" : "`idx run` takes one file")
    }
    self.file = file
    period = try parsed.integer("period")
    format = try OutputFormat(parsing: parsed.value("format"))
    depth = try parsed.integer("depth")
    top = try parsed.integer("top")
    options = try FileOptions.parse(parsed)
    if let depth, depth < 0 { throw UsageError("`--depth` cannot be negative") }
    if let top, top < 1 { throw UsageError("`--top` must be at least 1") }
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let frontend = Frontend(context: context, options: options)
    let (compilation, rendered) = frontend.compile(file)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return CLI.Outcome(code: max(1, Frontend.exitCode(compilation)), stderr: rendered)
    }
    let results = ScoringEngine.run(plan, on: table)
    var stderr = rendered
    let fresh = results.diagnostics
    if !fresh.isEmpty { stderr += DiagnosticRenderer(color: context.errorColor).render(fresh) }
    if fresh.hasErrors || results.periods.isEmpty {
      return CLI.Outcome(code: 1, stderr: stderr)
    }
    guard let shown = period ?? results.periods.last else {
      return CLI.Outcome(code: 1, stderr: stderr)
    }
    guard results.periodIndex(shown) != nil else {
      let scored = results.periods.map(String.init).joined(separator: ", ")
      return CLI.Outcome(
        code: 2, stderr: stderr + "error: period \(shown) was not scored; scored: \(scored)\n")
    }
    let report = ResultsReport(
      results: results, period: shown,
      depth: depth ?? (format == .table || format == .md ? 1 : nil),
      top: top)
    let text: String
    switch format {
    case .table: text = report.table(color: context.color, markdown: false)
    case .md: text = report.table(color: false, markdown: true)
    case .csv: text = report.csv()
    case .json: text = report.json()
    }
    return CLI.Outcome(code: 0, stdout: text, stderr: stderr)
  }
}
