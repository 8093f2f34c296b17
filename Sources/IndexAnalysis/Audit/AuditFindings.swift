/// Turns the audit's figures into findings, each against a stated threshold (`Audit.Options`),
/// in a fixed order: indicators in tree order (availability, zeros, distinct values, outliers),
/// then aggregates in tree order (members against the aggregate, negative pairs, redundant
/// pairs, α, principal components), then entities in data order.
struct AuditFindings {
  let options: Audit.Options

  func findings(for audit: Audit) -> [AuditFinding] {
    var found: [AuditFinding] = []
    for indicator in audit.indicators {
      let raw = indicator.raw
      let n = raw.entities
      if raw.flags.lowAvailability {
        found.append(
          .lowAvailability(indicator: indicator.name, available: raw.available, entities: n))
      }
      if raw.flags.manyZeros {
        found.append(.manyZeros(indicator: indicator.name, nonZero: raw.nonZero, entities: n))
      }
      if raw.flags.fewUnique {
        found.append(.fewUnique(indicator: indicator.name, unique: raw.unique, entities: n))
      }
      if raw.flags.outliers || indicator.verdict.fails {
        found.append(
          .outliers(
            indicator: indicator.name, raw: raw, verdict: indicator.verdict,
            treated: indicator.treated))
      }
    }
    for aggregate in audit.aggregates {
      found += coherence(aggregate)
    }
    for entity in audit.entities where entity.overall < options.thresholds.availability {
      found.append(.lowEntityCoverage(entity: entity.code, coverage: entity.overall))
    }
    return found
  }

  /// The coherence findings of one aggregate.
  private func coherence(_ aggregate: AggregateAudit) -> [AuditFinding] {
    var found: [AuditFinding] = []
    for member in aggregate.members {
      if let r = member.pearson, r < 0 {
        found.append(.negativeWithParent(member: member.name, parent: aggregate.name, pearson: r))
      }
    }
    var negative: [MemberPair] = []
    var redundant: [MemberPair] = []
    for i in aggregate.members.indices {
      for j in (i + 1)..<aggregate.members.count {
        guard let r = aggregate.correlations[i][j] else { continue }
        let pair = MemberPair(
          first: aggregate.members[i].name, second: aggregate.members[j].name, pearson: r)
        if r < 0 { negative.append(pair) }
        if r > options.redundancy { redundant.append(pair) }
      }
    }
    if !negative.isEmpty {
      let sorted = negative.enumerated().sorted {
        $0.element.pearson < $1.element.pearson
          || ($0.element.pearson == $1.element.pearson && $0.offset < $1.offset)
      }.map(\.element)
      found.append(.negativePairs(aggregate: aggregate.name, pairs: sorted))
    }
    for pair in redundant { found.append(.redundantPair(aggregate: aggregate.name, pair: pair)) }
    if let alpha = aggregate.cronbachAlpha, alpha < options.alpha {
      found.append(.lowAlpha(aggregate: aggregate.name, alpha: alpha))
    }
    if let pca = aggregate.components, pca.componentsAboveOne > 1 {
      found.append(
        .multidimensional(
          aggregate: aggregate.name, components: pca.componentsAboveOne,
          firstShare: pca.varianceShares[0]))
    }
    return found
  }

  /// Members whose influence share and weight share differ by more than `departure`, largest
  /// difference first (ties in member order), at most two.
  static func largestDepartures(_ members: [MemberAudit], departure: Double) -> [Int] {
    let gaps: [(position: Int, gap: Double)] = members.indices.compactMap { m in
      guard let influence = members[m].influence else { return nil }
      let gap = abs(influence - members[m].weight)
      return gap > departure ? (m, gap) : nil
    }
    return gaps.sorted { $0.gap > $1.gap || ($0.gap == $1.gap && $0.position < $1.position) }
      .prefix(2).map(\.position)
  }
}
