import Diagnostics
import IndexLanguage
import ScoringEngine

/// The wording of everything the REPL itself says: its diagnostics (codes E0290–E0296) and
/// the lines of its summaries.
///
/// E0290 an unknown name, entity, function or command; E0291 a value of the wrong kind for an
/// operator, function or selection; E0292 text that is not an expression; E0293 a command
/// used wrongly; E0294 nothing to act on (no file loaded, nothing to undo); E0295 a break-even
/// question that cannot be asked; E0296 a file that cannot be read or written.
enum ReplMessages {
  static let codes = ["E0290", "E0291", "E0292", "E0293", "E0294", "E0295", "E0296"]

  /// The whole input of `file` (after the empty lines that place it on its line).
  static func lineSpan(_ file: SourceFile) -> Span {
    Span(file: file, start: file.bytes.prefix { $0 == 0x0A }.count, end: file.bytes.count)
  }

  static func problem(
    _ code: String, _ message: String, _ span: Span, label: String = "", help: [String] = []
  ) -> Diagnostic {
    Diagnostic.error(code, message, at: span, label: label, help: help)
  }

  static func didYouMean(_ suggestion: String?) -> [String] {
    suggestion.map { ["did you mean `\($0)`?"] } ?? []
  }

  // MARK: - Names and values

  static func unknownName(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    problem(
      "E0290", "unknown name `\(name)`", span, label: "not a node, entity, data source or `ans`",
      help: didYouMean(suggestion)
        + ["names: `score`, `rank`, a node (`research`), `node.raw`, `source.column`, `ans`"])
  }

  static func unknownEntity(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    problem(
      "E0290", "unknown entity `\(name)`", span, label: "not an entity of these results",
      help: didYouMean(suggestion))
  }

  static func unknownFunction(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    let names = ReplOperators.functions.map(\.name).joined(separator: ", ")
    return problem(
      "E0290", "unknown function `\(name)`", span, label: "not a function of the REPL",
      help: didYouMean(suggestion) + ["the functions: \(names)"])
  }

  static func unknownCommand(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    problem(
      "E0290", "unknown command `:\(name)`", span, label: "no such command",
      help: didYouMean(suggestion.map { ":" + $0 }) + ["`:help` lists the commands"])
  }

  static func ambiguousCommand(_ name: String, _ span: Span, _ matches: [String]) -> Diagnostic {
    problem(
      "E0290", "`:\(name)` could be \(matches.map { "`:\($0)`" }.joined(separator: ", "))", span,
      label: "ambiguous", help: ["type more of the command's name"])
  }

  static func noAnswer(_ span: Span) -> Diagnostic {
    problem("E0290", "`ans` has no value yet", span, label: "no expression printed so far")
  }

  static func notPerEntity(_ name: String, _ kind: String, _ span: Span) -> Diagnostic {
    problem(
      "E0291", "`.\(name)` picks an entity, but this is \(kind)", span,
      label: "not a value per entity")
  }

  static func nothingAfter(_ entity: String, _ span: Span) -> Diagnostic {
    problem(
      "E0291", "nothing follows an entity (`\(entity)`)", span, label: "one value already chosen")
  }

  static func badOperand(_ op: String, _ kind: String, _ span: Span) -> Diagnostic {
    problem("E0291", "`\(op)` does not apply to \(kind)", span, label: "here")
  }

  static func badOperands(_ op: String, _ lhs: String, _ rhs: String, _ span: Span) -> Diagnostic {
    problem(
      "E0291", "`\(op)` does not apply to \(lhs) and \(rhs)", span, label: "here",
      help: [
        "arithmetic takes numbers and values per entity; comparisons, numbers; `and`/`or`, true or false"
      ])
  }

  static func badCall(_ name: String, _ usage: String, _ span: Span) -> Diagnostic {
    problem("E0291", "`\(name)` is called as `\(usage)`", span, label: "these arguments do not fit")
  }

  static func notAnExpression(_ span: Span) -> Diagnostic {
    problem(
      "E0292", "this cannot be evaluated at the prompt", span, label: "not a value",
      help: ["type an edit (`set`, `weights`, `add`, …), an expression, `?name` or a `:command`"])
  }

  static func textAfterExpression(_ span: Span) -> Diagnostic {
    problem("E0292", "unexpected text after the expression", span, label: "not part of it")
  }

  // MARK: - Commands and state

  static func commandUsage(_ usage: String, _ span: Span, _ why: String) -> Diagnostic {
    problem("E0293", why, span, label: "here", help: ["usage: \(usage)"])
  }

  static func nothingLoaded(_ file: SourceFile) -> Diagnostic {
    problem(
      "E0294", "no methodology is loaded", lineSpan(file), label: "nothing to apply this to",
      help: ["load one with `:load FILE`, or start with `idx repl FILE`"])
  }

  static func nothingTo(_ verb: String, _ file: SourceFile) -> Diagnostic {
    problem("E0294", "nothing to \(verb)", lineSpan(file), label: "no edit")
  }

  static func loadFailed(_ path: String, _ file: SourceFile) -> Diagnostic {
    problem(
      "E0296", "`\(TerminalText.escaped(path))` was not loaded", lineSpan(file),
      label: "the session is unchanged")
  }

  static func unreadable(_ error: FileError, at span: Span?) -> Diagnostic {
    Diagnostic.error(
      "E0296",
      "cannot read `\(TerminalText.escaped(error.path))`: \(TerminalText.escaped(error.reason))",
      at: span, label: "nothing loaded: the session is unchanged")
  }

  static func unwritable(_ error: FileError, _ span: Span) -> Diagnostic {
    problem(
      "E0296",
      "cannot write `\(TerminalText.escaped(error.path))`: \(TerminalText.escaped(error.reason))",
      span, label: "nothing written")
  }

  // MARK: - Summaries

  static func loaded(_ path: String, _ results: Results) -> String {
    let name = results.plan.label ?? results.plan.name
    let periods = results.hasPeriods ? ", " + Results.periodText(results.periods) : ""
    return "loaded \(TerminalText.escaped(path)): \(name), \(results.entities.count) entities"
      + "\(periods)\n"
  }

  static func reloaded(_ path: String, _ edits: Int) -> String {
    "reloaded \(TerminalText.escaped(path)) with \(edits == 1 ? "1 edit" : "\(edits) edits")\n"
  }

  static func editCount(_ edits: Int) -> String {
    edits == 0 ? "no edits\n" : edits == 1 ? "1 edit\n" : "\(edits) edits\n"
  }

  static func replaces(_ line: Int, _ text: String) -> String {
    "replaces the edit of line \(line): \(TerminalText.escaped(text.trimmingSpaces))\n"
  }

  static let periodsChanged = "the scored periods changed\n"
  static let noRankChanges = "no rank changes\n"

  static func rankMove(_ code: String, from: Int, to: Int) -> String {
    let arrow = from == 0 || (to != 0 && to < from) ? "↑" : "↓"
    let old = from == 0 ? "—" : String(from)
    let new = to == 0 ? "—" : String(to)
    return "\(code) \(old) → \(new) \(arrow)"
  }

  static func rankChanges(_ moves: [String], more: Int) -> String {
    "ranks: " + moves.joined(separator: ", ") + (more > 0 ? ", and \(more) more" : "") + "\n"
  }

  static func gap(_ a: String, _ b: String, _ old: String?, _ new: String?) -> String {
    "gap \(a)–\(b) \(old ?? "—") → \(new ?? "—")\n"
  }
}
