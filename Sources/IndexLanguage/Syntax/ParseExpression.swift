import Diagnostics

extension Parser {
  /// Parses one expression, as the REPL reads `score.US - score.CN` or the condition of
  /// `:solve`: the language's own expression grammar, so a formula and a question are written
  /// alike.
  ///
  /// Returns the expression, the byte offset just past it (line ends and comments after it
  /// skipped: the caller decides what text may follow), and the diagnostics of the expression
  /// itself, sorted by position.
  public static func parseExpression(_ file: SourceFile) -> (
    expression: ExprSyntax, end: Int, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(file: file)
    parser.skipNewlines()
    let expression = parser.parseExpr()
    parser.skipNewlines()
    let end = parser.atEnd ? file.bytes.count : parser.current.start
    return (expression, end, parser.diagnostics.sortedByLocation())
  }
}
