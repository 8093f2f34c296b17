import Diagnostics
import Glibc
import IndexLanguage

/// Arithmetic, comparisons and functions over the REPL's values: numbers with numbers, a value
/// per entity with a number (each entity's), two per-entity values entity by entity.
enum ReplOperators {
  static func unary(_ op: UnaryOperator, _ operand: ReplValue, at span: Span) -> Evaluation<
    ReplValue
  > {
    switch (op, operand) {
    case (.negate, _), (.plus, _):
      let sign = op == .negate ? -1.0 : 1.0
      return map(operand, span: span, operator: op.rawValue) { sign * $0 }
    case (.not, .boolean(let value)): return .success(.boolean(!value))
    default: return .failure(ReplMessages.badOperand(op.rawValue, operand.kind, span))
    }
  }

  static func binary(_ op: BinaryOperator, _ lhs: ReplValue, _ rhs: ReplValue, at span: Span)
    -> Evaluation<ReplValue>
  {
    switch op {
    case .and, .or:
      guard case .boolean(let a) = lhs, case .boolean(let b) = rhs else {
        return .failure(ReplMessages.badOperands(op.rawValue, lhs.kind, rhs.kind, span))
      }
      return .success(.boolean(op == .and ? a && b : a || b))
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
      guard case .number(let a) = lhs, case .number(let b) = rhs else {
        return .failure(ReplMessages.badOperands(op.rawValue, lhs.kind, rhs.kind, span))
      }
      return .success(.boolean(compare(op, a, b)))
    case .add, .subtract, .multiply, .divide, .power:
      return arithmetic(op, lhs, rhs, span)
    }
  }

  /// Whether `a op b` holds (false when either is missing).
  static func compare(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Bool {
    switch op {
    case .less: a < b
    case .lessEqual: a <= b
    case .greater: a > b
    case .greaterEqual: a >= b
    case .equal: a == b
    case .notEqual: a != b && !a.isNaN && !b.isNaN
    default: false
    }
  }

  private static func apply(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
    switch op {
    case .add: a + b
    case .subtract: a - b
    case .multiply: a * b
    case .divide: b == 0 ? .nan : a / b
    case .power: a.isNaN || b.isNaN ? .nan : pow(a, b)
    default: .nan
    }
  }

  private static func arithmetic(
    _ op: BinaryOperator, _ lhs: ReplValue, _ rhs: ReplValue, _ span: Span
  ) -> Evaluation<ReplValue> {
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)): return .success(.number(apply(op, a, b)))
    case (.column(let name, let values), .number(let b)):
      return .success(
        .column(
          name: name, values: values.map { .init(code: $0.code, value: apply(op, $0.value, b)) }))
    case (.number(let a), .column(let name, let values)):
      return .success(
        .column(
          name: name, values: values.map { .init(code: $0.code, value: apply(op, a, $0.value)) }))
    case (.column(let name, let a), .column(_, let b)) where a.map(\.code) == b.map(\.code):
      let values = zip(a, b).map {
        ReplValue.Entry(code: $0.code, value: apply(op, $0.value, $1.value))
      }
      return .success(.column(name: name, values: values))
    default:
      return .failure(ReplMessages.badOperands(op.rawValue, lhs.kind, rhs.kind, span))
    }
  }

  private static func map(
    _ value: ReplValue, span: Span, operator name: String, _ transform: (Double) -> Double
  ) -> Evaluation<ReplValue> {
    switch value {
    case .number(let x): return .success(.number(transform(x)))
    case .column(let name, let values):
      return .success(
        .column(name: name, values: values.map { .init(code: $0.code, value: transform($0.value)) })
      )
    default: return .failure(ReplMessages.badOperand(name, value.kind, span))
    }
  }

  /// The functions an expression may call, with what they take.
  static let functions: [(name: String, usage: String)] = [
    ("mean", "mean(values)"), ("median", "median(values)"), ("min", "min(values)"),
    ("max", "max(values)"), ("sum", "sum(values)"), ("sd", "sd(values)"),
    ("count", "count(values)"), ("abs", "abs(x)"), ("top", "top(N) or top(N, values)"),
    ("bottom", "bottom(N) or bottom(N, values)"),
  ]

  /// `mean(score)`, `top(3)`, `top(3, research)`, `abs(score.US - score.CN)`, …; `index` is the
  /// index's scores, for `top` without a second argument.
  static func call(
    _ name: String, _ operands: [ReplValue], at span: Span, arguments: [Span],
    index: ReplValue? = nil
  ) -> Evaluation<ReplValue> {
    guard let usage = functions.first(where: { $0.name == name })?.usage else {
      let close = Suggestions.closest(to: name, among: functions.map(\.name), limit: 1)
      return .failure(ReplMessages.unknownFunction(name, span, suggestion: close.first))
    }
    let first = operands.first
    let second = operands.count == 2 ? operands[1] : nil
    switch name {
    case "abs" where operands.count == 1:
      if let first { return map(first, span: span, operator: name) { Swift.abs($0) } }
    case "top", "bottom":
      guard case .number(let n)? = first, operands.count <= 2, let values = second ?? index
      else { break }
      return rank(name, n, values, span)
    default:
      if operands.count == 1, case .column(_, let values)? = first {
        return .success(.number(statistic(name, values.map(\.value).filter { !$0.isNaN })))
      }
    }
    return .failure(ReplMessages.badCall(name, usage, span))
  }

  private static func rank(_ name: String, _ n: Double, _ values: ReplValue, _ span: Span)
    -> Evaluation<ReplValue>
  {
    guard case .column(let column, let entries) = values, n >= 1, n == n.rounded(), n < 1e9
    else { return .failure(ReplMessages.badCall(name, "\(name)(N) or \(name)(N, values)", span)) }
    var ranked = ReplValue.ranked(entries).filter { !$0.value.isNaN }
    if name == "bottom" { ranked.reverse() }
    return .success(.ranking(name: column, values: Array(ranked.prefix(Int(n)))))
  }

  private static func statistic(_ name: String, _ known: [Double]) -> Double {
    guard !known.isEmpty else { return name == "count" || name == "sum" ? 0 : .nan }
    let total = known.reduce(0, +)
    let mean = total / Double(known.count)
    switch name {
    case "sum": return total
    case "count": return Double(known.count)
    case "min": return known.min() ?? .nan
    case "max": return known.max() ?? .nan
    case "median":
      let sorted = known.sorted()
      let middle = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    case "sd":
      guard known.count > 1 else { return .nan }
      let squares = known.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      return (squares / Double(known.count - 1)).squareRoot()
    default: return mean
    }
  }
}
