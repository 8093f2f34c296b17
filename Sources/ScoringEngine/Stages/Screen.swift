/// Unit screening: which entities have data enough to be scored (COINr's `Screen`).
///
/// For each rule, an entity's cells are the raw values of the rule's indicators in every
/// scored period. Its availability is the share of those cells that hold a value (COINr's
/// `Dat_Avail` = 1 − missing/cells), its non-zero share the share of the present values that
/// are not 0 (COINr's `Non_Zero`; 0 when no value is present). An entity below a rule's
/// threshold is dropped (`Dat_Avail < dat_thresh`, so a share equal to the threshold passes).
/// Forced inclusions win over every rule, forced exclusions over everything (COINr applies
/// `Include = TRUE` first, then `FALSE`).

/// The cells one rule counts: its indicators' raw values over the scored periods.
public struct ScreenColumns: Sendable {
  public var rule: Screening.Rule
  /// The aggregate's name, for the reason given.
  public var node: String
  /// Per indicator under the aggregate, period-major over the scored periods.
  public var columns: [[Double]]

  public init(rule: Screening.Rule, node: String, columns: [[Double]]) {
    self.rule = rule
    self.node = node
    self.columns = columns
  }
}

/// Why each dropped entity is dropped, by entity position (absent: kept).
///
/// `entityCount` entities, each rule's columns period-major with `entityCount` values per
/// period; `codes` names the entities, for the forced lists.
public func screenEntities(
  _ rules: [ScreenColumns], entityCount: Int, codes: [String], include: Set<String>,
  exclude: Set<String>
) -> [Int: ScreenedEntity.Reason] {
  var reasons: [Int: ScreenedEntity.Reason] = [:]
  for e in 0..<entityCount {
    if e < codes.count, exclude.contains(codes[e]) {
      reasons[e] = .excluded
      continue
    }
    if e < codes.count, include.contains(codes[e]) { continue }
    for rule in rules {
      if let reason = failure(of: rule, entity: e, entityCount: entityCount) {
        reasons[e] = reason
        break
      }
    }
  }
  return reasons
}

/// The first threshold of `rule` entity `e` falls below, or nil when it passes.
private func failure(of rule: ScreenColumns, entity e: Int, entityCount: Int)
  -> ScreenedEntity.Reason?
{
  var cells = 0
  var present = 0
  var zeros = 0
  for column in rule.columns where entityCount > 0 {
    var cell = e
    while cell < column.count {
      cells += 1
      let value = column[cell]
      if !value.isNaN {
        present += 1
        if value == 0 { zeros += 1 }
      }
      cell += entityCount
    }
  }
  guard cells > 0 else { return nil }
  let availability = Double(present) / Double(cells)
  if let threshold = rule.rule.availability, availability < threshold {
    return .availability(node: rule.node, share: availability, threshold: threshold)
  }
  let nonzero = present == 0 ? 0 : 1 - Double(zeros) / Double(present)
  if let threshold = rule.rule.nonzero, nonzero < threshold {
    return .nonzero(node: rule.node, share: nonzero, threshold: threshold)
  }
  return nil
}
