import Testing

@testable import ScoringEngine

extension Stages {
  @Suite struct AggregateTests {
    /// Pairs as comparable strings, since tuples are not Equatable.
    func pairs(_ list: [(entity: Int, member: Int)]) -> [String] {
      list.map { "\($0.entity):\($0.member)" }
    }

    @Test func arithmeticRenormalizesTheWeightsOfPresentMembers() {
      let members: [[Double]] = [[1, 2, nan, nan], [3, nan, nan, 4]]
      let outcome = aggregate(members, weights: [1, 3], with: .arithmetic)
      // Entity 0: (1·1 + 3·3)/4; entity 1 has member 0 only; entity 2 has nothing.
      #expect(same(outcome.values, [2.5, 2, nan, 4]))
      #expect(outcome.noData == [2] && outcome.belowCoverage.isEmpty)
      let scaled = aggregate(members, weights: [2, 6], with: .arithmetic)
      #expect(same(scaled.values, outcome.values), "weights are relative")
    }

    @Test func coverageIsTheShareOfMembersPresent() {
      let members: [[Double]] = [[1, 2, nan, nan], [3, nan, nan, 4]]
      let full = aggregate(members, weights: [1, 3], with: .arithmetic, coverage: 1)
      #expect(same(full.values, [2.5, nan, nan, nan]))
      #expect(full.belowCoverage == [1, 3] && full.noData == [2])
      let half = aggregate(members, weights: [1, 3], with: .arithmetic, coverage: 0.5)
      #expect(same(half.values, [2.5, 2, nan, 4]) && half.belowCoverage.isEmpty)
    }

    @Test func oneEntityAndOneMember() {
      #expect(same(aggregate([[5], [7]], weights: [1, 1], with: .arithmetic).values, [6]))
      #expect(same(aggregate([[5, nan]], weights: [1], with: .geometricStrict).values, [5, nan]))
    }

    @Test func geometricRejectsNonPositiveValuesByDefault() {
      let members: [[Double]] = [[4, 0, 1], [1, 9, -1]]
      let outcome = aggregate(members, weights: [1, 1], with: .geometric(.error))
      #expect(same(outcome.values, [2, nan, nan]))
      #expect(pairs(outcome.nonPositive) == ["1:0", "2:1"])
      let weighted = aggregate([[1], [8]], weights: [1, 2], with: .geometricStrict)
      #expect(same(weighted.values, [4]))
    }

    @Test func geometricFloorRaisesSmallValues() {
      let members: [[Double]] = [[4, 0, 1], [1, 9, -1]]
      let outcome = aggregate(members, weights: [1, 1], with: .geometric(.floor(0.5)))
      let expected = [4.0, 4.5, 0.5].map { $0.squareRoot() }
      #expect(same(outcome.values, expected))
      #expect(pairs(outcome.floored) == ["1:0", "2:1"])
      #expect(outcome.nonPositive.isEmpty)
    }

    @Test func geometricShiftAddsAndSubtractsTheConstant() {
      let members: [[Double]] = [[4, 0, 1], [1, 9, -1]]
      let outcome = aggregate(members, weights: [1, 1], with: .geometric(.shift(2)))
      // √(6·3) − 2, √(2·11) − 2, √(3·1) − 2.
      let expected = [18.0, 22, 3].map { $0.squareRoot() - 2 }
      #expect(same(outcome.values, expected))
      let tooSmall = aggregate(members, weights: [1, 1], with: .geometric(.shift(1)))
      #expect(tooSmall.values[2].isNaN && pairs(tooSmall.nonPositive) == ["2:1"])
    }

    @Test func harmonicAndPowerMeans() {
      #expect(same(aggregate([[1], [4]], weights: [1, 1], with: .harmonic).values, [1.6]))
      #expect(same(aggregate([[1], [7]], weights: [1, 1], with: .power(2)).values, [5]))
      #expect(same(aggregate([[1], [4]], weights: [1, 1], with: .power(-1)).values, [1.6]))
      #expect(same(aggregate([[1], [4]], weights: [1, 1], with: .power(0)).values, [2]))
      let zero = aggregate([[0, 1], [4, 4]], weights: [1, 1], with: .harmonic)
      #expect(zero.values[0].isNaN && pairs(zero.nonPositive) == ["0:0"])
      let negative = aggregate([[-1], [4]], weights: [1, 1], with: .power(2))
      #expect(negative.values[0].isNaN && pairs(negative.nonPositive) == ["0:0"])
    }

