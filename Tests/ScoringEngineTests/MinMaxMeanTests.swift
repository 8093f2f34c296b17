import Testing

@testable import ScoringEngine

/// The fused first level (min-max members and their arithmetic mean in one pass) must give
/// what the stage functions give, bit for bit, on random data with missing values; decline
/// where min-max would report; and give the same bits on any number of threads.
@Suite struct MinMaxMeanTests {
  /// A table of `groups × 4` random columns over three periods: one cell in `missingEvery`
  /// missing (0: none), signed zeros and a column of huge values among them.
  static func table(seed: UInt64, entities: Int, groups: Int, missingEvery: UInt64) -> DataTable {
    var random = SplitMix64(seed: seed)
    let periods = [2020, 2021, 2022]
    let cells = entities * periods.count
    var variables: [String] = []
    var columns: [[Double]] = []
    for i in 0..<(groups * 4) {
      variables.append("v\(i)")
      columns.append(
        (0..<cells).map { _ in
          let bits = random.next()
          if missingEvery > 0 && bits % missingEvery == 0 { return .nan }
          if bits % 13 == 0 { return bits % 2 == 0 ? 0 : -0.0 }
          let value = Double(Int64(bitPattern: bits) >> 40) / 997
          return i % 7 == 6 ? value * 1.5e304 : value
        })
    }
    return DataTable(
      entities: (0..<entities).map { Entity(code: "E\($0)") }, periods: periods,
      variables: variables, columns: columns)
  }

  /// Min-max indicators (every third lower-is-better, outputs that vary) under arithmetic
  /// means of `weight(indicator)`, by default uneven and zero weights, then an index.
  static func plan(
    groups: Int, output: (Int) -> ClosedRange<Double>,
    weight: (Int) -> Double = { [1, 0, 2.5, 0.1, 3, 1, 7, 0.5][$0 % 8] }
  ) -> Plan {
    var nodes: [Plan.Node] = (0..<(groups * 4)).map { i in
      Plan.Node(
        name: "v\(i)",
        kind: .indicator(
          .init(
            source: .formula(.variable("v\(i)")), direction: i % 3 == 2 ? .lower : .higher,
            normalizer: .minmax(output: output(i)))))
    }
    for group in 0..<groups {
      let members = (0..<4).map {
        Plan.Member(node: group * 4 + $0, weight: weight(group * 4 + $0))
      }
      nodes.append(Plan.Node(name: "g\(group)", kind: .aggregate(.init(members: members))))
    }
    let top = (groups * 4)..<(groups * 5)
    nodes.append(
      Plan.Node(
        name: "index",
        kind: .aggregate(.init(members: top.map { Plan.Member(node: $0, weight: 1) }))))
    return Plan(name: "t", nodes: nodes, root: nodes.count - 1)
  }

