import Diagnostics
import ScoringEngine

/// The method library: one function per property kind, each a table of method names.
extension Interpreter {
  static let normalizers = [
    "minmax", "zscore", "scaled", "goalposts", "log_goalposts", "fracmax", "ratio_to_leader",
    "dist2max", "dist2ref", "dist2target", "rank", "borda", "percentile", "none",
  ]

  /// `target` is the indicator's own `target:`, which a bare `dist2target` uses.
  mutating func normalizer(_ value: Located<ExprSyntax>, target: Double? = nil) -> Normalizer? {
    guard var call = method(value, property: "normalize") else { return nil }
    let global = call.named.isEmpty ? nil : call.named.removeValue(forKey: "global")
    guard let normalizer = plainNormalizer(call, target: target) else { return nil }
    guard let global else { return normalizer }
    return pooled(normalizer, option: global, call)
  }

  /// A normalizer without the `global:` option every data-dependent one takes.
  private mutating func plainNormalizer(_ call: MethodCall, target: Double?) -> Normalizer? {
    let outputNames = ["to"]
    func output(default fallback: ClosedRange<Double>) -> ClosedRange<Double> {
      guard let to = call.named["to"] else { return fallback }
      return range(to, what: "the output range") ?? fallback
    }
    switch call.name {
    case "none":
      guard accepts(call, positional: 0...0, usage: "none") else { return nil }
      return .identity
    case "minmax":
      return minmaxRange(call, what: "minmax's output").map { .minmax(output: $0) }
    case "zscore":
      guard accepts(call, positional: 0...2, usage: "zscore or zscore(mean, sd)") else {
        return nil
      }
      let mean = call.positional.count > 0 ? number(call.positional[0], what: "the mean") : 0
      let sd = call.positional.count > 1 ? number(call.positional[1], what: "the sd") : 1
      guard let mean, let sd else { return nil }
      return .zscore(mean: mean, sd: sd)
    case "scaled":
      guard accepts(call, positional: 3...3, usage: "scaled(low, high, factor)") else { return nil }
      guard let low = number(call.positional[0], what: "the lower bound"),
        let high = number(call.positional[1], what: "the upper bound"),
        let factor = number(call.positional[2], what: "the factor")
      else { return nil }
      return boundsDiffer(low, high, call) ? .scaled(low: low, high: high, factor: factor) : nil
    case "goalposts", "log_goalposts":
      let usage = "\(call.name)(low, high) or \(call.name)(low, high, scale)"
      guard accepts(call, positional: 2...3, named: outputNames, usage: usage) else { return nil }
      guard let low = number(call.positional[0], what: "the lower goalpost"),
        let high = number(call.positional[1], what: "the upper goalpost")
      else { return nil }
      var out = output(default: 0...1)
      if call.positional.count == 3 {
        guard let scale = number(call.positional[2], what: "the scale") else { return nil }
        out = 0...Swift.max(scale, 0)
      }
      let logarithmic = call.name == "log_goalposts"
      if logarithmic && low <= 0 {
        diagnostics.append(
          Catalog.invalidValue("log goalposts need a lower goalpost above 0", call.span))
        return nil
      }
      return boundsDiffer(low, high, call)
        ? .goalposts(low: low, high: high, output: out, logarithmic: logarithmic) : nil
    case "fracmax", "ratio_to_leader":
      guard accepts(call, positional: 0...0, named: outputNames, usage: call.name) else {
        return nil
      }
      return .fracmax(output: output(default: 0...1))
    case "dist2max":
      guard accepts(call, positional: 0...0, named: outputNames, usage: "dist2max") else {
        return nil
      }
      return .dist2max(output: output(default: 0...1))
    case "dist2ref":
      guard
        accepts(call, positional: 1...1, named: outputNames + ["cap"], usage: "dist2ref(ENTITY)")
      else { return nil }
      guard let entity = name(call.positional[0], what: "the reference entity") else { return nil }
      let cap = call.named["cap"].flatMap { boolean($0, what: "cap") } ?? false
      return .dist2ref(entity: entity, cap: cap, output: output(default: 0...1))
    case "dist2target":
      let usage = "dist2target(target), or dist2target with the indicator's `target:`"
      guard accepts(call, positional: 0...1, named: outputNames + ["cap"], usage: usage) else {
        return nil
      }
      guard let target = call.positional.first.map({ number($0, what: "the target") }) ?? target
      else {
        if call.positional.isEmpty {
          diagnostics.append(
            Catalog.invalidValue(
              "`dist2target` needs a target: `dist2target(4.5)`, or `target:` on the indicator",
              call.span))
        }
        return nil
      }
      let cap = call.named["cap"].flatMap { boolean($0, what: "cap") } ?? false
      return .dist2target(target: target, cap: cap, output: output(default: 0...1))
    case "rank", "borda":
      let usage = "\(call.name) or \(call.name)(ties: average)"
      guard accepts(call, positional: 0...0, named: ["ties"], usage: usage),
        let ties = rankTies(call)
      else { return nil }
      return call.name == "rank" ? .rank(ties: ties) : .borda(ties: ties)
    case "percentile":
      let usage = "percentile or percentile(ties: average, to: 0..100)"
      guard accepts(call, positional: 0...0, named: outputNames + ["ties"], usage: usage),
        let ties = rankTies(call)
      else { return nil }
      return .percentile(output: output(default: 0...1), ties: ties)
    default:
      unknownMethod(call, property: "normalize", known: Self.normalizers)
      return nil
    }
  }

