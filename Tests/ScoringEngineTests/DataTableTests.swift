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

  /// The look-up with a guess finds what the look-up finds, for any guess: right, wrong, out
  /// of range, and with a name given twice (the first position wins, as in the look-up).
  @Test func aGuessedLookUpFindsWhatTheLookUpFinds() {
    for names in [["a", "b", "c", "d"], ["a", "b", "a", "c"], ["x", "x"], []] {
      var table = DataTable(entities: [Entity(code: "E")], periods: [2024])
      for name in names { table.append(variable: name, values: [1]) }
      for name in names + ["missing"] {
        for guess in -1...(names.count + 1) {
          #expect(
            table.variableIndex(name, guess: guess) == table.variableIndex(name),
            "\(names) \(name) at \(guess)")
        }
      }
    }
  }
}

@Suite struct MergeTests {
  @Test func mergesEntitiesPeriodsAndQualifiesNames() {
    var a = DataTable(entities: [Entity(code: "US"), Entity(code: "CN")], periods: [2024])
    a.append(variable: "x", values: [1, 2])
    var b = DataTable(
      entities: [Entity(code: "CN", name: "China"), Entity(code: "GB")], periods: [2024, 2025])
    b.append(variable: "y", values: [10, 20, 11, 21])
    let merged = DataTable.merging([("a", a), ("b", b)])
    #expect(merged.entities.map(\.code) == ["US", "CN", "GB"])
    #expect(merged.entities[1].name == "China")
    #expect(merged.periods == [2024, 2025])
    #expect(merged.variables == ["a.x", "b.y"])
    #expect(merged.value(variable: "a.x", entity: "CN", period: 2024) == 2)
    #expect(merged.value(variable: "a.x", entity: "CN", period: 2025)?.isMissing == true)
    #expect(merged.value(variable: "b.y", entity: "GB", period: 2025) == 21)
    #expect(merged.value(variable: "b.y", entity: "US", period: 2024)?.isMissing == true)
  }

  @Test func singleSourceKeepsStorage() {
    var a = DataTable(entities: [Entity(code: "US")], periods: [1])
    a.append(variable: "x", values: [3])
    let merged = DataTable.merging([("d", a)])
    #expect(merged.variables == ["d.x"])
    #expect(merged.columns[0] == [3])
  }
}
