import Diagnostics
import IndexAnalysis
import ScoringEngine

/// The answer to `:solve` in words: the value found, how far it is from the current one, and
/// the scores of the entities the condition names before and at that value.
struct ReplSolveReport {
  let condition: String
  let target: String
  let input: BreakEven.Input
  let answer: BreakEven.Answer
  let baseline: Results
  /// The scored period (an index into the results' periods).
  let period: Int
  let entities: [String]
  let precision: Int
  /// How far the condition holds at the answer (its margin, lhs − rhs turned so that above 0
  /// holds), printed so that an answer whose scores look equal at the session's precision
  /// still shows that it holds.
  var holdsBy: Double?

  var text: String {
    switch answer.outcome {
    case .holds:
      return ReplMessages.alreadyHolds(condition, value(answer.current)) + scores + margin
    case .unsupported(let reason):
      return ReplMessages.cannotSolve(target, reason)
    case .impossible(let searched):
      return ReplMessages.noValueWorks(
        condition, target, value(searched.lowerBound), value(searched.upperBound))
        + evaluations
    case .found(let found):
      let current = answer.current ?? .nan
      return ReplMessages.solved(
        condition, target, value(found), now: value(current), change: change(found - current))
        + scores + margin + evaluations
    }
  }

  /// `  CN > US holds there by 0.0000012` with the digits that show the margin.
  private var margin: String {
    guard let holdsBy, holdsBy.isFinite else { return "" }
    return ReplMessages.holdsBy(condition, Self.significant(holdsBy, at: precision))
  }

  /// `x` with at least `precision` decimals and enough more for two significant digits (up
  /// to 17): a margin of 1.2e-6 reads 0.0000012, not 0.00.
  static func significant(_ x: Double, at precision: Int) -> String {
    guard x != 0, x.isFinite else { return NumberFormat.fixed(x, decimals: precision) }
    var decimals = precision
    while decimals < 17, abs(x) < 10 / pow10(decimals) { decimals += 1 }
    return NumberFormat.fixed(x, decimals: decimals)
  }

  /// 10ⁿ for n ≥ 0, exactly as far as doubles go.
  private static func pow10(_ n: Int) -> Double {
    (0..<n).reduce(1.0) { value, _ in value * 10 }
  }

  /// The decimals that show the named entities' scores at the answer apart wherever they
  /// differ (the session's precision at least, 12 at most).
  private func scoreDecimals(_ values: [Double]) -> Int {
    let distinct = values.filter(\.isFinite)
    var decimals = precision
    while decimals < 12 {
      let shown = distinct.map { NumberFormat.fixed($0, decimals: decimals) }
      let collide = distinct.indices.contains { i in
        distinct.indices.contains { j in
          j > i && distinct[i] != distinct[j] && shown[i] == shown[j]
        }
      }
      if !collide { break }
      decimals += 1
    }
    return decimals
  }

  /// An input's value: a weight as a percentage, anything else with six significant decimals.
  private func value(_ x: Double?) -> String {
    guard let x, x.isFinite else { return x.map { $0 > 0 ? "∞" : "-∞" } ?? "—" }
    if case .weight = input { return NumberFormat.short(x * 100) + "%" }
    return NumberFormat.short(x)
  }

  private func change(_ delta: Double) -> String {
    if case .weight = input {
      let points = NumberFormat.short(delta * 100)
      return (delta >= 0 ? "+" : "") + points + " points"
    }
    return (delta >= 0 ? "+" : "") + NumberFormat.short(delta)
  }

  /// `score CN 97.30 → 100.00, US 100.00 → 99.61` (at the current value when it holds).
  private var scores: String {
    guard let after = answer.results, !entities.isEmpty else { return "" }
    let year = baseline.periods[period]
    let decimals = scoreDecimals(
      entities.compactMap { after.indexScore(entity: $0, period: year) })
    let parts = entities.map { code in
      let old = baseline.indexScore(entity: code, period: year)
      let new = after.indexScore(entity: code, period: year)
      let format = { (x: Double?) in x.map { ReplValue.format($0, precision: decimals) } ?? "—" }
      return "\(code) \(format(old)) → \(format(new))"
    }
    return ReplMessages.solvedScores(parts)
  }

  private var evaluations: String { ReplMessages.engineRuns(answer.evaluations) }
}
