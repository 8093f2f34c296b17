// Expressions: `Expr` down to `Call`. The infix levels of the grammar (`OrExpr`, `AndExpr`,
// `Comparison`, `RangeExpr`, `Additive`, `Multiplicative`) share one precedence-climbing
// function, which reads exactly those rules with fewer stack frames per nesting level: deep
// input costs less stack before the depth limit stops it.
//
// Loops that build a tree leaning left (`a + b + c`, `a.b.c`, `f(x)(y)`) count one level of
// nesting per step, like parentheses do: the syntax tree is never deeper than
// `Parser.maximumDepth` plus one, so every later walk over it (checking, lowering, printing,
// comparing, freeing) is bounded too, and 100,000 `+` in a row are one diagnostic.

extension BinaryOperator {
  /// Binding strength; `not` (a prefix) sits at 3, between `and` and the comparisons.
  var precedence: Int {
    switch self {
    case .or: 1
    case .and: 2
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: 4
    case .add, .subtract: 6
    case .multiply, .divide: 7
    case .power: 8
    }
  }

  var isComparison: Bool { precedence == 4 }
}

extension Parser {
  private static let notPrecedence = 3
  private static let rangePrecedence = 5

  /// `Expr ::= OrExpr`.
  ///
  /// The common shapes (a token, `a.b`, `f(x, y)`) take the short way (`parseSimpleExpr`).
  mutating func parseExpr() -> ExprSyntax {
    if let simple = parseSimpleExpr() { return simple }
    return nestedExpr { parser in parser.parseInfix(above: 1) }
  }

  /// The infix rules from `OrExpr` to `Multiplicative`, for operators binding at least as
  /// tightly as `minimum`.
  ///
  /// All are left-associative except that comparisons do not chain
  /// (reported, then read left to right) and `..` takes one `Additive` on each side.
  private mutating func parseInfix(above minimum: Int) -> ExprSyntax {
    let entryDepth = depth
    defer { depth = entryDepth }
    var lhs = parseNot(minimum)
    var previousComparison: ByteRange?
    while true {
      continueOnNextLine()
      let token = current
      if token.kind == .dotDot && minimum <= Parser.rangePrecedence {
        guard deepen() else { return lhs }
        advance()
        skipNewlines()
        let upper = parseInfix(above: Parser.rangePrecedence + 1)
        lhs = arena.range(lhs, upper, range(from: lhs.range.start))
        continue
      }
      guard let op = infixOperator(token), op != .power, op.precedence >= minimum else {
        return lhs
      }
      guard deepen() else { return lhs }
      advance()
      skipNewlines()
      if op.isComparison {
        if let previousComparison {
          report(Catalog.chainedComparison(span(token), previous: span(previousComparison)))
        }
        previousComparison = token.range
      }
      let rhs = parseInfix(above: op.precedence + 1)
      lhs = arena.binary(op, opRange: token.range, lhs, rhs, range(from: lhs.range.start))
    }
  }

  /// `NotExpr ::= 'not' NotExpr | Comparison`, when `not` may appear at this level.
  private mutating func parseNot(_ minimum: Int) -> ExprSyntax {
    guard check(.not) && minimum <= Parser.notPrecedence else { return parseUnary() }
    let token = advance()
    skipNewlines()
    let operand = nestedExpr { parser in parser.parseInfix(above: Parser.notPrecedence) }
    return arena.unary(.not, opRange: token.range, operand, range(from: token.start))
  }

  /// The operator a token stands for in infix position, if any.
  func infixOperator(_ token: Token) -> BinaryOperator? {
    switch token.kind {
    case .plus: .add
    case .minus: .subtract
    case .star: .multiply
    case .slash: .divide
    case .caret: .power
    case .less: .less
    case .lessEqual: .lessEqual
    case .greater: .greater
    case .greaterEqual: .greaterEqual
    case .equalEqual: .equal
    case .bangEqual: .notEqual
    case .identifier where token.is(.and): .and
    case .identifier where token.is(.or): .or
    default: nil
    }
  }

