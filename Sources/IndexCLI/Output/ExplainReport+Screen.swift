import Diagnostics
import ScoringEngine

/// What explain says about the COINr stages: a row imputation's peers, and an entity that
/// unit screening left out.
extension ExplainReport {
  /// ` by the row mean of `b`, `c`` for an indicator that imputes by row, else nothing.
  func rowImputationText(_ node: Int) -> String {
    guard
      case .row(let statistic, let normalizeFirst) = results.plan.nodes[node].indicator?.imputation
    else { return "" }
    let peers = results.plan.rowPeers(of: node).map { "`\(results.plan.nodes[$0].name)`" }
    let scale = normalizeFirst ? " (on their min-max scales)" : ""
    return " by the row \(statistic.rawValue) of \(peers.joined(separator: ", "))\(scale)"
  }
}

/// `idx explain` of an entity that unit screening left out: a statement instead of scores.
enum ScreenedExplanation {
  /// The statement in the requested format, or nil when `code` was not screened out.
  static func text(_ code: String, results: Results, format: OutputFormat) -> String? {
    guard let screened = results.screened.first(where: { $0.code == code }) else { return nil }
    let index = results.plan.label ?? results.plan.name
    let reason = screened.reason.text
    switch format {
    case .json:
      return JSONText.object([
        ("entity", JSONText.string(screened.code)), ("name", JSONText.string(screened.name)),
        ("screened", "true"), ("reason", JSONText.string(reason)),
      ]) + "\n"
    case .csv:
      return "entity,name,screened,reason\n"
        + [screened.code, screened.name, "true", reason].map(CSVText.field).joined(separator: ",")
        + "\n"
    case .table, .md:
      return TerminalText.escaped(
        "\(screened.code) is not scored in \(index): unit screening left it out, because "
          + "\(reason).") + "\n"
    }
  }
}
