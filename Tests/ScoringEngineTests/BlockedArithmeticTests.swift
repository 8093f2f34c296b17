import Testing

@testable import ScoringEngine

/// The upper levels' blocked arithmetic mean (`blockedArithmeticMeans`) must give what
/// `ArithmeticMean` gives member by member, bit for bit: block tails, missing values, cells
/// with no member present, zero weights, signed zeros and sums that overflow.
@Suite struct BlockedArithmeticTests {
  static func column(_ random: inout SplitMix64, cells: Int, missingEvery: UInt64) -> [Double] {
    (0..<cells).map { _ in
      let bits = random.next()
      if missingEvery > 0 && bits % missingEvery == 0 { return .nan }
      switch bits % 17 {
      case 0: return 0
      case 1: return -0.0
      case 2: return 1.7e308
      case 3: return -1.7e308
      default: return Double(Int64(bitPattern: bits) >> 40) / 997
      }
    }
  }

  static func memberByMember(_ columns: [[Double]], weights: [Double], cells: Int) -> [Double] {
    var mean = ArithmeticMean()
    mean.start(cells: cells, counting: false)
    for (column, w) in zip(columns, weights) { mean.add(column, weight: w) }
    mean.finish()
    return mean.means
  }

  @Test func sameBitsAsMemberByMember() {
    var random = SplitMix64(seed: 2026)
    let weightChoices: [Double] = [1, 0, 2.5, 0.1, 3, 1e-300, 7, 0.5]
    for cells in [0, 1, 7, 8, 9, 15, 16, 17, 41, 64, 203] {
      for members in [1, 2, 5, 12] {
        for missingEvery: UInt64 in [0, 2, 3, 41] {
          let columns = (0..<members).map { _ in
            Self.column(&random, cells: cells, missingEvery: missingEvery)
          }
          let weights = (0..<members).map { _ in
            weightChoices[Int(random.next() % UInt64(weightChoices.count))]
          }
          let blocked = blockedArithmeticMeans(columns, weights: weights, cells: cells)
          let reference = Self.memberByMember(columns, weights: weights, cells: cells)
          #expect(
            blocked.map(\.bitPattern) == reference.map(\.bitPattern),
            "\(cells) cells, \(members) members, 1/\(missingEvery) missing")
        }
      }
    }
  }

  /// Every member missing in some cells, and all weights zero.
  @Test func noMemberPresent() {
    let nan = Double.nan
    let columns: [[Double]] = [
      [nan, 1, nan, 2, nan, nan, nan, nan, 3, nan], [nan, nan, 4, nan, nan, nan, nan, nan, nan, 5],
    ]
    for weights in [[1.0, 2.0], [0.0, 0.0], [0.0, 1.0]] {
      let blocked = blockedArithmeticMeans(columns, weights: weights, cells: 10)
      let reference = Self.memberByMember(columns, weights: weights, cells: 10)
      #expect(blocked.map(\.bitPattern) == reference.map(\.bitPattern), "\(weights)")
    }
  }
}
