// The expressions most values are, read without descending the precedence levels.
//
// Almost every value of a methodology is one token (`arithmetic`, `2025`, `"2026.1"`), a column
// (`d.c00001`) or a call with single-token arguments (`minmax(0, 100)`). Reading one of those
// through `parseInfix`, `parseNot`, `parseUnary`, `parsePower`, `parsePostfix` and
// `parsePrimary` costs a dozen calls and as many checks for operators that are not there. So
// `parseExpr` first looks ahead over the tokens: when the expression has one of those shapes
// and the token after it cannot continue it, it is built here, token by token, with exactly
// the nodes, ranges and positions the general path gives; anything else (an operator, a
// labelled argument, a reserved word, a new line that continues the expression, nesting near
// the limit) goes the general way. The look-ahead reads only tokens already lexed.

extension Parser {
  /// Reads a one-token expression, `name.member` or `name(token, …)` when what follows ends
  /// it; nil, having consumed nothing, otherwise.
  @inline(never)
  mutating func parseSimpleExpr() -> ExprSyntax? {
    // The general path counts up to three levels for these shapes (the expression, a postfix
    // step, a call's argument): near the limit it must be the one to report.
    guard simpleExpressions, depth + 3 < Parser.maximumDepth, isLeaf(tokens[position]) else {
      return nil
    }
    let next = lookahead(position, inGroup: groupDepth > 0)
    switch tokens[next].kind {
    case .dot:
      guard tokens[position].kind == .identifier else { return nil }
      let name = lookahead(next, inGroup: groupDepth > 0)
      let kind = tokens[name].kind
      guard kind == .identifier || kind == .string,
        endsExpression(at: lookahead(name, inGroup: groupDepth > 0))
      else { return nil }
      let start = current.start
      let base = leaf()
      advance()
      let token = advance()
      return arena.expr(
        arena.memberNode(base, name: token.range, quoted: kind == .string, range(from: start)))
    case .leftParen:
      guard tokens[position].kind == .identifier, let count = simpleArguments(from: next) else {
        return nil
      }
      return simpleCall(arguments: count)
    default:
      guard endsExpression(at: next) else { return nil }
      return arena.expr(leaf())
    }
  }

  /// Whether a token is an expression on its own: a number, a percentage, a string, or a name
  /// (a word that is not reserved, or `index`).
  private func isLeaf(_ token: Token) -> Bool {
    switch token.kind {
    case .number, .percent, .string: true
    case .identifier: token.keyword.map { !$0.isReserved || $0 == .index } ?? true
    default: false
    }
  }

  /// The index of the token after `index`, past new lines when inside `(` or `[` (where
  /// `advance` skips them).
  private func lookahead(_ index: Int, inGroup: Bool) -> Int {
    var next = min(index + 1, tokens.count - 1)
    while inGroup && tokens[next].kind == .newline { next += 1 }
    return next
  }

  /// Whether the token at `index`, after a complete postfix expression, cannot continue it.
  ///
  /// New lines are seen only outside groups; one continues the expression when the next line
  /// starts with an infix operator, `..`, `then` or `else` (`continueOnNextLine`).
  private func endsExpression(at index: Int) -> Bool {
    let token = tokens[index]
    switch token.kind {
    case .leftParen, .dot, .dotDot, .caret:
      return false
    case .newline:
      let next = tokens[min(index + 1, tokens.count - 1)]
      return infixOperator(next) == nil && next.kind != .dotDot && !next.is(.then)
        && !next.is(.else)
    default:
      return infixOperator(token) == nil
    }
  }

  /// The number of arguments when the tokens from `(` at `open` are single-token arguments
  /// separated by commas (a trailing one allowed), closed by `)`, and followed by a token that
  /// ends the expression; nil otherwise.
  private func simpleArguments(from open: Int) -> Int? {
    var index = lookahead(open, inGroup: true)
    var count = 0
    while tokens[index].kind != .rightParen {
      guard isLeaf(tokens[index]) else { return nil }
      count += 1
      index = lookahead(index, inGroup: true)
      switch tokens[index].kind {
      case .comma: index = lookahead(index, inGroup: true)
      case .rightParen: break
      default: return nil
      }
    }
    return endsExpression(at: lookahead(index, inGroup: groupDepth > 0)) ? count : nil
  }

  /// The current token as a node, its id; it must be one `isLeaf` accepts.
  private mutating func leaf() -> UInt32 {
    let token = current
    switch token.kind {
    case .number, .percent:
      return parseNumberNode()
    case .string:
      advance()
      return arena.add(.init(.string, token.range))
    default:
      advance()
      return arena.add(.init(.name, token.range))
    }
  }

  /// `name(a, b)` whose `count` arguments `simpleArguments` has checked, read as `parseCall`
  /// and `parseGroup` read it.
  private mutating func simpleCall(arguments count: Int) -> ExprSyntax {
    let start = current.start
    let callee = leaf()
    advance()
    groupDepth += 1
    skipNewlines()
    let first = arena.count
    for _ in 0..<count {
      _ = leaf()
      _ = match(.comma)
    }
    groupDepth -= 1
    advance()
    return arena.expr(arena.callNode(callee, positional: first, count: count, range(from: start)))
  }
}
