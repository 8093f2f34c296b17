import Testing

@testable import ScoringEngine

/// The blocked first level (`Runner.computeBlocked`: every member's extremes, then all members'
/// means sixteen cells at a time) must give the member-by-member path's bits
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

  /// Every kernel and variant of `blockedMeans` against the member-by-member path: the fast
  /// kernel with and without weights and offsets (outputs from 0 and from −0), blocks redone
  /// by the testing kernel (a few missing values), the switch to it for the rest of a period
  /// (many), sums that overflow to NaN with every value present (huge weights of both signs),
  /// a zero denominator with and without missing values, non-unit signs (a column whose range
  /// overflows), reversed directions, and cell counts around the blocks of sixteen.
  @Test(arguments: [0, 997, 41, 3] as [UInt64])
  func everyKernelMatchesMemberByMember(missingEvery: UInt64) {
    let memberSets = [[0, 1, 2, 3], [3, 1, 0, 2], [4, 5, 6, 7]]
    let weightSets: [[Double]] = [
      [1, 1, 1, 1], [0.5, 2, 1, 3], [0, 0, 0, 0], [1, -1, 1, -1], [1e306, 1e306, -1e306, 1],
    ]
    let outputSets: [[ClosedRange<Double>]] = [
      Array(repeating: 0...100, count: 4), Array(repeating: -0.0...1, count: 4),
      Array(repeating: 1...10, count: 4), [0...100, 1...10, -0.0...1, -5 ... -1],
    ]
    let signSets: [[Double]] = [[1, 1, 1, 1], [1, -1, -1, 1], [-1, -1, -1, -1]]
    var compared = 0
    for entities in [15, 16, 31, 32, 33, 64, 65, 100, 257] {
      let table = MinMaxMeanTests.table(
        seed: 77 + missingEvery &* 31 + UInt64(entities), entities: entities, groups: 2,
        missingEvery: missingEvery)
      for members in memberSets {
        for weights in weightSets {
          for outputs in outputSets {
            for signs in signSets {
              let spec = Runner.MinMaxMeanGroup(
                node: 0, members: members, weights: weights, signs: signs, outputs: outputs)
              let blocked = Runner.computeBlocked(
                spec, columns: table.columns, entities: entities, periods: 3)
              let byMember = Runner.computeByMember(
                spec, columns: table.columns, entities: entities, periods: 3)
              let label = "\(entities) entities, members \(members), weights \(weights)"
              #expect((blocked == nil) == (byMember == nil), "\(label)")
              guard let blocked, let byMember else { continue }
              #expect(blocked.mappings == byMember.mappings, "\(label)")
              #expect(
                blocked.means.map(\.bitPattern) == byMember.means.map(\.bitPattern),
                "\(label), outputs \(outputs), signs \(signs)")
              compared += 1
            }
          }
        }
      }
    }
    // Most groups are accepted (a constant or all-missing column would decline).
    #expect(compared > 1000)
  }
}
