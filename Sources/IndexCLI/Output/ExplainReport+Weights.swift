import IndexAnalysis
import ScoringEngine

extension ExplainReport {
  /// One line per aggregate on the explained paths whose weights came from the data: the
  /// weights it applied in the period (`weights: pca`, `equal_influence`), or each explained
  /// entity's own shares (benefit of the doubt), so a reader sees them as derived, not declared.
  func derivedWeightLines() -> [String] {
    let p = results.periodIndex(period) ?? 0
    var seen = Set<Int>()
    var aggregates: [Int] = []
    for term in explanations.first?.terms ?? [] {
      let names = [results.plan.nodes[results.plan.root].name] + term.path
      for name in names {
        guard let node = results.plan.nodeIndex(name), results.nodes[node].derivedWeights != nil,
          seen.insert(node).inserted
        else { continue }
        aggregates.append(node)
      }
    }
    var lines: [String] = []
    for node in aggregates {
      guard let derived = results.nodes[node].derivedWeights,
        let members = results.plan.nodes[node].aggregate?.members
      else { continue }
      let name = results.plan.nodes[node].name
      let names = members.map { results.plan.nodes[$0.node].name }
      switch derived.source {
      case .principalComponent, .equalInfluence:
        let weights = results.memberWeights(ofNode: node, period: p)
        let derivedHere = p < derived.byPeriod.count && derived.byPeriod[p] != nil
        let listed = zip(names, weights).map { "\($0) \(NumberFormat.fixed($1, decimals: 3))" }
        lines.append(
          "\(name): weights from `\(derived.source.rawValue)` in \(period)"
            + (derivedHere ? "" : " could not be derived; declared weights used") + ": "
            + listed.joined(separator: ", "))
      case .benefitOfDoubt:
        for explanation in explanations {
          let cell = results.cell(entity: explanation.entity, period: p)
          let own = results.memberWeights(ofNode: node, cell: cell)
          let parts = members.indices.map { m -> Double in
            let value = results.nodes[members[m].node].score[cell]
            return value.isNaN ? 0 : own[m] * value
          }
          let total = parts.reduce(0, +)
          let shares = zip(names, parts).map {
            "\($0) \(total > 0 ? NumberFormat.fixed(100 * $1 / total, decimals: 0) : "0")%"
          }
          lines.append(
            "\(name): benefit of the doubt, \(results.entities[explanation.entity].code)'s own "
              + "weights give " + shares.joined(separator: ", ") + " of its score")
        }
      }
    }
    return lines
  }
}
