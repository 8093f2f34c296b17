import Diagnostics
import ScoringEngine

/// Turns an indicator's `value:` expression into an engine `Formula`, resolving every name.
///
/// A bare name is another indicator; `source.column` is a column of a `data` source (whether
/// the column exists is checked once the data is loaded). Functions come from the fixed
/// library of the engine; arity is checked here so a wrong call never reaches evaluation.
///
/// One builder serves a whole check: the checker takes its diagnostics after each formula, and
/// its columns once at the end.
struct FormulaBuilder {
  let names: NodeNames
  let sources: Set<String>
  /// The indicator names for a did-you-mean, sorted when first needed; nil once the checker
  /// has made enough suggestions.
  var suggestions: SortedNames?
  var diagnostics: [Diagnostic] = []
  /// Every column read, by the qualified name the table knows it by (`d.gdp`), with its span.
  ///
  /// The data check reads them once the data is loaded. The source is the part before the
  /// first dot (a source's name is an identifier), not kept apart: a large methodology has
  /// hundreds of thousands of these waiting for the data.
  var columns: [(qualified: String, span: Span)] = []
  /// Whether some formula read another indicator (only then can formulas form a cycle).
  var readsIndicators = false

  /// Nesting beyond this is refused rather than risking the stack.
  static let depthLimit = 200

  mutating func build(_ value: Located<ExprSyntax>) -> Formula? {
    build(value.value, file: value.file, depth: 0)
  }

  private mutating func build(_ expr: ExprSyntax, file: SourceFile, depth: Int) -> Formula? {
    let span = Span(file: file, start: expr.range.start, end: expr.range.end)
    guard depth < Self.depthLimit else {
      diagnostics.append(Catalog.formulaTooDeep(span))
      return nil
    }
    // `source.column` as most formulas write it, read without decoding the node: the same
    // column and variable as the `.member` case below makes.
    if let (source, qualified) = expr.plainColumnReference, isSource(source) {
      columns.append((qualified, span))
      return .variable(qualified)
    }
    let next = depth + 1
    switch expr.kind {
    case .number(let value): return .constant(value)
    case .percent(let value): return .constant(value / 100)
    case .parenthesized(let inner): return build(inner, file: file, depth: next)
    case .name(let name): return reference(name, span: span)
    case .member(let base, let column):
      guard case .name(let source) = base.kind else {
        diagnostics.append(Catalog.notAColumnReference(span))
        return nil
      }
      guard isSource(source) else {
        let baseSpan = Span(file: file, start: base.range.start, end: base.range.end)
        diagnostics.append(Catalog.unknownSource(source, baseSpan, known: Array(sources).sorted()))
        return nil
      }
      let qualified = source + "." + column.text
      columns.append((qualified, span))
      return .variable(qualified)
    case .unary(let op, _, let operand):
      guard let inner = build(operand, file: file, depth: next) else { return nil }
      switch op {
      case .negate: return .negate(inner)
      case .plus: return inner
      case .not: return .not(inner)
      case .plusMinus:
        diagnostics.append(Catalog.notInFormula("`±`", span))
        return nil
      }
    case .binary(let op, _, let lhs, let rhs):
      let a = build(lhs, file: file, depth: next)
      let b = build(rhs, file: file, depth: next)
      guard let a, let b else { return nil }
      return .binary(Self.operators[op] ?? .add, a, b)
    case .conditional(let condition, let yes, let no):
      let c = build(condition, file: file, depth: next)
      let a = build(yes, file: file, depth: next)
      let b = build(no, file: file, depth: next)
      guard let c, let a, let b else { return nil }
      return .conditional(c, a, b)
    case .call(let function, let arguments):
      return call(function, arguments, span: span, file: file, depth: next)
    case .string: diagnostics.append(Catalog.notInFormula("a string", span))
    case .range: diagnostics.append(Catalog.notInFormula("a range", span))
    case .list: diagnostics.append(Catalog.notInFormula("a list", span))
    case .oneOf: diagnostics.append(Catalog.notInFormula("`one of`", span))
    case .bad: break
    }
    return nil
  }

