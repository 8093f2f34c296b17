import Diagnostics
import ScoringEngine

/// One CSV table of an import, with its header looked up by name and every cell locatable,
/// so a diagnostic can point at the exact line and column of what is wrong.
struct CellTable {
  typealias Cell = CSVCells.Cell

  let file: SourceFile
  /// What the table is called in messages: `iMeta` or `iData`.
  let name: String
  let header: [Cell]
  /// The rows after the header, in file order.
  let rows: [[Cell]]
  private let columns: [String: Int]

  /// Reads `file`; nil, with a diagnostic, when it has no header row or a quote is never
  /// closed (every cell after it would be misplaced, so nothing more is said about the table).
  static func read(_ file: SourceFile, name: String, diagnostics: inout [Diagnostic]) -> CellTable?
  {
    let cells = CSVCells(bytes: file.bytes)
    for offset in cells.unclosedQuotes {
      diagnostics.append(
        ImportMessages.unclosedQuote(name, Span(file: file, start: offset, end: offset + 1)))
    }
    guard cells.unclosedQuotes.isEmpty else { return nil }
    guard let header = cells.records.first else {
      diagnostics.append(ImportMessages.emptyTable(name, Span(file: file, start: 0, end: 0)))
      return nil
    }
    return CellTable(file: file, name: name, header: header, rows: Array(cells.records.dropFirst()))
  }

  private init(file: SourceFile, name: String, header: [Cell], rows: [[Cell]]) {
    self.file = file
    self.name = name
    self.header = header
    self.rows = rows
    var columns: [String: Int] = [:]
    for (index, cell) in header.enumerated() where columns[cell.text] == nil {
      columns[cell.text] = index
    }
    self.columns = columns
  }

  func span(_ cell: Cell) -> Span { Span(file: file, start: cell.offset, end: cell.end) }

  /// The whole header row, where a missing column is reported.
  var headerSpan: Span {
    Span(file: file, start: header.first?.offset ?? 0, end: header.last?.end ?? 0)
  }

  func has(_ column: String) -> Bool { columns[column] != nil }

  /// The row's cell in `column`; a row cut short gives an empty cell at its end.
  func cell(_ row: [Cell], _ column: String) -> Cell? {
    guard let index = columns[column] else { return nil }
    if index < row.count { return row[index] }
    let end = row.last?.end ?? 0
    return Cell(text: "", offset: end, end: end)
  }

  /// The row's text in `column`, nil when the column is absent or the cell empty or `NA`.
  func text(_ row: [Cell], _ column: String) -> String? {
    guard let cell = cell(row, column), !Self.isMissing(cell.text) else { return nil }
    return cell.text
  }

  /// COINr's tables come from R: an empty cell or `NA` is a missing value.
  static func isMissing(_ text: String) -> Bool { text.isEmpty || text == "NA" }

  /// Reports each required column the header lacks; true when all are there.
  func requires(_ required: [String], diagnostics: inout [Diagnostic]) -> Bool {
    let missing = required.filter { !has($0) }
    for column in missing {
      diagnostics.append(ImportMessages.missingColumn(column, table: name, headerSpan))
    }
    return missing.isEmpty
  }
}