  /// The `ties:` of a rank normalizer: `min` (the default, R's and COINr's), `average` or
  /// `max`; nil after reporting another value.
  private mutating func rankTies(_ call: MethodCall) -> RankTies? {
    guard let value = call.named["ties"] else { return .min }
    if case .name(let text) = value.value.kind, let ties = RankTies(rawValue: text) {
      return ties
    }
    if !value.value.isBad {
      diagnostics.append(
        Catalog.invalidValue(
          "`ties:` is `min`, `average` or `max`: the rank tied values share",
          value.span(value.value.range)))
    }
    return nil
  }

  private mutating func boundsDiffer(_ low: Double, _ high: Double, _ call: MethodCall) -> Bool {
    if low >= high {
      diagnostics.append(
        Catalog.invalidValue(
          "the lower bound must be below the upper bound (use `direction: lower` to reverse)",
          call.span))
      return false
    }
    return spanIsFinite(low, high, call.span)
  }

  /// Bounds so far apart that their distance overflows would scale every value to 0.
  mutating func spanIsFinite(_ low: Double, _ high: Double, _ span: Span) -> Bool {
    guard (high - low).isFinite else {
      diagnostics.append(
        Catalog.invalidValue(
          "the bounds are too far apart: their distance is beyond ±1.8e308", span))
      return false
    }
    return true
  }

  static let aggregators = [
    "arithmetic", "sum", "geometric", "harmonic", "power", "median", "min", "copeland",
    "benefit_of_doubt", "mpi", "ampi",
  ]

  mutating func aggregator(_ value: Located<ExprSyntax>) -> Aggregator? {
    guard let call = method(value, property: "aggregate") else { return nil }
    switch call.name {
    case "arithmetic", "sum", "harmonic", "median", "min", "copeland", "mpi", "ampi":
      guard accepts(call, positional: 0...0, usage: call.name) else { return nil }
      switch call.name {
      case "arithmetic": return .arithmetic
      case "sum": return .sum
      case "harmonic": return .harmonic
      case "median": return .median
      case "min": return .minimum
      case "mpi": return .mazziottaPareto
      case "ampi": return .adjustedMazziottaPareto
      default: return .copeland
      }
    case "benefit_of_doubt":
      return benefitOfDoubt(call)
    case "geometric":
      let usage = "geometric, geometric(floor: 0.01) or geometric(shift: 1)"
      guard accepts(call, positional: 0...0, named: ["floor", "shift"], usage: usage) else {
        return nil
      }
      if call.named.count > 1 {
        diagnostics.append(Catalog.invalidValue("give `floor` or `shift`, not both", call.span))
        return nil
      }
      if let floor = call.named["floor"] {
        guard let epsilon = number(floor, what: "the floor") else { return nil }
        guard epsilon > 0 else {
          diagnostics.append(Catalog.invalidValue("the floor must be above 0", call.span))
          return nil
        }
        return .geometric(.floor(epsilon))
      }
      if let shift = call.named["shift"] {
        guard let constant = number(shift, what: "the shift") else { return nil }
        return .geometric(.shift(constant))
      }
      return .geometricStrict
    case "power":
      guard accepts(call, positional: 1...1, usage: "power(p)") else { return nil }
      guard let p = number(call.positional[0], what: "the exponent") else { return nil }
      guard p != 0 else {
        diagnostics.append(
          Catalog.invalidValue("power(0) is the geometric mean: write `geometric`", call.span))
        return nil
      }
      return .power(p)
    default:
      unknownMethod(call, property: "aggregate", known: Self.aggregators)
      return nil
    }
  }