  /// Whether `name` is a data source's: a few comparisons when there are few sources (most
  /// methodologies have one or two, and every column reference asks), else a hash.
  private func isSource(_ name: String) -> Bool {
    sources.count <= 4 ? sources.contains { $0 == name } : sources.contains(name)
  }

  private mutating func reference(_ name: String, span: Span) -> Formula? {
    switch names.formulaKind(name) {
    case .indicator:
      readsIndicators = true
      return .indicator(name)
    case .dimension:
      diagnostics.append(Catalog.dimensionInFormula(name, span))
    case .other:
      if isSource(name) {
        diagnostics.append(Catalog.sourceWithoutColumn(name, span))
      } else {
        diagnostics.append(Catalog.unknownName(name, span, known: suggestions?.indicators ?? []))
      }
    }
    return nil
  }

  private mutating func call(
    _ function: NameSyntax, _ arguments: ArgumentList, span: Span, file: SourceFile,
    depth: Int
  ) -> Formula? {
    let nameSpan = Span(file: file, start: function.range.start, end: function.range.end)
    guard let library = Formula.Function(rawValue: function.text) else {
      diagnostics.append(
        Catalog.unknownFunction(
          function.text, nameSpan, known: Formula.Function.allCases.map(\.rawValue)))
      return nil
    }
    if let labelled = arguments.first(where: { $0.label != nil }), let label = labelled.label {
      diagnostics.append(
        Catalog.unknownArgument(
          label.text, method: function.text,
          Span(file: file, start: label.range.start, end: label.range.end), known: []))
      return nil
    }
    guard library.arity.contains(arguments.count) else {
      diagnostics.append(
        Catalog.argumentCount(
          function.text, span, expected: library.arity, usage: Self.usage[library] ?? ""))
      return nil
    }
    let built = arguments.map { build($0.value, file: file, depth: depth) }
    if library == .lag || library == .growth {
      guard case .constant(let years)? = built[1], years == years.rounded(), years >= 0,
        years < 1000
      else {
        let argument = arguments[1].value.range
        diagnostics.append(
          Catalog.invalidValue(
            "the number of periods must be a whole number written as a constant",
            Span(file: file, start: argument.start, end: argument.end)))
        return nil
      }
    }
    if library == .quantile {
      guard case .constant(let p)? = built[1], p >= 0, p <= 1 else {
        let argument = arguments[1].value.range
        diagnostics.append(
          Catalog.invalidValue(
            "the quantile's level must be a constant from 0 to 1, such as `0.25` or `25%`",
            Span(file: file, start: argument.start, end: argument.end)))
        return nil
      }
    }
    let formulas = built.compactMap { $0 }
    guard formulas.count == built.count else { return nil }
    return .call(library, formulas)
  }

  static let operators: [BinaryOperator: Formula.BinaryOperator] = [
    .or: .or, .and: .and, .less: .less, .lessEqual: .lessOrEqual, .greater: .greater,
    .greaterEqual: .greaterOrEqual, .equal: .equal, .notEqual: .notEqual, .add: .add,
    .subtract: .subtract, .multiply: .multiply, .divide: .divide, .power: .power,
  ]

  static let usage: [Formula.Function: String] = [
    .log: "log(x)", .log10: "log10(x)", .exp: "exp(x)", .sqrt: "sqrt(x)", .abs: "abs(x)",
    .round: "round(x) or round(x, digits)", .min: "min(a, b, …)", .max: "max(a, b, …)",
    .clamp: "clamp(x, low, high)", .coalesce: "coalesce(a, b, …)", .sum: "sum(x)",
    .mean: "mean(x)", .median: "median(x)", .share: "share(x)", .rank: "rank(x)",
    .sd: "sd(x)", .quantile: "quantile(x, q)",
    .lag: "lag(x, periods)", .growth: "growth(x, periods)",
  ]
}
