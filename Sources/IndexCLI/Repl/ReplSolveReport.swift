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

  var text: String {
    switch answer.outcome {
    case .holds:
      return ReplMessages.alreadyHolds(condition, value(answer.current)) + scores
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
        + scores + evaluations
    }
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
    let parts = entities.map { code in
      let old = baseline.indexScore(entity: code, period: year)
      let new = after.indexScore(entity: code, period: year)
      let format = { (x: Double?) in x.map { ReplValue.format($0, precision: precision) } ?? "—" }
      return "\(code) \(format(old)) → \(format(new))"
    }
    return ReplMessages.solvedScores(parts)
  }

  private var evaluations: String { ReplMessages.engineRuns(answer.evaluations) }
}