  /// `benefit_of_doubt` or `benefit_of_doubt(min: 5%, max: 50%)`: bounds on each member's
  /// share of an entity's score.
  private mutating func benefitOfDoubt(_ call: MethodCall) -> Aggregator? {
    let usage = "benefit_of_doubt or benefit_of_doubt(min: 5%, max: 50%)"
    guard accepts(call, positional: 0...0, named: ["min", "max"], usage: usage) else {
      return nil
    }
    var bounds = ShareBounds.free
    if let value = call.named["min"] {
      guard let share = share(value, what: "the minimum share") else { return nil }
      bounds.minimum = share
    }
    if let value = call.named["max"] {
      guard let share = share(value, what: "the maximum share") else { return nil }
      bounds.maximum = share
    }
    guard bounds.minimum <= bounds.maximum else {
      diagnostics.append(
        Catalog.invalidValue("the minimum share must not exceed the maximum share", call.span))
      return nil
    }
    return .benefitOfDoubt(bounds)
  }

  static let weightings = ["declared", "pca", "equal_influence"]

  /// `weights: pca`, `weights: equal_influence` or `weights: declared` (the default).
  mutating func weighting(_ value: Located<ExprSyntax>) -> Weighting? {
    guard let call = method(value, property: "weights") else { return nil }
    guard ["declared", "pca", "equal_influence"].contains(call.name) else {
      unknownMethod(call, property: "weights", known: Self.weightings)
      return nil
    }
    guard accepts(call, positional: 0...0, usage: call.name) else { return nil }
    switch call.name {
    case "pca": return .principalComponent
    case "equal_influence": return .equalInfluence
    default: return .declared
    }
  }

  static let imputations = [
    "none", "mean", "median", "zero", "latest", "linear", "constant", "row_mean", "row_median",
  ]

  mutating func imputation(_ value: Located<ExprSyntax>) -> Imputation? {
    guard let call = method(value, property: "impute") else { return nil }
    switch call.name {
    case "row_mean", "row_median":
      return rowImputation(call)
    case "none", "zero", "linear", "constant":
      guard accepts(call, positional: 0...0, usage: call.name) else { return nil }
      switch call.name {
      case "none": return Imputation.none
      case "zero": return .zero
      case "linear": return .linear
      default: return .constant
      }
    case "mean", "median":
      guard
        accepts(
          call, positional: 0...0, named: ["by"], usage: "\(call.name) or \(call.name)(by: group)")
      else { return nil }
      if let by = call.named["by"] {
        guard let group = name(by, what: "the group column") else { return nil }
        return call.name == "mean" ? .groupMean(group: group) : .groupMedian(group: group)
      }
      return call.name == "mean" ? .mean : .median
    case "latest":
      guard
        accepts(call, positional: 0...0, named: ["max_age"], usage: "latest or latest(max_age: 2)")
      else { return nil }
      guard let age = call.named["max_age"] else { return .latest(maxAge: nil) }
      guard let years = number(age, what: "the maximum age"), years >= 0, years == years.rounded(),
        years < 1_000_000
      else {
        diagnostics.append(Catalog.invalidValue("max_age is a whole number of periods", call.span))
        return nil
      }
      return .latest(maxAge: Int(years))
    default:
      unknownMethod(call, property: "impute", known: Self.imputations)
      return nil
    }
  }

