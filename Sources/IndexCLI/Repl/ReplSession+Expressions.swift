import Diagnostics
import IndexLanguage
import ScoringEngine

/// Expressions typed at the prompt: parsed with the language's own expression grammar,
/// evaluated over the current results, printed, and kept as `ans`.
extension ReplSession {
  mutating func expression(_ file: SourceFile) -> Reply {
    switch parsedExpression(file, from: file.bytes.prefix { $0 == 0x0A }.count) {
    case .failure(let reply): return reply
    case .success(let expression):
      guard let current, let p = periodIndex else {
        return .failure(render([ReplMessages.nothingLoaded(file)]))
      }
      let evaluator = ReplEvaluator(
        results: current.results, table: current.table, period: p, answer: answer, file: file)
      switch evaluator.evaluate(expression) {
      case .failure(let problem): return .failure(render([problem]))
      case .success(let value):
        answer = value
        return Reply(output: value.text(precision: settings.precision))
      }
    }
  }

  /// One expression starting at byte `start` of `file` and running to its end; the syntax
  /// errors, or text after it, as a failed reply.
  func parsedExpression(_ file: SourceFile, from start: Int) -> Result<ExprSyntax, Reply> {
    parsedExpression(file, from: start, to: file.bytes.count)
  }

  /// One expression from byte `start` up to byte `limit` of `file`.
  func parsedExpression(_ file: SourceFile, from start: Int, to limit: Int) -> Result<
    ExprSyntax, Reply
  > {
    let (expression, end, problems) = Parser.parseExpression(file, from: start)
    // A problem at the very end (an operand missing after `-`) belongs to the expression
    // when nothing follows it.
    let inside = problems.filter {
      let at = $0.primary?.span.start ?? start
      return at < limit || (at == limit && limit == file.bytes.count)
    }
    if !inside.isEmpty { return .failure(.failure(render(inside))) }
    if end < limit {
      let extra = Span(file: file, start: end, end: limit)
      return .failure(.failure(render([ReplMessages.textAfterExpression(extra)])))
    }
    return .success(expression)
  }
}
