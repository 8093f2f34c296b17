import Testing

@testable import ScoringEngine

extension Stages {
  @Suite struct ImputeTests {
    @Test func meanMedianAndZeroFillFromThePeriod() {
      let mean = impute([1, nan, 3, nan], with: .mean)
      #expect(same(mean.values, [1, 2, 3, 2]))
      #expect(mean.filled == [1, 3] && mean.unfilled.isEmpty)
      #expect(same(impute([1, nan, 3, 10], with: .median).values, [1, 3, 3, 10]))
      #expect(same(impute([nan, 5], with: .zero).values, [0, 5]))
    }

    @Test func noneLeavesGapsAndListsThem() {
      let outcome = impute([1, nan, 3, nan], with: .none)
      #expect(same(outcome.values, [1, nan, 3, nan]))
      #expect(outcome.filled.isEmpty && outcome.unfilled == [1, 3])
    }

    @Test func aColumnEntirelyMissingStaysMissing() {
      let outcome = impute([nan, nan, nan], with: .mean)
      #expect(outcome.values.allSatisfy { $0.isNaN })
      #expect(outcome.unfilled == [0, 1, 2])
    }

    @Test func groupMeanUsesOnlyTheEntitysGroup() {
      let x: [Double] = [1, nan, 3, 10, nan, nan, 100, nan]
      let groups: [String?] = ["a", "a", "a", "b", "b", "c", nil, nil]
      let outcome = impute(x, with: .groupMean(group: "region"), groups: groups)
      // Group a: mean 2; group b: 10; group c has no value; entity 7 has no group.
      #expect(same(outcome.values, [1, 2, 3, 10, 10, nan, 100, nan]))
      #expect(outcome.filled == [1, 4])
      #expect(outcome.unfilled == [5, 7])
    }

    @Test func groupMedianUsesTheGroupsMedian() {
      let x: [Double] = [1, 2, 9, nan, 50, nan]
      let groups: [String?] = ["a", "a", "a", "a", "b", "b"]
      let outcome = impute(x, with: .groupMedian(group: "region"), groups: groups)
      #expect(same(outcome.values, [1, 2, 9, 2, 50, 50]))
    }

    @Test func panelMethodsDoNothingAcrossEntities() {
      #expect(impute([1, nan], with: .linear).unfilled == [1])
    }
  }
}

extension Stages {
  @Suite struct PanelImputeTests {
    // Two entities, four years, period-major: cell = period index · 2 + entity.
    // Entity 0: 1, –, –, 4.   Entity 1: –, 5, –, –.
    let periods = [2019, 2020, 2021, 2022]
    let panel: [Double] = [1, nan, nan, 5, nan, nan, 4, nan]

    func run(_ method: Imputation) -> PanelImputeOutcome {
      imputePanel(panel, entityCount: 2, periods: periods, with: method)
    }

    @Test func latestCarriesTheLastObservationForward() {
      let outcome = run(.latest(maxAge: nil))
      #expect(same(outcome.values, [1, nan, 1, 5, 1, 5, 4, 5]))
      #expect(outcome.filled.map(\.cell) == [2, 4, 5, 7])
      #expect(outcome.filled.map(\.fromPeriod) == [2019, 2019, 2020, 2020])
      #expect(outcome.unfilled == [1])
    }

    @Test func latestRespectsTheMaximumAge() {
      let outcome = run(.latest(maxAge: 1))
      #expect(same(outcome.values, [1, nan, 1, 5, nan, 5, 4, nan]))
      #expect(outcome.unfilled == [1, 4, 7])
    }

    @Test func linearInterpolatesAndHoldsTheEnds() {
      let outcome = run(.linear)
      #expect(same(outcome.values, [1, 5, 2, 5, 3, 5, 4, 5]))
      #expect(outcome.filled.map(\.cell) == [1, 2, 4, 5, 7])
      #expect(outcome.filled.map(\.fromPeriod) == [2020, nil, nil, 2020, 2020])
      #expect(outcome.unfilled.isEmpty)
    }

    @Test func linearWeighsByPeriodValueNotPosition() {
      let outcome = imputePanel(
        [0, nan, 8], entityCount: 1, periods: [2010, 2012, 2018], with: .linear)
      #expect(same(outcome.values, [0, 2, 8]))
    }

    @Test func periodsNeedNotBeSorted() {
      let outcome = imputePanel(
        [4, 2, nan], entityCount: 1, periods: [2022, 2020, 2021], with: .linear)
      #expect(same(outcome.values, [4, 2, 3]))
      let latest = imputePanel(
        [4, 2, nan], entityCount: 1, periods: [2022, 2020, 2021], with: .latest(maxAge: nil))
      #expect(same(latest.values, [4, 2, 2]))
    }

    @Test func anEntityNeverObservedStaysMissing() {
      let outcome = imputePanel(
        [nan, 1, nan, 3], entityCount: 2, periods: [1, 2], with: .linear)
      #expect(same(outcome.values, [nan, 1, nan, 3]))
      #expect(outcome.unfilled == [0, 2])
    }

    @Test func crossSectionMethodsApplyPeriodByPeriod() {
      // Period means: 2019 → 1, 2020 → 5, 2021 has no value, 2022 → 4.
      let outcome = run(.mean)
      #expect(same(outcome.values, [1, 1, 5, 5, nan, nan, 4, 4]))
      #expect(outcome.filled.map(\.cell) == [1, 2, 7])
      #expect(outcome.filled.allSatisfy { $0.fromPeriod == nil })
      #expect(outcome.unfilled == [4, 5])
    }
  }
}
