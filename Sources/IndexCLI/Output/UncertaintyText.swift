import IndexAnalysis

/// The words and numbers of an uncertainty report: counts with thousands separators,
/// percentages, ranks, and the two sentences a reader can quote.
enum UncertaintyText {
  /// `10,000`.
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (position, digit) in digits.enumerated() {
      if position > 0 && (digits.count - position) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  /// A share as a percentage with one decimal, never rounded up to 100% or down to 0%
  /// unless it is exactly that.
  static func percent(_ share: Double) -> String {
    if share >= 1 { return "100%" }
    if share <= 0 { return "0%" }
    let text = NumberFormat.fixed(share * 100, decimals: 1)
    if text == "100.0" { return ">99.9%" }
    if text == "0.0" { return "<0.1%" }
    return text + "%"
  }

  /// A rank or a quantile of ranks: whole when it is, else one decimal.
  static func rank(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : NumberFormat.fixed(value, decimals: 1)
  }

  /// A number for prose, with a true minus sign: `−0.2`.
  static func signed(_ value: Double, decimals: Int) -> String {
    let text = NumberFormat.fixed(value, decimals: decimals)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  /// The sentence a reader can quote about the pair.
  ///
  /// "In 94.1% of 10,000 draws United States stays ahead of China; the gap's 90% interval is
  /// −0.2 to 7.1 points."
  static func pairSentence(
    _ pair: UncertaintyResult.PairComparison, draws: Int, decimals: Int
  ) -> String {
    guard let probability = pair.probabilityAhead, let gap = pair.gap else {
      return "\(pair.firstName) and \(pair.secondName) never both have a score in the draws."
    }
    let verb = (pair.nominalGap ?? 0) > 0 ? "stays ahead of" : "comes out ahead of"
    let scope =
      pair.comparedDraws == draws
      ? "\(count(draws)) draws"
      : "the \(count(pair.comparedDraws)) draws in which both have a score"
    let share = probability >= 1 ? "In all \(scope)" : "In \(percent(probability)) of \(scope)"
    return "\(share) \(pair.firstName) \(verb) \(pair.secondName); the gap's 90% interval is "
      + "\(signed(gap.low, decimals: decimals)) to \(signed(gap.high, decimals: decimals)) points."
  }

  /// The sentence naming the assumption that drives the gap's uncertainty most.
  static func driverSentence(_ result: UncertaintyResult) -> String? {
    guard let pair = result.pair, let sensitivity = result.sensitivity else { return nil }
    let gap = "\(pair.first) − \(pair.second)"
    guard let top = sensitivity.gap?.first else {
      return "The gap \(gap) does not vary over the runs (or is missing in some), so no "
        + "assumption can be said to drive it."
    }
    let source = result.sources[top.source]
    let alone = Int((max(0, top.index.firstOrder) * 100).rounded())
    let total = Int((max(0, top.index.total) * 100).rounded())
    return "`\(source.name)` (\(source.summary)) drives the uncertainty of the gap \(gap) most: "
      + "alone it explains \(alone)% of the gap's variance, \(total)% with its interactions."
  }

  /// The sentence naming what moves the first entity of the pair in the ranking most: the
  /// size of a gap and who is ahead can depend on different assumptions.
  static func rankDriverSentence(_ result: UncertaintyResult) -> String? {
    guard let pair = result.pair, let sensitivity = result.sensitivity,
      let ranks = sensitivity.ranks.first(where: { $0.code == pair.first })
    else { return nil }
    guard let indices = ranks.indices,
      let top = indices.indices.max(by: { (indices[$0].total, -$0) < (indices[$1].total, -$1) })
    else { return "\(pair.first)'s rank is the same in every run." }
    return "\(pair.first)'s rank depends most on `\(result.sources[top].name)` (total index "
      + NumberFormat.fixed(indices[top].total, decimals: 2) + ")."
  }
}
