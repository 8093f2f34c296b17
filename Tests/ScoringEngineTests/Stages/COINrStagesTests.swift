import Foundation
import Testing

@testable import ScoringEngine

/// COINr's global normalization, row imputation and unit screening (issue 12). Expected values
/// are worked by hand in the comments, or are COINr's own test expectations.
extension Stages {
  /// Three entities over 2020 and 2021: a = [1, 2, 3] then [5, –, 9]; b = [10, 20, –] then
  /// [40, 50, 60]; c = [100, –, 300] then [400, 500, 0].
  static let panel: DataTable = {
    var table = DataTable(
      entities: [Entity(code: "AA"), Entity(code: "BB"), Entity(code: "CC")],
      periods: [2020, 2021])
    table.append(variable: "d.a", values: [1, 2, 3, 5, nan, 9])
    table.append(variable: "d.b", values: [10, 20, nan, 40, 50, 60])
    table.append(variable: "d.c", values: [100, nan, 300, 400, 500, 0])
    return table
  }()

  /// index = mean of a, b, c, each with the given methods.
  static func panelPlan(
    normalizer: Normalizer = .minmax100, imputation: Imputation = .none,
    direction: Direction = .higher, screening: Screening? = nil
  ) -> Plan {
    let indicators = ["a", "b", "c"].map { name in
      Plan.Node(
        name: name,
        kind: .indicator(
          .init(
            source: .formula(.variable("d." + name)), direction: direction,
            imputation: imputation, normalizer: normalizer)))
    }
    var plan = Plan(
      name: "t",
      nodes: indicators + [
        Plan.Node(name: "t", kind: .aggregate(.init(members: (0..<3).map { .init(node: $0) })))
      ], root: 3)
    plan.screening = screening
    return plan
  }

  @Suite struct GlobalNormalizationTests {
    func scores(_ normalizer: Normalizer, _ direction: Direction = .higher) -> [Double] {
      run(panelPlan(normalizer: normalizer, direction: direction), on: panel).nodes[0].score.array
    }

    @Test func minmaxTakesItsBoundsFromEveryPeriod() {
      // a pooled: 1, 2, 3, 5, 9 → min 1, max 9: (x − 1)/8 · 100.
      #expect(same(scores(.global(.minmax100)), [0, 12.5, 25, 50, nan, 100]))
      // Per period: 2020 runs 1..3, 2021 5..9.
      #expect(same(scores(.minmax100), [0, 50, 100, 0, nan, 100]))
    }

    @Test func directionComesBeforePooling() {
      // −9..−1: 1 → 100, 9 → 0, 5 → 50.
      #expect(same(scores(.global(.minmax100), .lower), [100, 87.5, 75, 50, nan, 0]))
    }

    @Test func zscoreAndRanksPoolToo() {
      // mean 4, sample sd √(40/4) = √10.
      let sd = 10.0.squareRoot()
      #expect(
        same(
          scores(.global(.zscore(mean: 0, sd: 1))),
          [-3 / sd, -2 / sd, -1 / sd, 1 / sd, nan, 5 / sd]
        ))
      #expect(same(scores(.global(.rank)), [1, 2, 3, 4, nan, 5]))
      #expect(same(scores(.global(.percentile(output: 0...1))), [0, 0.25, 0.5, 0.75, nan, 1]))
    }

    @Test func aReferenceEntityStaysPerPeriod() {
      let values: [Double] = [1, 2, 3, 5, nan, 9]
      let pooled = normalizeAcrossPeriods(
        values, entityCount: 3, direction: .higher,
        with: .global(.dist2ref(entity: "BB", cap: false, output: 0...1)),
        entityCodes: ["AA", "BB", "CC"])
      // 2020: 1 − (2 − x)/(2 − 1); 2021: BB has no value, so the period is missing.
      #expect(same(pooled.values, [0, 1, 2, nan, nan, nan]))
      #expect(pooled.problem == .referenceMissing("BB"))
    }

