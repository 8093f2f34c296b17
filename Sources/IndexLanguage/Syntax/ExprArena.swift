// The expressions of a parsed file, stored flat.
//
// A tree of boxed nodes costs an allocation per node, a reference count per child, and a
// release that descends as deep as the tree. Here every expression of one file is a
// fixed-size record in one array, children are indices into it, and names and strings are not
// copied: they are ranges of the file's bytes, read when asked for. A file's expressions then
// cost 28 bytes a node, are built without allocating, and are freed as two arrays however deep
// they nest. `ExprSyntax` is a view, the arena and an index; its `kind` decodes one node into
// the enum the rest of the front end matches on.

/// Every expression of one parsed file, as fixed-size nodes.
///
/// Only the parser that creates an arena appends to it, before the tree it belongs to is
/// returned; from then on it is never changed, which is why it can be shared between threads.
public final class ExprArena: @unchecked Sendable {
  /// What a node is; `Node`'s fields mean different things for each (see `Node`).
  enum Tag: UInt8 {
    case number, percent, string, name, member, call, argument, unary, binary, range
    case conditional, list, parenthesized, oneOf, bad
  }

  /// One expression, or a labelled argument of a call.
  ///
  /// By tag: number and percent: the value's bits in `c` (low half) and `d`; member: `a` the
  /// base, `c`…`d` the name, `flags` 1 when it is quoted; call: `a` the callee (a name), `b` and
  /// `c` the start and count of its arguments in `lists`; argument: `a` the value, `c`…`d` the
  /// label; unary: `op`, `a` the operand, `c`…`d` the operator; binary: `op`, `a` and `b` the
  /// operands, `c`…`d` the operator; range: `a` and `b`; conditional: `a`, `b`, `c`; list and
  /// `one of`: `b` and `c` as for a call; parenthesized: `a`. Strings and names are their range.
  struct Node {
    var tag: Tag
    var op: UInt8 = 0
    var flags: UInt16 = 0
    var start: UInt32
    var end: UInt32
    var a: UInt32 = 0
    var b: UInt32 = 0
    var c: UInt32 = 0
    var d: UInt32 = 0

    init(_ tag: Tag, _ range: ByteRange) {
      self.tag = tag
      start = UInt32(clamping: range.start)
      end = UInt32(clamping: range.end)
    }

    var range: ByteRange { ByteRange(Int(start), Int(end)) }
    /// `c`…`d` read as a second range: a member's name, an operator, a label.
    var secondRange: ByteRange { ByteRange(Int(c), Int(d)) }

    mutating func setSecond(_ range: ByteRange) {
      c = UInt32(clamping: range.start)
      d = UInt32(clamping: range.end)
    }
  }

  /// The file's bytes, which names and strings are read from (shared with the file, not
  /// copied).
  let bytes: [UInt8]
  @exclusivity(unchecked) private(set) var nodes: [Node] = []
  /// Children of calls, lists and `one of`, each group contiguous.
  @exclusivity(unchecked) private(set) var lists: [UInt32] = []
  /// Text that is not in the file, for expressions made rather than parsed (`flags` bit 2;
  /// the node's `b` is its index): a metadata table's `source.column`, say.
  @exclusivity(unchecked) private(set) var strings: [UInt32: String] = [:]

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// An arena for parsing `length` bytes, with room for the nodes such a file usually has
  /// (about one per 20 bytes): the node array then seldom grows, and each growth copies it.
  init(bytes: [UInt8], parsing length: Int) {
    self.bytes = bytes
    nodes.reserveCapacity(length / 16 + 4)
  }

  /// The number of nodes: expressions and labelled arguments.
  var count: Int { nodes.count }

  // MARK: - Building (the parser)

  private func append(_ node: Node) -> ExprSyntax {
    ExprSyntax(arena: self, id: add(node))
  }

  /// Appends a node and returns its id, without making an `ExprSyntax` of it (each one made
  /// retains the arena): the parser's short way wraps only the expression it returns.
  func add(_ node: Node) -> UInt32 {
    nodes.append(node)
    return UInt32(truncatingIfNeeded: nodes.count - 1)
  }

  private func index(_ expr: ExprSyntax) -> UInt32 {
    precondition(expr.arena === self, "an expression of another file")
    return expr.id
  }

  private func appendList(_ ids: [UInt32]) -> (start: UInt32, count: UInt32) {
    let start = UInt32(truncatingIfNeeded: lists.count)
    lists += ids
    return (start, UInt32(truncatingIfNeeded: ids.count))
  }

  /// A placeholder for a missing or unreadable expression (already reported).
  func bad(_ range: ByteRange) -> ExprSyntax { append(Node(.bad, range)) }

  func number(_ value: Double, percent: Bool, _ range: ByteRange) -> ExprSyntax {
    expr(numberNode(value, percent: percent, range))
  }

