import Foundation
import Testing

@testable import ScoringEngine

/// The methods added to match COINr's (issue 12): rank ties, `sum`, panel `constant`, the
/// winsorizing rule's `force`, `fallback` and `combine`, and COINr's transforms. Expected values
/// are worked by hand in the comments, or are COINr's own test expectations where it has one.
extension Stages {
  @Suite struct RankTiesTests {
    // 3 and 3 tie at places 3 and 4 of the three present values … of four: 1, 2, 3, 3.
    let x: [Double] = [3, 1, 3, nan, 2]

    func values(_ normalizer: Normalizer, _ direction: Direction = .higher) -> [Double] {
      normalize(x, direction: direction, with: normalizer).values
    }

    @Test func averageGivesTiedValuesTheMeanOfTheirPlaces() {
      // Places 3 and 4: (3 + 4)/2 = 3.5, as R's rank(ties.method = "average").
      #expect(same(values(.rank(ties: .average)), [3.5, 1, 3.5, nan, 2]))
      #expect(same(values(.borda(ties: .average)), [2.5, 0, 2.5, nan, 1]))
      // (3.5 − 1)/(4 − 1) = 5/6.
      #expect(
        same(
          values(.percentile(output: 0...1, ties: .average)), [5.0 / 6, 0, 5.0 / 6, nan, 1.0 / 3]))
    }

    @Test func maxGivesTiedValuesTheirLastPlace() {
      #expect(same(values(.rank(ties: .max)), [4, 1, 4, nan, 2]))
      #expect(same(values(.borda(ties: .max)), [3, 0, 3, nan, 1]))
      #expect(
        same(values(.percentile(output: 0...100, ties: .max)), [100, 0, 100, nan, 100.0 / 3]))
    }

    @Test func minIsTheDefaultAndDirectionComesFirst() {
      #expect(Normalizer.rank == .rank(ties: .min))
      #expect(same(values(.rank(ties: .min)), [3, 1, 3, nan, 2]))
      // Lower is better: −3, −1, −3, −2 ranks the two 3s first, at places 1 and 2.
      #expect(same(values(.rank(ties: .average), .lower), [1.5, 4, 1.5, nan, 3]))
      #expect(same(values(.rank(ties: .max), .lower), [2, 4, 2, nan, 3]))
    }

    @Test func aRunOfThreeAndTwoRunsInOneColumn() {
      let y: [Double] = [5, 5, 5, 1, 1, 9]
      // 1, 1 at places 1–2; 5, 5, 5 at 3–5; 9 at 6.
      #expect(ascendingRanks(y, ties: .average) == [4, 4, 4, 1.5, 1.5, 6])
      #expect(ascendingRanks(y, ties: .min) == [3, 3, 3, 1, 1, 6])
      #expect(ascendingRanks(y, ties: .max) == [5, 5, 5, 2, 2, 6])
    }
  }

  @Suite struct SumAggregationTests {
    @Test func sumUsesTheWeightsAsWrittenOverTheMembersPresent() {
      // Entity 0: 2·1 + 3·10 = 32; entity 1: 2·2 = 4 (its second member is missing and not
      // reweighted away); entity 2: nothing present, missing.
      let members: [[Double]] = [[1, 2, nan], [10, nan, nan]]
      let outcome = aggregate(members, weights: [2, 3], with: .sum)
      #expect(same(outcome.values, [32, 4, nan]))
      // Doubling the weights doubles the sum (the arithmetic mean would not move).
      #expect(same(aggregate(members, weights: [4, 6], with: .sum).values, [64, 8, nan]))
      #expect(same(aggregate(members, weights: [4, 6], with: .arithmetic).values, [6.4, 2, nan]))
    }

    @Test func sumHonoursTheCoverageThreshold() {
      let members: [[Double]] = [[1, 2], [10, nan]]
      let outcome = aggregate(members, weights: [1, 1], with: .sum, coverage: 1)
      #expect(same(outcome.values, [11, nan]))
    }

    @Test func weightsFarFromOneAreNotRescaledAway() {
      let members: [[Double]] = [[1], [1]]
      #expect(same(aggregate(members, weights: [1e-300, 1e-300], with: .sum).values, [2e-300]))
    }
  }

  @Suite struct ConstantPanelTests {
    @Test func coinrsConstantImputationTest() {
      // COINr's tests/testthat/test-impute_panel.R, "constant_imp_works": one unit, 2020–2022.
      let periods = [2020, 2021, 2022]
      func filled(_ series: [Double]) -> [Double] {
        imputePanel(series, entityCount: 1, periods: periods, with: .constant).values
      }
      #expect(filled([1, 2, 3]) == [1, 2, 3])
      #expect(filled([3, nan, 5]) == [3, 3, 5])
      #expect(filled([nan, 5, 6]) == [5, 5, 6])
      #expect(filled([7, 8, nan]) == [7, 8, 8])
    }

    @Test func leadingGapsTakeTheFirstObservationAndAreRecorded() {
      // Entity 0: 1, –, –, 4 → 1, 1, 1, 4.  Entity 1: –, 5, –, – → 5, 5, 5, 5.
      let panel: [Double] = [1, nan, nan, 5, nan, nan, 4, nan]
      let outcome = imputePanel(
        panel, entityCount: 2, periods: [2019, 2020, 2021, 2022], with: .constant)
      #expect(outcome.values == [1, 5, 1, 5, 1, 5, 4, 5])
      #expect(outcome.filled.map(\.cell) == [1, 2, 4, 5, 7])
      #expect(outcome.filled.map(\.fromPeriod) == [2020, 2019, 2019, 2020, 2020])
      #expect(outcome.unfilled.isEmpty)
      // `latest` leaves the leading gap (cell 1) that `constant` fills back.
      let latest = imputePanel(
        panel, entityCount: 2, periods: [2019, 2020, 2021, 2022], with: .latest(maxAge: nil))
      #expect(latest.unfilled == [1])
    }
  }
}

