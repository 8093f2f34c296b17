import Testing

@testable import ScoringEngine

/// The blocked first level (`Runner.computeBlocked`: every member's extremes, then all members'
/// means eight cells at a time) must give the member-by-member path's bits
/// (`Runner.computeByMember`), with and without missing values, on any number of entities
/// (the tails after the last block of eight), reversed directions, huge columns whose range
/// overflows (`signHalf` ±0.5) and zero weights.
@Suite struct MinMaxMeanBlockedTests {
  @Test(arguments: [0, 3, 41] as [UInt64])
  func blockedMatchesMemberByMember(missingEvery: UInt64) {
    for entities in [1, 2, 7, 8, 9, 16, 17, 53] {
      let groups = 3
      let table = MinMaxMeanTests.table(
        seed: 21 + missingEvery + UInt64(entities), entities: entities, groups: groups,
        missingEvery: missingEvery)
      let weightSets: [[Double]] = [[1, 1, 1, 1], [0, 2.5, 0.1, 3], [0, 0, 0, 0]]
      for group in 0..<groups {
        for weights in weightSets {
          let members = Array((group * 4)..<(group * 4 + 4))
          let spec = Runner.MinMaxMeanGroup(
            node: 0, members: members, weights: weights,
            signs: members.map { $0 % 3 == 2 ? -1 : 1 },
            outputs: members.map { [0...100, 1...10, -5 ... -1][$0 % 3] })
          let blocked = Runner.computeBlocked(
            spec, columns: table.columns, entities: entities, periods: 3)
          let byMember = Runner.computeByMember(
            spec, columns: table.columns, entities: entities, periods: 3)
          #expect((blocked == nil) == (byMember == nil), "\(entities) entities, group \(group)")
          guard let blocked, let byMember else { continue }
          #expect(blocked.mappings == byMember.mappings)
          #expect(
            blocked.means.map(\.bitPattern) == byMember.means.map(\.bitPattern),
            "\(entities) entities, group \(group), weights \(weights)")
        }
      }
    }
  }
}
