import Testing

@testable import ScoringEngine

@Suite struct DataTableTests {
  @Test func cellsArePeriodMajor() {
    var table = DataTable(
      entities: [Entity(code: "A"), Entity(code: "B")], periods: [2024, 2025])
    table.append(variable: "x", values: [1, 2, 3, .nan])
    #expect(table.value(variable: "x", entity: "B", period: 2024) == 2)
    #expect(table.value(variable: "x", entity: "A", period: 2025) == 3)
    #expect(table.value(variable: "x", entity: "B", period: 2025)?.isMissing == true)
    #expect(Array(table.slice(variable: 0, period: 1)).first == 3)
    #expect(table.value(variable: "y", entity: "A", period: 2024) == nil)
  }
}
