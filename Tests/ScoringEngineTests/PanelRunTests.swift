import Testing

@testable import Diagnostics
@testable import ScoringEngine

/// Runs over several periods: a bad cell stays one missing cell, and a problem repeated in
/// every period is reported once.
@Suite struct PanelRunTests {
  /// Three entities over 2020–2022: `h` = [40, 60, 80] each year except B's 2021 value, 10,
  /// which is below the goalposts 20..100; `e` = [0.5, 0.5, 0.5], but C has none in any year
  /// and B none in 2020.
  static let table: DataTable = {
    let nan = Double.nan
    var table = DataTable(
      entities: [Entity(code: "A"), Entity(code: "B"), Entity(code: "C")],
      periods: [2020, 2021, 2022])
    table.append(variable: "d.h", values: [40, 60, 80, 40, 10, 80, 40, 60, 80])
    table.append(variable: "d.e", values: [0.5, nan, nan, 0.5, 0.5, nan, 0.5, 0.5, nan])
    return table
  }()

  /// index = geometric mean of h on goalposts(20, 100) and e as it is, coverage `coverage`.
  static func plan(coverage: Double? = nil) -> Plan {
    Plan(
      name: "t",
      nodes: [
        Plan.Node(
          name: "h",
          kind: .indicator(
            .init(
              source: .formula(.variable("d.h")),
              normalizer: .goalposts(low: 20, high: 100, output: 0...1, logarithmic: false)))),
        Plan.Node(
          name: "e",
          kind: .indicator(.init(source: .formula(.variable("d.e")), normalizer: .identity))),
        Plan.Node(
          name: "index",
          kind: .aggregate(
            .init(
              members: [.init(node: 0, weight: 1), .init(node: 1, weight: 1)],
              aggregator: .geometric(.error), coverage: coverage))),
      ], root: 2, periods: [2020, 2021, 2022])
  }

  @Test func oneBadCellIsMissingAndTheRestIsScored() throws {
    let results = run(Self.plan(), on: Self.table)
    #expect(!results.diagnostics.hasErrors)
    #expect(results.periods == [2020, 2021, 2022])
    // B 2021: h = 10 is below the lower goalpost, so its index is 0: the mean cannot use it.
    #expect(results.indexScore(entity: "B", period: 2021) == nil)
    #expect(results.rank(entity: "B", period: 2021) == nil)
    // Everyone else is scored: A 2021 = √(0.25 · 0.5); B 2022 = √(0.5 · 0.5).
    let a = try #require(results.indexScore(entity: "A", period: 2021))
    #expect(Swift.abs(a - (0.25 * 0.5).squareRoot()) < 1e-12)
    let b = try #require(results.indexScore(entity: "B", period: 2022))
    #expect(Swift.abs(b - 0.5) < 1e-12)
    let warnings = results.diagnostics.filter { $0.code == "W0430" }
    #expect(warnings.count == 1)
    #expect(warnings.first?.severity == .warning)
    #expect(
      warnings.first?.message == "the geometric mean of `index` meets a value ≤ 0 for B in 2021")
    #expect(warnings.first?.notes.first == "members at or below zero: h")
  }

  @Test func aProblemRepeatedInEveryPeriodIsReportedOnce() {
    let results = run(Self.plan(coverage: 1), on: Self.table)
    let coverage = results.diagnostics.filter { $0.code == "W0428" }
    // C lacks `e` in 2020, 2021 and 2022; B in 2020: one warning, the most periods first.
    #expect(coverage.count == 1)
    #expect(
      coverage.first?.message
        == "too few members of `index` are present for C in 2020–2022; B in 2020")
    #expect(results.indexScore(entity: "C", period: 2022) == nil)
    #expect(results.indexScore(entity: "A", period: 2022) != nil)
  }

  @Test func formulaProblemsInOnePeriodLeaveTheOthersScored() throws {
    var plan = Self.plan()
    plan.nodes[0].kind = .indicator(
      .init(
        source: .formula(
          .binary(.divide, .constant(1), .binary(.subtract, .variable("d.h"), .constant(10)))),
        normalizer: .minmax100))
    plan.nodes[2].kind = .aggregate(.init(members: [.init(node: 0, weight: 1)]))
    let results = run(plan, on: Self.table)
    #expect(!results.diagnostics.hasErrors)
    let warning = try #require(results.diagnostics.first { $0.code == "W0420" })
    #expect(warning.message == "division by zero in `h` for B in 2021")
    #expect(results.indexScore(entity: "B", period: 2021) == nil)
    #expect(results.indexScore(entity: "A", period: 2021) != nil)
    #expect(results.indexScore(entity: "B", period: 2022) != nil)
  }

  @Test func withoutPeriodsInTheDataMessagesNameNone() {
    var table = DataTable(entities: [Entity(code: "A"), Entity(code: "B")], periods: [0])
    table.append(variable: "d.h", values: [10, 60])
    table.append(variable: "d.e", values: [0.5, 0.5])
    table.hasPeriods = false
    var plan = Self.plan()
    plan.periods = []
    let results = run(plan, on: table)
    #expect(!results.hasPeriods)
    let warning = results.diagnostics.first { $0.code == "W0430" }
    #expect(warning?.message == "the geometric mean of `index` meets a value ≤ 0 for A")
  }

  @Test func periodsAreWrittenAsRanges() {
    #expect(
      Results.periodText([1990, 1991, 1992, 1994, 2000, 2001]) == "1990–1992, 1994, 2000, 2001")
    #expect(Results.periodText([2022]) == "2022")
    #expect(Results.periodText([]) == "")
  }
}