  static let scalings = ["none", "leader", "minmax", "relative"]

  mutating func scaling(_ value: Located<ExprSyntax>) -> Scaling? {
    guard let call = method(value, property: "scale") else { return nil }
    switch call.name {
    case "none": return accepts(call, positional: 0...0, usage: "none") ? Scaling.none : nil
    case "leader":
      guard accepts(call, positional: 0...1, usage: "leader or leader(100)") else { return nil }
      guard let factor = call.positional.first else { return .leader(100) }
      return number(factor, what: "the leader's score").map { .leader($0) }
    case "minmax":
      return minmaxRange(call, what: "the final scale").map { .minmax($0) }
    case "relative":
      guard accepts(call, positional: 1...2, usage: "relative(ENTITY) or relative(ENTITY, 100)")
      else { return nil }
      guard let entity = name(call.positional[0], what: "the reference entity") else { return nil }
      let factor = call.positional.count > 1 ? number(call.positional[1], what: "the factor") : 100
      return factor.map { .relative(entity: entity, factor: $0) }
    default:
      unknownMethod(call, property: "scale", known: Self.scalings)
      return nil
    }
  }

  /// The range of `minmax` (0..100) or `minmax(low, high)`, one rule for `normalize:` and
  /// `scale:`; nil after reporting a wrong count, a bound that is not a number, or low ≥ high.
  private mutating func minmaxRange(_ call: MethodCall, what: String) -> ClosedRange<Double>? {
    guard accepts(call, positional: 0...2, usage: "minmax or minmax(low, high)") else {
      return nil
    }
    if call.positional.count == 1 {
      diagnostics.append(
        Catalog.argumentCount(call.name, call.span, expected: 2...2, usage: "minmax(low, high)"))
      return nil
    }
    guard call.positional.count == 2 else { return 0...100 }
    guard let low = number(call.positional[0], what: "the lower end"),
      let high = number(call.positional[1], what: "the upper end")
    else { return nil }
    guard low < high else {
      diagnostics.append(Catalog.emptyRange(what, call.span))
      return nil
    }
    guard spanIsFinite(low, high, call.span) else { return nil }
    return low...high
  }

  mutating func direction(_ value: Located<ExprSyntax>) -> Direction? {
    // The two words compared with the name's bytes: ten thousand indicators say one of them.
    if value.value.isName("higher") { return .higher }
    if value.value.isName("lower") { return .lower }
    if case .name(let text) = value.value.kind, let direction = Direction(rawValue: text) {
      return direction
    }
    if !value.value.isBad {
      diagnostics.append(Catalog.expectedDirection(value.span(value.value.range)))
    }
    return nil
  }

  /// A share between 0 and 1, written `80%` or `0.8`.
  mutating func share(_ value: Located<ExprSyntax>, what: String) -> Double? {
    guard let share = number(value, what: what) else { return nil }
    guard share >= 0 && share <= 1 else {
      diagnostics.append(
        Catalog.invalidValue("\(what) must be between 0% and 100%", value.span(value.value.range)))
      return nil
    }
    return share
  }

  /// Periods: `2025`, `[2024, 2025]` or `2020..2025`.
  mutating func periods(_ value: Located<ExprSyntax>) -> [Int]? {
    func whole(_ expr: ExprSyntax) -> Int? {
      guard let number = Self.constant(expr), number == number.rounded(), Swift.abs(number) < 1e9
      else { return nil }
      return Int(number)
    }
    switch value.value.kind {
    case .list(let items):
      let periods = items.compactMap(whole)
      if periods.count == items.count && !periods.isEmpty { return periods }
    case .range(let lower, let upper):
      if let low = whole(lower), let high = whole(upper), low <= high, high - low < 10_000 {
        return Array(low...high)
      }
    default:
      if let period = whole(value.value) { return [period] }
    }
    diagnostics.append(Catalog.expectedPeriods(value.span(value.value.range)))
    return nil
  }
}
