import Diagnostics
import IndexLanguage
import ScoringEngine

/// `idx check FILE…` reports every problem in each methodology and its data.
///
/// Nothing is printed about scores, but the plan is also run, so evaluation warnings (a division by zero for one entity)
/// show up here too.
struct CheckCommand {
  let files: [String]
  let json: Bool
  let options: CompileOptions
  /// `--edit` statements, applied to each file as `idx run --edit` applies them.
  let edits: [SourceFile]

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments, spec: .init(options: ["format", "edit"] + FileOptions.names))
    edits = parsed.all("edit").enumerated().map { SourceFile(path: "<edit \($0 + 1)>", text: $1) }
    files = parsed.positional
    options = try FileOptions.parse(parsed)
    guard !files.isEmpty else { throw UsageError("name at least one .idx file to check") }
    switch parsed.value("format") ?? "text" {
    case "text": json = false
    case "json": json = true
    case let other: throw UsageError("unknown format `\(other)`; use text or json")
    }
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    var outcome = CLI.Outcome(code: 0)
    var all: [Diagnostic] = []
    for file in files {
      let frontend = Frontend(context: context, options: options, edits: edits)
      var (compilation, _) = frontend.compile(file)
      if let plan = compilation.plan, let table = compilation.table,
        !compilation.diagnostics.hasErrors
      {
        compilation.diagnostics += run(plan, on: table).diagnostics
      }
      if let error = compilation.unreadable {
        outcome.stderr += Frontend.unreadable(error)
        outcome.code = 2
        continue
      }
      all += compilation.diagnostics
      if compilation.diagnostics.hasErrors { outcome.code = max(outcome.code, 1) }
      if !json {
        let renderer = DiagnosticRenderer(color: context.errorColor)
        if compilation.diagnostics.isEmpty {
          outcome.stdout += "\(file): ok\n"
        } else {
          outcome.stderr += renderer.render(compilation.diagnostics)
          if !compilation.diagnostics.hasErrors { outcome.stdout += "\(file): ok, with warnings\n" }
        }
      }
    }
    if json {
      outcome.stdout = "[" + all.map(\.json).joined(separator: ",\n") + "]\n"
    }
    return outcome
  }

  private func run(_ plan: Plan, on table: DataTable) -> Results {
    ScoringEngine.run(plan, on: table)
  }
}