extension Stages {
  @Suite struct WinsorizationOptionsTests {
    // COINr's tests/testthat/test-treat.R, "treat_num": 1…20, 100, 200 fails the rule
    // (skew 3.59, kurtosis 13.3).
    let x: [Double] = Array(1...20).map(Double.init) + [100, 200]

    func rule(
      winmax: Int, force: Bool = false, fallback: Treatment = .shiftedLog, combine: Bool = false
    ) -> Treatment {
      .winsorize(Winsorization(winmax: winmax, force: force, fallback: fallback, combine: combine))
    }

    @Test func withoutAFallbackTheWinsorizedValuesAreKeptThoughTheyFail() {
      // COINr: winmax 1 and no f2: 200 → 100 and it still fails.
      let outcome = treat(x, with: rule(winmax: 1, fallback: .none))
      #expect(outcome.action == .winsorized(iterations: 1))
      #expect(outcome.values == Array(1...20).map(Double.init) + [100, 100])
      #expect(outcome.changed == [21] && outcome.winsorized == [21])
      #expect(abs(outcome.skewnessAfter) > 2 && outcome.kurtosisAfter > 3.5)
    }

    @Test func theFallbackTransformsTheOriginalValues() {
      // COINr: winmax 1, f2 = "log": the result is log(x).
      let outcome = treat(x, with: rule(winmax: 1, fallback: .log))
      #expect(outcome.action == .logFallback)
      #expect(same(outcome.values, x.map { Foundation.log($0) }))
      #expect(outcome.winsorized.isEmpty && outcome.changed.count == x.count)
    }

    @Test func combineTransformsTheWinsorizedValues() {
      // The default fallback, log_CT, on 1…20, 100, 100: min 1, max 100, a = 0.99, so
      // ln(x − 1 + 0.99) = ln(x − 0.01); on the original values it is ln(x − 1 + 1.99).
      let combined = treat(x, with: rule(winmax: 1, combine: true))
      #expect(combined.action == .combined(iterations: 1))
      let winsorized = Array(1...20).map(Double.init) + [100, 100]
      #expect(same(combined.values, winsorized.map { Foundation.log($0 - 0.01) }))
      #expect(combined.winsorized == [21])
      let separate = treat(x, with: rule(winmax: 1))
      #expect(same(separate.values, x.map { Foundation.log($0 + 0.99) }))
    }

