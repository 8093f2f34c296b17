import Diagnostics

// A panel repeats itself: a country that lacks an input lacks it in every year, so a warning
// raised per period would say the same thing 33 times and bury an error under it. The runner
// therefore does not turn a per-cell problem into a diagnostic where it finds it. It records a
// finding — what went wrong, at which node, for which entities, in which period — and at the
// end of the run each kind of problem at each node becomes one diagnostic that lists the
// entities with the periods they were affected in (`PRK, MCO in 1990–2022`). Findings keep the
// order in which their first occurrence was found, so the output is deterministic.

/// Per-cell problems of a run, gathered by kind and node so each becomes one diagnostic.
struct RunFindings {
  /// What went wrong in the cells of one node.
  enum Kind: Hashable {
    /// A formula could not compute (division by zero, log of a non-positive number, …).
    case evaluation(EvaluationIssue.Kind)
    /// Every value was the same, so the node could not be normalized (or scaled).
    case noSpread
    /// A normalizer (or the final scaling) could not work, for the reason given.
    case normalize(detail: String)
    /// A log normalizer met values ≤ 0.
    case logOfNonPositive
    /// Imputation could not fill these cells.
    case unfilled
    /// The indicator had no value for any entity.
    case allMissing
    /// A log transform met values ≤ 0.
    case transformDropped
    /// Too few members present for the coverage rule.
    case belowCoverage
    /// A mean that needs positive values met a value ≤ 0 (the argument names the mean).
    case nonPositiveMean(String)
  }

  /// One kind of problem at one node, over every period it occurred in.
  struct Group {
    var kind: Kind
    var node: String
    var span: Span?
    /// Members named by the problem (the members ≤ 0 of a mean), in order of first mention.
    var members: [String] = []
    /// Periods per entity, for problems that concern some entities.
    var periodsByEntity: [Int: [Int]] = [:]
    /// The periods of problems that concern the whole node.
    var periods: [Int] = []
  }

  private struct Key: Hashable {
    var kind: Kind
    var node: String
  }

  private(set) var groups: [Group] = []
  private var positions: [Key: Int] = [:]

  /// Records a problem of `node` in `period`: for `entities`, or for the whole node when empty.
  mutating func add(
    _ kind: Kind, node: String, span: Span?, period: Int, entities: [Int] = [],
    members: [String] = []
  ) {
    let key = Key(kind: kind, node: node)
    let position: Int
    if let known = positions[key] {
      position = known
    } else {
      position = groups.count
      positions[key] = position
      groups.append(Group(kind: kind, node: node, span: span))
    }
    for member in members where !groups[position].members.contains(member) {
      groups[position].members.append(member)
    }
    if entities.isEmpty {
      if groups[position].periods.last != period { groups[position].periods.append(period) }
      return
    }
    for entity in entities {
      var periods = groups[position].periodsByEntity[entity] ?? []
      if periods.last != period { periods.append(period) }
      groups[position].periodsByEntity[entity] = periods
    }
  }

  /// One diagnostic per group, in the order the groups were first found.
  ///
  /// Entities that share the same periods are listed together, in entity order; without
  /// periods in the data (`showsPeriods` false) the periods are left out.
  func diagnostics(entityCodes: [String], showsPeriods: Bool) -> [Diagnostic] {
    groups.map { group in
      let cells = Self.cellGroups(group.periodsByEntity, showsPeriods: showsPeriods).map {
        (entities: $0.entities.map { entityCodes[$0] }, periods: $0.periods)
      }
      let periods = showsPeriods ? Array(Set(group.periods)).sorted() : []
      return EngineMessages.finding(group, cells: cells, periods: periods)
    }
  }

  /// Entities grouped by identical period lists: the groups affected in the most periods
  /// first (a country that never has a value before one that lacks a year), then by first
  /// period, then by entity.
  static func cellGroups(_ periodsByEntity: [Int: [Int]], showsPeriods: Bool)
    -> [(entities: [Int], periods: [Int])]
  {
    var byPeriods: [[Int]: [Int]] = [:]
    for (entity, periods) in periodsByEntity {
      byPeriods[showsPeriods ? Array(Set(periods)).sorted() : [], default: []].append(entity)
    }
    return byPeriods.map { (entities: $0.value.sorted(), periods: $0.key) }.sorted { a, b in
      if a.periods.count != b.periods.count { return a.periods.count > b.periods.count }
      let (pa, pb) = (a.periods.first ?? 0, b.periods.first ?? 0)
      if pa != pb { return pa < pb }
      return a.entities[0] < b.entities[0]
    }
  }
}
