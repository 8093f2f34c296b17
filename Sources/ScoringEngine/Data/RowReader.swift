import Diagnostics

// The panel and wide layouts share their row loop: every row is one entity (in one period for
// a panel), and every numeric column is read straight into its own `[Double]` in row order.
// They differ only in where a column's values land: a panel column is one variable whose
// period comes from each row, a wide column is one variable in one period fixed by its name.

/// A numeric column being read: its values in row order and the cells that were not numbers.
struct NumberColumn {
  /// The header column it reads.
  let column: Int
  /// Its index among the table's variables.
  let variable: Int
  /// The period of all its values (wide layout), or nil when each row says (panel layout).
  let period: Int?
  var values: [Double] = []
  /// Cells that were not numbers: every one while the column may still be text, else the
  /// first few, which become diagnostics.
  var textCells: [(row: Int, field: CSVField)] = []
  var failures = 0
  /// Whether no cell so far was a number; only tracked when variables are detected.
  var mayBeText: Bool
  /// How many leading values are known to hold no number.
  private var checkedRows = 0

  init(column: Int, variable: Int, period: Int?, mayBeText: Bool) {
    self.column = column
    self.variable = variable
    self.period = period
    self.mayBeText = mayBeText
  }

  /// Notes a cell in row `values.count` that is not a number, before its NaN is appended.
  ///
  /// Checks for numbers only from where the last check stopped, so a text column costs one
  /// pass over its values in all, and a numeric column nothing until a cell fails.
  mutating func recordFailure(_ field: CSVField) {
    failures += 1
    if mayBeText {
      for row in checkedRows..<values.count where !values[row].isNaN {
        mayBeText = false
        textCells.removeSubrange(min(CappedReport.limit, textCells.count)...)
        break
      }
      checkedRows = values.count
    }
    if mayBeText || textCells.count < CappedReport.limit {
      textCells.append((values.count, field))
    }
  }

  /// Whether the column turned out to be text: some cell was text and none was a number.
  mutating func settleIsText() -> Bool {
    if mayBeText && values[checkedRows...].contains(where: { !$0.isNaN }) { mayBeText = false }
    checkedRows = values.count
    return mayBeText && !textCells.isEmpty
  }
}

/// Where each accepted row belongs, in reading order.
struct RowsRead {
  var registry = EntityRegistry()
  var entityOfRow: [Int] = []
  var periodOfRow: [Int] = []
}

/// An entity in a period, the unit that must not repeat.
private struct RowKey: Hashable {
  var entity: Int
  var period: Int
}

extension TableLoader {
  /// Reads a panel file: each row is one entity in one period, each numeric column a variable.
  mutating func readPanel(_ header: Header, _ roles: ColumnRoles) -> DataTable? {
    var names: [String] = []
    var columns: [NumberColumn] = []
    if let wanted = options.variables {
      for name in wanted where !names.contains(name) {
        guard let column = header.column(name) else {
          diagnostics.append(
            DataMessages.missingVariable(name, header: span(header), known: header.readableNames))
          continue
        }
        columns.append(
          NumberColumn(column: column, variable: names.count, period: nil, mayBeText: false))
        names.append(name)
      }
    } else {
      for column in header.names.indices where header.isReadable(column) && !roles.isText(column) {
        columns.append(
          NumberColumn(column: column, variable: names.count, period: nil, mayBeText: true))
        names.append(header.names[column])
      }
    }
    let rows =
      readRowsDirectly(header, roles, &columns, oneRowPerPeriod: true)
      ?? readRows(header, roles, &columns, oneRowPerPeriod: true)
    let table = assemble(header, roles, &columns, names, rows)
    if options.variables == nil && table.variables.isEmpty && !table.entities.isEmpty {
      diagnostics.append(DataMessages.noVariables(header: span(header)))
    }
    return table
  }

  /// Reads every data row, appending one value per numeric column.
  ///
  /// A row that repeats an entity (in the same period, when `oneRowPerPeriod`) is reported
  /// and skipped, like rows without a key or with the wrong number of fields.
  mutating func readRows(
    _ header: Header, _ roles: ColumnRoles, _ columns: inout [NumberColumn],
    oneRowPerPeriod: Bool
  ) -> RowsRead {
    var rows = RowsRead()
    var reports = RowReports()
    var firstKeyField: [RowKey: CSVField] = [:]
    let capacity = lineCountEstimate()
    for index in columns.indices { columns[index].values.reserveCapacity(capacity) }
    while nextDataRecord(fieldCount: header.count, reports: &reports, readingNumbers: true) != nil {
      guard let row = identifyRow(header, roles, &rows.registry, &reports) else { continue }
      let key = RowKey(entity: row.entity, period: oneRowPerPeriod ? row.period : 0)
      if let first = firstKeyField[key] {
        reports.duplicates.add(
          DataMessages.duplicateRow(
            entity: rows.registry.entities[row.entity].code,
            period: roles.period == nil ? nil : row.period, variable: nil,
            at: span(row.keyField), first: span(first)))
        continue
      }
      firstKeyField[key] = row.keyField
      rows.entityOfRow.append(row.entity)
      rows.periodOfRow.append(row.period)
      // A plain loop: a closure here (`withUnsafeMutableBufferPointer`) made the compiler copy
      // the whole loader for every cell it read through `self`.
      for index in columns.indices {
        let column = columns[index].column
        if let value = number(at: column) {
          columns[index].values.append(value)
        } else {
          columns[index].recordFailure(fields[column])
          columns[index].values.append(.nan)
        }
      }
    }
    let rowProblems = reports.all
    diagnostics += rowProblems
    if rows.entityOfRow.isEmpty && rowProblems.isEmpty {
      diagnostics.append(DataMessages.noDataRows(header: span(header)))
    }
    return rows
  }

