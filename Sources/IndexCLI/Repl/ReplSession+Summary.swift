import ScoringEngine

/// The short report after each change of state: ranks that moved and the headline gap.
extension ReplSession {
  /// At most this many rank changes are listed; the rest are counted.
  static let listedRankChanges = 8

  /// Rank changes from `before` to `after` in the session's period, best new rank first, and
  /// the gap of the pair (`:pair`, else the two leaders of the loaded file, so the gap is
  /// followed between the same two entities through a session).
  func summary(from before: Results, to after: Results) -> String {
    guard let p = periodIndex, p < before.periods.count,
      before.periods[p] == after.periods[p]
    else { return ReplMessages.periodsChanged }
    var moves: [(code: String, from: Int, to: Int)] = []
    // An edit keeps the entities (only a new data source changes them): look codes up only
    // when the lists differ, once, rather than searching the list for each entity.
    let sameEntities = before.entities.elementsEqual(after.entities) { $0.code == $1.code }
    var positions: [String: Int] = [:]
    if !sameEntities {
      for (b, entity) in before.entities.enumerated() where positions[entity.code] == nil {
        positions[entity.code] = b
      }
    }
    for (e, entity) in after.entities.enumerated() {
      guard let b = sameEntities ? e : positions[entity.code] else { continue }
      let old = before.ranks[before.cell(entity: b, period: p)]
      let new = after.ranks[after.cell(entity: e, period: p)]
      if old != new { moves.append((entity.code, old, new)) }
    }
    moves.sort { ($0.to == 0 ? Int.max : $0.to, $0.code) < ($1.to == 0 ? Int.max : $1.to, $1.code) }
    var text = ""
    if moves.isEmpty {
      text += ReplMessages.noRankChanges
    } else {
      let shown = moves.prefix(Self.listedRankChanges).map {
        ReplMessages.rankMove($0.code, from: $0.from, to: $0.to)
      }
      text += ReplMessages.rankChanges(shown, more: moves.count - shown.count)
    }
    if let (a, b) = gapPair(baseline?.results ?? before, period: p) {
      let old = gap(before, a, b, period: p)
      let new = gap(after, a, b, period: p)
      text += ReplMessages.gap(a, b, old.map(number), new.map(number))
    }
    return text
  }

  /// The entities whose gap is reported: the chosen pair, else the two best ranked in `results`.
  func gapPair(_ results: Results, period p: Int) -> (String, String)? {
    if let pair { return pair }
    let ranked = results.entities.indices.filter {
      results.ranks[results.cell(entity: $0, period: p)] > 0
    }
    .sorted {
      (results.ranks[results.cell(entity: $0, period: p)], results.entities[$0].code)
        < (results.ranks[results.cell(entity: $1, period: p)], results.entities[$1].code)
    }
    guard ranked.count >= 2 else { return nil }
    return (results.entities[ranked[0]].code, results.entities[ranked[1]].code)
  }

  /// Score of `a` minus score of `b`, or nil when either is unscored.
  func gap(_ results: Results, _ a: String, _ b: String, period p: Int) -> Double? {
    guard let x = results.indexScore(entity: a, period: results.periods[p]),
      let y = results.indexScore(entity: b, period: results.periods[p])
    else { return nil }
    return x - y
  }

  /// A number at the session's precision.
  func number(_ value: Double) -> String {
    ReplValue.format(value, precision: settings.precision)
  }
}
