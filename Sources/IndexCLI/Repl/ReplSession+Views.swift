import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// The commands that show the current state: `:edits`, `:rank`, `:tree`, `:data`,
/// `:explain`, `:diff`.
extension ReplSession {
  /// The edits as the fork `:save` would write, without its header.
  func editsText() -> String {
    guard !edits.isEmpty else { return ReplMessages.editCount(0) }
    return edits.map { "\($0.text.trimmingSpaces)   // line \($0.line)\n" }.joined()
  }

  /// `:rank [N]`: the results as `idx run` prints them, in the session's format and period.
  func rank(_ input: ReplCommandLine) -> Reply {
    guard let results = current?.results, let p = periodIndex else { return Reply() }
    var top: Int?
    if let word = input.words.first {
      guard let n = Int(word.text), n >= 1, input.words.count == 1 else {
        return usage("rank", input, "`:rank` takes a number of entities, at least 1")
      }
      top = n
    }
    let table = settings.format == .table || settings.format == .md
    let report = ResultsReport(
      results: results, periods: [results.periods[p]], depth: table ? 1 : nil, top: top)
    guard let stream = report.stream(settings.format) else {
      return Reply(output: report.table(color: settings.color))
    }
    return Reply(output: stream.text())
  }

  /// `:tree`: each node indented under its parent, with its share of the parent and of the
  /// index (explicit stack: a tree of any depth prints).
  func tree() -> String {
    guard let results = current?.results else { return "" }
    let plan = results.plan
    var text = ""
    var stack = [(node: plan.root, depth: 0)]
    while let (node, depth) = stack.popLast() {
      let name = String(repeating: "  ", count: depth) + plan.nodes[node].name
      var line = name
      if depth > 0, let share = ReplDescription.share(of: node, in: plan) {
        let own = ReplDescription.percent(share)
        let overall = ReplDescription.percent(results.effectiveWeights[node])
        line += String(repeating: " ", count: max(1, 28 - name.count + 7 - own.count)) + own
        line +=
          "   of the index" + String(repeating: " ", count: max(1, 8 - overall.count)) + overall
      }
      text += line + "\n"
      guard let aggregate = plan.nodes[node].aggregate else { continue }
      for member in aggregate.members.reversed() { stack.append((member.node, depth + 1)) }
    }
    return text
  }

  /// `:data INDICATOR [ENTITY]`: raw, imputed, treated and normalized values.
  func data(_ input: ReplCommandLine) -> Reply {
    guard let results = current?.results, let p = periodIndex else { return Reply() }
    guard (1...2).contains(input.words.count), let word = input.words.first else {
      return usage("data", input, "`:data` takes an indicator and, optionally, an entity")
    }
    guard let node = results.plan.nodeIndex(word.text), results.plan.nodes[node].indicator != nil
    else {
      let names = results.plan.nodes.filter { $0.indicator != nil }.map(\.name)
      let close = Suggestions.closest(to: word.text, among: names, limit: 1)
      return .failure(
        render([ReplMessages.unknownIndicator(word.text, word.span, suggestion: close.first)]))
    }
    var entities = Array(results.entities.indices)
    if input.words.count == 2 {
      let code = input.words[1]
      guard let e = results.entityIndex(code.text) else {
        let close = Suggestions.closest(
          to: code.text, among: results.entities.map(\.code), limit: 1)
        return .failure(
          render([ReplMessages.unknownEntity(code.text, code.span, suggestion: close.first)]))
      }
      entities = [e]
    }
    let values = results.nodes[node]
    var rows: [[String]] = []
    for e in entities {
      let cell = results.cell(entity: e, period: p)
      rows.append(
        [results.entities[e].code]
          + [values.raw, values.imputed, values.treated, values.score.array].map {
            ReplValue.format($0[cell], precision: settings.precision)
          })
    }
    var table = TextTable(
      headers: ["entity", "raw", "imputed", "treated", "score"],
      alignments: [.left, .right, .right, .right, .right])
    table.rows = rows
    return Reply(output: table.renderText(color: settings.color))
  }

  /// `:explain ENTITY [--vs OTHER]`, as `idx explain` prints it.
  func explain(_ input: ReplCommandLine) -> Reply {
    guard let current, let table = current.table, let path else { return Reply() }
    let words = input.words.map(\.text)
    let valid = words.count == 1 || (words.count == 3 && words[1] == "--vs")
    guard valid, let entity = words.first else {
      return usage("explain", input, "`:explain` takes an entity, and `--vs OTHER` to compare")
    }
    for word in input.words
    where word.text != "--vs" && current.results.entityIndex(word.text) == nil {
      let codes = current.results.entities.map(\.code)
      let close = Suggestions.closest(to: word.text, among: codes, limit: 1)
      return .failure(
        render([ReplMessages.unknownEntity(word.text, word.span, suggestion: close.first)]))
    }
    let request = ExplainCommand.Request(
      entity: entity, other: words.count == 3 ? words[2] : nil, period: chosenPeriod,
      format: settings.format)
    let outcome = ExplainCommand.explain(
      request, plan: current.plan, table: table, results: current.results, file: path)
    return Reply(output: outcome.stdout, errors: outcome.stderr, failed: outcome.code != 0)
  }

  /// `:diff`: the loaded file against the session's state, structure and results with their
  /// attribution, as `idx diff` prints it.
  func diff() -> Reply {
    guard let baseline, let current, let p = periodIndex, let path else { return Reply() }
    let year = current.results.periods[p]
    guard baseline.results.periodIndex(year) != nil else {
      return Reply(output: ReplMessages.periodsChanged)
    }
    let structure = StructureDiff(
      a: baseline.plan, baseline.compilation.methodology, b: current.plan,
      current.compilation.methodology)
    let results = ResultsDiff(
      a: .init(results: baseline.results, period: year, table: baseline.table),
      b: .init(results: current.results, period: year, table: current.table))
    let report = DiffReport(
      files: (path, "session"), structure: structure, results: results, selection: .init())
    switch settings.format {
    case .md: return Reply(output: report.text(markdown: true))
    case .json: return Reply(output: report.json())
    case .csv: return Reply(output: report.csv())
    case .table: return Reply(output: report.text(markdown: false))
    }
  }
}