  /// `number(_:percent:_:)`, returning the new node's id.
  func numberNode(_ value: Double, percent: Bool, _ range: ByteRange) -> UInt32 {
    var node = Node(percent ? .percent : .number, range)
    node.c = UInt32(truncatingIfNeeded: value.bitPattern)
    node.d = UInt32(truncatingIfNeeded: value.bitPattern >> 32)
    return add(node)
  }

  /// A string literal; `range` includes the quotes.
  func string(_ range: ByteRange) -> ExprSyntax { append(Node(.string, range)) }

  /// A bare name; its text is the bytes of `range`.
  func name(_ range: ByteRange) -> ExprSyntax { append(Node(.name, range)) }

  func member(_ base: ExprSyntax, name: ByteRange, quoted: Bool, _ range: ByteRange)
    -> ExprSyntax
  {
    expr(memberNode(index(base), name: name, quoted: quoted, range))
  }

  /// `member(_:name:quoted:_:)` of the node `base`, returning the new node's id.
  func memberNode(_ base: UInt32, name: ByteRange, quoted: Bool, _ range: ByteRange) -> UInt32 {
    var node = Node(.member, range)
    node.setSecond(name)
    node.a = base
    node.flags = quoted ? 1 : 0
    return add(node)
  }

  /// A call of `callee`, which must be a name.
  func call(_ callee: ExprSyntax, arguments: [ArgumentSyntax], _ range: ByteRange)
    -> ExprSyntax
  {
    var ids: [UInt32] = []
    ids.reserveCapacity(arguments.count)
    for argument in arguments {
      guard let label = argument.label else {
        ids.append(index(argument.value))
        continue
      }
      var node = Node(.argument, argument.range)
      node.setSecond(label.range)
      node.a = index(argument.value)
      ids.append(index(append(node)))
    }
    var node = Node(.call, range)
    node.a = index(callee)
    (node.b, node.c) = appendList(ids)
    return append(node)
  }

  /// A call of `callee` whose arguments are the `count` nodes from `first`; the new node's id.
  ///
  /// The arguments are all positional and were just built, in order, so they are listed
  /// without being collected in an array first.
  func callNode(_ callee: UInt32, positional first: Int, count: Int, _ range: ByteRange)
    -> UInt32
  {
    var node = Node(.call, range)
    node.a = callee
    node.b = UInt32(truncatingIfNeeded: lists.count)
    node.c = UInt32(truncatingIfNeeded: count)
    for id in first..<(first + count) { lists.append(UInt32(truncatingIfNeeded: id)) }
    return add(node)
  }

  func unary(_ op: UnaryOperator, opRange: ByteRange, _ operand: ExprSyntax, _ range: ByteRange)
    -> ExprSyntax
  {
    var node = Node(.unary, range)
    node.setSecond(opRange)
    node.op = op.code
    node.a = index(operand)
    return append(node)
  }

  func binary(
    _ op: BinaryOperator, opRange: ByteRange, _ lhs: ExprSyntax, _ rhs: ExprSyntax,
    _ range: ByteRange
  ) -> ExprSyntax {
    var node = Node(.binary, range)
    node.setSecond(opRange)
    node.op = op.code
    node.a = index(lhs)
    node.b = index(rhs)
    return append(node)
  }

  func range(_ lower: ExprSyntax, _ upper: ExprSyntax, _ range: ByteRange) -> ExprSyntax {
    var node = Node(.range, range)
    node.a = index(lower)
    node.b = index(upper)
    return append(node)
  }

  func conditional(
    _ condition: ExprSyntax, _ then: ExprSyntax, _ otherwise: ExprSyntax, _ range: ByteRange
  ) -> ExprSyntax {
    var node = Node(.conditional, range)
    node.a = index(condition)
    node.b = index(then)
    node.c = index(otherwise)
    return append(node)
  }

  /// `[a, b]`, or `one of a, b` when `oneOf`.
  func list(_ elements: [ExprSyntax], oneOf: Bool, _ range: ByteRange) -> ExprSyntax {
    var node = Node(oneOf ? .oneOf : .list, range)
    (node.b, node.c) = appendList(elements.map(index))
    return append(node)
  }

  func parenthesized(_ inner: ExprSyntax, _ range: ByteRange) -> ExprSyntax {
    var node = Node(.parenthesized, range)
    node.a = index(inner)
    return append(node)
  }

  // MARK: - Making (expressions no file wrote)

  private func reserve() -> UInt32 {
    nodes.append(Node(.bad, .empty(at: 0)))
    return UInt32(truncatingIfNeeded: nodes.count - 1)
  }

  private func setMadeText(_ node: inout Node, _ text: String) {
    node.flags |= Self.madeText
    node.b = UInt32(truncatingIfNeeded: strings.count)
    strings[node.b] = text
  }

