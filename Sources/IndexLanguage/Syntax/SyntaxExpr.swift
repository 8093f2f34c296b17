/// An expression as written: a property value, a formula, a weight, a call.
///
/// Parentheses are kept (`.parenthesized`) so the formatter can reprint the source faithfully;
/// numbers keep the value as written (`30%` is `.percent(30)`, which means 0.30).
public struct ExprSyntax: Sendable, Equatable {
  public indirect enum Kind: Sendable, Equatable {
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
    case call(function: NameSyntax, arguments: [ArgumentSyntax])
    /// `-x`, `+0.2`, `±25%` (also written `+-25%`), `not x`.
    case unary(op: UnaryOperator, opRange: ByteRange, operand: ExprSyntax)
    /// `a + b`, `a ^ b`, `a <= b`, `a and b`.
    case binary(op: BinaryOperator, opRange: ByteRange, lhs: ExprSyntax, rhs: ExprSyntax)
    /// `1..5`, `4.2..5.0`.
    case range(lower: ExprSyntax, upper: ExprSyntax)
    /// `if c then a else b`.
    case conditional(condition: ExprSyntax, then: ExprSyntax, else: ExprSyntax)
    /// `[a, b]`, `["..", "NA"]`, `[person]`.
    case list([ExprSyntax])
    /// `(e)`.
    case parenthesized(ExprSyntax)
    /// `one of a, b`: alternatives for the uncertainty analysis; only a whole property value.
    case oneOf([ExprSyntax])
    /// An expression the parser could not read (already reported).
    case bad
  }

  public var kind: Kind
  public var range: ByteRange

  public init(_ kind: Kind, _ range: ByteRange) {
    self.kind = kind
    self.range = range
  }

  /// A placeholder for a missing or unreadable expression.
  public static func bad(_ range: ByteRange) -> ExprSyntax { ExprSyntax(.bad, range) }

  public var isBad: Bool {
    if case .bad = kind { return true }
    return false
  }

  /// The names of a dotted reference, or nil for any other expression.
  ///
  /// `ai.arena_elo` gives `ai`, `arena_elo`. Parentheses are not looked through: `(a).b` is
  /// not a reference.
  public var dottedNames: [NameSyntax]? {
    switch kind {
    case .name(let text):
      return [NameSyntax(text: text, range: range)]
    case .member(let base, let name):
      guard var names = base.dottedNames else { return nil }
      names.append(name)
      return names
    default:
      return nil
    }
  }
}

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
}
