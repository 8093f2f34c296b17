import Foundation
import Testing

@testable import ScoringEngine

/// Unit screening (COINr's `Screen`): the decisions on COINr's own test table, then the run
/// on a small panel, where a dropped entity leaves every cross-entity statistic.
extension Stages {
  @Suite struct ScreenTests {
    /// COINr's `test-Screen.R`: ten units a…j, ten indicators; a has 5 missing (50%
    /// available), b 1 missing (90%), c 5 zeros (50% non-zero), d 1 zero (90% non-zero).
    static let coinrColumns: [[Double]] = (0..<10).map { column in
      (0..<10).map { unit in
        if unit == 0 && column < 5 { return .nan }
        if unit == 1 && column == 0 { return .nan }
        if unit == 2 && column < 5 { return 0 }
        if unit == 3 && column == 0 { return 0 }
        return 0.1 + Double(unit * 10 + column) / 200
      }
    }
    static let codes = (0..<10).map { String(UnicodeScalar(UInt8(97 + $0))) }

    func dropped(
      availability: Double? = nil, nonzero: Double? = nil, exclude: Set<String> = [],
      include: Set<String> = []
    ) -> [String] {
      let rule = ScreenColumns(
        rule: .init(node: 0, availability: availability, nonzero: nonzero), node: "index",
        columns: Self.coinrColumns)
      let reasons = screenEntities(
        [rule], entityCount: 10, codes: Self.codes, include: include, exclude: exclude)
      return reasons.keys.sorted().map { Self.codes[$0] }
    }

    @Test func coinrsScreenDataFrameExpectations() {
      // byNA, dat_thresh 0.75: only the first unit goes.
      #expect(dropped(availability: 0.75) == ["a"])
      // byNA, dat_thresh 1: the first two.
      #expect(dropped(availability: 1) == ["a", "b"])
      // byzeros, nonzero_thresh 0.75: the third.
      #expect(dropped(nonzero: 0.75) == ["c"])
      // dat_thresh 1 with Force(uCode = "f", Include = FALSE): a, b and f.
      #expect(dropped(availability: 1, exclude: ["f"]) == ["a", "b", "f"])
      // byNAandzeros.
      #expect(dropped(availability: 0.75, nonzero: 0.75) == ["a", "c"])
      // Forced in wins over the rule.
      #expect(dropped(availability: 1, include: ["a"]) == ["b"])
    }

    @Test func aShareEqualToTheThresholdPasses() {
      #expect(dropped(availability: 0.9) == ["a"])
      #expect(dropped(nonzero: 0.9) == ["c"])
    }

    @Test func theReasonCarriesTheShare() {
      let rule = ScreenColumns(
        rule: .init(node: 0, availability: 0.75), node: "index", columns: Self.coinrColumns)
      let reasons = screenEntities(
        [rule], entityCount: 10, codes: Self.codes, include: [], exclude: [])
      #expect(reasons[0] == .availability(node: "index", share: 0.5, threshold: 0.75))
    }

    /// COINr's screening vignette: ASEM's raw data at 85% keeps 48 of the 51 units.
    @Test func coinrsVignetteKeeps48OfASEMs51() throws {
      let asem = try ASEM()
      let rule = ScreenColumns(
        rule: .init(node: 0, availability: 0.85), node: "index",
        columns: asem.indicators.map { asem.raw.column($0.code) })
      let codes = asem.entityCodes
      let reasons = screenEntities(
        [rule], entityCount: codes.count, codes: codes, include: [], exclude: [])
      #expect(codes.count == 51)
      #expect(reasons.keys.sorted().map { codes[$0] } == ["BRN", "LAO", "MMR"])
    }

    @Test func theRunScoresOnlyTheEntitiesKept() throws {
      // Over both periods: AA has 6 of 6 values, BB 4 of 6, CC 5 of 6.
      let screening = Screening(rules: [.init(node: 3, availability: 0.8)])
      let results = run(panelPlan(screening: screening), on: panel)
      #expect(results.entities.map(\.code) == ["AA", "CC"])
      #expect(results.periods == [2020, 2021])
      #expect(
        results.screened == [
          ScreenedEntity(
            code: "BB", name: "BB",
            reason: .availability(node: "t", share: 4.0 / 6, threshold: 0.8))
        ])
      #expect(results.diagnostics.contains { $0.code == "W0445" })
      // b in 2021 without BB: 40 and 60 → 0 and 100 (with BB, 50 would have been the middle).
      #expect(same(Array(results.nodes[1].score[2..<4]), [0, 100]))
      // Screening the screened table again starts from the original rows.
      let table = screenedTable(panelPlan(screening: screening), panel)
      #expect(table.entities.count == 2)
      #expect(screenedTable(panelPlan(), table).entities.count == 3)
    }

    @Test func aRuleOnADimensionCountsItsIndicatorsOnly() {
      // On c alone: BB has 1 of 2 values, the others 2 of 2.
      var plan = panelPlan()
      plan.nodes.insert(
        Plan.Node(name: "cc", kind: .aggregate(.init(members: [.init(node: 2)]))), at: 3)
      plan.nodes[4] = Plan.Node(
        name: "t",
        kind: .aggregate(.init(members: [.init(node: 0), .init(node: 1), .init(node: 3)])))
      plan.root = 4
      plan.screening = Screening(rules: [.init(node: 3, availability: 1)])
      let results = run(plan, on: panel)
      #expect(results.screened.map(\.code) == ["BB"])
      #expect(
        results.screened.first?.reason == .availability(node: "cc", share: 0.5, threshold: 1))
    }

    @Test func screeningEveryoneOutIsAnError() {
      let screening = Screening(exclude: ["AA", "BB", "CC"])
      let results = run(panelPlan(screening: screening), on: panel)
      #expect(results.diagnostics.contains { $0.code == "E0445" })
      #expect(results.periods.isEmpty)
    }
  }
}
