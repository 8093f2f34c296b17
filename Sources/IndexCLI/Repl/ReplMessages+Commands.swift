import Diagnostics

/// The wording of the commands' messages: `:pair`, `:period`, `:data`, `?name`, `:solve`,
/// `:save`.
extension ReplMessages {
  static func gapNow(_ a: String, _ b: String, _ value: String) -> String {
    "gap \(a)–\(b) \(value)\n"
  }

  static func notScored(_ period: Int, _ scored: String, _ span: Span) -> Diagnostic {
    problem(
      "E0293", "\(period) is not a scored period", span, label: "not scored",
      help: ["the scored periods: \(scored)"])
  }

  static func unknownIndicator(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    problem(
      "E0290", "unknown indicator `\(name)`", span, label: "not an indicator of the methodology",
      help: didYouMean(suggestion))
  }

  static func unknownNode(_ name: String, _ span: Span, suggestion: String?) -> Diagnostic {
    problem(
      "E0290", "unknown node `\(name)`", span, label: "not declared in the methodology",
      help: didYouMean(suggestion))
  }

  // MARK: - :solve

  static func notAComparison(_ span: Span) -> Diagnostic {
    problem(
      "E0295", "the condition of `:solve` is a comparison", span,
      label: "not `>`, `>=`, `<` or `<=`",
      help: ["for example `:solve CN > US by capital` or `:solve research.CN >= 60 by papers`"])
  }

  static func notANumber(_ kind: String, _ span: Span) -> Diagnostic {
    problem(
      "E0295", "each side of the condition is one number, but this is \(kind)", span,
      label: "not a number", help: ["pick one entity: `score.CN`, `research.US`"])
  }

  static func noSubject(_ node: String, _ span: Span) -> Diagnostic {
    problem(
      "E0295", "whose value of `\(node)` should change?", span,
      label: "the condition names no entity",
      help: ["name an entity in the condition (`CN > US`), or a cell: `source.column.CN`"])
  }

  static func badInput(_ text: String, _ span: Span) -> Diagnostic {
    problem(
      "E0295", "`\(text)` is not an input `:solve` can vary", span,
      label: "not a weight, a node or a data cell",
      help: [
        "`by NODE.weight`, `by NODE` (the value of the condition's entity), or `by source.column.ENTITY`"
      ])
  }

  static func alreadyHolds(_ condition: String, _ current: String) -> String {
    "\(condition) holds already (the input is \(current))\n"
  }

  static func cannotSolve(_ target: String, _ reason: String) -> String {
    "cannot vary `\(target)`: \(reason)\n"
  }

  static func cannotVary(_ target: String, _ reason: String, _ span: Span) -> Diagnostic {
    problem(
      "E0295", "`:solve` cannot vary `\(target)`", span, label: "not variable", help: [reason])
  }

  static func noValueWorks(_ condition: String, _ target: String, _ low: String, _ high: String)
    -> String
  {
    "no value of \(target) from \(low) to \(high) makes \(condition)\n"
  }

  static func solved(
    _ condition: String, _ target: String, _ value: String, now: String, change: String
  ) -> String {
    "\(condition) when \(target) = \(value) (now \(now), \(change))\n"
  }

  static func solvedScores(_ parts: [String]) -> String {
    "  score " + parts.joined(separator: ", ") + "\n"
  }

  static func holdsBy(_ condition: String, _ margin: String) -> String {
    "  \(condition) holds there by \(margin)\n"
  }

  static func engineRuns(_ count: Int) -> String {
    "  (\(count) runs of the engine)\n"
  }

  // MARK: - :save

  static func saved(_ path: String, _ edits: Int) -> String {
    "saved \(edits == 1 ? "1 edit" : "\(edits) edits") to \(TerminalText.escaped(path))\n"
  }

  static func savedHeader(_ base: String) -> String {
    "// What-if on \(base), saved from `idx repl`.\n\n"
  }
}

extension ReplMessages {
  static let banner = "idx repl — `:help` for help, Tab completes, `:quit` or Ctrl-D to leave\n"
}