    @Test func onePeriodIsAPanelOfOne() {
      let x: [Double] = [3, 1, 2]
      #expect(
        normalize(x, direction: .higher, with: .global(.minmax100)).values
          == normalize(x, direction: .higher, with: .minmax100).values)
    }
  }

  @Suite struct RowImputationTests {
    // e0 is missing; its peers' values on their 0–1 scales are 0, 0.5 and 0.5; p4 never varies.
    let own: [Double] = [nan, 0, 10]
    let peers = [
      RowPeer(values: [0, 0, 10], direction: .higher),
      RowPeer(values: [5, 0, 10], direction: .higher),
      RowPeer(values: [4, 2, 6], direction: .higher),
      RowPeer(values: [7, 7, 7], direction: .higher),
    ]

    @Test func meanAndMedianOfThePeersScaledBack() {
      let mean = imputeByRow(
        own, direction: .higher, peers: peers, statistic: .mean, normalizeFirst: true)
      // z = (0 + 0.5 + 0.5)/3 = 1/3 on own's 0..10.
      #expect(same(mean.values, [10.0 / 3, 0, 10]))
      #expect(mean.filled == [0] && mean.unfilled.isEmpty)
      let median = imputeByRow(
        own, direction: .higher, peers: peers, statistic: .median, normalizeFirst: true)
      #expect(same(median.values, [5, 0, 10]))
    }

    @Test func directionsAreAppliedBeforeScaling() {
      var turned = peers
      turned[0].direction = .lower  // −x: 0, 0, −10 → z = 1, 1, 0
      let outcome = imputeByRow(
        own, direction: .higher, peers: turned, statistic: .mean, normalizeFirst: true)
      #expect(same(outcome.values, [20.0 / 3, 0, 10]))
      // Own lower: −x runs −10..0, so x = −(z·10 − 10) = 10 − 10z, z = 1/3.
      let lower = imputeByRow(
        own, direction: .lower, peers: peers, statistic: .mean, normalizeFirst: true)
      #expect(same(lower.values, [20.0 / 3, 0, 10]))
    }

    @Test func rawValuesWithoutNormalizingFirst() {
      let outcome = imputeByRow(
        own, direction: .higher, peers: peers, statistic: .mean, normalizeFirst: false)
      // (0 + 5 + 4 + 7)/4.
      #expect(same(outcome.values, [4, 0, 10]))
    }

    @Test func noPeerValueLeavesTheCellMissing() {
      let outcome = imputeByRow(
        [nan, 1, 2], direction: .higher,
        peers: [RowPeer(values: [nan, 3, 4], direction: .higher)], statistic: .mean,
        normalizeFirst: true)
      #expect(outcome.filled.isEmpty && outcome.unfilled == [0])
      #expect(outcome.values[0].isNaN)
    }

    @Test func theRunFillsFromTheParentsOtherIndicators() {
      let results = run(panelPlan(imputation: .row(.mean, normalizeFirst: true)), on: panel)
      // 2020 BB's c: z_a = 0.5, z_b = 1 → 0.75 on 100..300 = 250. CC's b: z_a = z_c = 1 → 20.
      #expect(same(Array(results.nodes[2].imputed[0..<3]), [100, 250, 300]))
      #expect(same(Array(results.nodes[1].imputed[0..<3]), [10, 20, 20]))
      #expect(results.nodes[2].flags[1].contains(.imputed))
      // 2021 BB's a: z_b = 0.5, z_c = 1 → 0.75 on 5..9 = 8.
      #expect(same(Array(results.nodes[0].imputed[3..<6]), [5, 8, 9]))
    }

    /// COINr's `test-Impute.R` ("impute.coin"): ASEM's raw data, `impute_by = "row"`,
    /// `group_level = 2`, `i_mean`: BGD's missing ConSpeed is the mean of its Physical
    /// pillar's min-max scaled values, scaled back onto ConSpeed's range.
    @Test func coinrsImputeCoinExpectation() throws {
      let asem = try ASEM()
      let physical = asem.indicators.filter { $0.pillar == "Physical" }.map(\.code)
      #expect(physical.count == 8)
      let peers = physical.filter { $0 != "ConSpeed" }.map {
        RowPeer(values: asem.raw.column($0), direction: .higher)
      }
      let outcome = imputeByRow(
        asem.raw.column("ConSpeed"), direction: .higher, peers: peers, statistic: .mean,
        normalizeFirst: true)
      let bgd = try #require(asem.entityCodes.firstIndex(of: "BGD"))
      // Worked from raw.csv independently (Python, the test's own formula).
      #expect(abs(outcome.values[bgd] - 10.597839126577501) < 1e-9)
      #expect(outcome.filled.count == 8 && outcome.unfilled.isEmpty)
    }
  }
}
