import IndexAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The uncertainty panel's numbers: `idx uncertainty`'s analysis as the page draws it — the
/// entities of the rank chart, the headline pair's gaps over the draws binned for a
/// histogram, and the decimals of its labels.
///
/// Every figure is the analysis's own (`UncertaintyResult`); the only thing computed here
/// is the histogram, from the draws' scores of the pair.
struct UncertaintyFigures: Sendable {
  /// Counts of the draws' gaps in bins of a round width.
  ///
  /// Bins are `width` wide from `start`; their edges are whole multiples of `width`, so 0 is
  /// an edge and every bin lies on one side of it.
  struct Histogram: Sendable, Equatable {
    var start: Double
    var width: Double
    var counts: [Int]

    /// The lower edge of bin `bin` (its upper one is the next bin's lower edge).
    func low(_ bin: Int) -> Double {
      start + Double(bin) * width
    }

    var end: Double { low(counts.count) }
  }

  /// The most entities the rank chart draws (the best by nominal rank; ASEM has 51).
  static let chartRows = 60
  /// The most entities the table under it lists.
  static let tableRows = 300
  /// About how many bins the histogram has.
  static let bins = 40

  let result: UncertaintyResult
  /// The pair's gaps binned, nil without a pair or when the two never both have a score.
  let histogram: Histogram?
  /// Decimals for scores and gaps (the report's).
  let decimals: Int

  init(_ result: UncertaintyResult, decimals: Int) {
    self.result = result
    self.decimals = decimals
    if let pair = result.pair, let a = result.drawScores(of: pair.first),
      let b = result.drawScores(of: pair.second)
    {
      let gaps = zip(a, b).map { $0 - $1 }.filter(\.isFinite)
      histogram = Self.histogram(of: gaps, marks: [0, pair.nominalGap ?? 0], bins: Self.bins)
    } else {
      histogram = nil
    }
  }

  /// The entities the rank chart draws: those with a rank over the draws, best first.
  var charted: [UncertaintyResult.EntityInterval] {
    Array(result.entities.filter { $0.rank != nil && $0.nominalRank != nil }.prefix(Self.chartRows))
  }

  /// The entities the table lists.
  var listed: [UncertaintyResult.EntityInterval] {
    Array(result.entities.prefix(Self.tableRows))
  }

  /// Bins of a round width (1, 2 or 5 times a power of ten) covering the values and the
  /// marks (0 and the nominal gap, so both fall inside the chart), about `bins` of them;
  /// nil for no values.
  static func histogram(of values: [Double], marks: [Double], bins: Int) -> Histogram? {
    guard let smallest = values.min(), let largest = values.max() else { return nil }
    let finiteMarks = marks.filter(\.isFinite)
    let low = Swift.min(smallest, finiteMarks.min() ?? smallest)
    let high = Swift.max(largest, finiteMarks.max() ?? largest)
    let width = AxisTicks(covering: low, high, count: bins).step
    let start = floor(low / width) * width
    var count = Swift.max(1, Int(ceil((high - start) / width)))
    if start + Double(count) * width <= high { count += 1 }
    var histogram = Histogram(start: start, width: width, counts: Array(repeating: 0, count: count))
    for value in values {
      var bin = Swift.min(count - 1, Swift.max(0, Int(floor((value - start) / width))))
      // Division can land a value on the wrong side of an edge; the edges decide.
      if bin > 0 && value < histogram.low(bin) { bin -= 1 }
      if bin < count - 1 && value >= histogram.low(bin + 1) { bin += 1 }
      histogram.counts[bin] += 1
    }
    return histogram
  }

  /// The draws: `10,000`.
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = value < 0 ? "-" : ""
    for (position, digit) in digits.enumerated() {
      if position > 0 && (digits.count - position) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }

  /// A share of draws as a percentage with one decimal that never rounds to 0% or 100%
  /// unless it is exactly that (`>99.9%`).
  static func share(_ value: Double) -> String {
    if value >= 1 { return "100%" }
    if value <= 0 { return "0%" }
    let text = NumberText.fixed(value * 100, decimals: 1)
    if text == "100.0" { return ">99.9%" }
    if text == "0.0" { return "<0.1%" }
    return text + "%"
  }

  /// A rank or a quantile of ranks: whole when it is, else one decimal (`4.5`).
  static func rank(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : NumberText.fixed(value, decimals: 1)
  }

  /// `5.2 to 18.4`, `—` when missing.
  func range(_ interval: UncertaintyResult.Interval?, rank: Bool = false) -> String {
    guard let interval else { return "—" }
    if rank { return Self.rank(interval.low) + " to " + Self.rank(interval.high) }
    return NumberText.fixed(interval.low, decimals: decimals) + " to "
      + NumberText.fixed(interval.high, decimals: decimals)
  }

  /// The sentence about the pair: how often A is ahead, and the gap's 90% interval.
  var pairSentence: String? {
    guard let pair = result.pair else { return nil }
    guard let probability = pair.probabilityAhead, let gap = pair.gap else {
      return "\(pair.firstName) and \(pair.secondName) never both have a score in the draws."
    }
    let scope =
      pair.comparedDraws == result.draws
      ? "\(Self.count(result.draws)) draws"
      : "the \(Self.count(pair.comparedDraws)) draws in which both have a score"
    let verb = (pair.nominalGap ?? 0) > 0 ? "stays ahead of" : "comes out ahead of"
    let share = probability >= 1 ? "In all \(scope)" : "In \(Self.share(probability)) of \(scope)"
    return "\(share) \(pair.firstName) \(verb) \(pair.secondName): P(\(pair.first) ahead of "
      + "\(pair.second)) = \(Self.share(probability)). The gap \(pair.first) − \(pair.second) "
      + "is \(NumberText.fixed(pair.nominalGap ?? .nan, decimals: decimals)) as written, "
      + "its median over the draws \(NumberText.fixed(gap.median, decimals: decimals)) and its "
      + "90% interval \(range(gap))."
  }
}
