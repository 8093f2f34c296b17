/// An indicator's value as a formula over data columns and other indicators.
///
/// This is the engine's own expression form: the language lowers its syntax tree to it, and a
/// Swift user can write one by hand. It has no loops or user functions, so evaluating it
/// always terminates. Every formula is evaluated for all entities of a period at once.
public indirect enum Formula: Sendable, Equatable {
  case constant(Double)
  /// A column of the dataset, by its qualified name (`ai.arena_elo`).
  case variable(String)
  /// Another indicator's derived (raw) value, by node name.
  case indicator(String)
  case negate(Formula)
  case not(Formula)
  case binary(BinaryOperator, Formula, Formula)
  /// `if condition then a else b`, per entity; a missing condition gives a missing value.
  case conditional(Formula, Formula, Formula)
  case call(Function, [Formula])

  /// Arithmetic, comparison and logical operators; comparisons give 1 or 0.
  public enum BinaryOperator: String, Sendable, Equatable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="
    case and
    case or
  }

  /// The fixed function library of LANGUAGE.md.
  ///
  /// `min` and `max` are element-wise over two or more arguments (`max(a, b)` per entity), and
  /// across the period's entities over one (`max(x)`, the period's largest x).
  public enum Function: String, Sendable, Equatable, CaseIterable {
    case log, log10, exp, sqrt, abs, round, min, max, clamp, coalesce
    case sum, mean, median, share, rank, sd, quantile
    case lag, growth

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
      switch self {
      case .log, .log10, .exp, .sqrt, .abs: 1...1
      case .round: 1...2
      case .min, .max, .coalesce: 1...64
      case .clamp: 3...3
      case .sum, .mean, .median, .share, .rank, .sd: 1...1
      case .quantile, .lag, .growth: 2...2
      }
    }

    /// Whether the function, called with `arguments` arguments, reads other entities' values
    /// (so a value depends on the field).
    public func isCrossEntity(arguments: Int) -> Bool {
      switch self {
      case .sum, .mean, .median, .share, .rank, .sd, .quantile: true
      case .min, .max: arguments == 1
      default: false
      }
    }
  }

  /// Names of data columns the formula reads.
  public var variables: [String] {
    var out: [String] = []
    visit { if case .variable(let name) = $0 { out.append(name) } }
    return out
  }

  /// Names of indicators the formula reads.
  public var indicators: [String] {
    var out: [String] = []
    visit { if case .indicator(let name) = $0 { out.append(name) } }
    return out
  }

  /// The column this formula is exactly, if it is a bare reference (lets raw values share
  /// storage with the data instead of copying it).
  public var bareVariable: String? {
    if case .variable(let name) = self { return name }
    return nil
  }

  /// How deep a formula may nest for the engine to run it.
  ///
  /// The evaluator, comparison and release of a formula recurse over it. The language never builds one deeper than its
  /// parser's limit (200); a hand-built deeper formula is refused by `Plan.validate`.
  public static let maximumDepth = 256

  /// Calls `body` on this formula and every sub-formula, depth first, left to right.
  ///
  /// Iterative, so a formula of any depth can be visited (to measure it, for one).
  public func visit(_ body: (Formula) -> Void) {
    var pending: [Formula] = [self]
    while let formula = pending.popLast() {
      body(formula)
      pending.append(contentsOf: formula.children.reversed())
    }
  }

  /// The formulas this one is built from, in order.
  public var children: [Formula] {
    switch self {
    case .constant, .variable, .indicator: []
    case .negate(let a), .not(let a): [a]
    case .binary(_, let a, let b): [a, b]
    case .conditional(let c, let a, let b): [c, a, b]
    case .call(_, let arguments): arguments
    }
  }

  /// The number of levels of the formula (1 for a constant), counted without recursion.
  public var depth: Int {
    var deepest = 0
    var pending: [(Formula, Int)] = [(self, 1)]
    while let (formula, level) = pending.popLast() {
      deepest = Swift.max(deepest, level)
      for child in formula.children { pending.append((child, level + 1)) }
    }
    return deepest
  }
}