    @Test func forceWinsorizesUpToWinmaxAsCOINrsForceWin() {
      // COINr: winmax 3 with force_win moves 3 points. By hand: 200 → 100 (count 1); both
      // 100s → 20 (count 2, and it passes, which would stop it unforced); the skew is now
      // negative, so the 1 → 2 (count 2 + 1 = 3).
      let forced = treat(x, with: rule(winmax: 3, force: true))
      #expect(forced.action == .winsorized(iterations: 3))
      #expect(forced.values == [2] + Array(2...20).map(Double.init) + [20, 20])
      #expect(forced.changed == [0, 20, 21])
      let unforced = treat(x, with: rule(winmax: 3))
      #expect(unforced.action == .winsorized(iterations: 2))
      #expect(unforced.changed == [20, 21])
    }

    @Test func forceLeavesAPassingIndicatorAlone() {
      // COINr's Treat() only calls the winsorizer for an indicator that fails.
      let outcome = treat([1, 2, 3, 4, 5], with: rule(winmax: 3, force: true))
      #expect(outcome.action == .none && outcome.values == [1, 2, 3, 4, 5])
    }

    @Test func coinrsNegativeOutlierExample() {
      // COINr's "treat_df": 1…10, −100 with winmax 2 and log_CT: −100 moves up to 1, passes.
      let y: [Double] = Array(1...10).map(Double.init) + [-100]
      let outcome = treat(y, with: rule(winmax: 2))
      #expect(outcome.action == .winsorized(iterations: 1))
      #expect(outcome.values == Array(1...10).map(Double.init) + [1])
    }
  }

  @Suite struct TransformTests {
    @Test func logPlusOneIsCOINrsLogCTOrig() {
      // ln(x − 3 + 1) on 3, 4, 6, with a missing value kept missing.
      let outcome = transform([3, 4, nan, 6], with: .logPlusOne)
      #expect(same(outcome.values, [0, Foundation.log(2), nan, Foundation.log(4)]))
      #expect(outcome.undefined.isEmpty)
    }

    @Test func giiLogMapsTheMinimumToZeroAndTheMaximumToItsLog() {
      // min 1, max 5: ln(4(x − 1)/4 + 1) = ln x.
      let outcome = transform([1, 3, 5], with: .giiLog)
      #expect(same(outcome.values, [0, Foundation.log(3), Foundation.log(5)]))
      // max < 1 reverses the order: 0, 0.5 → ln 1, ln 0.5.
      #expect(same(transform([0, 0.5], with: .giiLog).values, [0, Foundation.log(0.5)]))
      // No spread: undefined everywhere.
      #expect(transform([2, 2], with: .giiLog).undefined == [0, 1])
    }

    @Test func boxCoxShiftsToOneThenTransforms() {
      // z = x − 0 + 1 = 1, 4, 9; λ = ½: (√z − 1)/½ = 0, 2, 4.
      #expect(same(transform([0, 3, 8], with: .boxCox(lambda: 0.5)).values, [0, 2, 4]))
      #expect(
        same(
          transform([0, 3, 8], with: .boxCox(lambda: 0)).values,
          [0, Foundation.log(4), Foundation.log(9)]))
      #expect(same(transform([5, 6], with: .boxCox(lambda: 2)).values, [0, 1.5]))
    }

    @Test func signedShiftedLogMirrorsTheShiftForALeftTail() {
      // Skew < 0: max 10, min −100, a = 1.1, so −ln(10 + 1.1 − x).
      let y: [Double] = Array(1...10).map(Double.init) + [-100]
      let outcome = transform(y, with: .signedShiftedLog)
      #expect(same(outcome.values, y.map { -Foundation.log(11.1 - $0) }))
      // Skew > 0: the same as log_CT.
      let z: [Double] = Array(1...10).map(Double.init) + [100]
      #expect(
        same(transform(z, with: .signedShiftedLog).values, transform(z, with: .shiftedLog).values))
    }

    @Test func aLogOfANonPositiveValueIsUndefinedAndListed() {
      let outcome = transform([-1, 0, Foundation.exp(1)], with: .log)
      #expect(same(outcome.values, [nan, nan, 1]))
      #expect(outcome.undefined == [0, 1])
    }
  }
}
