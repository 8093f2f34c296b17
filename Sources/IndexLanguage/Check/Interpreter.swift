import Diagnostics
import ScoringEngine

/// Gives meaning to property values: `minmax(0, 100)` becomes a `Normalizer`, `geometric`
/// an `Aggregator`, and so on, through the fixed method library.
///
/// Each method is a name with positional and named arguments; a misspelt name gets a
/// did-you-mean from the library, a wrong argument count says what the method takes.
struct Interpreter {
  var diagnostics: [Diagnostic] = []

  /// A method as written: `goalposts(20, 85)`, `winsorize(winmax: 5)`, or a bare `minmax`.
  struct MethodCall {
    var name: String
    var nameSpan: Span
    var positional: [Located<ExprSyntax>]
    var named: [String: Located<ExprSyntax>]
    var span: Span
  }

  /// Reads a value as a method call, or reports that it is not one.
  mutating func method(_ value: Located<ExprSyntax>, property: String) -> MethodCall? {
    let span = value.span(value.value.range)
    switch value.value.kind {
    case .name(let name):
      return MethodCall(name: name, nameSpan: span, positional: [], named: [:], span: span)
    case .call(let function, let arguments):
      var call = MethodCall(
        name: function.text, nameSpan: value.span(function.range), positional: [], named: [:],
        span: span)
      call.positional.reserveCapacity(arguments.count)
      for argument in arguments {
        let located = Located(argument.value, in: value.file)
        if let label = argument.label {
          call.named[label.text] = located
        } else {
          call.positional.append(located)
        }
      }
      return call
    case .bad:
      return nil
    default:
      diagnostics.append(Catalog.expectedMethod(property, span))
      return nil
    }
  }

  /// Checks argument counts and names; reports and returns false when they do not fit.
  mutating func accepts(
    _ call: MethodCall, positional range: ClosedRange<Int>, named: [String] = [],
    usage: String
  ) -> Bool {
    var ok = true
    if !range.contains(call.positional.count) {
      diagnostics.append(Catalog.argumentCount(call.name, call.span, expected: range, usage: usage))
      ok = false
    }
    for (label, value) in call.named where !named.contains(label) {
      diagnostics.append(
        Catalog.unknownArgument(
          label, method: call.name, value.span(value.value.range), known: named))
      ok = false
    }
    return ok
  }

  /// A plain number: `12`, `-0.5`, `30%` (0.3).
  mutating func number(_ value: Located<ExprSyntax>, what: String) -> Double? {
    if let number = Self.constant(value.value) { return number }
    if !Self.isBadNumber(value.value) {
      diagnostics.append(Catalog.expectedNumber(what, value.span(value.value.range)))
    }
    return nil
  }

  /// Whether an expression is a placeholder the parser already reported, possibly under a
  /// sign or parentheses (`-1e999`), so that no second message follows the first.
  static func isBadNumber(_ expr: ExprSyntax) -> Bool {
    var current = expr
    while true {
      switch current.kind {
      case .bad: return true
      case .unary(_, _, let operand), .parenthesized(let operand): current = operand
      default: return false
      }
    }
  }

  /// The numeric value of a constant expression, or nil.
  static func constant(_ expr: ExprSyntax) -> Double? {
    switch expr.kind {
    case .number(let value): return value
    case .percent(let value): return value / 100
    case .parenthesized(let inner): return constant(inner)
    case .unary(let op, _, let operand):
      guard let value = constant(operand) else { return nil }
      switch op {
      case .negate: return -value
      case .plus: return value
      default: return nil
      }
    default: return nil
    }
  }

  /// A name (identifier or string), as for entity codes and column names.
  mutating func name(_ value: Located<ExprSyntax>, what: String) -> String? {
    switch value.value.kind {
    case .name(let text), .string(let text): return text
    case .bad: return nil
    default:
      diagnostics.append(Catalog.expectedNameValue(what, value.span(value.value.range)))
      return nil
    }
  }

  /// A yes/no value: `true`, `false`, `yes`, `no`.
  mutating func boolean(_ value: Located<ExprSyntax>, what: String) -> Bool? {
    if case .name(let text) = value.value.kind {
      if text == "true" || text == "yes" { return true }
      if text == "false" || text == "no" { return false }
    }
    diagnostics.append(Catalog.expectedBoolean(what, value.span(value.value.range)))
    return nil
  }

  /// A range `l..u` of numbers.
  mutating func range(_ value: Located<ExprSyntax>, what: String) -> ClosedRange<Double>? {
    if case .range(let lower, let upper) = value.value.kind,
      let low = Self.constant(lower), let high = Self.constant(upper)
    {
      guard low < high else {
        diagnostics.append(Catalog.emptyRange(what, value.span(value.value.range)))
        return nil
      }
      guard spanIsFinite(low, high, value.span(value.value.range)) else { return nil }
      return low...high
    }
    diagnostics.append(Catalog.expectedRange(what, value.span(value.value.range)))
    return nil
  }

  mutating func unknownMethod(_ call: MethodCall, property: String, known: [String]) {
    diagnostics.append(
      Catalog.unknownMethod(call.name, property: property, call.nameSpan, known: known))
  }
}
