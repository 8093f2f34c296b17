import Diagnostics
import IndexLanguage
import ScoringEngine

/// `idx run FILE`: scores a methodology and prints the ranking of one period or several.
///
/// A problem of the methodology itself (an unknown member, weights that do not add up, a
/// period the data lacks) is an error: nothing is scored, exit 1. A problem of single cells (a
/// geometric mean meeting 0 for one country in one year, a division by zero) is a warning:
/// those cells are missing, everything else is scored and printed, exit 0. `--strict` makes
/// every warning an error, for pipelines that must not publish with a missing cell.
/// `--timings` adds where the time went to standard error, after the output.
struct RunCommand {
  let file: String
  let periods: PeriodSelection
  let format: OutputFormat
  let depth: Int?
  let top: Int?
  let entities: [String]?
  let strict: Bool
  let timings: Bool
  let options: CompileOptions
  /// The `--edit` statements in order, named `<edit 1>`, `<edit 2>`, ….
  let edits: [SourceFile]

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments,
      spec: .init(
        options: ["period", "format", "depth", "top", "entity", "edit"] + FileOptions.names,
        flags: ["strict", "timings"]))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError(
        parsed.positional.isEmpty ? "name the .idx file to run" : "`idx run` takes one file")
    }
    self.file = file
    periods = try PeriodSelection(parsing: parsed.value("period"))
    format = try OutputFormat(parsing: parsed.value("format"))
    depth = try parsed.integer("depth")
    top = try parsed.integer("top")
    entities = parsed.value("entity").map { text in
      text.split(separator: ",").map { String($0.filter { $0 != " " }) }
    }
    strict = parsed.flag("strict")
    timings = parsed.flag("timings")
    options = try FileOptions.parse(parsed)
    edits = parsed.all("edit").enumerated().map { SourceFile(path: "<edit \($0 + 1)>", text: $1) }
    if let depth, depth < 0 { throw UsageError("`--depth` cannot be negative") }
    if let top, top < 1 { throw UsageError("`--top` must be at least 1") }
    if entities?.isEmpty == true { throw UsageError("`--entity` takes entity codes: US,CN") }
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let frontend = Frontend(context: context, options: options, edits: edits)
    let compileStart = ContinuousClock.now
    let (compilation, rendered) = frontend.compile(file)
    let compiled = ContinuousClock.now - compileStart
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return CLI.Outcome(code: max(1, Frontend.exitCode(compilation)), stderr: rendered)
    }
    let scoreStart = ContinuousClock.now
    let results = ScoringEngine.run(plan, on: table)
    let scoreEnd = ContinuousClock.now
    let scored = scoreEnd - scoreStart
    let renderer = DiagnosticRenderer(color: context.errorColor)
    if strict {
      let all = compilation.diagnostics + results.diagnostics
      if all.contains(where: { $0.severity == .warning }) {
        return CLI.Outcome(code: 1, stderr: renderer.render(all.map(Self.strictly)))
      }
    }
    var stderr = rendered
    let fresh = results.diagnostics
    if !fresh.isEmpty { stderr += renderer.render(fresh) }
    if fresh.hasErrors || results.periods.isEmpty {
      return CLI.Outcome(code: 1, stderr: stderr)
    }
    let shown: [Int]
    switch periods.resolve(results.periods) {
    case .success(let chosen): shown = chosen
    case .failure(let error):
      return CLI.Outcome(code: 2, stderr: stderr + "error: \(error.message)\n")
    }
    var report = ResultsReport(
      results: results, periods: shown,
      depth: depth ?? (format == .table || format == .md ? 1 : nil),
      top: top)
    report.threads = context.processors
    if let entities {
      var chosen = Set<Int>()
      for code in entities {
        guard let e = results.entityIndex(code) else {
          let close = Suggestions.closest(to: code, among: results.entities.map(\.code), limit: 1)
          let hint = close.first.map { "; did you mean `\($0)`?" } ?? ""
          return CLI.Outcome(
            code: 2, stderr: stderr + "error: `\(code)` is not an entity of \(file)\(hint)\n")
        }
        chosen.insert(e)
      }
      report.entities = chosen
    }
    var outcome: CLI.Outcome
    if let stream = report.stream(format) {
      outcome = CLI.Outcome(code: 0, stream: stream, stderr: stderr)
    } else {
      outcome = CLI.Outcome(code: 0, stdout: report.table(color: context.color), stderr: stderr)
    }
    if timings {
      outcome.timings = {
        Self.timingsLine(compile: compiled, score: scored, write: ContinuousClock.now - scoreEnd)
      }
    }
    return outcome
  }

  /// The line of `--timings`: the three parts of the command's time, in milliseconds.
  ///
  /// Compiling includes reading the files and loading the data; scoring is the engine's one
  /// run (what `benchmarks/peer.py` compares with numpy); writing is everything after it, up
  /// to the last byte of output written.
  static func timingsLine(compile: Duration, score: Duration, write: Duration) -> String {
    func milliseconds(_ duration: Duration) -> String {
      let (seconds, attoseconds) = duration.components
      let value = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
      return NumberFormat.fixed(value, decimals: 2) + " ms"
    }
    return "timings: compile \(milliseconds(compile)) · score \(milliseconds(score)) · write "
      + "\(milliseconds(write))\n"
  }

  /// A warning as `--strict` sees it: an error, saying why.
  static func strictly(_ diagnostic: Diagnostic) -> Diagnostic {
    guard diagnostic.severity == .warning else { return diagnostic }
    var error = diagnostic
    error.severity = .error
    error.notes.append("an error because of `--strict`")
    return error
  }
}
