import ScoringEngine

/// The methods of a plan written back the way the language spells them, one canonical text
/// per value: `minmax(0, 100)`, `geometric(floor: 0.01)`, `ai.ai_papers / ai.population`.
///
/// The structure diff compares these texts, never the files: two methodologies written
/// differently but lowered to the same plan print the same, so reformatting is no change.
public enum MethodText {
  /// Shortest text that reads back as the same number (`100`, `0.3`, `1e-06`).
  public static func number(_ value: Double) -> String {
    if value == value.rounded() && Swift.abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  /// A share as a percentage with at most one decimal (`24%`, `33.3%`).
  public static func percent(_ share: Double) -> String {
    let tenths = (share * 1000).rounded() / 10
    return number(tenths) + "%"
  }

  static func range(_ range: ClosedRange<Double>) -> String {
    number(range.lowerBound) + ", " + number(range.upperBound)
  }

  public static func normalizer(_ normalizer: Normalizer) -> String {
    switch normalizer {
    case .identity: return "none"
    case .minmax(let output): return "minmax(\(range(output)))"
    case .zscore(let mean, let sd): return "zscore(\(number(mean)), \(number(sd)))"
    case .scaled(let low, let high, let factor):
      return "scaled(\(number(low)), \(number(high)), \(number(factor)))"
    case .goalposts(let low, let high, let output, let logarithmic):
      let name = logarithmic ? "log_goalposts" : "goalposts"
      return
        "\(name)(\(number(low)), \(number(high)), to: \(number(output.lowerBound))..\(number(output.upperBound)))"
    case .fracmax(let output): return "fracmax(to: \(dots(output)))"
    case .dist2max(let output): return "dist2max(to: \(dots(output)))"
    case .dist2ref(let entity, let cap, let output):
      return "dist2ref(\(entity), cap: \(cap), to: \(dots(output)))"
    case .dist2target(let target, let cap, let output):
      return "dist2target(\(number(target)), cap: \(cap), to: \(dots(output)))"
    case .rank(let ties): return "rank" + tiesText(ties, first: true)
    case .borda(let ties): return "borda" + tiesText(ties, first: true)
    case .percentile(let output, let ties):
      return "percentile(to: \(dots(output))\(tiesText(ties, first: false)))"
    case .global:
      return withOption(Self.normalizer(normalizer.pooledMethod), "global: true")
    }
  }

  /// A method's text with one more named argument: `rank` → `rank(global: true)`,
  /// `minmax(0, 100)` → `minmax(0, 100, global: true)`.
  static func withOption(_ text: String, _ option: String) -> String {
    text.hasSuffix(")") ? String(text.dropLast()) + ", \(option))" : "\(text)(\(option))"
  }

  /// `(ties: average)` (or `, ties: average` after another argument); nothing for `min`, the
  /// default, so plans written before ties existed print as they did.
  private static func tiesText(_ ties: RankTies, first: Bool) -> String {
    guard ties != .min else { return "" }
    return first ? "(ties: \(ties.rawValue))" : ", ties: \(ties.rawValue)"
  }

  private static func dots(_ range: ClosedRange<Double>) -> String {
    number(range.lowerBound) + ".." + number(range.upperBound)
  }

  public static func aggregator(_ aggregator: Aggregator) -> String {
    switch aggregator {
    case .arithmetic: return "arithmetic"
    case .sum: return "sum"
    case .geometric(.error): return "geometric"
    case .geometric(.floor(let epsilon)): return "geometric(floor: \(number(epsilon)))"
    case .geometric(.shift(let c)): return "geometric(shift: \(number(c)))"
    case .harmonic: return "harmonic"
    case .power(let p): return "power(\(number(p)))"
    case .median: return "median"
    case .minimum: return "min"
    case .copeland: return "copeland"
    case .benefitOfDoubt(let bounds):
      var options: [String] = []
      if bounds.minimum != 0 { options.append("min: \(number(bounds.minimum))") }
      if bounds.maximum != 1 { options.append("max: \(number(bounds.maximum))") }
      return options.isEmpty
        ? "benefit_of_doubt" : "benefit_of_doubt(" + options.joined(separator: ", ") + ")"
    case .mazziottaPareto: return "mpi"
    case .adjustedMazziottaPareto: return "ampi"
    }
  }

  public static func imputation(_ imputation: Imputation) -> String {
    switch imputation {
    case .none: return "none"
    case .mean: return "mean"
    case .median: return "median"
    case .groupMean(let group): return "mean(by: \(group))"
    case .groupMedian(let group): return "median(by: \(group))"
    case .zero: return "zero"
    case .latest(let age): return age.map { "latest(max_age: \($0))" } ?? "latest"
    case .linear: return "linear"
    case .constant: return "constant"
    case .row(let statistic, let normalizeFirst):
      let name = "row_" + statistic.rawValue
      return normalizeFirst ? name : withOption(name, "normalize_first: false")
    }
  }

  public static func treatment(_ treatment: Treatment) -> String {
    switch treatment {
    case .none: return "none"
    case .winsorize(let rule):
      var text =
        "winsorize(winmax: \(rule.winmax), skew: \(number(rule.skewness)), "
        + "kurtosis: \(number(rule.kurtosis))"
      if rule.force { text += ", force: true" }
      if rule.fallback != .shiftedLog { text += ", fallback: \(Self.treatment(rule.fallback))" }
      if rule.combine { text += ", combine: true" }
      return text + ")"
    case .log: return "log"
    case .log10: return "log10"
    case .shiftedLog: return "shifted_log"
    case .signedShiftedLog: return "shifted_log_plus"
    case .logPlusOne: return "log_plus_one"
    case .giiLog: return "gii_log"
    case .boxCox(let lambda): return "boxcox(\(number(lambda)))"
    }
  }

  public static func scaling(_ scaling: Scaling) -> String {
    switch scaling {
    case .none: return "none"
    case .leader(let factor): return "leader(\(number(factor)))"
    case .minmax(let output): return "minmax(\(range(output)))"
    case .relative(let entity, let factor): return "relative(\(entity), \(number(factor)))"
    }
  }

  public static func periods(_ periods: [Int]) -> String {
    periods.isEmpty
      ? "every period of the data" : "[" + periods.map(String.init).joined(separator: ", ") + "]"
  }
}
