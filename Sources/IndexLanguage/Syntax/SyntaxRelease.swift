// Releasing a syntax tree without recursion.
//
// Expression nodes are boxed (an indirect enum), and Swift releases a box by releasing its
// children first, recursively: a chain like `1 + 1 + … + 1`, which the parser builds in a loop
// and which is as deep as it is long, would overflow the stack when its tree is dropped. This
// takes the expressions apart from an explicit stack instead, so each box is freed when its
// children are already held elsewhere and freeing it does not descend. Short statements are
// left to the ordinary release: they cannot be deep.

extension SourceFileSyntax {
  /// Statements shorter than this many bytes cannot nest deeply enough to matter (each level
  /// of a chain takes at least two bytes), so they are freed the ordinary, faster way.
  static let shallowStatementBytes = 2048

  /// Empties `statements`, freeing the expressions of long statements one node at a time.
  ///
  /// Only effective when nothing else holds the statements (copies keep their trees alive,
  /// and those are freed the ordinary way).
  public mutating func releaseWithoutRecursion() {
    var stack: [ExprSyntax] = []
    for statement in statements
    where statement.range.end - statement.range.start >= Self.shallowStatementBytes {
      statement.collectExpressions(into: &stack)
    }
    statements = []
    while let expr = stack.popLast() {
      expr.collectChildren(into: &stack)
    }
  }
}

extension StatementSyntax {
  /// The expressions written directly in the statement (its roots).
  fileprivate func collectExpressions(into stack: inout [ExprSyntax]) {
    switch self {
    case .declaration(let decl): decl.collectExpressions(into: &stack)
    case .importFile, .remove, .bad: break
    case .set(let node): stack.append(node.value)
    case .add(let node): node.declaration.collectExpressions(into: &stack)
    case .weights(let node): stack += node.entries.compactMap(\.weight)
    case .adjust(let node): stack.append(node.delta)
    }
  }
}

extension DeclSyntax {
  fileprivate func collectExpressions(into stack: inout [ExprSyntax]) {
    if let source { stack.append(source) }
    if let scaleRange { stack.append(scaleRange) }
    for item in body?.items ?? [] {
      switch item {
      case .property(let property): stack.append(property.value)
      case .level(let level): stack += [level.level, level.label]
      case .members(let members): stack += members.members.compactMap(\.weight)
      case .ratings(let ratings):
        for rating in ratings.ratings {
          stack.append(rating.value)
          if let bounds = rating.bounds { stack.append(bounds) }
        }
      case .adjust(let adjust): stack.append(adjust.delta)
      case .bad: break
      }
    }
  }
}

extension ExprSyntax {
  /// Pushes this node's children; the node itself is freed by the caller.
  fileprivate func collectChildren(into stack: inout [ExprSyntax]) {
    switch kind {
    case .number, .percent, .string, .name, .bad: break
    case .member(let base, _): stack.append(base)
    case .call(_, let arguments): stack += arguments.map(\.value)
    case .unary(_, _, let operand): stack.append(operand)
    case .binary(_, _, let lhs, let rhs): stack += [lhs, rhs]
    case .range(let lower, let upper): stack += [lower, upper]
    case .conditional(let condition, let then, let otherwise):
      stack += [condition, then, otherwise]
    case .list(let elements), .oneOf(let elements): stack += elements
    case .parenthesized(let inner): stack.append(inner)
    }
  }
}
