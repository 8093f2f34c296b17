import Glibc

extension ResultsDiff {
  /// A gap between two entities on both sides, and its change split like an entity's Δ.
  public struct Gap: Sendable {
    public var first: String
    public var second: String
    /// first's score minus second's, on each side.
    public var a: Double
    public var b: Double
    public var change: Double { b - a }
    /// Per member of the index: first's contribution minus second's.
    public var members: [Double]
    public var scaling: Double
    /// Adjustments on the index itself, and the term of a non-additive index.
    public var index: Double
  }

  /// Another entity whose order relative to an entity flipped between the sides.
  public struct Move: Sendable {
    public var other: String
    /// Whether the entity moved ahead of `other` (else `other` moved ahead of it).
    public var overtook: Bool
    /// The member with the largest contribution to the move, and that contribution.
    public var member: String
    public var effect: Double
  }

  /// The entity with a code, if it is in either side.
  public func entity(_ code: String) -> EntityChange? {
    entities.first { $0.code == code }
  }

  /// The gap `first − second` on both sides, when both are scored on both.
  public func gap(_ first: String, _ second: String) -> Gap? {
    guard let one = entity(first), let two = entity(second), let a1 = one.scoreA,
      let a2 = two.scoreA, let b1 = one.scoreB, let b2 = two.scoreB
    else { return nil }
    return Gap(
      first: first, second: second, a: a1 - a2, b: b1 - b2,
      members: zip(one.contributions, two.contributions).map { $0 - $1 },
      scaling: one.scaling - two.scaling,
      index: indexLevel(one) - indexLevel(two))
  }

  /// The headline gap: the two best-ranked entities of side A that both sides score.
  public func headline() -> Gap? {
    let both = entities.filter { $0.delta != nil && $0.rankA != nil }
      .sorted { ($0.rankA ?? 0, $0.code) < ($1.rankA ?? 0, $1.code) }
    guard both.count >= 2 else { return nil }
    return gap(both[0].code, both[1].code)
  }

  /// Adjustments on the index itself and the whole term of a non-additive index.
  public func indexLevel(_ entity: EntityChange) -> Double {
    entity.indexTerm
      + entity.adjustments.filter { $0.path.isEmpty }.reduce(0) { $0 + $1.effect }
  }

  /// The entities an entity passed, or that passed it, nearest in score first.
  public func moves(of code: String) -> [Move] {
    guard let me = entity(code), let rankA = me.rankA, let rankB = me.rankB, let scoreB = me.scoreB
    else { return [] }
    var found: [(Move, Double)] = []
    for other in entities where other.code != code && other.delta != nil {
      guard let otherA = other.rankA, let otherB = other.rankB, let otherScore = other.scoreB
      else { continue }
      let overtook = rankA > otherA && rankB < otherB
      let fell = rankA < otherA && rankB > otherB
      guard overtook || fell else { continue }
      guard let (member, effect) = strongest(me, other, overtook: overtook) else { continue }
      let move = Move(other: other.code, overtook: overtook, member: member, effect: effect)
      found.append((move, Swift.abs(otherScore - scoreB)))
    }
    return found.sorted { ($0.1, $0.0.other) < ($1.1, $1.0.other) }.map(\.0)
  }

  /// Each member's contribution minus its mean over the entities scored on both sides.
  mutating func compareWithField() {
    let both = entities.indices.filter { entities[$0].delta != nil }
    guard !both.isEmpty else { return }
    var means = [Double](repeating: 0, count: members.count)
    var scalingMean = 0.0
    for e in both {
      for (m, value) in entities[e].contributions.enumerated() { means[m] += value }
      scalingMean += entities[e].scaling
    }
    let count = Double(both.count)
    means = means.map { $0 / count }
    scalingMean /= count
    for e in both {
      entities[e].vsField = zip(entities[e].contributions, means).map { $0 - $1 }
      entities[e].scalingVsField = entities[e].scaling - scalingMean
    }
  }

