import Diagnostics
import IndexLanguage
import ScoringEngine

/// Evaluates an expression typed at the prompt over one run's results and its data.
///
/// Design: names are read as paths into the results, left to right. `score` and `rank` are
/// the index's; a node's name is its score (`research`), with `.raw` (an indicator's value
/// before normalization), `.rank` and `.weight` after it; `source.column` is a data column
/// (`ai.private_investment_usd_bn`); a bare entity code is that entity's index score; and an
/// entity code after a per-entity value picks one entity (`score.CN`, `capital.raw.CN`).
/// `ans` is the last value printed. The expression tree is walked with an explicit stack (no
/// recursion over what the user typed), post-order: operands first, then their operator.
struct ReplEvaluator {
  let results: Results
  let table: DataTable?
  /// The scored period (an index into `results.periods`).
  let period: Int
  let answer: ReplValue?
  let file: SourceFile

  /// One step of the walk: an expression to evaluate, or one whose operands are evaluated.
  private enum Step {
    case visit(ExprSyntax)
    case combine(ExprSyntax)
  }

  /// The value of `expression`, or the diagnostic of the first part that has none.
  func evaluate(_ expression: ExprSyntax) -> Evaluation<ReplValue> {
    var steps: [Step] = [.visit(expression)]
    var values: [ReplValue] = []
    while let step = steps.popLast() {
      switch step {
      case .visit(let expr):
        switch expr.kind {
        case .number(let value): values.append(.number(value))
        case .percent(let value): values.append(.number(value / 100))
        case .parenthesized(let inner): steps.append(.visit(inner))
        case .name, .member:
          if let path = Self.path(expr) {
            switch resolve(path) {
            case .success(let value): values.append(value)
            case .failure(let problem): return .failure(problem)
            }
          } else if case .member(let base, _) = expr.kind {
            steps += [.combine(expr), .visit(base)]
          }
        case .unary(_, _, let operand): steps += [.combine(expr), .visit(operand)]
        case .binary(_, _, let lhs, let rhs): steps += [.combine(expr), .visit(rhs), .visit(lhs)]
        case .call(_, let arguments):
          steps.append(.combine(expr))
          steps += arguments.reversed().map { .visit($0.value) }
        default:
          return .failure(ReplMessages.notAnExpression(span(expr.range)))
        }
      case .combine(let expr):
        switch combine(expr, &values) {
        case .success(let value): values.append(value)
        case .failure(let problem): return .failure(problem)
        }
      }
    }
    guard let value = values.last else {
      return .failure(ReplMessages.notAnExpression(span(expression.range)))
    }
    return .success(value)
  }

  /// The names of a chain of members (`capital.raw.CN`), when it starts with a name.
  static func path(_ expr: ExprSyntax) -> [NameSyntax]? {
    var names: [NameSyntax] = []
    var current = expr
    while true {
      switch current.kind {
      case .name(let text):
        names.append(NameSyntax(text: text, range: current.range))
        return names.reversed()
      case .member(let base, let name):
        names.append(name)
        current = base
      default: return nil
      }
    }
  }

  func span(_ range: ByteRange) -> Span {
    Span(file: file, start: range.start, end: range.end)
  }

  /// An operator or function applied to the values its operands left on the stack.
  private func combine(_ expr: ExprSyntax, _ values: inout [ReplValue]) -> Evaluation<ReplValue> {
    switch expr.kind {
    case .member(_, let name):
      guard let base = values.popLast() else { break }
      return select(name, in: base)
    case .unary(let op, _, _):
      guard let operand = values.popLast() else { break }
      return ReplOperators.unary(op, operand, at: span(expr.range))
    case .binary(let op, let opRange, _, _):
      guard let rhs = values.popLast(), let lhs = values.popLast() else { break }
      return ReplOperators.binary(op, lhs, rhs, at: span(opRange))
    case .call(let function, let arguments):
      let count = arguments.count
      guard values.count >= count else { break }
      let operands = Array(values.suffix(count))
      values.removeLast(count)
      return ReplOperators.call(
        function.text, operands, at: span(function.range),
        arguments: arguments.map { span($0.range) }, index: column("score", results.index))
    default: break
    }
    return .failure(ReplMessages.notAnExpression(span(expr.range)))
  }
}
