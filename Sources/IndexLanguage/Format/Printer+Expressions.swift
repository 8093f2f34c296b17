// Expressions, printed from an explicit stack: a chain like `1 + 1 + … + 1` is a tree as deep
// as it is long (the parser builds it in a loop), so printing must not recurse over it.

extension Printer {
  /// What is left to print of an expression, last piece first.
  private enum Piece {
    case expression(ExprSyntax)
    /// An input token recorded in the tree.
    case token(ByteRange)
    /// A keyword or punctuation the tree does not record.
    case fixed(StaticString)
    /// The `,` between elements (the input's commas are passed over as separators).
    case comma
    case space
  }

  /// Prints an expression on the open line: single spaces around infix operators and after
  /// `,`, none inside brackets or around `.` and `..`.
  mutating func expression(_ root: ExprSyntax) {
    if simple(root) { return }
    var stack: [Piece] = [.expression(root)]
    while let piece = stack.popLast(), failure == nil {
      switch piece {
      case .token(let range): token(range)
      case .fixed(let text): fixed(text)
      case .comma: raw(",")
      case .space: space()
      case .expression(let expr): expand(expr, onto: &stack)
      }
    }
  }

  /// Prints the expressions most values are (a name, a literal, `source.column`, a call
  /// with such arguments) without building a stack; false, having printed nothing, otherwise.
  private mutating func simple(_ expr: ExprSyntax) -> Bool {
    switch expr.kind {
    case .number, .percent, .string, .name:
      token(expr.range)
      return true
    case .member(let base, let name):
      guard case .name = base.kind else { return false }
      token(base.range)
      fixed(".")
      token(name.range)
      return true
    case .call(let function, let arguments):
      for argument in arguments {
        guard argument.label == nil else { return false }
        switch argument.value.kind {
        case .number, .percent, .string, .name: continue
        default: return false
        }
      }
      token(function.range)
      fixed("(")
      for (position, argument) in arguments.enumerated() {
        if position > 0 {
          raw(",")
          space()
        }
        token(argument.value.range)
      }
      fixed(")")
      return true
    default:
      return false
    }
  }

  /// Pushes the pieces of one expression node, in reverse order.
  private mutating func expand(_ expr: ExprSyntax, onto stack: inout [Piece]) {
    switch expr.kind {
    case .number, .percent, .string, .name:
      stack.append(.token(expr.range))
    case .member(let base, let name):
      stack += [.token(name.range), .fixed("."), .expression(base)]
    case .call(let function, let arguments):
      stack.append(.fixed(")"))
      for (position, argument) in arguments.enumerated().reversed() {
        stack.append(.expression(argument.value))
        if let label = argument.label {
          stack += [.space, .fixed(":"), .token(label.range)]
        }
        if position > 0 { stack += [.space, .comma] }
      }
      stack += [.fixed("("), .token(function.range)]
    case .unary(let op, let opRange, let operand):
      stack.append(.expression(operand))
      // `+ -x` must not become `+-x`, which reads as `±x`; `- -x` reads better than `--x`.
      let operandStart = operand.range.start
      let signFollows =
        operandStart < source.count
        && (source[operandStart] == Ascii.minus || source[operandStart] == Ascii.plus)
      if op == .not || ((op == .plus || op == .negate) && signFollows) { stack.append(.space) }
      stack.append(.token(opRange))
    case .binary(_, let opRange, let lhs, let rhs):
      stack += [.expression(rhs), .space, .token(opRange), .space, .expression(lhs)]
    case .range(let lower, let upper):
      stack += [.expression(upper), .fixed(".."), .expression(lower)]
    case .conditional(let condition, let then, let otherwise):
      stack += [
        .expression(otherwise), .space, .fixed("else"), .space, .expression(then), .space,
        .fixed("then"), .space, .expression(condition), .space, .fixed("if"),
      ]
    case .list(let elements):
      stack.append(.fixed("]"))
      pushSeparated(elements, onto: &stack)
      stack.append(.fixed("["))
    case .parenthesized(let inner):
      stack += [.fixed(")"), .expression(inner), .fixed("(")]
    case .oneOf(let options):
      pushSeparated(options, onto: &stack)
      stack += [.space, .fixed("of"), .space, .fixed("one")]
    case .bad:
      fail("unreadable expression at offset \(expr.range.start)")
    }
  }

  /// `a, b, c`, pushed in reverse.
  private func pushSeparated(_ elements: ExprList, onto stack: inout [Piece]) {
    for (position, element) in elements.enumerated().reversed() {
      stack.append(.expression(element))
      if position > 0 { stack += [.space, .comma] }
    }
  }
}