  /// Copies an expression of any arena into this one, its texts kept in `strings`; an
  /// explicit stack, as the tree may be as deep as the parser allowed.
  private func copy(_ expr: ExprSyntax) -> UInt32 {
    let root = reserve()
    var pending = [(expr.arena, expr.id, root)]
    while let (source, id, destination) = pending.popLast() {
      var node = source.node(id)
      let child = { (child: UInt32) -> UInt32 in
        let copied = self.reserve()
        pending.append((source, child, copied))
        return copied
      }
      switch node.tag {
      case .name, .string, .member, .argument:
        setMadeText(&node, source.text(of: node))
        if node.tag == .member || node.tag == .argument { node.a = child(node.a) }
      case .unary, .parenthesized:
        node.a = child(node.a)
      case .binary, .range:
        node.a = child(node.a)
        node.b = child(node.b)
      case .conditional:
        node.a = child(node.a)
        node.b = child(node.b)
        node.c = child(node.c)
      case .call, .list, .oneOf:
        if node.tag == .call { node.a = child(node.a) }
        let entries = (0..<Int(node.c)).map { child(source.listEntry(Int(node.b) + $0)) }
        node.b = appendList(entries).start
      case .number, .percent, .bad:
        break
      }
      nodes[Int(destination)] = node
    }
    return root
  }

  /// A node made from a decoded kind, its children copied into this arena.
  func make(_ kind: ExprSyntax.Kind, _ range: ByteRange) -> ExprSyntax {
    var node = Node(.bad, range)
    switch kind {
    case .number(let value), .percent(let value):
      return number(value, percent: { if case .percent = kind { true } else { false } }(), range)
    case .string(let text), .name(let text):
      node.tag = { if case .string = kind { Tag.string } else { Tag.name } }()
      setMadeText(&node, text)
    case .member(let base, let name):
      node.tag = .member
      node.a = copy(base)
      node.setSecond(name.range)
      node.flags = name.isQuoted ? 1 : 0
      setMadeText(&node, name.text)
    case .call(let function, let arguments):
      node.tag = .call
      node.a = index(make(.name(function.text), function.range))
      let entries = arguments.map { argument -> UInt32 in
        guard let label = argument.label else { return copy(argument.value) }
        var entry = Node(.argument, argument.range)
        entry.setSecond(label.range)
        entry.a = copy(argument.value)
        setMadeText(&entry, label.text)
        return index(append(entry))
      }
      (node.b, node.c) = appendList(entries)
    case .unary(let op, let opRange, let operand):
      return unary(op, opRange: opRange, expr(copy(operand)), range)
    case .binary(let op, let opRange, let lhs, let rhs):
      return binary(op, opRange: opRange, expr(copy(lhs)), expr(copy(rhs)), range)
    case .range(let lower, let upper):
      return self.range(expr(copy(lower)), expr(copy(upper)), range)
    case .conditional(let condition, let then, let otherwise):
      return conditional(expr(copy(condition)), expr(copy(then)), expr(copy(otherwise)), range)
    case .list(let elements), .oneOf(let elements):
      node.tag = { if case .oneOf = kind { Tag.oneOf } else { Tag.list } }()
      (node.b, node.c) = appendList(elements.map(copy))
    case .parenthesized(let inner):
      return parenthesized(expr(copy(inner)), range)
    case .bad:
      break
    }
    return append(node)
  }

  // MARK: - Reading

  func node(_ id: UInt32) -> Node { nodes[Int(id)] }

  func expr(_ id: UInt32) -> ExprSyntax { ExprSyntax(arena: self, id: id) }

  func listEntry(_ index: Int) -> UInt32 { lists[index] }

  /// The text of a range of the file, exactly as written.
  func text(_ range: ByteRange) -> String {
    String(decoding: bytes[range.start..<range.end], as: UTF8.self)
  }

  /// Whether a node's text is in `strings` rather than in the file.
  static let madeText: UInt16 = 2

  /// The text of a name node, a string node's value, a member's name or an argument's label.
  func text(of node: Node) -> String {
    if node.flags & Self.madeText != 0 { return strings[node.b] ?? "" }
    switch node.tag {
    case .string: return stringValue(node.range)
    case .member:
      return node.flags & 1 != 0 ? stringValue(node.secondRange) : text(node.secondRange)
    case .argument: return text(node.secondRange)
    default: return text(node.range)
    }
  }

  /// The value of the string literal at `range`, quotes removed and escapes resolved.
  func stringValue(_ range: ByteRange) -> String {
    bytes.withUnsafeBufferPointer { StringLiteralText.value($0, range.start, range.end) }
  }

