// Expressions, printed from an explicit stack: a chain like `1 + 1 + … + 1` is a tree as deep
// as it is long (the parser builds it in a loop), so printing must not recurse over it.
//
// The printer reads the arena's nodes directly rather than decoding each expression's `kind`:
// it needs only their ranges and shapes, and decoding builds the text of every name it meets.

extension Printer {
  /// What is left to print of an expression, last piece first.
  private enum Piece {
    /// A node of the expression's arena.
    case node(UInt32)
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
    let arena = root.arena
    if simple(root.id, in: arena) { return }
    var stack: [Piece] = [.node(root.id)]
    while let piece = stack.popLast(), failure == nil {
      switch piece {
      case .token(let range): token(range)
      case .fixed(let text): fixed(text)
      case .comma: raw(",")
      case .space: space()
      case .node(let id): expand(id, in: arena, onto: &stack)
      }
    }
  }

  /// Whether a node is a single token: a number, a percentage, a string or a name.
  private static func isLeaf(_ node: ExprArena.Node) -> Bool {
    switch node.tag {
    case .number, .percent, .string, .name: true
    default: false
    }
  }

  /// Prints the expressions most values are (a name, a literal, `source.column`, a call
  /// with such arguments) without building a stack; false, having printed nothing, otherwise.
  private mutating func simple(_ id: UInt32, in arena: ExprArena) -> Bool {
    let node = arena.node(id)
    switch node.tag {
    case .number, .percent, .string, .name:
      token(node.range)
      return true
    case .member:
      let base = arena.node(node.a)
      guard base.tag == .name else { return false }
      token(base.range)
      fixed(".")
      token(node.secondRange)
      return true
    case .call:
      let first = Int(node.b)
      let count = Int(node.c)
      for offset in 0..<count where !Self.isLeaf(arena.node(arena.listEntry(first + offset))) {
        return false
      }
      token(arena.node(node.a).range)
      fixed("(")
      for offset in 0..<count {
        if offset > 0 {
          raw(",")
          space()
        }
        token(arena.node(arena.listEntry(first + offset)).range)
      }
      fixed(")")
      return true
    default:
      return false
    }
  }

  /// Pushes the pieces of one expression node, in reverse order.
  private mutating func expand(_ id: UInt32, in arena: ExprArena, onto stack: inout [Piece]) {
    let node = arena.node(id)
    switch node.tag {
    case .number, .percent, .string, .name:
      stack.append(.token(node.range))
    case .member:
      stack += [.token(node.secondRange), .fixed("."), .node(node.a)]
    case .call:
      stack.append(.fixed(")"))
      for offset in (0..<Int(node.c)).reversed() {
        let entryID = arena.listEntry(Int(node.b) + offset)
        let entry = arena.node(entryID)
        if entry.tag == .argument {
          stack += [.node(entry.a), .space, .fixed(":"), .token(entry.secondRange)]
        } else {
          stack.append(.node(entryID))
        }
        if offset > 0 { stack += [.space, .comma] }
      }
      stack += [.fixed("("), .token(arena.node(node.a).range)]
    case .unary:
      let op = UnaryOperator(code: node.op)
      stack.append(.node(node.a))
      // `+ -x` must not become `+-x`, which reads as `±x`; `- -x` reads better than `--x`.
      let operandStart = arena.node(node.a).range.start
      let signFollows =
        operandStart < source.count
        && (source[operandStart] == Ascii.minus || source[operandStart] == Ascii.plus)
      if op == .not || ((op == .plus || op == .negate) && signFollows) { stack.append(.space) }
      stack.append(.token(node.secondRange))
    case .binary:
      stack += [.node(node.b), .space, .token(node.secondRange), .space, .node(node.a)]
    case .range:
      stack += [.node(node.b), .fixed(".."), .node(node.a)]
    case .conditional:
      stack += [
        .node(node.c), .space, .fixed("else"), .space, .node(node.b), .space,
        .fixed("then"), .space, .node(node.a), .space, .fixed("if"),
      ]
    case .list:
      stack.append(.fixed("]"))
      pushSeparated(node, in: arena, onto: &stack)
      stack.append(.fixed("["))
    case .parenthesized:
      stack += [.fixed(")"), .node(node.a), .fixed("(")]
    case .oneOf:
      pushSeparated(node, in: arena, onto: &stack)
      stack += [.space, .fixed("of"), .space, .fixed("one")]
    case .bad, .argument:
      fail("unreadable expression at offset \(node.range.start)")
    }
  }

  /// The elements of a list or `one of` node, `a, b, c`, pushed in reverse.
  private func pushSeparated(
    _ node: ExprArena.Node, in arena: ExprArena, onto stack: inout [Piece]
  ) {
    for offset in (0..<Int(node.c)).reversed() {
      stack.append(.node(arena.listEntry(Int(node.b) + offset)))
      if offset > 0 { stack += [.space, .comma] }
    }
  }
}
