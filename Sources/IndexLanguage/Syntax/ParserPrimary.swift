// The atoms of expressions: `Primary`, parentheses, lists and `if … then … else …`.

extension Parser {
  /// `Primary ::= NUMBER | PERCENT | STRING | Name | 'index' | '(' Expr ')' | '[' … ']' | 'if' …`.
  ///
  /// Nested expressions recurse through here, so everything but the recursion is kept in
  /// helpers that are never inlined: the frame stays small, and 200 levels of nesting fit a
  /// thread's stack of 512 KiB (see docs/limits.md).
  mutating func parsePrimary() -> ExprSyntax {
    switch current.kind {
    case .number, .percent: return parseNumberLiteral()
    case .string: return parseStringLiteral()
    case .identifier: return parseReference()
    case .leftParen: return parseParenthesized()
    case .leftBracket: return parseList()
    default: return failExpectedExpression()
    }
  }

  @inline(never)
  private mutating func parseNumberLiteral() -> ExprSyntax {
    arena.expr(parseNumberNode())
  }

  /// A number or percentage token as a node (a `bad` one when malformed); its id.
  mutating func parseNumberNode() -> UInt32 {
    let token = advance()
    guard let value = numberValue(token) else { return arena.add(.init(.bad, token.range)) }
    // `1e309`, or ten million digits: refused here rather than read as infinity.
    guard value.isFinite else {
      report(Catalog.numberOutOfRange(span(token)))
      return arena.add(.init(.bad, token.range))
    }
    return arena.numberNode(value, percent: token.kind == .percent, token.range)
  }

  @inline(never)
  private mutating func parseStringLiteral() -> ExprSyntax {
    let token = advance()
    return arena.string(token.range)
  }

  @inline(never)
  private mutating func parseList() -> ExprSyntax {
    let start = current.start
    let elements = parseGroup(closer: .rightBracket) { parser in parser.parseExpr() }
    return arena.list(elements, oneOf: false, range(from: start))
  }

  /// Reports that an expression was expected at the current token.
  @inline(never)
  mutating func failExpectedExpression() -> ExprSyntax {
    let token = current
    fail(
      Catalog.expectedExpression(
        span(token), after: describePrevious, found: describe(token),
        foundEquals: token.kind == .equals))
    return arena.bad(.empty(at: token.start))
  }

  /// A name, `index`, or `if`; a reserved word used as a name is reported and read as one.
  private mutating func parseReference() -> ExprSyntax {
    if current.is(.if) { return parseConditional() }
    return parseName()
  }

  @inline(never)
  private mutating func parseName() -> ExprSyntax {
    let token = current
    if let keyword = token.keyword, keyword.isReserved, keyword != .index {
      switch keyword {
      case .then, .else, .and, .or, .not:
        return failExpectedExpression()
      default:
        report(Catalog.keywordAsName(span(token), keyword: keyword.rawValue))
      }
    }
    advance()
    return arena.name(token.range)
  }

  /// `'(' Expr ')'`, kept in the tree so the formatter can reprint it.
  private mutating func parseParenthesized() -> ExprSyntax {
    let opening = advance()
    groupDepth += 1
    skipNewlines()
    let inner = parseExpr()
    groupDepth -= 1
    expectCloser(.rightParen, opening: opening)
    return arena.parenthesized(inner, range(from: opening.start))
  }

  /// `'if' Expr 'then' Expr 'else' Expr`; the `else` branch reaches as far right as it can.
  private mutating func parseConditional() -> ExprSyntax {
    let ifToken = advance()
    skipNewlines()
    let condition = parseExpr()
    guard expectBranch(.then, ifToken) else { return arena.bad(range(from: ifToken.start)) }
    let thenBranch = parseExpr()
    guard expectBranch(.else, ifToken) else { return arena.bad(range(from: ifToken.start)) }
    let elseBranch = parseExpr()
    return arena.conditional(condition, thenBranch, elseBranch, range(from: ifToken.start))
  }

  /// Consumes `then` or `else` (possibly at the start of the next line), or reports it missing.
  private mutating func expectBranch(_ keyword: Keyword, _ ifToken: Token) -> Bool {
    continueOnNextLine()
    if match(keyword) {
      skipNewlines()
      return true
    }
    fail(
      Catalog.incompleteConditional(
        span(current), missing: keyword.rawValue, found: describe(current),
        ifSpan: span(ifToken), foundEquals: check(.equals)))
    return false
  }

  /// Items between an opening `(` or `[` (the current token) and its closer, separated by
  /// commas, with new lines ignored; a trailing comma is allowed.
  mutating func parseGroup<Item>(closer: TokenKind, _ parseItem: (inout Parser) -> Item) -> [Item] {
    let opening = advance()
    groupDepth += 1
    skipNewlines()
    var items: [Item] = []
    while !check(closer) && !atEnd {
      let before = position
      items.append(parseItem(&self))
      if !match(.comma) || position == before { break }
    }
    groupDepth -= 1
    expectCloser(closer, opening: opening)
    return items
  }

  /// Consumes `)` or `]`, or reports which opening it should have closed.
  private mutating func expectCloser(_ closer: TokenKind, opening: Token) {
    guard !match(closer) else { return }
    // Already silenced: building the message would look up the opening's line for nothing,
    // once per unclosed `(` (quadratic for 100,000 of them).
    guard !panicking else { return }
    fail(
      Catalog.unclosedDelimiter(
        span(current), found: describe(current), closer: closer == .rightParen ? ")" : "]",
        opening: span(opening)))
  }
}
