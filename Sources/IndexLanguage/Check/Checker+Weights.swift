import Diagnostics
import ScoringEngine

/// An aggregate's members and weights: how the checker turns a `members` list, the node's
/// method properties and the index's defaults into a `Plan.Aggregate`.
extension Checker {
  /// An aggregate node: its members at their plan positions (`positions`, by node id), their
  /// weights, and its method from its own properties or the index's `defaults`.
  mutating func aggregate(
    _ declaration: Declaration, id: Int, own: PropertyTable, defaults: PropertyTable,
    positions: [Int32]
  ) -> Plan.Aggregate {
    var aggregate = Plan.Aggregate(members: [])
    let (weights, percent) = self.weights(declaration)
    let members = declaration.members ?? []
    aggregate.members.reserveCapacity(members.count)
    // The tree walk found each member's node; a node it did not expand looks them up.
    let start = memberStarts.indices.contains(id) ? Int(memberStarts[id]) : -1
    for (offset, (member, weight)) in zip(members, weights).enumerated() {
      let node = start >= 0 ? Int(memberNodes[start + offset]) : names.node(member.name) ?? -1
      guard node >= 0, positions[node] >= 0 else { continue }
      aggregate.members.append(
        .init(node: Int(positions[node]), weight: weight, span: member.nameSpan))
    }
    aggregate.percentWeights = percent
    if let value = (own[.aggregate] ?? defaults[.aggregate])?.value,
      let aggregator = interpreter.aggregator(value)
    {
      aggregate.aggregator = aggregator
    }
    if let coverage = own[.coverage] ?? defaults[.coverage] {
      aggregate.coverage = interpreter.share(coverage.value, what: "coverage")
    }
    let ownWeights = own[.weights]
    if let property = ownWeights ?? defaults[.weights],
      let weighting = interpreter.weighting(property.value)
    {
      if aggregate.aggregator.setsItsOwnWeights {
        // The index's default does not reach a node whose method takes no weights; the node's
        // own `weights:` there is a mistake.
        if ownWeights != nil, weighting.isDerived {
          diagnostics.append(
            Catalog.invalidValue(
              "`\(declaration.name)`'s aggregator sets its own weights or takes none: "
                + "derived weights have no effect here", property.valueSpan))
        }
      } else {
        aggregate.weighting = weighting
      }
    }
    checkDerivedWeights(aggregate, declaration)
    return aggregate
  }

  /// A node whose weights come from the data (or that takes none) must not write weights, and
  /// a benefit-of-the-doubt minimum share must leave room for every member.
  private mutating func checkDerivedWeights(_ aggregate: Plan.Aggregate, _ declaration: Declaration)
  {
    let method: String? =
      switch (aggregate.weighting, aggregate.aggregator) {
      case (.principalComponent, _): "weights: pca"
      case (.equalInfluence, _): "weights: equal_influence"
      case (_, .benefitOfDoubt): "aggregate: benefit_of_doubt"
      case (_, .mazziottaPareto): "aggregate: mpi"
      case (_, .adjustedMazziottaPareto): "aggregate: ampi"
      default: nil
      }
    guard let method else { return }
    if let member = declaration.members?.first(where: { $0.weight != nil || $0.share != nil }) {
      let span = member.weight.map { $0.span($0.value.range) } ?? member.nameSpan
      diagnostics.append(
        Catalog.weightsNotUsed(declaration.name, method: method, span, member: member.name))
    }
    if case .benefitOfDoubt(let bounds) = aggregate.aggregator, !aggregate.members.isEmpty,
      bounds.minimum * Double(aggregate.members.count) > 1 + 1e-12
    {
      diagnostics.append(
        Catalog.invalidValue(
          "a minimum share of \(Int((bounds.minimum * 100).rounded()))% cannot hold for "
            + "\(aggregate.members.count) members of `\(declaration.name)`: together they would "
            + "take more than 100%",
          declaration.property("aggregate")?.valueSpan ?? declaration.nameSpan))
    }
  }

  /// Member weights of a group, and whether they were written as percentages.
  ///
  /// Percentages must total 100%; plain numbers are relative; members without a weight share
  /// what percentages leave, or count 1 among plain numbers.
  mutating func weights(_ declaration: Declaration) -> ([Double], Bool) {
    let members = declaration.members ?? []
    if members.contains(where: { $0.share != nil }) {
      // A fork set these shares; a member it added without one has no weight yet.
      for member in members where member.share == nil && member.weight == nil {
        diagnostics.append(
          Catalog.noShareLeft(member.name, member.nameSpan, written: 1, group: declaration.name))
      }
      let shares = members.map { member in
        member.share ?? member.weight.flatMap { Interpreter.constant($0.value) } ?? 0
      }
      let total = shares.reduce(0, +)
      if Swift.abs(total - 1) > 1e-9 {
        diagnostics.append(percentTotal(declaration, total: total, values: shares))
      }
      return (shares, true)
    }
    var values: [Double?] = []
    var percentSpans: [Span] = []
    var plainSpans: [Span] = []
    for member in members {
      guard let weight = member.weight else {
        values.append(nil)
        continue
      }
      let span = weight.span(weight.value.range)
      guard let value = interpreter.number(weight, what: "a weight") else {
        values.append(0)
        continue
      }
      if value < 0 {
        diagnostics.append(Catalog.negativeWeight(member.name, span))
      }
      if case .percent = weight.value.kind {
        percentSpans.append(span)
      } else {
        plainSpans.append(span)
      }
      values.append(value)
    }
    if !percentSpans.isEmpty && !plainSpans.isEmpty {
      diagnostics.append(
        Catalog.mixedWeights(declaration.name, plainSpans[0], percent: percentSpans[0]))
      return (values.map { $0 ?? 0 }, false)
    }
    let bare = values.filter { $0 == nil }.count
    guard !percentSpans.isEmpty else {
      return (values.map { $0 ?? 1 }, false)
    }
    let written = values.compactMap { $0 }.reduce(0, +)
    if bare == 0 {
      if Swift.abs(written - 1) > 1e-9 {
        diagnostics.append(
          percentTotal(declaration, total: written, values: values.map { $0 ?? 0 }))
      }
      return (values.map { $0 ?? 0 }, true)
    }
    let rest = (1 - written) / Double(bare)
    if rest <= 1e-12 {
      let unweighted = zip(members, values).filter { $0.1 == nil }.map(\.0)
      for member in unweighted {
        diagnostics.append(
          Catalog.noShareLeft(
            member.name, member.nameSpan, written: written, group: declaration.name))
      }
    }
    return (values.map { $0 ?? Swift.max(rest, 0) }, true)
  }

  /// E0304 for a group whose percentages do not total 100%: at the members list, or, when a
  /// fork's `set X.weight` changed a group written in another file, at that edit.
  private func percentTotal(_ declaration: Declaration, total: Double, values: [Double])
    -> Diagnostic
  {
    let members = declaration.members ?? []
    let group = declaration.membersSpan ?? declaration.nameSpan
    let edited = members.indices.filter { i in
      members[i].weight.map { $0.file.path != group.file.path } ?? false
    }
    guard let first = edited.first, let weight = members[first].weight else {
      return Catalog.percentTotal(
        declaration.name, total: total, group, members: members.map(\.name), values: values)
    }
    return Catalog.percentTotalAfterEdit(
      declaration.name, total: total, weight.span(weight.value.range), group: group,
      isIndex: declaration.kind == .index,
      edited: edited.map { (members[$0].name, values[$0]) }, members: members.map(\.name),
      values: values)
  }
}
