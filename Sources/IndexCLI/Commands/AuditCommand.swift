import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `idx audit FILE`: the statistical checks of a JRC audit for one scored period.
struct AuditCommand {
  let file: String
  let period: Int?
  let node: String?
  let format: OutputFormat
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments, spec: .init(options: ["period", "node", "format"] + FileOptions.names))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError(
        parsed.positional.isEmpty ? "name the .idx file to audit" : "`idx audit` takes one file")
    }
    self.file = file
    period = try parsed.integer("period")
    node = parsed.value("node")
    format = try OutputFormat(parsing: parsed.value("format"))
    options = try FileOptions.parse(parsed)
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let (compilation, rendered) = Frontend(context: context, options: options).compile(file)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return CLI.Outcome(code: max(1, Frontend.exitCode(compilation)), stderr: rendered)
    }
    let results = ScoringEngine.run(plan, on: table)
    var stderr = rendered
    if !results.diagnostics.isEmpty {
      stderr += DiagnosticRenderer(color: context.errorColor).render(results.diagnostics)
    }
    if results.diagnostics.hasErrors || results.periods.isEmpty {
      return CLI.Outcome(code: 1, stderr: stderr)
    }
    let shown = period ?? results.periods.last ?? 0
    guard results.periodIndex(shown) != nil else {
      let scored = results.periods.map(String.init).joined(separator: ", ")
      return CLI.Outcome(
        code: 2, stderr: stderr + "error: period \(shown) was not scored; scored: \(scored)\n")
    }
    var options = Audit.Options()
    if let node {
      guard let index = plan.nodeIndex(node) else {
        let close = Suggestions.closest(to: node, among: plan.nodes.map(\.name), limit: 1)
        let hint = close.first.map { "; did you mean `\($0)`?" } ?? ""
        return CLI.Outcome(
          code: 2, stderr: stderr + "error: `\(node)` is not a node of \(file)\(hint)\n")
      }
      options.node = index
    }
    guard let audit = Audit(results, period: shown, options: options) else {
      return CLI.Outcome(code: 1, stderr: stderr + "error: nothing to audit in \(shown)\n")
    }
    let text: String
    switch format {
    case .table:
      text = AuditReport(results: results, audit: audit).text(color: context.color, markdown: false)
    case .md: text = AuditReport(results: results, audit: audit).text(color: false, markdown: true)
    case .csv: text = AuditExport(results: results, audit: audit).csv()
    case .json: text = AuditExport(results: results, audit: audit).json()
    }
    return CLI.Outcome(code: 0, stdout: text, stderr: stderr)
  }
}
