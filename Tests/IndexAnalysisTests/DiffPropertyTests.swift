import IndexAnalysis
import ScoringEngine
import Testing

/// The attribution's promise, over many random methodology pairs: for every entity scored on
/// both sides, the terms sum to its Δscore within 1e-9 — by member of the index, by indicator,
/// and at every node of the tree — with weights derived from the data (`pca`,
/// `equal_influence`), benefit of the doubt and Mazziotta–Pareto among the draws, each split
/// member by member rather than kept whole.
@Suite struct DiffPropertyTests {
  struct Tally {
    var pairs = 0
    var entities = 0
    var nodes = 0
    var geometricOrPower = 0
    var methodChanges = 0
    var adjustments = 0
    var rawAdjustments = 0
    /// Checked nodes whose weights came from the data on a side, that are benefit of the
    /// doubt, or Mazziotta–Pareto (on a side).
    var derivedNodes = 0
    var benefitNodes = 0
    var penaltyNodes = 0
  }

  @Test func termsSumToEveryDeltaAtEveryNode() throws {
    var tally = Tally()
    for seed in UInt64(1)...400 {
      var random = SplitMix64(seed: seed &* 0x9E37_79B9)
      let entities = Int.random(in: 4...14, using: &random)
      let table = RandomMethodology.table(&random, entities: entities, variables: 8, periods: 2)
      let a = RandomMethodology(seed: seed, variables: 8, entities: entities)
      var b = a
      b.random = SplitMix64(seed: seed &+ 7_777)
      // One pair in four is the two-period form: the same methodology, another year.
      let samePlan = seed % 4 == 0
      if !samePlan { b.mutate() }
      let planA = a.plan
      let planB = b.plan
      let runA = run(planA, on: table)
      let runB = run(planB, on: table)
      guard !runA.periods.isEmpty, !runB.periods.isEmpty else {
        Issue.record("seed \(seed): a random plan did not run: \(runA.diagnostics.map(\.message))")
        continue
      }
      let diff = ResultsDiff(
        a: .init(results: runA, period: 2020, table: table),
        b: .init(
          results: runB, period: samePlan ? 2021 : Int.random(in: 2020...2021, using: &random),
          table: table),
        keepChecks: true)
      #expect(diff.fallbacks == 0, "seed \(seed)")
      tally.pairs += 1
      // Nodes the attribution splits (every kind but Copeland, and Mazziotta–Pareto against
      // anything but itself or an arithmetic mean) never carry a whole term of their own.
      let wholeNodes = Set(diff.terms.compactMap(\.last))
      for (nodeA, nodeB) in zip(a.nodes, b.nodes) where !nodeA.aggregatorless {
        #expect(
          !Self.splits(nodeA.aggregator, nodeB.aggregator) || !wholeNodes.contains(nodeA.name),
          "seed \(seed): \(nodeA.name) kept whole")
      }
      let kinds = Self.kinds(a, b)
      for entity in diff.entities {
        guard let delta = entity.delta else { continue }
        tally.entities += 1
        let sums = diff.sums(entity)
        #expect(Swift.abs(sums.byMember - delta) <= 1e-9, "seed \(seed) \(entity.code) by member")
        #expect(
          Swift.abs(sums.byIndicator - delta) <= 1e-9, "seed \(seed) \(entity.code) by indicator")
        for check in diff.checks[entity.code] ?? [] {
          tally.nodes += 1
          let kind = kinds[check.node] ?? []
          tally.derivedNodes += kind.contains(.derived) ? 1 : 0
          tally.benefitNodes += kind.contains(.benefit) ? 1 : 0
          tally.penaltyNodes += kind.contains(.penalty) ? 1 : 0
          #expect(
            Swift.abs(check.sum - check.delta) <= 1e-9 * Swift.max(1, Swift.abs(check.delta)),
            "seed \(seed) \(entity.code) node \(check.node): \(check.sum) vs \(check.delta)")
        }
        tally.adjustments += entity.adjustments.filter { $0.effect != 0 }.count
        tally.rawAdjustments += entity.adjustments.filter { $0.isRaw && $0.effect != 0 }.count
        if !a.movedAny(comparedWith: b) {
          // Without moved nodes the tree is one tree: a member's contribution is the sum of
          // the terms below it.
          for (m, member) in diff.members.enumerated() {
            let below = zip(diff.terms, entity.indicators).filter { $0.0.first == member }
              .reduce(0) { $0 + $1.1 }
            let adjusted = entity.adjustments.filter { $0.path.first == member }
              .reduce(0) { $0 + $1.effect }
            #expect(
              Swift.abs(below + adjusted - entity.contributions[m]) <= 1e-9,
              "seed \(seed) \(entity.code) member \(member)")
          }
        }
      }
      let means = (a.nodes + b.nodes).filter {
        switch $0.aggregator {
        case .geometric, .power, .harmonic: !$0.aggregatorless
        default: false
        }
      }
      tally.geometricOrPower += means.isEmpty ? 0 : 1
      tally.methodChanges +=
        zip(a.nodes, b.nodes).contains { $0.aggregator != $1.aggregator } ? 1 : 0
    }
    // The draws must exercise what the test is about, not pass vacuously.
    #expect(tally.pairs == 400)
    #expect(tally.entities > 2_000)
    #expect(tally.nodes > 10_000)
    #expect(tally.geometricOrPower > 200)
    #expect(tally.methodChanges > 40)
    #expect(tally.adjustments > 100)
    #expect(tally.rawAdjustments > 20)
    #expect(tally.derivedNodes > 1_000)
    #expect(tally.benefitNodes > 1_000)
    #expect(tally.penaltyNodes > 1_000)
  }

  enum NodeKind { case derived, benefit, penalty }

  /// Per node name: whether a side derives its weights, or aggregates by benefit of the doubt
  /// or Mazziotta–Pareto.
  static func kinds(_ a: RandomMethodology, _ b: RandomMethodology) -> [String: Set<NodeKind>] {
    var kinds: [String: Set<NodeKind>] = [:]
    for node in a.nodes + b.nodes where !node.aggregatorless {
      var kind = kinds[node.name] ?? []
      if node.weighting.isDerived && !node.aggregator.setsItsOwnWeights { kind.insert(.derived) }
      if case .benefitOfDoubt = node.aggregator { kind.insert(.benefit) }
      if node.aggregator == .mazziottaPareto || node.aggregator == .adjustedMazziottaPareto {
        kind.insert(.penalty)
      }
      kinds[node.name] = kind
    }
    return kinds
  }

  /// Whether a node with these aggregators on the two sides is split per member.
  static func splits(_ a: Aggregator, _ b: Aggregator) -> Bool {
    func penalized(_ x: Aggregator) -> Bool {
      x == .mazziottaPareto || x == .adjustedMazziottaPareto
    }
    if a == .copeland || b == .copeland { return false }
    if penalized(a) || penalized(b) {
      return (penalized(a) || a == .arithmetic) && (penalized(b) || b == .arithmetic)
    }
    return true
  }
}

extension RandomMethodology {
  /// Whether some node has another parent in `other` (a fork moved it).
  func movedAny(comparedWith other: RandomMethodology) -> Bool {
    func parents(_ m: RandomMethodology) -> [Int: Int] {
      var out: [Int: Int] = [:]
      for (n, node) in m.nodes.enumerated() { for child in node.children { out[child] = n } }
      return out
    }
    let (mine, theirs) = (parents(self), parents(other))
    return mine.contains { child, parent in theirs[child].map { $0 != parent } ?? false }
  }
}
