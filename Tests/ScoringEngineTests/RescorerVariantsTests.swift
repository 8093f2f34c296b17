import Testing

@testable import ScoringEngine

/// The variant-draw path (`Rescorer.scoreVariant`) must give the index of a full run of the
/// draw's plan bit for bit, with that run reporting nothing but its unused nodes, or decline.
@Suite struct RescorerVariantsTests {
  /// Normalizers a draw may give an indicator (the base plan's is min-max 0–100).
  static let normalizers: [Normalizer] = [
    .minmax(output: 0...100), .zscore(mean: 50, sd: 10), .zscore(mean: 10, sd: 3),
    .rank(ties: .min), .percentile(output: 0...100, ties: .average), .fracmax(output: 0...1),
    .dist2max(output: 0...100), .global(.minmax(output: 0...100)),
  ]

  /// Aggregators a draw may give an aggregate.
  static let aggregators: [Aggregator] = [
    .arithmetic, .geometric(.floor(1)), .geometric(.error), .geometric(.shift(1)), .harmonic,
    .median, .minimum, .power(2), .sum,
  ]

  /// One random draw of every kind: weights times a factor in [0, 2) (now and then 0), a
  /// normalizer per indicator, an aggregator per aggregate, now and then a member left out;
  /// as a `VariantDraw` and as the plan it stands for.
  static func draw(
    _ nominal: Plan, rescorer: inout Rescorer, using random: inout SplitMix64
  ) -> (VariantDraw, Plan) {
    func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
    var draw = VariantDraw(nominal: nominal)
    var plan = nominal
    let offsets = VariantDraw.weightOffsets(of: nominal)
    let sameNormalizer = pick(3) == 0 ? pick(normalizers.count) : nil
    for index in nominal.nodes.indices {
      switch plan.nodes[index].kind {
      case .indicator(var indicator):
        guard pick(4) != 0 else { continue }
        let normalizer = normalizers[sameNormalizer ?? pick(normalizers.count)]
        guard let column = rescorer.addNormalizer(normalizer, for: index) else { continue }
        draw.columns[index] = column
        indicator.normalizer = normalizer
        plan.nodes[index].kind = .indicator(indicator)
      case .aggregate(var aggregate):
        if pick(3) == 0 {
          aggregate.aggregator = aggregators[pick(aggregators.count)]
          draw.aggregators[index] = aggregate.aggregator
        }
        if pick(2) == 0 {
          for m in aggregate.members.indices {
            let factor = pick(12) == 0 ? 0 : 2 * Double(random.next() >> 11) / 0x1p53
            aggregate.members[m].weight *= factor
            draw.weights[offsets[index] + m] = aggregate.members[m].weight
          }
        }
        plan.nodes[index].kind = .aggregate(aggregate)
      }
    }
    if pick(3) == 0 {
      let parents = plan.nodes.indices.filter { (plan.nodes[$0].aggregate?.members.count ?? 0) > 1 }
      let parent = parents[pick(parents.count)]
      guard case .aggregate(var aggregate) = plan.nodes[parent].kind else { return (draw, plan) }
      let left = aggregate.members.remove(at: pick(aggregate.members.count)).node
      plan.nodes[parent].kind = .aggregate(aggregate)
      var stack = [left]
      while let next = stack.popLast() {
        plan.nodes[next].isLibrary = true
        stack += plan.nodes[next].aggregate?.members.map(\.node) ?? []
      }
      draw.excluded = left
    }
    return (draw, plan)
  }

  @Test(arguments: [false, true])
  func variantDrawsMatchAFullRun(varied: Bool) throws {
    let (nominal, table) = try varied ? RescorerWeightsTests.variedASEM() : RescorerTests.asem()
    var rescorer = Rescorer(plan: nominal, on: table)
    var workspace = RescoreWorkspace()
    var random = SplitMix64(seed: varied ? 21 : 22)
    var accepted = 0
    var acceptedExclusions = 0
    var acceptedAggregators = Set<String>()
    for n in 0..<300 {
      let (draw, plan) = Self.draw(nominal, rescorer: &rescorer, using: &random)
      let full = run(plan, on: table)
      guard rescorer.scoreVariant(draw, into: &workspace) else { continue }
      accepted += 1
      if draw.excluded != nil { acceptedExclusions += 1 }
      for index in plan.nodes.indices {
        if let aggregator = plan.nodes[index].aggregate?.aggregator {
          acceptedAggregators.insert("\(aggregator)")
        }
      }
      #expect(
        RescorerTests.bits(workspace.index) == RescorerTests.bits(full.index), "index, draw \(n)")
      #expect(workspace.ranks == full.ranks, "ranks, draw \(n)")
      #expect(full.diagnostics == rescorer.unusedDiagnostics(plan), "draw \(n) reported")
    }
    // The comparisons are not vacuous: many draws, left-out members and most aggregators
    // among them, take the short path.
    #expect(accepted > (varied ? 25 : 60), "\(accepted) accepted")
    #expect(acceptedExclusions > 10, "\(acceptedExclusions) exclusions accepted")
    #expect(acceptedAggregators.count >= 6, "\(acceptedAggregators)")
  }

  /// The nominal draw is the base run; what a run would report is declined.
  @Test func nominalAndReportedDraws() throws {
    let (nominal, table) = try RescorerTests.asem()
    var rescorer = Rescorer(plan: nominal, on: table)
    rescorer.prepareVariants()
    var workspace = RescoreWorkspace()
    let base = VariantDraw(nominal: nominal)
    #expect(rescorer.scoreVariant(base, into: &workspace))
    #expect(RescorerTests.bits(workspace.index) == RescorerTests.bits(rescorer.results.index))

    // A strict geometric mean meets a min-max 0 (the run reports W0430): declined.
    var strict = base
    let pillar = try #require(nominal.nodes.indices.first { nominal.nodes[$0].aggregate != nil })
    strict.aggregators[pillar] = .geometric(.error)
    #expect(!rescorer.scoreVariant(strict, into: &workspace))
    var plan = nominal
    guard case .aggregate(var spec) = plan.nodes[pillar].kind else { return }
    spec.aggregator = .geometric(.error)
    plan.nodes[pillar].kind = .aggregate(spec)
    #expect(run(plan, on: table).diagnostics.contains { $0.code == "W0430" })

    // A negative weight, a column of another indicator, a list of the wrong length: declined.
    var negative = base
    negative.weights[0] = -1
    #expect(!rescorer.scoreVariant(negative, into: &workspace))
    let indicators = nominal.nodes.indices.filter { nominal.nodes[$0].indicator != nil }
    let added = rescorer.addNormalizer(.rank(ties: .min), for: indicators[0])
    let column = try #require(added)
    #expect(column > 0)
    let again = rescorer.addNormalizer(.rank(ties: .min), for: indicators[0])
    #expect(again == column)
    let own = rescorer.addNormalizer(.minmax(output: 0...100), for: indicators[0])
    #expect(own == 0)
    var misplaced = base
    misplaced.columns[indicators[1]] = column
    #expect(!rescorer.scoreVariant(misplaced, into: &workspace))
    var short = base
    short.weights.removeLast()
    #expect(!rescorer.scoreVariant(short, into: &workspace))
  }
}