  /// For each entity whose rank moved: the nearest entity it passed (moving up) or that passed
  /// it (moving down), nearest in B's score, and the member that did most to it.
  mutating func findDrivers() {
    let both = entities.indices.filter {
      entities[$0].delta != nil && entities[$0].rankA != nil && entities[$0].rankB != nil
    }
    for e in both where entities[e].rankA != entities[e].rankB {
      let me = entities[e]
      guard let rankA = me.rankA, let rankB = me.rankB, let scoreB = me.scoreB else { continue }
      let up = rankB < rankA
      // The nearest in the direction of the move first; ties can also flip the other way.
      var nearest: (key: (Int, Double, String), index: Int)?
      for o in both where o != e {
        let other = entities[o]
        guard let otherA = other.rankA, let otherB = other.rankB, let otherScore = other.scoreB
        else { continue }
        let overtook = rankA > otherA && rankB < otherB
        guard overtook || (rankA < otherA && rankB > otherB) else { continue }
        let key = (overtook == up ? 0 : 1, Swift.abs(otherScore - scoreB), other.code)
        if nearest.map({ key < $0.key }) ?? true { nearest = (key, o) }
      }
      guard let found = nearest else { continue }
      let other = entities[found.index]
      let overtook = (rankA > (other.rankA ?? 0))
      guard let (member, effect) = strongest(me, other, overtook: overtook) else { continue }
      entities[e].driver = Driver(
        member: member, other: other.code, overtook: overtook, effect: effect)
    }
  }

  /// The member whose contribution to `me` minus its contribution to `other` did most for the
  /// move (the largest when `me` overtook, the most negative when it fell behind).
  private func strongest(_ me: EntityChange, _ other: EntityChange, overtook: Bool) -> (
    String, Double
  )? {
    let sign = overtook ? 1.0 : -1.0
    var best: (member: Int, effect: Double)?
    for (m, (mine, theirs)) in zip(me.contributions, other.contributions).enumerated()
    where best.map({ sign * (mine - theirs) > sign * $0.effect }) ?? true {
      best = (m, mine - theirs)
    }
    guard let best, members.indices.contains(best.member) else { return nil }
    return (members[best.member], best.effect)
  }

  mutating func summarize() {
    var summary = Summary()
    var rankMoves: [Int] = []
    var pairs: [(Double, Double)] = []
    for entity in entities {
      switch entity.status {
      case .changed: summary.changed += 1
      case .unchanged: summary.unchanged += 1
      case .onlyInA: summary.onlyInA += 1
      case .onlyInB: summary.onlyInB += 1
      }
      if let rankA = entity.rankA, let rankB = entity.rankB, entity.delta != nil {
        rankMoves.append(Swift.abs(rankB - rankA))
      }
      if let scoreA = entity.scoreA, let scoreB = entity.scoreB { pairs.append((scoreA, scoreB)) }
    }
    summary.rankChanges = rankMoves.filter { $0 != 0 }.count
    summary.maxAbsoluteRankChange = rankMoves.max() ?? 0
    summary.meanAbsoluteRankChange =
      rankMoves.isEmpty ? 0 : Double(rankMoves.reduce(0, +)) / Double(rankMoves.count)
    summary.spearman = Self.spearman(pairs)
    self.summary = summary
  }

  /// Pearson's correlation of the average ranks (ties share the mean of their places).
  static func spearman(_ pairs: [(Double, Double)]) -> Double? {
    guard pairs.count >= 2 else { return nil }
    let x = averageRanks(pairs.map(\.0))
    let y = averageRanks(pairs.map(\.1))
    let n = Double(pairs.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (u, v) in zip(x, y) {
      sxy += (u - meanX) * (v - meanY)
      sxx += (u - meanX) * (u - meanX)
      syy += (v - meanY) * (v - meanY)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / sqrt(sxx * syy)
  }

  /// Ranks 1…n ascending, ties at the mean of the places they take.
  static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for position in start...end { ranks[order[position]] = rank }
      start = end + 1
    }
    return ranks
  }
}
