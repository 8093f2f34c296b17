import Testing

@testable import ScoringEngine

/// Sport ranks of many scores come from a radix sort of their bits, of few from a comparison
/// sort: both must give the same ranks, and the comparison sort must be the definition
/// (1 + the number of scores strictly above; 0 for a missing score).
@Suite struct RankTests {
  /// The definition, quadratic: 1 + how many present scores are strictly greater.
  static func definition(_ scores: [Double]) -> [Int] {
    scores.map { score in
      score.isNaN ? 0 : 1 + scores.filter { !$0.isNaN && $0 > score }.count
    }
  }

  static func ranks(_ scores: [Double], radix: Bool) -> [Int] {
    var ranks = [Int](repeating: -1, count: scores.count)
    var scratch: [Int] = [99]
    scores.withUnsafeBufferPointer { values in
      ranks.withUnsafeMutableBufferPointer { out in
        if radix {
          radixSportRanks(values, into: out, scratch: &scratch)
        } else {
          comparisonSportRanks(values, into: out, order: &scratch)
        }
      }
    }
    return ranks
  }

  /// Scores drawn from a few values (ties), special values and wide random doubles.
  static func scores(_ count: Int, _ random: inout SplitMix64) -> [Double] {
    let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, 1e308, -1e-320, 5e-324]
    return (0..<count).map { _ in
      let bits = random.next()
      switch bits % 5 {
      case 0: return specials[Int(bits >> 8) % specials.count]
      case 1: return Double(Int64(bitPattern: bits) % 7)
      case 2: return Double(bitPattern: bits >> 3 | (bits & 1) << 63)
      default: return Double(Int64(bitPattern: bits) % 100_000) / 1000
      }
    }
  }

  @Test func radixAndComparisonSortsGiveTheDefinitionsRanks() {
    var random = SplitMix64(seed: 17)
    for count in [0, 1, 2, 3, 7, 40, 255, 256, 257, 600] {
      for _ in 0..<20 {
        let x = Self.scores(count, &random)
        let expected = Self.definition(x)
        #expect(Self.ranks(x, radix: false) == expected, "\(x)")
        #expect(Self.ranks(x, radix: true) == expected, "\(x)")
        #expect(sportRanks(x) == expected)
      }
    }
  }

  /// Many equal scores of either zero sign tie; a missing score ranks 0 and counts for none.
  @Test func handComputedCases() {
    let x: [Double] = [0, -0.0, .nan, 3, .infinity, 3, -.infinity, -0.0]
    let expected = [4, 4, 0, 2, 1, 2, 7, 4]
    #expect(Self.ranks(x, radix: true) == expected)
    #expect(Self.ranks(x, radix: false) == expected)
    let many = (0..<1000).map { Double($0 % 10) }  // 100 of each of 0…9
    let ranks = sportRanks(many)
    for (score, rank) in zip(many, ranks) { #expect(rank == 1 + (9 - Int(score)) * 100) }
  }
}
