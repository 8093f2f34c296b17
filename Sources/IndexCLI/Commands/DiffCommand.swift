import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `idx diff A.idx B.idx` (two methodologies) or `idx diff FILE --period P1 P2` (two periods):
/// what changed in the declarations, in the scores and ranks, and exactly why.
///
/// Exit status as diff(1): 0 no differences, 1 differences, 2 trouble — a usage error, an
/// unreadable file, or an input with errors (its diagnostics are printed; no diff is).
struct DiffCommand {
  let files: [String]
  let periods: [Int]
  let entities: [String]
  let explain: String?
  let other: String?
  let top: Int?
  let sort: DiffReport.Sort
  let format: DiffReport.Format
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(
      arguments,
      spec: .init(
        options: ["explain", "vs", "top", "sort", "format"] + FileOptions.names,
        lists: ["period", "entity"]))
    files = parsed.positional
    guard files.count == 1 || files.count == 2 else {
      throw UsageError(
        files.isEmpty
          ? "name two .idx files, or one with `--period P1 P2`"
          : "`idx diff` compares two files (or one file in two periods), not \(files.count)")
    }
    var periods: [Int] = []
    for text in parsed.list("period") {
      guard let period = Int(text) else {
        throw UsageError("`--period` takes whole numbers, not `\(text)`")
      }
      periods.append(period)
    }
    if files.count == 1 && periods.count != 2 {
      throw UsageError("one file is compared between two periods: add `--period P1 P2`")
    }
    if periods.count > 2 { throw UsageError("`--period` takes one period, or two (A's and B's)") }
    self.periods = periods
    entities = parsed.list("entity")
    explain = parsed.value("explain")
    other = parsed.value("vs")
    if other != nil && explain == nil {
      throw UsageError("`--vs` goes with `--explain`: `--explain CN --vs US`")
    }
    top = try parsed.integer("top")
    if let top, top < 1 { throw UsageError("`--top` must be at least 1") }
    sort = try DiffReport.Sort(parsing: parsed.value("sort"))
    format = try DiffReport.Format(parsing: parsed.value("format"))
    options = try FileOptions.parse(parsed)
  }

  /// A compiled and scored side, with what it reported; nil results when it has errors.
  private struct Loaded {
    var compilation: Compilation
    var results: Results?
    var diagnostics: [Diagnostic]
  }

  private func load(_ file: String, _ context: CLI.Context) -> Loaded {
    let compilation = IndexLanguage.compile(
      path: file, fileSystem: context.fileSystem, options: options)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return Loaded(compilation: compilation, results: nil, diagnostics: compilation.diagnostics)
    }
    let results = ScoringEngine.run(plan, on: table)
    let all = compilation.diagnostics + results.diagnostics
    let usable = !results.diagnostics.hasErrors && !results.periods.isEmpty
    return Loaded(compilation: compilation, results: usable ? results : nil, diagnostics: all)
  }

  /// The diagnostics of both sides, each once (a base both sides share reports twice).
  private func render(_ sides: [Loaded], _ context: CLI.Context) -> String {
    var seen = Set<String>()
    var unique: [Diagnostic] = []
    for diagnostic in sides.flatMap(\.diagnostics) {
      let key =
        "\(diagnostic.code) \(diagnostic.primary?.span.location ?? "") \(diagnostic.message)"
      if seen.insert(key).inserted { unique.append(diagnostic) }
    }
    var text = sides.compactMap(\.compilation.unreadable).map { Frontend.unreadable($0) }.joined()
    if !unique.isEmpty { text += DiagnosticRenderer(color: context.errorColor).render(unique) }
    return text
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    // The same file on both sides is read once.
    let distinct = files.count == 2 && files[0] == files[1] ? [files[0]] : files
    let loaded = distinct.map { load($0, context) }
    var stderr = render(loaded, context)
    var sides: [(Compilation, Results)] = []
    for (file, side) in zip(distinct, loaded) {
      guard let results = side.results else {
        stderr += "idx diff: \(file) has errors; nothing compared\n"
        return CLI.Outcome(code: 2, stderr: stderr)
      }
      sides.append((side.compilation, results))
    }
    let (first, second) = (sides[0], sides.count == 2 ? sides[1] : sides[0])
    let periodA = periods.first ?? first.1.periods.last ?? 0
    let periodB = periods.count == 2 ? periods[1] : (periods.first ?? second.1.periods.last ?? 0)
    for (file, results, period) in [
      (files[0], first.1, periodA), (files.last ?? files[0], second.1, periodB),
    ]
    where results.periodIndex(period) == nil {
      let scored = results.periods.map(String.init).joined(separator: ", ")
      return CLI.Outcome(
        code: 2, stderr: stderr + "error: \(file) does not score \(period); it scores \(scored)\n")
    }
    let sideA = ResultsDiff.Side(results: first.1, period: periodA, table: first.0.table)
    let sideB = ResultsDiff.Side(results: second.1, period: periodB, table: second.0.table)
    let structure =
      files.count == 2
      ? StructureDiff(
        a: first.1.plan, first.0.methodology, b: second.1.plan, second.0.methodology,
        runs: (sideA, sideB))
      : StructureDiff(a: first.1.plan, nil, b: first.1.plan, nil, runs: (sideA, sideB))
    let results = ResultsDiff(a: sideA, b: sideB)
    for code in entities + [explain, other].compactMap({ $0 }) where results.entity(code) == nil {
      let known = results.entities.map(\.code)
      let close = Suggestions.closest(to: code, among: known, limit: 1).first
      return CLI.Outcome(
        code: 2,
        stderr: stderr + "error: `\(code)` is not scored on either side"
          + (close.map { "; did you mean `\($0)`?" } ?? "") + "\n")
    }
    var report = DiffReport(
      files: (files[0], files.last ?? files[0]), structure: structure, results: results,
      selection: .init(entities: entities, explain: explain, other: other, top: top, sort: sort))
    report.isTwoPeriods = files.count == 1
    let text: String
    switch format {
    case .text: text = report.text(markdown: false)
    case .md: text = report.text(markdown: true)
    case .json: text = report.json()
    case .csv: text = report.csv()
    }
    return CLI.Outcome(code: report.hasDifferences ? 1 : 0, stdout: text, stderr: stderr)
  }
}
