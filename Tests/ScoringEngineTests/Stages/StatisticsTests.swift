import Testing

@testable import ScoringEngine

extension Stages {
  @Suite struct StatisticsTests {
    @Test func skipMissingValues() {
      #expect(Statistics.mean([1, 2, nan, 3]) == 2)
      #expect(Statistics.count([1, nan, nan]) == 1)
      #expect(Statistics.minimum([nan, 3, 1, nan]) == 1)
      #expect(Statistics.maximum([nan, 3, 1, nan]) == 3)
      #expect(Statistics.median([3, 1, nan, 2]) == 2)
      #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func sampleStandardDeviationDividesByNMinusOne() {
      let sd = Statistics.sampleStandardDeviation([2, 4, 4, 4, nan, 5, 5, 7, 9])
      #expect(abs(sd - (32.0 / 7).squareRoot()) < 1e-15)
      #expect(Statistics.sampleStandardDeviation([1]).isNaN)
    }

    @Test func quantileInterpolatesLikeRType7() {
      #expect(Statistics.quantile([1, 2, 3, 4], 0.25) == 1.75)
      #expect(Statistics.quantile([4, 3, 2, 1], 1) == 4)
      #expect(Statistics.quantile([4, 3, 2, 1], 0) == 1)
      #expect(Statistics.quantile([nan], 0.5).isNaN)
    }

    @Test func skewnessAndKurtosisOfTypeTwo() {
      // d = −3, −2, −1, 6: Σd² = 50, Σd³ = 180, Σd⁴ = 1394.
      let x: [Double] = [1, 2, nan, 3, 10]
      let g = 4.0.squareRoot() * 180 / (50 * 50.0.squareRoot()) * 12.0.squareRoot() / 2
      #expect(abs(Statistics.skewness(x) - g) < 1e-14)
      #expect(abs(Statistics.skewness(x) - 1.763632614803888) < 1e-14)
      // r = 4·1394/2500 = 2.2304; k = (5·(r − 3) + 6)·3/(2·1) = 3.228.
      #expect(abs(Statistics.kurtosis(x) - 3.228) < 1e-14)
    }

    @Test func shapeIsUndefinedWithoutEnoughValuesOrSpread() {
      #expect(Statistics.skewness([1, 2]).isNaN)
      #expect(Statistics.kurtosis([1, 2, 3]).isNaN)
      #expect(Statistics.skewness([5, 5, 5, 5]).isNaN)
      #expect(Statistics.kurtosis([5, 5, 5, 5]).isNaN)
    }

    @Test func emptyOrAllMissingGivesMissing() {
      #expect(Statistics.mean([]).isNaN)
      #expect(Statistics.mean([nan, nan]).isNaN)
      #expect(Statistics.minimum([nan]).isNaN)
      #expect(Statistics.median([]).isNaN)
    }
  }
}

extension Stages {
  @Suite struct SportRankTests {
    @Test func highestIsFirstAndTiesShareTheBestRank() {
      #expect(sportRanks([10, 20, 20, nan, 5]) == [3, 1, 1, 0, 4])
      #expect(sportRanks([7, 7, 7]) == [1, 1, 1])
      #expect(sportRanks([3]) == [1])
    }

    @Test func missingScoresHaveNoRank() {
      #expect(sportRanks([nan, nan]) == [0, 0])
      #expect(sportRanks([]) == [])
    }
  }
}

/// The namespace of every stage test, so `swift test --filter Stages` runs them all.
enum Stages {
  /// NaN-aware equality for expected arrays: missing must match missing.
  static func same(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-12) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || abs(x - y) <= tolerance * max(1, abs(y))
      }
  }

  /// Shorthand for a missing value in expected arrays.
  static let nan = Double.nan
}
