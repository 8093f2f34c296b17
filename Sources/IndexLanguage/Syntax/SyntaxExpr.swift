/// An expression as written: a property value, a formula, a weight, a call.
///
/// Parentheses are kept (`.parenthesized`) so the formatter can reprint the source faithfully;
/// numbers keep the value as written (`30%` is `.percent(30)`, which means 0.30). The
/// expression is a view of one node of its file's `ExprArena`: copying it costs one reference,
/// and `kind` decodes the node (names and strings are read from the file's bytes then).
public struct ExprSyntax: Sendable {
  public enum Kind: Sendable, Equatable {
    /// `12`, `0.5`, `1e6`, `10_000`.
    case number(Double)
    /// `30%`, holding the number as written (30), which means 0.30.
    case percent(Double)
    /// `"latin1"`, with escapes resolved.
    case string(String)
    /// A bare name: `papers`, `minmax`, `long`, `index`.
    case name(String)
    /// `base.name`: `ai.arena_elo`, `talent.weight`, `ai."GDP per capita"`.
    case member(base: ExprSyntax, name: NameSyntax)
    /// `f(x, y)`, `minmax(0, 100)`, `winsorize(winmax: 5)`.
    case call(function: NameSyntax, arguments: ArgumentList)
    /// `-x`, `+0.2`, `±25%` (also written `+-25%`), `not x`.
    case unary(op: UnaryOperator, opRange: ByteRange, operand: ExprSyntax)
    /// `a + b`, `a ^ b`, `a <= b`, `a and b`.
    case binary(op: BinaryOperator, opRange: ByteRange, lhs: ExprSyntax, rhs: ExprSyntax)
    /// `1..5`, `4.2..5.0`.
    case range(lower: ExprSyntax, upper: ExprSyntax)
    /// `if c then a else b`.
    case conditional(condition: ExprSyntax, then: ExprSyntax, else: ExprSyntax)
    /// `[a, b]`, `["..", "NA"]`, `[person]`.
    case list(ExprList)
    /// `(e)`.
    case parenthesized(ExprSyntax)
    /// `one of a, b`: alternatives for the uncertainty analysis; only a whole property value.
    case oneOf(ExprList)
    /// An expression the parser could not read (already reported).
    case bad
  }

  let arena: ExprArena
  let id: UInt32

  init(arena: ExprArena, id: UInt32) {
    self.arena = arena
    self.id = id
  }

  /// An expression no file wrote (a metadata table's `source.column`), spanning `range`.
  ///
  /// Its children are copied, and every name and string is kept as text.
  public init(_ kind: Kind, _ range: ByteRange) {
    self = ExprArena(bytes: []).make(kind, range)
  }

  /// What the expression is, decoded from its node.
  public var kind: Kind { arena.kind(id) }

  public var range: ByteRange { arena.node(id).range }

  public var isBad: Bool { arena.node(id).tag == .bad }

  /// Whether the expression is a bare name, without reading the name.
  var isName: Bool { arena.node(id).tag == .name }

  /// Whether the expression is the bare name `word`: what `kind == .name(word)` says, without
  /// making the name's `String` when both are ASCII (two ASCII texts are equal as strings
  /// exactly when their bytes are); otherwise the strings are compared.
  func isName(_ word: StaticString) -> Bool {
    arena.isName(id, word)
  }

  /// The source and the whole text of `source.column` written plainly, read from the node.
  ///
  /// Only for a reference written as one run of bytes with an unquoted column (`d.gdp`): the
  /// whole text is then the source's name, a dot and the column's name exactly as `kind`
  /// gives them. Nil for anything else, when `kind` says what the expression is.
  var plainColumnReference: (source: String, qualified: String)? {
    arena.plainColumnReference(id)
  }

  /// Whether the expression has a shape only a metadata table makes.
  ///
  /// A member whose base spans its name (`asem.iCode` made from the cell `iCode`), or a
  /// division with no operator written. Read from the node, without decoding it.
  var hasMadeShape: Bool { arena.hasMadeShape(id) }

  /// The names of a dotted reference, or nil for any other expression.
  ///
  /// `ai.arena_elo` gives `ai`, `arena_elo`. Parentheses are not looked through: `(a).b` is
  /// not a reference. A loop, not recursion: a chain is as long as the parser allowed.
  public var dottedNames: [NameSyntax]? {
    var names: [NameSyntax] = []
    var node = arena.node(id)
    while true {
      switch node.tag {
      case .name:
        names.append(NameSyntax(text: arena.text(of: node), range: node.range))
        return names.reversed()
      case .member:
        names.append(
          NameSyntax(
            text: arena.text(of: node), range: node.secondRange, isQuoted: node.flags & 1 != 0))
        node = arena.node(node.a)
      default:
        return nil
      }
    }
  }
}

