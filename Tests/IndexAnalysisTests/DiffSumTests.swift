import IndexAnalysis
import ScoringEngine
import Testing

/// The difference between a mean and a weighted sum, split exactly (issue 12's `sum`).
@Suite struct DiffSumTests {
  /// An arithmetic mean changed to a sum, on P: x 0, y 100 and Q: x 50, y 0.
  ///
  /// Arithmetic with weights 1:1 gives P 50, Q 25; a sum with weights 1:1 gives P 100, Q 50,
  /// and with weights 2:1 P 100, Q 100.
  @Test func aMeanToASumIsSplitExactlyAmongTheMembers() throws {
    let data = (x: [0.0, 50, 0, 50], y: [100.0, 0, 100, 0])
    let a = DiffHandTests.side(x: data.x, y: data.y, weights: [1, 1])
    for (weights, expected) in [([1.0, 1], (100.0, 50.0)), ([2.0, 1], (100.0, 100.0))] {
      let b = DiffHandTests.side(x: data.x, y: data.y, weights: weights, aggregator: .sum)
      let diff = DiffHandTests.diff(a, b)
      for (code, score) in [("P", expected.0), ("Q", expected.1)] {
        let entity = try #require(diff.entity(code))
        #expect(entity.scoreB.map { Swift.abs($0 - score) < 1e-12 } == true, "\(code) \(weights)")
        let delta = try #require(entity.delta)
        let parts = entity.contributions.reduce(0, +) + entity.indexTerm + entity.scaling
        #expect(Swift.abs(parts - delta) < 1e-9, "\(code) \(weights): \(parts) vs \(delta)")
      }
    }
  }
}
