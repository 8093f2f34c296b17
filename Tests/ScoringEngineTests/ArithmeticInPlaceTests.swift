import Testing

@testable import ScoringEngine

/// The runner's in-place arithmetic mean must give what `aggregate` gives on copied member
/// columns, bit for bit: missing members, zero and uneven weights, a coverage rule, several
/// periods.
@Suite struct ArithmeticInPlaceTests {
  @Test func matchesTheStageFunctionBitForBit() {
    var random = SplitMix64(seed: 99)
    let entities = (0..<37).map { Entity(code: "E\($0)") }
    let periods = [2020, 2021, 2022]
    let cells = entities.count * periods.count
    var variables: [String] = []
    var columns: [[Double]] = []
    for i in 0..<12 {
      variables.append("v\(i)")
      columns.append(
        (0..<cells).map { _ in
          let bits = random.next()
          return bits % 5 == 0 ? .nan : Double(bits >> 40) / 1000 - 3000
        })
    }
    let table = DataTable(
      entities: entities, periods: periods, variables: variables, columns: columns)
    var nodes: [Plan.Node] = variables.map {
      Plan.Node(
        name: $0,
        kind: .indicator(
          .init(source: .formula(.variable($0)), normalizer: .zscore(mean: 0, sd: 1))))
    }
    let weights: [Double] = [1, 0, 2.5, 0.1, 3, 1, 7, 0.5, 1, 1, 0, 2]
    for group in 0..<3 {
      let members = (0..<4).map {
        Plan.Member(node: group * 4 + $0, weight: weights[group * 4 + $0])
      }
      nodes.append(
        Plan.Node(
          name: "g\(group)",
          kind: .aggregate(.init(members: members, coverage: group == 1 ? 0.7 : nil))))
    }
    nodes.append(
      Plan.Node(
        name: "index",
        kind: .aggregate(
          .init(members: (12..<15).map { Plan.Member(node: $0, weight: 1 + Double($0)) }))))
    let plan = Plan(name: "t", nodes: nodes, root: nodes.count - 1)
    let results = run(plan, on: table)
    #expect(!results.diagnostics.hasErrors)
    var compared = 0
    for index in 12..<nodes.count {
      guard let spec = nodes[index].aggregate else { continue }
      var expected: [Double] = []
      for p in periods.indices {
        let members = spec.members.map {
          Array(results.slice(results.nodes[$0.node].score, period: p))
        }
        expected +=
          aggregate(
            members, weights: spec.members.map(\.weight), with: .arithmetic, coverage: spec.coverage
          ).values
      }
      #expect(results.nodes[index].score.map(\.bitPattern) == expected.map(\.bitPattern))
      compared += expected.filter { !$0.isNaN }.count
    }
    #expect(compared > 100)
  }
}
