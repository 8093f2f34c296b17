import Testing

@testable import ScoringEngine

/// `PlanChanges.between` must name every difference it lets the rescorer skip: rescoring with
/// what it found gives a full run's results bit for bit, and a weight edit found this way
/// reruns the aggregation only.
@Suite struct PlanChangesBetweenTests {
  /// Random edits of ASEM (weights, normalizers, directions, treatments, imputations,
  /// aggregators, data cells), one to three at a time, each chain rescored from the last
  /// with the changes worked out by comparing the plans and tables.
  @Test func rescoringWithTheFoundChangesMatchesAFullRun() throws {
    var (plan, table) = try RescorerTests.asem()
    var rescorer = Rescorer(plan: plan, on: table)
    var random = SplitMix64(seed: 20_261_202)
    var shortcuts = 0
    for step in 0..<80 {
      let (before, beforeTable) = (plan, table)
      var what: [String] = []
      for _ in 0..<(1 + Int(random.next() % 3)) {
        what.append(RescorerTests.edit(&plan, &table, using: &random).1)
      }
      let changes = PlanChanges.between(before, on: beforeTable, plan, on: table)
      #expect(!changes.everything, "step \(step): \(what) is classified")
      if rescorer.attempt(plan, table: table, changes: changes) != nil { shortcuts += 1 }
      let got = rescorer.rescore(plan, table: table, changes: changes)
      RescorerTests.expectIdentical(got, run(plan, on: table), "step \(step): \(what)")
    }
    #expect(shortcuts > 40, "most steps take the short path (\(shortcuts) of 80)")
  }

  /// Each kind of difference lands in its stage's list, and only there.
  @Test func eachDifferenceIsSortedIntoItsStage() throws {
    let (nominal, table) = try RescorerTests.asem()
    let pillar = try #require(nominal.nodes.firstIndex { $0.aggregate != nil })
    let indicator = try #require(nominal.nodes.firstIndex { $0.indicator != nil })
    #expect(PlanChanges.between(nominal, nominal).isEmpty)

    var weighted = nominal
    guard case .aggregate(var spec) = weighted.nodes[pillar].kind else { return }
    spec.members[0].weight += 1
    weighted.nodes[pillar].kind = .aggregate(spec)
    #expect(PlanChanges.between(nominal, weighted) == PlanChanges(aggregates: [pillar]))

    var normalized = nominal
    guard case .indicator(var indicatorSpec) = normalized.nodes[indicator].kind else { return }
    indicatorSpec.normalizer = .rank
    normalized.nodes[indicator].kind = .indicator(indicatorSpec)
    #expect(PlanChanges.between(nominal, normalized) == PlanChanges(indicators: [indicator]))

    var adjusted = nominal
    adjusted.nodes[indicator].adjustments.append(
      Plan.Adjustment(entity: table.entities[0].code, delta: 1, because: "test"))
    #expect(PlanChanges.between(nominal, adjusted) == PlanChanges(indicators: [indicator]))

    var reformulated = nominal
    indicatorSpec = try #require(nominal.nodes[indicator].indicator)
    indicatorSpec.source = .formula(.constant(1))
    reformulated.nodes[indicator].kind = .indicator(indicatorSpec)
    #expect(PlanChanges.between(nominal, reformulated) == PlanChanges(rawValues: [indicator]))

    var relabelled = nominal
    relabelled.nodes[indicator].label = "another label"
    relabelled.scaling = .leader(100)
    #expect(PlanChanges.between(nominal, relabelled).isEmpty, "presentation is not a change")

    var edited = table
    edited.columns[3][0] += 1
    #expect(
      PlanChanges.between(nominal, on: table, nominal, on: edited)
        == PlanChanges(variables: [table.variables[3]]))
  }

  /// What the comparison cannot classify is a full run: members changed, a node renamed or
  /// turned into another kind, other entities.
  @Test func structuralDifferencesAreEverything() throws {
    let (nominal, table) = try RescorerTests.asem()
    let pillar = try #require(nominal.nodes.firstIndex { $0.aggregate != nil })
    var removed = nominal
    guard case .aggregate(var spec) = removed.nodes[pillar].kind else { return }
    spec.members.removeLast()
    removed.nodes[pillar].kind = .aggregate(spec)
    #expect(PlanChanges.between(nominal, removed).everything)

    var renamed = nominal
    renamed.nodes[pillar].name += "2"
    #expect(PlanChanges.between(nominal, renamed).everything)

    var added = nominal
    added.nodes.append(Plan.Node(name: "extra", kind: .indicator(.init(source: .ratings([:])))))
    #expect(PlanChanges.between(nominal, added).everything)

    var fewer = table
    fewer.entities.removeLast()
    #expect(PlanChanges.between(nominal, on: table, nominal, on: fewer).everything)
  }

  /// A weight edit found by the comparison re-aggregates: every indicator's scores are the
  /// base run's own arrays (not normalized again), while a normalizer edit renormalizes its
  /// indicator alone.
  @Test func aWeightEditDoesNotNormalizeAgain() throws {
    let (nominal, table) = try RescorerTests.asem()
    var rescorer = Rescorer(plan: nominal, on: table)
    let base = rescorer.results
    let pillar = try #require(nominal.nodes.firstIndex { $0.aggregate != nil })
    var weighted = nominal
    guard case .aggregate(var spec) = weighted.nodes[pillar].kind else { return }
    spec.members[0].weight = 3
    weighted.nodes[pillar].kind = .aggregate(spec)
    let afterWeight = rescorer.rescore(
      weighted, changes: PlanChanges.between(nominal, weighted))
    let weightRun = afterWeight.recomputed(since: base)
    #expect(weightRun.indicators.isEmpty, "normalized again: \(weightRun.indicators)")
    #expect(weightRun.aggregates.contains(pillar))
    #expect(weightRun.aggregates.contains(weighted.root))
    RescorerTests.expectIdentical(afterWeight, run(weighted, on: table), "a weight")

    let indicator = try #require(weighted.nodes.firstIndex { $0.indicator != nil })
    var normalized = weighted
    guard case .indicator(var indicatorSpec) = normalized.nodes[indicator].kind else { return }
    indicatorSpec.normalizer = .zscore(mean: 0, sd: 1)
    normalized.nodes[indicator].kind = .indicator(indicatorSpec)
    let afterNormalizer = rescorer.rescore(
      normalized, changes: PlanChanges.between(weighted, normalized))
    let normalizerRun = afterNormalizer.recomputed(since: afterWeight)
    #expect(normalizerRun.indicators == [indicator])
    #expect(normalizerRun.aggregates.contains(normalized.root))
    RescorerTests.expectIdentical(afterNormalizer, run(normalized, on: table), "a normalizer")
  }
}