  /// Builds the table: text columns become groups, the rest are permuted into period-major
  /// order one variable at a time, freeing each row-order column as soon as it is placed.
  mutating func assemble(
    _ header: Header, _ roles: ColumnRoles, _ columns: inout [NumberColumn],
    _ names: [String], _ rows: RowsRead
  ) -> DataTable {
    var registry = rows.registry
    var isText = [Bool](repeating: false, count: columns.count)
    for index in columns.indices {
      if options.variables == nil && columns[index].settleIsText() {
        isText[index] = true
        storeAsGroup(columns[index], name: header.names[columns[index].column], rows, &registry)
      } else {
        reportNonNumbers(columns[index], column: header.names[columns[index].column])
      }
    }
    var periodSet = Set<Int>()
    for index in columns.indices where !isText[index] {
      if let period = columns[index].period { periodSet.insert(period) }
    }
    if !options.layout.isWide {
      periodSet.formUnion(rows.periodOfRow)
      if roles.period == nil { periodSet.insert(options.defaultPeriod) }
    }
    let periods = periodSet.sorted()
    var periodIndex: [Int: Int] = [:]
    for (index, period) in periods.enumerated() { periodIndex[period] = index }
    let entityCount = registry.count
    // The offset of each row's cell in a period-major column, for columns without a period.
    let cellOfRow = rows.entityOfRow.indices.map { row in
      (periodIndex[rows.periodOfRow[row]] ?? 0) * entityCount + rows.entityOfRow[row]
    }
    var table = DataTable(entities: registry.entities, periods: periods)
    // The columns of each variable, grouped once (a wide file has many per variable): the
    // columns of variable `v` are `partColumns[partStarts[v]..<partStarts[v + 1]]`, in column
    // order, in two flat arrays rather than an array per variable.
    var partStarts = [Int](repeating: 0, count: names.count + 1)
    for index in columns.indices where !isText[index] {
      partStarts[columns[index].variable + 1] += 1
    }
    for variable in names.indices { partStarts[variable + 1] += partStarts[variable] }
    var partColumns = [Int](repeating: 0, count: partStarts[names.count])
    var filled = partStarts
    for index in columns.indices where !isText[index] {
      let variable = columns[index].variable
      partColumns[filled[variable]] = index
      filled[variable] += 1
    }
    // When every cell is filled by exactly one row in the same order (one period, each row a
    // new entity), a column needs no permuting: its row-order array is the table's column.
    let cellCount = entityCount * periods.count
    let inPlace =
      rows.entityOfRow.count == cellCount && cellOfRow.indices.allSatisfy { cellOfRow[$0] == $0 }
    for (variable, name) in names.enumerated() {
      let parts = partColumns[partStarts[variable]..<partStarts[variable + 1]]
      guard let first = parts.first else { continue }
      if inPlace && parts.count == 1 && columns[first].values.count == cellCount
        && (columns[first].period.map { periodIndex[$0] == 0 } ?? true)
      {
        table.append(variable: name, values: columns[first].values)
        columns[first].values = []
        continue
      }
      var placed = [Double](repeating: missingValue, count: entityCount * periods.count)
      placed.withUnsafeMutableBufferPointer { out in
        for index in parts {
          let values = columns[index].values
          columns[index].values = []
          if let period = columns[index].period {
            let base = (periodIndex[period] ?? 0) * entityCount
            for (row, value) in values.enumerated() { out[base + rows.entityOfRow[row]] = value }
          } else {
            for (row, value) in values.enumerated() { out[cellOfRow[row]] = value }
          }
        }
      }
      table.append(variable: name, values: placed)
    }
    return table
  }

  /// Gives each entity the first text value of a column detected as text.
  private func storeAsGroup(
    _ column: NumberColumn, name: String, _ rows: RowsRead, _ registry: inout EntityRegistry
  ) {
    for cell in column.textCells {
      let entity = rows.entityOfRow[cell.row]
      if registry.needsGroup(name, of: entity) {
        registry.setGroup(name, to: reader.text(cell.field), of: entity)
      }
    }
  }

  /// Reports the first few cells of a numeric column that were not numbers (E0413).
  ///
  /// A column whose every cell was a number reports nothing: it returns before the report's
  /// wording is made (ten thousand columns would make it ten thousand times).
  mutating func reportNonNumbers(_ column: NumberColumn, column name: String) {
    guard column.failures > 0 else { return }
    var report = CappedReport()
    for cell in column.textCells.prefix(CappedReport.limit) {
      report.add(notANumber(cell.field, column: name))
    }
    report.skip(column.failures - min(column.failures, CappedReport.limit))
    diagnostics += report.finished("cells in `\(name)` that are not numbers")
  }
}
