import Foundation
import Testing

@testable import ScoringEngine

extension Stages {
  @Suite struct TreatTests {
    let jrc = Treatment.jrcWinsorize

    @Test func anIndicatorWithinTheThresholdsIsLeftAlone() {
      let outcome = treat([1, 2, 3, 4, 5], with: jrc)
      #expect(outcome.action == .none)
      #expect(outcome.values == [1, 2, 3, 4, 5] && outcome.changed.isEmpty)
      // Kurtosis needs four values: with three the rule cannot fail.
      #expect(treat([1, 2, 100], with: jrc).action == .none)
      #expect(treat([7, 7, 7, 7, 7], with: jrc).action == .none)
    }

    @Test func theHighOutlierMovesToTheNextValue() {
      // COINr's own example: 1…10, 30, 100 has skew 3.06 and kurtosis 9.74.
      let x: [Double] = Array(1...10).map(Double.init) + [30, nan, 100]
      let outcome = treat(x, with: jrc)
      #expect(outcome.action == .winsorized(iterations: 1))
      #expect(same(outcome.values, Array(1...10).map(Double.init) + [30, nan, 30]))
      #expect(outcome.changed == [12])
      #expect(abs(outcome.skewnessBefore - 3.0632410342394985) < 1e-12)
      #expect(abs(outcome.kurtosisBefore - 9.741390834569144) < 1e-12)
      #expect(abs(outcome.skewnessAfter - 1.7120380600890506) < 1e-12)
    }

    @Test func negativeSkewMovesTheMinimumUp() {
      let x: [Double] = Array(1...10).map { -Double($0) } + [-30, -100]
      let outcome = treat(x, with: jrc)
      #expect(outcome.action == .winsorized(iterations: 1))
      #expect(outcome.values.last == -30)
      #expect(outcome.changed == [11])
    }

    @Test func tiedExtremesMoveTogetherInOneIteration() {
      let x: [Double] = Array(1...30).map(Double.init) + [100, 100]
      let outcome = treat(x, with: jrc)
      #expect(outcome.action == .winsorized(iterations: 1))
      #expect(outcome.changed == [30, 31])
      #expect(outcome.values.suffix(3) == [30, 30, 30])
    }

    @Test func winmaxCountsTiedPointsAsCOINrDoes() {
      // COINr's rule, METHODS.md: both 300s move in one iteration and both count, so with
      // winmax 2 the loop stops after it, the indicator still fails (skew 2.44, kurtosis 5.34)
      // and the log applies. Counting iterations would go on to a second one and pass.
      let x: [Double] = Array(1...30).map(Double.init) + [100, 300, 300]
      let two = treat(x, with: .winsorize(winmax: 2, skewness: 2, kurtosis: 3.5))
      #expect(two.action == .logFallback)
      #expect(same(two.values, x.map { Foundation.log($0 - 1 + 2.99) }))
      // With winmax 3 a second iteration moves the three 100s (count 3) and it passes.
      let three = treat(x, with: .winsorize(winmax: 3, skewness: 2, kurtosis: 3.5))
      #expect(three.action == .winsorized(iterations: 2))
      #expect(three.values.suffix(4) == [30, 30, 30, 30])
      #expect(three.changed == [30, 31, 32])
      // The low side counts the same way.
      let mirrored = treat(x.map { -$0 }, with: .winsorize(winmax: 2, skewness: 2, kurtosis: 3.5))
      #expect(mirrored.action == .logFallback)
    }

    @Test func pointsMovedAgainCountOnce() {
      // 600 → 300 (count 1), then both 300s → 100 (count 2, not 1 + 2 = 3), then the three
      // 100s → 30 (count 3): with winmax 3 the third iteration happens and the indicator passes.
      let x: [Double] = Array(1...30).map(Double.init) + [100, 300, 600]
      let three = treat(x, with: .winsorize(winmax: 3, skewness: 2, kurtosis: 3.5))
      #expect(three.action == .winsorized(iterations: 3))
      #expect(three.values.suffix(3) == [30, 30, 30])
      let two = treat(x, with: .winsorize(winmax: 2, skewness: 2, kurtosis: 3.5))
      #expect(two.action == .logFallback)
      // Iteration 1: 32 → 16; iteration 2: both 16s → 8, a count of 2, and it passes.
      let y: [Double] = Array(repeating: 0, count: 20) + [1, 2, 4, 8, 16, 32]
      let twice = treat(y, with: .winsorize(winmax: 2, skewness: 2, kurtosis: 3.5))
      #expect(twice.action == .winsorized(iterations: 2))
      #expect(twice.values.suffix(3) == [8, 8, 8])
      #expect(twice.changed == [24, 25])
    }

    @Test func failingAfterWinmaxLogsTheOriginalValues() {
      let x: [Double] = Array(repeating: 0, count: 20) + [1, 2, 4, 8, 16, 32, nan]
      let outcome = treat(x, with: .winsorize(winmax: 1, skewness: 2, kurtosis: 3.5))
      #expect(outcome.action == .logFallback)
      // ln(x − min + 0.01·(max − min)) with min 0 and max 32 (not the winsorized 16).
      #expect(same(outcome.values, x.map { Foundation.log($0 + 0.32) }))
      #expect(outcome.changed == Array(0..<26))
      #expect(
        treat(x, with: .winsorize(winmax: 0, skewness: 2, kurtosis: 3.5)).action == .logFallback)
    }

    @Test func plainLogsMakeNonPositiveValuesMissing() {
      let outcome = treat([1, M_E, 0, -1, nan], with: .log)
      #expect(outcome.action == .transformed)
      #expect(same(outcome.values, [0, 1, nan, nan, nan]))
      #expect(outcome.nonPositive == [2, 3])
      #expect(outcome.changed == [0, 1])
      #expect(same(treat([10, 100, nan], with: .log10).values, [1, 2, nan]))
    }

    @Test func shiftedLogWorksForAnyValuesWithSpread() {
      let outcome = treat([0, 100, nan], with: .shiftedLog)
      #expect(same(outcome.values, [0, Foundation.log(101), nan]))
      #expect(outcome.nonPositive.isEmpty)
      let constant = treat([3, 3, 3], with: .shiftedLog)
      #expect(constant.values.allSatisfy { $0.isNaN })
      #expect(constant.nonPositive == [0, 1, 2])
    }

    @Test func noTreatmentReportsTheShapeOnly() {
      let outcome = treat([1, 2, nan, 3, 10], with: .none)
      #expect(outcome.action == .none)
      #expect(abs(outcome.kurtosisBefore - 3.228) < 1e-12)
      #expect(outcome.kurtosisAfter == outcome.kurtosisBefore)
    }
  }
}
