import Diagnostics

/// The wording of unit screening's diagnostics (codes W0445 and E0445).
extension EngineMessages {
  /// Notes past this many name the rest only by count.
  static let screenedShown = 20

  /// The entities screening left out, one note each, at the rule that dropped the first.
  static func screenedOut(_ dropped: [ScreenedEntity], of total: Int, span: Span?) -> Diagnostic {
    var notes = dropped.prefix(screenedShown).map { "`\($0.code)`: " + screenReason($0.reason) }
    if dropped.count > screenedShown {
      notes.append("and \(dropped.count - screenedShown) more")
    }
    let entities = total == 1 ? "entity" : "entities"
    return .warning(
      "W0445", "unit screening leaves out \(dropped.count) of \(total) \(entities)", at: span,
      label: "screened here", notes: notes,
      help: ["their scores are not computed; `idx explain` says why for each"])
  }

  /// Every entity was screened out.
  static func nothingLeft(_ total: Int, span: Span?) -> Diagnostic {
    .error(
      "E0445", "unit screening leaves none of the \(total) entities to score", at: span,
      label: "no entity is left",
      help: ["lower the threshold, or force some in with `include: [CODE, …]`"])
  }

  /// Why one entity is not scored, as a clause (`62.5% of the values under `index` are
  /// present; the screening asks for 75%`).
  static func screenReason(_ reason: ScreenedEntity.Reason) -> String {
    switch reason {
    case .availability(let node, let share, let threshold):
      return "\(percent(share)) of its values under `\(node)` are present, below "
        + "the \(percent(threshold)) the screening asks for"
    case .nonzero(let node, let share, let threshold):
      return "\(percent(share)) of its values under `\(node)` are not zero, below "
        + "the \(percent(threshold)) the screening asks for"
    case .excluded:
      return "excluded by name (`exclude:`)"
    }
  }

  /// A share as a percentage with at most one decimal, rounded down so that a share below
  /// the threshold never prints as equal to it.
  private static func percent(_ share: Double) -> String {
    let tenths = (share * 1000 + 1e-9).rounded(.down) / 10
    return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
  }
}

extension ScreenedEntity.Reason {
  /// Why the entity is not scored, in words for explain and tables.
  public var text: String { EngineMessages.screenReason(self) }
}