    @Test func weightedMedianReducesToTheMedianWithEqualWeights() {
      func median(_ values: [Double], _ weights: [Double]) -> Double {
        aggregate(values.map { [$0] }, weights: weights, with: .median).values[0]
      }
      #expect(median([1, 2, 3, 4], [1, 1, 1, 1]) == 2.5)
      #expect(median([5, 1, 3], [1, 1, 1]) == 3)
      #expect(median([1, 2, 3, 4], [1, 1, 1, 5]) == 4)
      #expect(median([1, 2, 3, 4], [3, 1, 1, 3]) == 2.5)
      #expect(median([1, 2, 3], [2, 1, 1]) == 1.5)
      #expect(median([1, nan, 3, 4], [1, 1, 1, 1]) == 3)
      #expect(median([1, 2, 3], [1, 0, 1]) == 2, "a zero weight takes no part")
    }

    @Test func minimumIgnoresMissingAndWeightlessMembers() {
      let members: [[Double]] = [[3, 2], [nan, 8], [1, 9]]
      #expect(same(aggregate(members, weights: [1, 1, 1], with: .minimum).values, [1, 2]))
      #expect(same(aggregate(members, weights: [1, 1, 0], with: .minimum).values, [3, 2]))
    }

    @Test func copelandCountsWeightedMajorities() {
      let members: [[Double]] = [[3, 2, 1], [1, 2, 3]]
      #expect(same(aggregate(members, weights: [1, 1], with: .copeland).values, [0, 0, 0]))
      #expect(same(aggregate(members, weights: [2, 1], with: .copeland).values, [2, 0, -2]))
      // A tie on a member counts half each way: entity 0 wins on member 1 only.
      #expect(
        same(aggregate([[1, 1], [2, 1]], weights: [1, 1], with: .copeland).values, [1, -1]))
    }

    @Test func copelandComparesPairsOnSharedMembers() {
      // Pair (0,1) shares member 1 only (1 < 4); (0,2) shares both: 2·(+1) + 1·(−1) > 0;
      // (1,2) shares member 1 only (4 > 3). Entity 3 has no data.
      let members: [[Double]] = [[3, nan, 1, nan], [1, 4, 3, nan]]
      let outcome = aggregate(members, weights: [2, 1], with: .copeland)
      #expect(same(outcome.values, [0, 2, -2, nan]))
      #expect(outcome.noData == [3])
    }

    @Test func anEntirelyMissingNodeIsMissing() {
      let outcome = aggregate([[nan, nan], [nan, nan]], weights: [1, 1], with: .arithmetic)
      #expect(outcome.values.allSatisfy { $0.isNaN } && outcome.noData == [0, 1])
    }
  }
}

extension Stages {
  @Suite struct ScaleTests {
    let codes = ["A", "B", "C"]

    @Test func leaderShowsTheFactor() {
      let result = scale([2, 4, nan], with: .leader(100))
      #expect(same(result.values, [50, 100, nan]) && result.problem == nil)
      #expect(scale([-2, 0], with: .leader(100)).problem == .nonPositiveReference)
    }

    @Test func minmaxOfTheFinalScores() {
      #expect(same(scale([2, 4, 6], with: .minmax(0...100)).values, [0, 50, 100]))
      #expect(scale([3, 3], with: .minmax(0...100)).problem == .noSpread)
    }

    @Test func relativeToANamedEntity() {
      let result = scale([2, 4, 6], with: .relative(entity: "B", factor: 100), entityCodes: codes)
      #expect(same(result.values, [50, 100, 150]))
      let unknown = scale([2, 4, 6], with: .relative(entity: "Z", factor: 100), entityCodes: codes)
      #expect(unknown.problem == .referenceUnknown("Z") && unknown.values.allSatisfy { $0.isNaN })
      let missing = scale([2, nan, 6], with: .relative(entity: "B", factor: 1), entityCodes: codes)
      #expect(missing.problem == .referenceMissing("B"))
      let zero = scale([2, 0, 6], with: .relative(entity: "B", factor: 1), entityCodes: codes)
      #expect(zero.problem == .nonPositiveReference)
    }

    @Test func noneAndAllMissing() {
      #expect(same(scale([1, nan], with: .none).values, [1, nan]))
      #expect(scale([nan], with: .leader(100)).problem == .allMissing)
    }
  }
}