extension ExprSyntax: Equatable {
  /// Whether two expressions are written alike at the same ranges.
  ///
  /// The same tree, names and values (not necessarily in the same file). A walk with an explicit
  /// stack: a chain is as deep as it is long.
  public static func == (lhs: ExprSyntax, rhs: ExprSyntax) -> Bool {
    var pending = [(lhs.arena, lhs.id, rhs.arena, rhs.id)]
    while let (left, leftID, right, rightID) = pending.popLast() {
      let a = left.node(leftID)
      let b = right.node(rightID)
      let quoted = { (node: ExprArena.Node) in node.flags & 1 }
      guard a.tag == b.tag, a.op == b.op, quoted(a) == quoted(b), a.range == b.range else {
        return false
      }
      switch a.tag {
      case .number, .percent:
        guard a.c == b.c && a.d == b.d else { return false }
      case .string, .name:
        guard left.text(of: a) == right.text(of: b) else { return false }
      case .member, .argument, .unary, .binary:
        guard a.secondRange == b.secondRange,
          a.tag == .unary || a.tag == .binary || left.text(of: a) == right.text(of: b)
        else { return false }
        pending.append((left, a.a, right, b.a))
        if a.tag == .binary { pending.append((left, a.b, right, b.b)) }
      case .range:
        pending += [(left, a.a, right, b.a), (left, a.b, right, b.b)]
      case .conditional:
        pending += [(left, a.a, right, b.a), (left, a.b, right, b.b), (left, a.c, right, b.c)]
      case .parenthesized:
        pending.append((left, a.a, right, b.a))
      case .call, .list, .oneOf:
        if a.tag == .call { pending.append((left, a.a, right, b.a)) }
        guard a.c == b.c else { return false }
        for offset in 0..<Int(a.c) {
          let entry = (left.listEntry(Int(a.b) + offset), right.listEntry(Int(b.b) + offset))
          pending.append((left, entry.0, right, entry.1))
        }
      case .bad:
        break
      }
    }
    return true
  }
}

/// Something a list of an arena holds: an expression or a call's argument.
public protocol ArenaListElement: Sendable, Equatable {
  /// The element whose node is `id` in `arena`.
  static func read(_ id: UInt32, in arena: ExprArena) -> Self
}

extension ExprSyntax: ArenaListElement {
  public static func read(_ id: UInt32, in arena: ExprArena) -> ExprSyntax { arena.expr(id) }
}

extension ArgumentSyntax: ArenaListElement {
  public static func read(_ id: UInt32, in arena: ExprArena) -> ArgumentSyntax {
    arena.argument(id)
  }
}

/// A run of an arena's list entries read as elements, in order: the members of a list or of
/// `one of` (`ExprList`), or the arguments of a call (`ArgumentList`).
public struct ArenaList<Element: ArenaListElement>: RandomAccessCollection, Sendable, Equatable {
  let arena: ExprArena
  let start: Int
  public let count: Int

  init(arena: ExprArena, start: UInt32, count: UInt32) {
    self.arena = arena
    self.start = Int(start)
    self.count = Int(count)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < count, "index out of range")
    return Element.read(arena.listEntry(start + position), in: arena)
  }

  public static func == (lhs: ArenaList, rhs: ArenaList) -> Bool { lhs.elementsEqual(rhs) }
}

/// The elements of a list or of `one of`, in order.
public typealias ExprList = ArenaList<ExprSyntax>

/// The arguments of a call, in order.
public typealias ArgumentList = ArenaList<ArgumentSyntax>

/// One argument of a call, positional (`0`) or named (`winmax: 5`).
public struct ArgumentSyntax: Sendable, Equatable {
  public var label: NameSyntax?
  public var value: ExprSyntax
  public var range: ByteRange
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Equatable {
  case negate = "-"
  case plus = "+"
  /// `±x`: a symmetric perturbation (`weights: ±25%`).
  case plusMinus = "±"
  case not = "not"

  /// The operator's number in an `ExprArena` node.
  var code: UInt8 {
    switch self {
    case .negate: 0
    case .plus: 1
    case .plusMinus: 2
    case .not: 3
    }
  }

  init(code: UInt8) {
    switch code {
    case 0: self = .negate
    case 1: self = .plus
    case 2: self = .plusMinus
    default: self = .not
    }
  }
}

/// Infix operators, from loosest to tightest: `or`; `and`; comparisons; `+ -`; `* /`; `^`.
public enum BinaryOperator: String, Sendable, Equatable {
  case or = "or"
  case and = "and"
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case equal = "=="
  case notEqual = "!="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case power = "^"

  /// Every operator, in the order of their numbers in an `ExprArena` node.
  private static let byCode: [BinaryOperator] = [
    .or, .and, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .add, .subtract,
    .multiply, .divide, .power,
  ]

  /// The operator's number in an `ExprArena` node.
  var code: UInt8 {
    switch self {
    case .or: 0
    case .and: 1
    case .less: 2
    case .lessEqual: 3
    case .greater: 4
    case .greaterEqual: 5
    case .equal: 6
    case .notEqual: 7
    case .add: 8
    case .subtract: 9
    case .multiply: 10
    case .divide: 11
    case .power: 12
    }
  }

  init(code: UInt8) {
    self = Self.byCode[Int(min(code, 12))]
  }
}
