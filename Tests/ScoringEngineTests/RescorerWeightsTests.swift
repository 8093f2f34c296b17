import Testing

@testable import ScoringEngine

/// The weight-draw path (`Rescorer.scoreWeights`) must give the index and ranks of a full run of
/// the drawn plan bit for bit, or decline; and `score`, which now takes it for weight edits,
/// must still give a full run's results.
@Suite struct RescorerWeightsTests {
  /// ASEM with more for the draws to meet: a coverage rule and an adjustment on one pillar, a
  /// geometric mean on another, the index scaled to its leader.
  static func variedASEM() throws -> (Plan, DataTable) {
    var (plan, table) = try RescorerTests.asem()
    let pillars = plan.nodes.indices.filter { plan.nodes[$0].aggregate != nil && $0 != plan.root }
    guard pillars.count >= 2, case .aggregate(var first) = plan.nodes[pillars[0]].kind,
      case .aggregate(var second) = plan.nodes[pillars[1]].kind
    else { return (plan, table) }
    first.coverage = 0.5
    plan.nodes[pillars[0]].kind = .aggregate(first)
    plan.nodes[pillars[0]].adjustments = [
      .init(entity: table.entities[3].code, delta: 1.5, because: "test")
    ]
    second.aggregator = .geometric(.error)
    plan.nodes[pillars[1]].kind = .aggregate(second)
    plan.scaling = .leader(100)
    return (plan, table)
  }

  /// A draw: every weight of some aggregates times a factor in [0, 2), a few set to zero.
  static func draw(_ plan: inout Plan, using random: inout SplitMix64) -> [Int] {
    let aggregates = plan.nodes.indices.filter { plan.nodes[$0].aggregate != nil }
    var touched: [Int] = []
    for node in aggregates where random.next() % 3 != 0 {
      guard case .aggregate(var spec) = plan.nodes[node].kind else { continue }
      for m in spec.members.indices {
        let factor = random.next() % 10 == 0 ? 0 : 2 * Double(random.next() >> 11) / 0x1p53
        spec.members[m].weight *= factor
      }
      plan.nodes[node].kind = .aggregate(spec)
      touched.append(node)
    }
    return touched
  }

  @Test(arguments: [false, true])
  func weightDrawsMatchAFullRun(varied: Bool) throws {
    let (nominal, table) = try varied ? Self.variedASEM() : RescorerTests.asem()
    let rescorer = Rescorer(plan: nominal, on: table)
    var workspace = RescoreWorkspace()
    var random = SplitMix64(seed: varied ? 11 : 12)
    var accepted = 0
    for draw in 0..<120 {
      var plan = nominal
      let touched = Self.draw(&plan, using: &random)
      let full = run(plan, on: table)
      if rescorer.scoreWeights(plan, aggregates: touched, into: &workspace) {
        accepted += 1
        #expect(
          RescorerTests.bits(workspace.index) == RescorerTests.bits(full.index), "index, \(draw)")
        #expect(workspace.ranks == full.ranks, "ranks, draw \(draw)")
        #expect(full.diagnostics == rescorer.results.diagnostics, "draw \(draw) reported")
      }
      RescorerTests.expectIdentical(
        rescorer.score(plan, changes: PlanChanges(aggregates: touched)), full, "draw \(draw)")
    }
    // Most draws take the short path (the comparisons above are not vacuous); the varied plan
    // declines more (a zero weight can leave a pillar below its coverage).
    #expect(accepted > (varied ? 30 : 60))
  }

  /// The weights-only entry point gives what the plan entry point gives for the same weights.
  @Test func weightListsMatchPlans() throws {
    let (nominal, table) = try Self.variedASEM()
    let rescorer = Rescorer(plan: nominal, on: table)
    var fromPlan = RescoreWorkspace()
    var fromLists = RescoreWorkspace()
    var random = SplitMix64(seed: 5)
    for draw in 0..<40 {
      var plan = nominal
      let touched = Self.draw(&plan, using: &random)
      var weights = [[Double]](repeating: [], count: plan.nodes.count)
      for node in touched {
        weights[node] = plan.nodes[node].aggregate?.members.map(\.weight) ?? []
      }
      let viaPlan = rescorer.scoreWeights(plan, aggregates: touched, into: &fromPlan)
      let viaLists = rescorer.scoreWeights(weights, into: &fromLists)
      #expect(viaPlan == viaLists, "draw \(draw)")
      if viaPlan && viaLists {
        #expect(RescorerTests.bits(fromPlan.index) == RescorerTests.bits(fromLists.index))
        #expect(fromPlan.ranks == fromLists.ranks)
        let full = run(plan, on: table)
        #expect(RescorerTests.bits(fromLists.index) == RescorerTests.bits(full.index))
      }
    }
  }

  /// What only a full run can vouch for is declined: another aggregator, a negative weight,
  /// a weight list of the wrong length.
  @Test func changesBeyondWeightsAreDeclined() throws {
    let (nominal, table) = try RescorerTests.asem()
    let rescorer = Rescorer(plan: nominal, on: table)
    var workspace = RescoreWorkspace()
    let pillar = try #require(nominal.nodes.firstIndex { $0.aggregate != nil })
    guard case .aggregate(let spec) = nominal.nodes[pillar].kind else { return }

    var other = nominal
    var geometric = spec
    geometric.aggregator = .geometric(.error)
    other.nodes[pillar].kind = .aggregate(geometric)
    #expect(!rescorer.scoreWeights(other, aggregates: [pillar], into: &workspace))

    var negative = nominal
    var reweighted = spec
    reweighted.members[0].weight = -1
    negative.nodes[pillar].kind = .aggregate(reweighted)
    #expect(!rescorer.scoreWeights(negative, aggregates: [pillar], into: &workspace))

    var weights = [[Double]](repeating: [], count: nominal.nodes.count)
    weights[pillar] = [1]
    #expect(spec.members.count != 1)
    #expect(!rescorer.scoreWeights(weights, into: &workspace))

    // The nominal weights themselves are accepted and give the base's index.
    weights[pillar] = spec.members.map(\.weight)
    #expect(rescorer.scoreWeights(weights, into: &workspace))
    #expect(RescorerTests.bits(workspace.index) == RescorerTests.bits(rescorer.results.index))
  }
}
