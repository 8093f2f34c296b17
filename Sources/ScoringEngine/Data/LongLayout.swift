import Diagnostics

/// The cells of one variable in a long file, in reading order.
private struct LongCells {
  var entities: [Int] = []
  var periods: [Int] = []
  var values: [Double] = []
  /// The key cell of each row, where a repeated cell is reported.
  var keyFields: [CSVField] = []
}

extension TableLoader {
  /// Reads a long file: one row per entity, period and variable, with the variable's name in
  /// one column and its value in another.
  mutating func readLong(
    _ header: Header, _ roles: ColumnRoles, variableColumn: String, valueColumn: String
  ) -> DataTable? {
    let nameColumn = requireColumn(variableColumn, role: .variableName, in: header)
    let valueColumnIndex = requireColumn(valueColumn, role: .value, in: header)
    guard let nameColumn, let valueColumnIndex else { return nil }
    var names: [String] =
      options.variables.map { wanted in
        wanted.reduce(into: []) { names, name in if !names.contains(name) { names.append(name) } }
      } ?? []
    var variableIndex: [String: Int] = [:]
    for (index, name) in names.enumerated() { variableIndex[name] = index }
    var cells = [LongCells](repeating: LongCells(), count: names.count)
    var rows = RowsRead()
    var reports = RowReports()
    var nonNumbers = CappedReport()
    var seen: [String] = []
    while nextDataRecord(fieldCount: header.count, reports: &reports) != nil {
      let nameField = fields[nameColumn]
      let name = reader.text(nameField)
      guard !name.isEmpty else {
        reports.emptyVariables.add(
          DataMessages.emptyVariableName(column: variableColumn, at: span(nameField)))
        continue
      }
      guard let row = identifyRow(header, roles, &rows.registry, &reports) else { continue }
      if variableIndex[name] == nil && options.variables == nil {
        variableIndex[name] = names.count
        names.append(name)
        cells.append(LongCells())
      }
      if seen.count < 1000 && !seen.contains(name) { seen.append(name) }
      guard let variable = variableIndex[name] else { continue }
      let valueField = fields[valueColumnIndex]
      let value: Double
      if let number = number(valueField) {
        value = number
      } else {
        nonNumbers.add(notANumber(valueField, column: valueColumn))
        value = missingValue
      }
      cells[variable].entities.append(row.entity)
      cells[variable].periods.append(row.period)
      cells[variable].values.append(value)
      cells[variable].keyFields.append(row.keyField)
    }
    let rowProblems = reports.all
    diagnostics += rowProblems
    diagnostics += nonNumbers.finished("cells in `\(valueColumn)` that are not numbers")
    if rows.registry.count == 0 && rowProblems.isEmpty {
      diagnostics.append(DataMessages.noDataRows(header: span(header)))
    }
    for (variable, name) in names.enumerated() where cells[variable].values.isEmpty {
      diagnostics.append(
        DataMessages.missingLongVariable(name, column: span(header.fields[nameColumn]), known: seen)
      )
    }
    return assembleLong(names, &cells, rows.registry, hasPeriodColumn: roles.period != nil)
  }

  /// Places long cells into period-major columns, reporting cells given twice (E0412).
  private mutating func assembleLong(
    _ names: [String], _ cells: inout [LongCells], _ registry: EntityRegistry,
    hasPeriodColumn: Bool
  ) -> DataTable {
    var periodSet = Set<Int>()
    for variable in cells.indices { periodSet.formUnion(cells[variable].periods) }
    if !hasPeriodColumn { periodSet.insert(options.defaultPeriod) }
    let periods = periodSet.sorted()
    var periodIndex: [Int: Int] = [:]
    for (index, period) in periods.enumerated() { periodIndex[period] = index }
    let entityCount = registry.count
    var table = DataTable(entities: registry.entities, periods: periods)
    var duplicates = CappedReport()
    for (variable, name) in names.enumerated() where !cells[variable].values.isEmpty {
      let variableCells = cells[variable]
      cells[variable] = LongCells()
      var placed = [Double](repeating: missingValue, count: entityCount * periods.count)
      // The cell that filled each slot, so a second one can point at the first.
      var filledBy = [Int](repeating: -1, count: placed.count)
      for cell in variableCells.values.indices {
        let entity = variableCells.entities[cell]
        let period = variableCells.periods[cell]
        let slot = (periodIndex[period] ?? 0) * entityCount + entity
        let first = filledBy[slot]
        guard first < 0 else {
          duplicates.add(
            DataMessages.duplicateRow(
              entity: registry.entities[entity].code, period: hasPeriodColumn ? period : nil,
              variable: name, at: span(variableCells.keyFields[cell]),
              first: span(variableCells.keyFields[first])))
          continue
        }
        filledBy[slot] = cell
        placed[slot] = variableCells.values[cell]
      }
      table.append(variable: name, values: placed)
    }
    diagnostics += duplicates.finished("repeated rows")
    return table
  }
}
