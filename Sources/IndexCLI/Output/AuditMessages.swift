import IndexAnalysis
import ScoringEngine

/// The audit's findings and summaries in words: each says what was found, against which
/// threshold, and what to look at.
enum AuditMessages {
  static func sentence(_ finding: AuditFinding) -> String {
    switch finding {
    case .lowAvailability(let name, let available, let entities):
      return "`\(name)` has a value for \(available) of \(entities) entities "
        + "(\(percent(Double(available) / Double(entities))), below 65%) before imputation: "
        + "most of it is missing or imputed; check the source or drop it"
    case .manyZeros(let name, let nonZero, let entities):
      return "`\(name)` is zero or missing for \(entities - nonZero) of \(entities) entities "
        + "(non-zero for \(percent(Double(nonZero) / Double(entities))), below 50%): "
        + "it barely separates the entities"
    case .fewUnique(let name, let unique, let entities):
      return "`\(name)` takes \(unique) distinct values over \(entities) entities "
        + "(\(percent(Double(unique) / Double(entities))), below 50%): many ties, which "
        + "rank-based normalizers and correlations feel"
    case .outliers(let name, let raw, let verdict, let treated):
      return "`\(name)`: skew \(fixed(raw.skewness)), kurtosis \(fixed(raw.kurtosis)) "
        + "(outliers: |skew| > 2 and kurtosis > 3.5); " + treatmentStory(verdict, treated)
    case .negativeWithParent(let member, let parent, let r):
      return "`\(member)` correlates negatively with `\(parent)` (r = \(fixed(r))): it pulls "
        + "against its group; check its direction and whether it belongs there"
    case .negativePairs(let aggregate, let pairs):
      let shown = pairs.prefix(4).map { "\($0.first)–\($0.second) (\(fixed($0.pearson)))" }
      let more = pairs.count > 4 ? " and \(pairs.count - 4) more" : ""
      return "in `\(aggregate)`, members correlate negatively: "
        + shown.joined(separator: ", ") + more
        + ": they trade off inside the aggregate instead of adding up"
    case .redundantPair(let aggregate, let pair):
      return "`\(pair.first)` and `\(pair.second)` in `\(aggregate)` correlate at "
        + "\(fixed(pair.pearson)) (above 0.92): possibly the same information counted twice"
    case .lowAlpha(let aggregate, let alpha):
      return "`\(aggregate)`: Cronbach's α = \(fixed(alpha)) (below 0.7): its members do not "
        + "form a consistent scale"
    case .multidimensional(let aggregate, let components, let share):
      return "`\(aggregate)`: \(components) principal components have an eigenvalue above 1 "
        + "(the first explains \(percent(share))): its members may measure more than one thing"
    case .lowEntityCoverage(let entity, let coverage):
      return "`\(entity)` has raw data for \(percent(coverage)) of the indicators (below 65%): "
        + "its score, where it has one, rests on few values or on imputed ones"
    }
  }

  /// What the outlier rule and the treatment did, for an outlier finding.
  private static func treatmentStory(_ verdict: TreatmentVerdict, _ treated: DescriptiveStatistics)
    -> String
  {
    let after = "skew \(fixed(treated.skewness)), kurtosis \(fixed(treated.kurtosis)) after"
    guard let action = verdict.action else {
      return verdict.fails
        ? "not treated: consider `treat: winsorize`"
        : "after imputation it passes the rule"
    }
    switch action {
    case .none:
      return "after imputation it passes the rule, so treatment left it as it was"
    case .winsorized:
      let points = verdict.changed == 1 ? "1 point" : "\(verdict.changed) points"
      return "winsorized \(points); \(after)"
    case .logFallback:
      return "winsorizing could not fix it within winmax, so it was \(fallback(verdict)); \(after)"
    case .combined:
      return "winsorized, then \(fallback(verdict)) as it still failed; \(after)"
    case .transformed:
      return "log-transformed as declared; \(after)"
    }
  }

  /// How the winsorization's fallback is named in a sentence: "log-transformed" for COINr's
  /// default, else the method as written.
  private static func fallback(_ verdict: TreatmentVerdict) -> String {
    guard case .winsorize(let rule) = verdict.treatment, rule.fallback != .shiftedLog else {
      return "log-transformed"
    }
    return "transformed by `\(MethodText.treatment(rule.fallback))`"
  }

  /// The treatment column of the data table.
  static func treatment(_ verdict: TreatmentVerdict) -> String {
    guard let action = verdict.action else { return verdict.fails ? "fails, untreated" : "—" }
    switch action {
    case .none: return verdict.fails ? "fails, untreated" : "passes"
    case .winsorized: return "winsorized (\(verdict.changed))"
    case .logFallback: return "log fallback"
    case .combined: return "winsorized (\(verdict.changed)) + log"
    case .transformed: return "log"
    }
  }

  /// The sentence naming the members whose influence departs most from their weight.
  static func influence(_ aggregate: AggregateAudit) -> String {
    guard aggregate.members.contains(where: { $0.influence != nil }) else {
      return "In `\(aggregate.name)`, influence could not be estimated (the index does not vary)."
    }
    guard !aggregate.largestDepartures.isEmpty else {
      return "In `\(aggregate.name)`, every member's share of influence is within 5 points of "
        + "its weight."
    }
    let parts = aggregate.largestDepartures.map { m -> String in
      let member = aggregate.members[m]
      return "`\(member.name)` \(percent(member.influence ?? 0)) for a weight of "
        + "\(percent(member.weight))"
    }
    return "In `\(aggregate.name)`, the influence departs most from the weights for "
      + parts.joined(separator: " and ") + "."
  }

  /// Two decimals.
  static func fixed(_ value: Double) -> String {
    value.isNaN ? "—" : NumberFormat.fixed(value, decimals: 2)
  }

  /// A share as a percentage (whole by default).
  static func percent(_ share: Double, decimals: Int = 0) -> String {
    share.isNaN ? "—" : NumberFormat.fixed(share * 100, decimals: decimals) + "%"
  }

  /// About four significant digits, for statistics of any magnitude.
  static func significant(_ value: Double) -> String {
    guard !value.isNaN else { return "—" }
    let magnitude = Swift.abs(value)
    if magnitude == 0 { return "0" }
    if magnitude >= 1e9 { return NumberFormat.fixed(value, decimals: 0) }
    if magnitude < 1e-4 {
      var mantissa = magnitude
      var exponent = 0
      while mantissa < 1 {
        mantissa *= 10
        exponent -= 1
      }
      return (value < 0 ? "-" : "") + NumberFormat.fixed(mantissa, decimals: 3) + "e\(exponent)"
    }
    var decimals = 3
    var scale = magnitude
    while scale >= 10 && decimals > 0 {
      scale /= 10
      decimals -= 1
    }
    while scale < 1 && decimals < 7 {
      scale *= 10
      decimals += 1
    }
    return NumberFormat.fixed(value, decimals: decimals)
  }
}
