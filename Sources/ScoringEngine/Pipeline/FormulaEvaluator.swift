import Glibc

/// Something a formula could not compute for some entities; those cells become missing.
public struct EvaluationIssue: Sendable, Equatable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    case divisionByZero
    case logOfNonPositive
    case sqrtOfNegative
    case notFinite
  }

  public var kind: Kind
  /// The period the formula was evaluated for.
  public var period: Int
  /// Entity indices whose value became missing.
  public var entities: [Int]
}

/// Evaluates formulas for every entity of a period at once.
///
/// Missing inputs give missing outputs (NaN); arithmetic that has no answer for an entity
/// (division by zero, log of a non-positive number) gives missing plus an `EvaluationIssue`
/// naming the entities, never a silent NaN or infinity.
struct FormulaEvaluator {
  let table: DataTable
  /// Raw values of indicators computed so far, period-major over `table.periods`.
  let indicatorValues: [String: [Double]]
  private(set) var issues: [EvaluationIssue] = []

  init(table: DataTable, indicatorValues: [String: [Double]]) {
    self.table = table
    self.indicatorValues = indicatorValues
  }

  private var count: Int { table.entities.count }

  /// Evaluates `formula` for all periods of the table, period-major.
  mutating func evaluateAllPeriods(_ formula: Formula) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(count * table.periods.count)
    for period in table.periods {
      out.append(contentsOf: evaluate(formula, period: period))
    }
    return out
  }

  /// Evaluates `formula` for one period (a period value such as 2025, not an index).
  mutating func evaluate(_ formula: Formula, period: Int) -> [Double] {
    switch formula {
    case .constant(let value):
      return [Double](repeating: value, count: count)
    case .variable(let name):
      guard let v = table.variableIndex(name) else { return missingColumn() }
      return column(table.columns[v], period: period)
    case .indicator(let name):
      guard let values = indicatorValues[name] else { return missingColumn() }
      return column(values, period: period)
    case .negate(let a):
      return evaluate(a, period: period).map { -$0 }
    case .not(let a):
      return evaluate(a, period: period).map { $0.isNaN ? .nan : ($0 == 0 ? 1 : 0) }
    case .binary(let op, let a, let b):
      return binary(op, evaluate(a, period: period), evaluate(b, period: period), period: period)
    case .conditional(let c, let a, let b):
      // Both branches are computed for every entity, but a problem in the branch an entity
      // does not take is not a problem: `if d > 0 then x / d else 0` must not warn.
      let condition = evaluate(c, period: period)
      var mark = issues.count
      let yes = evaluate(a, period: period)
      keepIssues(from: mark) { !condition[$0].isNaN && condition[$0] != 0 }
      mark = issues.count
      let no = evaluate(b, period: period)
      keepIssues(from: mark) { condition[$0] == 0 }
      return (0..<count).map { e in
        condition[e].isNaN ? .nan : (condition[e] != 0 ? yes[e] : no[e])
      }
    case .call(let function, let arguments):
      return call(function, arguments, period: period)
    }
  }

  /// Drops, from the issues recorded since `mark`, the entities `taken` says are not affected.
  private mutating func keepIssues(from mark: Int, _ taken: (Int) -> Bool) {
    var kept = Array(issues[..<mark])
    for var issue in issues[mark...] {
      issue.entities = issue.entities.filter(taken)
      if !issue.entities.isEmpty { kept.append(issue) }
    }
    issues = kept
  }

  private func missingColumn() -> [Double] {
    [Double](repeating: .nan, count: count)
  }

  private func column(_ values: [Double], period: Int) -> [Double] {
    guard let p = table.periodIndex(period) else { return missingColumn() }
    return Array(values[(p * count)..<((p + 1) * count)])
  }

  private mutating func binary(
    _ op: Formula.BinaryOperator, _ a: [Double], _ b: [Double], period: Int
  ) -> [Double] {
    var out = [Double](repeating: .nan, count: count)
    var zeroDivisors: [Int] = []
    var overflow: [Int] = []
    for e in 0..<count {
      let x = a[e]
      let y = b[e]
      if x.isNaN || y.isNaN { continue }
      let value: Double
      switch op {
      case .add: value = x + y
      case .subtract: value = x - y
      case .multiply: value = x * y
      case .divide:
        if y == 0 {
          zeroDivisors.append(e)
          continue
        }
        value = x / y
      case .power: value = pow(x, y)
      case .less: value = x < y ? 1 : 0
      case .lessOrEqual: value = x <= y ? 1 : 0
      case .greater: value = x > y ? 1 : 0
      case .greaterOrEqual: value = x >= y ? 1 : 0
      case .equal: value = x == y ? 1 : 0
      case .notEqual: value = x != y ? 1 : 0
      case .and: value = (x != 0 && y != 0) ? 1 : 0
      case .or: value = (x != 0 || y != 0) ? 1 : 0
      }
      if value.isFinite { out[e] = value } else { overflow.append(e) }
    }
    report(.divisionByZero, zeroDivisors, period)
    report(.notFinite, overflow, period)
    return out
  }

  private mutating func report(_ kind: EvaluationIssue.Kind, _ entities: [Int], _ period: Int) {
    if !entities.isEmpty {
      issues.append(EvaluationIssue(kind: kind, period: period, entities: entities))
    }
  }

  private mutating func call(_ function: Formula.Function, _ arguments: [Formula], period: Int)
    -> [Double]
  {
    switch function {
    case .lag, .growth:
      // A hand-built plan may pass any number: beyond a million periods it reaches no data.
      guard arguments.count == 2, case .constant(let years) = arguments[1],
        Swift.abs(years) < 1_000_000, years == years.rounded()
      else {
        return missingColumn()
      }
      let current = evaluate(arguments[0], period: period)
      let earlier = evaluate(arguments[0], period: period - Int(years))
      if function == .lag { return earlier }
      let ratio = binary(.divide, current, earlier, period: period)
      return ratio.map { $0 - 1 }
    default:
      break
    }
    let values = arguments.map { evaluate($0, period: period) }
    guard let first = values.first else { return missingColumn() }
    switch function {
    case .log: return checked(first, .logOfNonPositive, period) { $0 > 0 ? Glibc.log($0) : nil }
    case .log10:
      return checked(first, .logOfNonPositive, period) { $0 > 0 ? Glibc.log10($0) : nil }
    case .exp: return checked(first, .notFinite, period) { Glibc.exp($0) }
    case .sqrt: return checked(first, .sqrtOfNegative, period) { $0 >= 0 ? $0.squareRoot() : nil }
    case .abs: return first.map { Swift.abs($0) }
    case .round:
      let digits = values.count > 1 ? values[1] : [Double](repeating: 0, count: count)
      return (0..<count).map { e in
        let scale = pow(10, digits[e])
        return (first[e] * scale).rounded() / scale
      }
    case .min:
      if values.count == 1 { return broadcast(Statistics.minimum(first)) }
      return elementwise(values) { Swift.min($0, $1) }
    case .max:
      if values.count == 1 { return broadcast(Statistics.maximum(first)) }
      return elementwise(values) { Swift.max($0, $1) }
    case .clamp:
      return (0..<count).map { e in
        let (x, low, high) = (values[0][e], values[1][e], values[2][e])
        return x.isNaN || low.isNaN || high.isNaN ? .nan : Swift.min(Swift.max(x, low), high)
      }
    case .coalesce:
      return (0..<count).map { e in values.first { !$0[e].isNaN }?[e] ?? .nan }
    case .sum:
      let present = first.filter { !$0.isNaN }
      return broadcast(present.isEmpty ? .nan : present.reduce(0, +))
    case .mean:
      let present = first.filter { !$0.isNaN }
      return broadcast(present.isEmpty ? .nan : present.reduce(0, +) / Double(present.count))
    case .median: return broadcast(median(first))
    case .share:
      let total = first.filter { !$0.isNaN }.reduce(0, +)
      return binary(.divide, first, broadcast(total), period: period)
    case .rank: return descendingRanks(first)
    case .sd: return broadcast(Statistics.sampleStandardDeviation(first))
    case .quantile:
      // The checker requires a constant in 0...1; a hand-built plan may pass anything else.
      guard case .constant(let p) = arguments[1], p >= 0, p <= 1 else { return missingColumn() }
      return broadcast(Statistics.quantile(first, p))
    case .lag, .growth: return missingColumn()
    }
  }

  private mutating func checked(
    _ x: [Double], _ kind: EvaluationIssue.Kind, _ period: Int, _ f: (Double) -> Double?
  ) -> [Double] {
    var bad: [Int] = []
    let out = x.enumerated().map { e, value -> Double in
      if value.isNaN { return .nan }
      guard let result = f(value), result.isFinite else {
        bad.append(e)
        return .nan
      }
      return result
    }
    report(kind, bad, period)
    return out
  }

  private func elementwise(_ values: [[Double]], _ f: (Double, Double) -> Double) -> [Double] {
    (0..<count).map { e in
      var result = values[0][e]
      for other in values.dropFirst() {
        if result.isNaN || other[e].isNaN { return .nan }
        result = f(result, other[e])
      }
      return result
    }
  }

  private func broadcast(_ value: Double) -> [Double] {
    [Double](repeating: value, count: count)
  }

  private func median(_ x: [Double]) -> Double {
    let sorted = x.filter { !$0.isNaN }.sorted()
    if sorted.isEmpty { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Rank among entities with the highest value first; ties share the best rank.
  ///
  /// By sorting once, not by counting the larger values for each entity (quadratic in the
  /// number of entities).
  private func descendingRanks(_ x: [Double]) -> [Double] {
    zip(x, sportRanks(x)).map { value, rank in value.isNaN ? .nan : Double(rank) }
  }
}
