import Diagnostics

extension Parser {
  /// Parses one expression, as the REPL reads `score.US - score.CN` or the condition of
  /// `:solve`: the language's own expression grammar, so a formula and a question are written
  /// alike.
  ///
  /// The expression starts at the first token at or after byte `start` (the text before it,
  /// such as a command word, is not read). Returns the expression, the byte offset just past
  /// it (line ends and comments after it skipped: the caller decides what text may follow),
  /// and the diagnostics of the expression itself, sorted by position.
  public static func parseExpression(_ file: SourceFile, from start: Int = 0) -> (
    expression: ExprSyntax, end: Int, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(file: file)
    while !parser.atEnd && parser.current.start < start { parser.position += 1 }
    parser.skipNewlines()
    let expression = parser.parseExpr()
    let end = parser.atEnd ? file.bytes.count : parser.current.start
    let problems = parser.diagnostics.filter { ($0.primary?.span.start ?? start) >= start }
    return (expression, end, problems.sortedByLocation())
  }
}
