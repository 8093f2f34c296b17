import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `idx explain FILE ENTITY [--vs OTHER]`: a score broken into terms that add up to it.
struct ExplainCommand {
  let file: String
  let entity: String
  let other: String?
  let period: Int?
  let format: OutputFormat
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments, spec: .init(options: ["vs", "period", "format"] + FileOptions.names))
    guard parsed.positional.count == 2 else {
      throw UsageError("name the .idx file and the entity to explain, e.g. `idx explain m.idx CN`")
    }
    file = parsed.positional[0]
    entity = parsed.positional[1]
    other = parsed.value("vs")
    period = try parsed.integer("period")
    format = try OutputFormat(parsing: parsed.value("format"))
    options = try FileOptions.parse(parsed)
  }

  /// The effect each adjustment alone has on the explained entities' scores.
  ///
  /// The plan is run again without it. Adjustments in raw units pass through normalization, so this is the
  /// only honest way to state their effect.
  static func adjustmentEffects(
    _ plan: Plan, _ table: DataTable, _ results: Results, period: Int, codes: [String]
  ) -> [String: Double] {
    var effects: [String: Double] = [:]
    for (node, spec) in plan.nodes.enumerated() {
      for (position, adjustment) in spec.adjustments.enumerated()
      where codes.contains(adjustment.entity) {
        var without = plan
        without.nodes[node].adjustments.remove(at: position)
        let rerun = ScoringEngine.run(without, on: table)
        if let with = results.indexScore(entity: adjustment.entity, period: period),
          let base = rerun.indexScore(entity: adjustment.entity, period: period)
        {
          effects["\(node)#\(position)"] = with - base
        }
      }
    }
    return effects
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let (compilation, rendered) = Frontend(context: context, options: options).compile(file)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return CLI.Outcome(code: max(1, Frontend.exitCode(compilation)), stderr: rendered)
    }
    let results = ScoringEngine.run(plan, on: table)
    if results.diagnostics.hasErrors || results.periods.isEmpty {
      return CLI.Outcome(
        code: 1,
        stderr: rendered + DiagnosticRenderer(color: context.errorColor).render(results.diagnostics)
      )
    }
    let request = Request(entity: entity, other: other, period: period, format: format)
    var outcome = Self.explain(request, plan: plan, table: table, results: results, file: file)
    if outcome.code == 0 { outcome.stderr = rendered }
    return outcome
  }

  /// What to explain: shared with the REPL's `:explain`.
  struct Request {
    var entity: String
    var other: String?
    var period: Int?
    var format: OutputFormat
  }

  /// The explanation of scored results, or why there is none (`file` names them in messages).
  static func explain(
    _ request: Request, plan: Plan, table: DataTable, results: Results, file: String
  ) -> CLI.Outcome {
    let (entity, other, period, format) = (
      request.entity, request.other, request.period, request.format
    )
    let shown = period ?? results.periods.last ?? 0
    guard let p = results.periodIndex(shown) else {
      return CLI.Outcome(code: 2, stderr: "error: period \(shown) was not scored\n")
    }
    var explanations: [Explanation] = []
    for code in [entity] + (other.map { [$0] } ?? []) {
      if let screened = ScreenedExplanation.text(code, results: results, format: format) {
        return CLI.Outcome(code: 0, stdout: screened)
      }
      guard let e = results.entityIndex(code) else {
        let close = Suggestions.closest(to: code, among: results.entities.map(\.code), limit: 1)
        let hint = close.first.map { "; did you mean `\($0)`?" } ?? ""
        let message = "error: `\(code)` is not an entity of \(file)\(hint)"
        return CLI.Outcome(code: 2, stderr: TerminalText.escaped(message) + "\n")
      }
      guard let explanation = Explanation(results, entity: e, period: p) else {
        let message = "error: `\(code)` has no score in \(shown)"
        return CLI.Outcome(code: 1, stderr: TerminalText.escaped(message) + "\n")
      }
      explanations.append(explanation)
    }
    var report = ExplainReport(results: results, period: shown, explanations: explanations)
    report.adjustmentEffects = adjustmentEffects(
      plan, table, results, period: shown, codes: [entity] + (other.map { [$0] } ?? []))
    let text: String
    switch format {
    case .table: text = report.text(markdown: false)
    case .md: text = report.text(markdown: true)
    case .csv: text = report.csv()
    case .json: text = report.json()
    }
    return CLI.Outcome(code: 0, stdout: text)
  }
}
