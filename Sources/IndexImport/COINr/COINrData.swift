import Diagnostics

/// What the importer needs from COINr's iData: its special columns and periods.
///
/// They are checked against iMeta. The numbers themselves are read by `idx` when the
/// methodology runs.
struct COINrData {
  /// The text columns kept as entity attributes: COINr's `*_group` columns and iMeta's
  /// Type `Group` rows, in iData's column order.
  var groups: [String] = []
  var hasNames = false
  var hasTime = false
  /// The distinct values of `Time`, ascending.
  var periods: [Int] = []
  var unitCount = 0
  var diagnostics: [Diagnostic] = []

  /// `writtenCodes` are the iCodes of every iMeta row, rejected ones included; without them
  /// (iMeta could not be read) no column is called unknown.
  init(_ table: CellTable, meta rows: [COINrRow], writtenCodes: Set<String>) {
    guard table.requires(["uCode"], diagnostics: &diagnostics) else { return }
    hasNames = table.has("uName")
    hasTime = table.has("Time")
    var kinds: [String: COINrRow.Kind] = [:]
    for row in rows { kinds[row.code] = row.kind }
    for cell in table.header {
      let column = cell.text
      if column == "uCode" || column == "uName" || column == "Time" { continue }
      if column.hasSuffix("_group") || kinds[column] == .group {
        if !groups.contains(column) { groups.append(column) }
      } else if kinds[column] == nil && !writtenCodes.isEmpty && !writtenCodes.contains(column) {
        diagnostics.append(ImportMessages.unusedColumn(column, table.span(cell)))
      }
    }
    for row in rows where row.kind != .aggregate && !table.has(row.code) {
      let role = row.kind == .indicator ? "indicator" : row.kind.rawValue.lowercased()
      diagnostics.append(ImportMessages.missingDataColumn(row.code, role: role, row.codeSpan))
    }
    for row in rows {
      if let denominator = row.denominator, let span = row.denominatorSpan,
        !table.has(denominator)
      {
        diagnostics.append(
          ImportMessages.missingDataColumn(denominator, role: "denominator", span))
      }
    }
    readUnits(table)
  }

  /// Counts the units, collects the periods and reports a unit given twice in one period.
  private mutating func readUnits(_ table: CellTable) {
    var seen: [String: Span] = [:]
    var periods = Set<Int>()
    var units = Set<String>()
    for row in table.rows {
      guard let unitCell = table.cell(row, "uCode") else { continue }
      var key = unitCell.text
      if hasTime, let timeCell = table.cell(row, "Time") {
        guard let value = Double(timeCell.text), value == value.rounded(), abs(value) < 1e9
        else {
          diagnostics.append(
            ImportMessages.badNumber(
              "Time", timeCell.text, table.span(timeCell), expected: "a whole number"))
          continue
        }
        periods.insert(Int(value))
        key += "\u{0}" + String(Int(value))
      }
      units.insert(unitCell.text)
      if let first = seen[key] {
        diagnostics.append(
          ImportMessages.duplicateUnit(unitCell.text, table.span(unitCell), first: first))
      } else {
        seen[key] = table.span(unitCell)
      }
    }
    self.periods = periods.sorted()
    unitCount = units.count
  }
}