  /// Every indicator's and group's scores as the stage functions compute them, one period at
  /// a time, compared bit for bit with the run's.
  static func expectStageResults(_ results: Results, _ plan: Plan, groups: Int) -> Int {
    var compared = 0
    for index in 0..<(groups * 5) {
      let node = plan.nodes[index]
      var expected: [Double] = []
      for p in results.periods.indices {
        if let indicator = node.indicator {
          let x = Array(results.slice(results.nodes[index].raw, period: p))
          expected +=
            normalize(x, direction: indicator.direction, with: indicator.normalizer).values
        } else if let spec = node.aggregate {
          let members = spec.members.map {
            Array(results.slice(results.nodes[$0.node].score, period: p))
          }
          expected +=
            aggregate(members, weights: spec.members.map(\.weight), with: .arithmetic)
            .values
        }
      }
      #expect(
        results.nodes[index].score.map(\.bitPattern) == expected.map(\.bitPattern), "\(node.name)")
      compared += expected.filter { !$0.isNaN }.count
    }
    return compared
  }

  @Test(arguments: [0, 5, 97] as [UInt64])
  func matchesTheStageFunctionsBitForBit(missingEvery: UInt64) {
    let groups = 6
    let table = Self.table(
      seed: 7 + missingEvery, entities: 53, groups: groups, missingEvery: missingEvery)
    let plan = Self.plan(groups: groups) { i in
      [0...100, 1...10, -5 ... -1, 0...0, 2...2.5][i % 5]
    }
    let results = run(plan, on: table)
    #expect(!results.diagnostics.hasErrors)
    let compared = Self.expectStageResults(results, plan, groups: groups)
    #expect(compared > 1000)
    // Raw, imputed and treated are the data's storage, as on the stage-by-stage path.
    #expect(Results.sameStorage(results.nodes[0].raw, results.nodes[0].imputed))
    #expect(Results.sameStorage(results.nodes[0].raw, results.nodes[0].treated))
    #expect(results.nodes[0].flags.isEmpty && results.nodes[0].treatment.isEmpty)
  }

  @Test func theGroupsAreComputedInOnePass() {
    let groups = 3
    let table = Self.table(seed: 3, entities: 20, groups: groups, missingEvery: 4)
    let plan = Self.plan(groups: groups) { _ in 0...100 }
    var runner = Runner(plan: plan, table: table)
    let results = runner.run()
    #expect(!results.diagnostics.hasErrors)
    // Every indicator was done by the fused pass: compute each group directly.
    for group in 0..<groups {
      let members = Array((group * 4)..<(group * 4 + 4))
      let outcome = Runner.compute(
        Runner.MinMaxMeanGroup(
          node: groups * 4 + group, members: members,
          weights: WeightScale.normalized(
            plan.nodes[groups * 4 + group].aggregate?.members.map(\.weight) ?? []),
          signs: members.map { plan.nodes[$0].indicator?.direction.sign ?? 1 },
          outputs: members.map { _ in 0...100 }),
        columns: table.columns, entities: 20, periods: 3)
      #expect(outcome != nil)
      #expect(
        outcome?.means.map(\.bitPattern)
          == results.nodes[groups * 4 + group].score.map(\.bitPattern))
    }
  }

  @Test func declinesWhereMinMaxWouldReport() {
    // A constant column (no spread) and an empty one: the stage path reports both, in order.
    var table = Self.table(seed: 11, entities: 15, groups: 2, missingEvery: 0)
    table.columns[1] = Array(repeating: 4, count: table.columns[1].count)
    table.columns[6] = Array(repeating: .nan, count: table.columns[6].count)
    let plan = Self.plan(groups: 2) { _ in 0...100 }
    let results = run(plan, on: table)
    let codes = results.diagnostics.map(\.code)
    #expect(codes.count == 2, "\(codes)")
    let declined = Runner.compute(
      Runner.MinMaxMeanGroup(
        node: 8, members: [0, 1, 2, 3], weights: [1, 1, 1, 1], signs: [1, 1, 1, 1],
        outputs: Array(repeating: 0...100, count: 4)),
      columns: table.columns, entities: 15, periods: 3)
    #expect(declined == nil)
    #expect(Self.expectStageResults(results, plan, groups: 2) > 100)
  }

  /// Means of huge scores under weights too large to prove them finite are still scanned:
  /// the overflow is reported (W0431) and the cell made missing, as on the stage path.
  @Test func overflowingMeansAreStillReported() {
    let table = Self.table(seed: 13, entities: 30, groups: 1, missingEvery: 0)
    var plan = Self.plan(groups: 1) { _ in 0...1e300 }
    plan.nodes[4].kind = .aggregate(
      .init(members: (0..<4).map { Plan.Member(node: $0, weight: 0x1p63) }))
    let results = run(plan, on: table)
    let overflows = results.diagnostics.filter { $0.code == "W0431" && $0.message.contains("`g0`") }
    #expect(overflows.count == 3, "\(results.diagnostics.map(\.message))")  // one per period
    let scores = results.nodes[4].score
    #expect(!scores.contains { $0.isInfinite })
    #expect(scores.contains { $0.isNaN })
    // The same weights at ordinary size: provably finite, nothing to report.
    plan.nodes[4].kind = .aggregate(
      .init(members: (0..<4).map { Plan.Member(node: $0, weight: 1) }))
    #expect(!run(plan, on: table).diagnostics.contains { $0.code == "W0431" })
  }

  @Test func twoThreadsGiveTheSameBits() {
    let groups = 40
    let table = Self.table(seed: 5, entities: 400, groups: groups, missingEvery: 9)
    let plan = Self.plan(groups: groups) { i in i % 2 == 0 ? 0...100 : 1...10 }
    let one = run(plan, on: table)
    let two = run(plan, on: table, threads: 2)
    #expect(one.nodes.count == two.nodes.count)
    for (a, b) in zip(one.nodes, two.nodes) {
      #expect(a.score.map(\.bitPattern) == b.score.map(\.bitPattern))
    }
    #expect(one.index.map(\.bitPattern) == two.index.map(\.bitPattern))
    #expect(one.ranks == two.ranks)
  }
}

extension Runner.MinMaxMeanGroup {
  /// A group with each member's output range written as a range.
  init(
    node: Int, members: [Int], weights: [Double], signs: [Double],
    outputs: [ClosedRange<Double>]
  ) {
    self.init(
      node: node, members: members, weights: weights, signs: signs,
      outputLows: outputs.map(\.lowerBound), outputHighs: outputs.map(\.upperBound))
  }
}