  /// The expression a node is, decoded into the enum that is matched on.
  func kind(_ id: UInt32) -> ExprSyntax.Kind {
    let node = nodes[Int(id)]
    switch node.tag {
    case .number, .percent:
      let value = Double(bitPattern: UInt64(node.d) << 32 | UInt64(node.c))
      return node.tag == .number ? .number(value) : .percent(value)
    case .string: return .string(text(of: node))
    case .name: return .name(text(of: node))
    case .member:
      let name = NameSyntax(
        text: text(of: node), range: node.secondRange, isQuoted: node.flags & 1 != 0)
      return .member(base: expr(node.a), name: name)
    case .call:
      let callee = nodes[Int(node.a)]
      return .call(
        function: NameSyntax(text: text(of: callee), range: callee.range),
        arguments: ArgumentList(arena: self, start: node.b, count: node.c))
    case .unary:
      return .unary(
        op: UnaryOperator(code: node.op), opRange: node.secondRange, operand: expr(node.a))
    case .binary:
      return .binary(
        op: BinaryOperator(code: node.op), opRange: node.secondRange, lhs: expr(node.a),
        rhs: expr(node.b))
    case .range: return .range(lower: expr(node.a), upper: expr(node.b))
    case .conditional:
      return .conditional(condition: expr(node.a), then: expr(node.b), else: expr(node.c))
    case .list: return .list(ExprList(arena: self, start: node.b, count: node.c))
    case .oneOf: return .oneOf(ExprList(arena: self, start: node.b, count: node.c))
    case .parenthesized: return .parenthesized(expr(node.a))
    case .bad, .argument: return .bad
    }
  }

  /// `ExprSyntax.isName(_:)` of node `id`.
  func isName(_ id: UInt32, _ word: StaticString) -> Bool {
    let node = nodes[Int(id)]
    guard node.tag == .name else { return false }
    let start = Int(node.start)
    let end = Int(node.end)
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard node.flags & Self.madeText == 0, end <= bytes.count,
      expected.allSatisfy({ $0 < 0x80 })
    else { return text(of: node) == word.description }
    return bytes.withUnsafeBufferPointer { all in
      let written = UnsafeBufferPointer(rebasing: all[start..<end])
      guard written.allSatisfy({ $0 < 0x80 }) else {
        return String(decoding: written, as: UTF8.self) == word.description
      }
      guard written.count == expected.count else { return false }
      for offset in 0..<expected.count where written[offset] != expected[offset] { return false }
      return true
    }
  }

  /// `ExprSyntax.plainColumnReference` of node `id`.
  func plainColumnReference(_ id: UInt32) -> (source: String, qualified: String)? {
    let node = nodes[Int(id)]
    // A member with an unquoted name read from the file.
    guard node.tag == .member, node.flags & (1 | Self.madeText) == 0 else { return nil }
    let base = nodes[Int(node.a)]
    guard base.tag == .name, base.flags & Self.madeText == 0, base.end + 1 == node.c,
      node.c <= node.d, Int(node.d) <= bytes.count,
      bytes[Int(base.end)] == Ascii.dot
    else { return nil }
    return (text(base.range), text(ByteRange(Int(base.start), Int(node.d))))
  }

  /// `ExprSyntax.hasMadeShape` of node `id`: the shapes `TableRows.madeText` looks for.
  func hasMadeShape(_ id: UInt32) -> Bool {
    let node = nodes[Int(id)]
    switch node.tag {
    case .member: return nodes[Int(node.a)].range == node.secondRange
    case .binary: return BinaryOperator(code: node.op) == .divide && node.secondRange.isEmpty
    default: return false
    }
  }

  /// The argument a list entry of a call stands for.
  func argument(_ id: UInt32) -> ArgumentSyntax {
    let node = nodes[Int(id)]
    guard node.tag == .argument else {
      return ArgumentSyntax(label: nil, value: expr(id), range: node.range)
    }
    let label = NameSyntax(text: text(of: node), range: node.secondRange)
    return ArgumentSyntax(label: label, value: expr(node.a), range: node.range)
  }
}

/// A string literal's value: quotes removed, escapes resolved.
enum StringLiteralText {
  /// The value of the literal at `bytes[start..<end]`, written with `"`, `'` or curly quotes
  /// (the lexer has reported the last two), possibly unterminated.
  static func value(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    let opener = bytes[start] == 0xE2 ? 3 : 1
    var closer = 0
    let length = end - start
    if length >= opener + 1 && (bytes[end - 1] == Ascii.quote || bytes[end - 1] == Ascii.apostrophe)
    {
      closer = 1
    } else if length >= opener + 3 && bytes[end - 3] == 0xE2 {
      closer = 3
    }
    let contentStart = min(start + opener, end)
    let contentEnd = max(contentStart, end - closer)
    let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
    guard content.contains(Ascii.backslash) else {
      return String(decoding: content, as: UTF8.self)
    }
    return Parser.unescape(bytes, contentStart, contentEnd)
  }
}
