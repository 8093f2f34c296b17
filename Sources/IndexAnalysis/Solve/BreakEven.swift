import ScoringEngine

/// A break-even question: the smallest change of one input that makes a condition true
/// ("how much more investment would China need to pass the US?").
///
/// Design: the condition is a margin computed from a run's results (`lhs − rhs`; it holds when
/// the margin is above 0, or at least 0 for `>=`), and the input is one number the plan or the
/// data holds: a weight, one entity's value of a node, or one data cell (`Input`). The engine
/// is treated as a black box, because normalizers, imputation, outlier treatment and the final
/// scaling make the margin piecewise and only sometimes monotonic: a closed form would be
/// right for some methodologies and silently wrong for others.
///
/// The search steps out from the current value in both directions at the same distances,
/// growing geometrically from a ten-thousandth of the input's scale, up to the ends of the
/// input's domain (or 2⁴⁰ times the scale where the domain is unbounded). The first distance
/// at which either side makes the condition hold brackets the answer; bisection then narrows
/// the bracket to 10⁻⁶ of the value. The answer is the end of the bracket where the condition
/// holds, so the scores reported with it satisfy it. A region where the condition holds that
/// is narrower than the step at its distance can be stepped over; the steps are fine near the
/// current value, where the smallest change is looked for.
public struct BreakEven {
  /// What is varied.
  public enum Input: Sendable, Equatable {
    /// A node's weight as its share of its group, the other members rescaled pro rata so that
    /// the group keeps its total (a %-group still adds up to 100%). Domain 0…1.
    case weight(node: Int)
    /// One entity's value of a node, moved by an adjustment: raw units for an indicator
    /// (before imputation, treatment and normalization, as `adjust` does), points for an
    /// aggregate. The adjustment applies in every scored period.
    case value(node: Int, entity: Int)
    /// One cell of the data table: a variable, an entity, a period (indices into the table).
    case cell(variable: Int, entity: Int, period: Int)
  }

  /// How the question was answered.
  public enum Outcome: Sendable {
    /// The condition already holds at the input's current value.
    case holds
    /// It holds from this value of the input (the end of the final bracket where it holds).
    case found(Double)
    /// No value searched makes it hold; the range searched (the whole domain when bounded).
    case impossible(searched: ClosedRange<Double>)
    /// The input cannot be varied, and why (a sole member's weight, a missing cell, …).
    case unsupported(String)
  }

  /// The answer, with the results at the value found (or at the current value).
  public struct Answer: Sendable {
    public var current: Double?
    public var outcome: Outcome
    public var results: Results?
    /// Engine runs the search took.
    public var evaluations: Int
  }

  public var plan: Plan
  public var table: DataTable
  public var input: Input
  /// The scored period (an index into the results' periods) whose values the input's current
  /// value and scale are read from.
  public var period: Int
  /// The values the input may take; `defaultDomain` gives the usual one.
  public var domain: ClosedRange<Double>
  /// The condition's margin in a run's results (nil when a side is missing: not holding).
  public var margin: (Results) -> Double?
  /// `>`/`<` when true (the margin must be above 0), `>=`/`<=` when false.
  public var strict: Bool
  /// The engine, given a plan and table with the input moved and what that changed against
  /// `plan` and `table` (`changes`), for a caller that rescores from the baseline's stages.
  public var engine: (Plan, DataTable, PlanChanges) -> Results = { plan, table, _ in
    ScoringEngine.run(plan, on: table)
  }
  /// The relative width the bisection narrows the bracket to.
  public var tolerance = 1e-6

  public init(
    plan: Plan, table: DataTable, input: Input, period: Int, domain: ClosedRange<Double>,
    strict: Bool, margin: @escaping (Results) -> Double?
  ) {
    self.plan = plan
    self.table = table
    self.input = input
    self.period = period
    self.domain = domain
    self.strict = strict
    self.margin = margin
  }

  /// Searches for the smallest change of the input that makes the condition hold.
  public func solve(baseline: Results) -> Answer {
    if let reason = unsupportedReason() {
      return Answer(current: nil, outcome: .unsupported(reason), results: nil, evaluations: 0)
    }
    guard let current = currentValue(baseline) else {
      return Answer(
        current: nil, outcome: .unsupported(missingReason), results: nil, evaluations: 0)
    }
    var evaluations = 0
    func holds(_ x: Double) -> (Bool, Results) {
      evaluations += 1
      let (plan, table) = applying(x, current: current)
      let results = engine(plan, table, changes)
      guard let value = margin(results), !value.isNaN else { return (false, results) }
      return (strict ? value > 0 : value >= 0, results)
    }
    if let value = margin(baseline), strict ? value > 0 : value >= 0 {
      return Answer(current: current, outcome: .holds, results: baseline, evaluations: 0)
    }
    let scale = stepScale(current, baseline)
    let limit = scale * 0x1p40
    let low = max(domain.lowerBound, current - limit)
    let high = min(domain.upperBound, current + limit)
    var previous = (down: current, up: current)
    var open = (down: low < current, up: high > current)
    var step = scale * 1e-4
    while open.down || open.up {
      var brackets: [(outside: Double, inside: Double)] = []
      if open.up {
        let x = min(current + step, high)
        if holds(x).0 { brackets.append((previous.up, x)) }
        previous.up = x
        open.up = x < high
      }
      if open.down {
        let x = max(current - step, low)
        if holds(x).0 { brackets.append((previous.down, x)) }
        previous.down = x
        open.down = x > low
      }
      if !brackets.isEmpty {
        let ends = brackets.map { bisect(outside: $0.outside, inside: $0.inside, holds) }
        guard let best = ends.min(by: { abs($0 - current) < abs($1 - current) }) else { break }
        let results = holds(best).1
        return Answer(
          current: current, outcome: .found(best), results: results, evaluations: evaluations)
      }
      step *= 2
    }
    return Answer(
      current: current, outcome: .impossible(searched: low...high), results: nil,
      evaluations: evaluations)
  }

  /// Narrows `outside…inside` (the condition fails at `outside`, holds at `inside`) to the
  /// tolerance, returning the end where it holds.
  private func bisect(
    outside: Double, inside: Double, _ holds: (Double) -> (Bool, Results)
  ) -> Double {
    var (outside, inside) = (outside, inside)
    for _ in 0..<200 {
      let width = abs(inside - outside)
      if width <= tolerance * max(abs(inside), abs(outside)) || width == 0 { break }
      let middle = outside + (inside - outside) / 2
      if middle == outside || middle == inside { break }
      if holds(middle).0 { inside = middle } else { outside = middle }
    }
    return inside
  }
}