  /// Skips a new line when the next line starts with an infix operator, `..`, `then` or
  /// `else`: no item starts with one, so the expression goes on.
  mutating func continueOnNextLine() {
    guard check(.newline) else { return }
    let next = peek()
    if infixOperator(next) != nil || next.kind == .dotDot || next.is(.then) || next.is(.else) {
      skipNewlines()
    }
  }

  /// `Unary ::= ( '-' | '+' | PlusMinus ) Unary | Power`, where `PlusMinus ::= '±' | '+' '-'`.
  private mutating func parseUnary() -> ExprSyntax {
    let token = current
    let op: UnaryOperator
    switch token.kind {
    case .minus: op = .negate
    case .plusMinus: op = .plusMinus
    case .plus where peek().kind == .minus && peek().start == token.end: op = .plusMinus
    case .plus: op = .plus
    default: return parsePower()
    }
    advance()
    if op == .plusMinus && token.kind == .plus { advance() }
    let opRange = range(from: token.start)
    skipNewlines()
    let operand = nestedExpr { parser in parser.parseUnary() }
    return arena.unary(op, opRange: opRange, operand, range(from: token.start))
  }

  /// `Power ::= Postfix ( '^' Unary )?`: right-associative, tighter than a prefix minus.
  private mutating func parsePower() -> ExprSyntax {
    let base = parsePostfix()
    continueOnNextLine()
    guard check(.caret) else { return base }
    let token = advance()
    skipNewlines()
    let exponent = nestedExpr { parser in parser.parseUnary() }
    return arena.binary(.power, opRange: token.range, base, exponent, range(from: base.range.start))
  }

  /// `Postfix ::= ( Call | Primary ) ( '.' ( Word | STRING ) )*`.
  private mutating func parsePostfix() -> ExprSyntax {
    let entryDepth = depth
    defer { depth = entryDepth }
    var expr = parsePrimary()
    while true {
      guard check(.leftParen) || check(.dot) else { return expr }
      guard deepen() else { return expr }
      if check(.leftParen) {
        expr = parseCall(expr)
        continue
      }
      guard let member = parseMember(of: expr) else {
        return arena.bad(range(from: expr.range.start))
      }
      expr = member
    }
  }

  /// `'.' ( Word | STRING )` after `base`, or nil when no name follows (reported).
  @inline(never)
  private mutating func parseMember(of base: ExprSyntax) -> ExprSyntax? {
    advance()
    let token = current
    switch token.kind {
    case .identifier:
      advance()
      return arena.member(base, name: token.range, quoted: false, range(from: base.range.start))
    case .string:
      advance()
      return arena.member(base, name: token.range, quoted: true, range(from: base.range.start))
    default:
      fail(Catalog.expectedName(span(token), after: "`.`", found: describe(token)))
      return nil
    }
  }

  /// `Call ::= IDENTIFIER '(' ( Argument ( ',' Argument )* ','? )? ')'`.
  ///
  /// Anything else followed by `(` is reported, its arguments read, and the whole made `bad`.
  private mutating func parseCall(_ callee: ExprSyntax) -> ExprSyntax {
    guard callee.isName else {
      if !callee.isBad { report(Catalog.notCallable(span(callee.range))) }
      _ = parseGroup(closer: .rightParen) { parser in parser.parseArgument() }
      return arena.bad(range(from: callee.range.start))
    }
    let arguments = parseGroup(closer: .rightParen) { parser in parser.parseArgument() }
    return arena.call(callee, arguments: arguments, range(from: callee.range.start))
  }

  /// `Argument ::= ( Word ':' )? Expr`.
  private mutating func parseArgument() -> ArgumentSyntax {
    let start = current.start
    var label: NameSyntax?
    if check(.identifier) && peek().kind == .colon {
      label = parseWord()
      advance()
    }
    let value = parseExpr()
    return ArgumentSyntax(label: label, value: value, range: range(from: start))
  }
}
