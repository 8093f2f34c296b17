import Diagnostics
import ScoringEngine

/// One row of COINr's iMeta: an indicator, an aggregate, or a column of iData with another
/// role (a group, a denominator, other data).
struct COINrRow {
  /// COINr's `Type` column.
  enum Kind: String, CaseIterable {
    case indicator = "Indicator"
    case aggregate = "Aggregate"
    case group = "Group"
    case denominator = "Denominator"
    case other = "Other"
  }

  var code: String
  var codeSpan: Span
  var kind: Kind
  var name: String?
  var level: Int?
  var levelSpan: Span
  /// 1 (higher is better) or −1.
  var direction: Double = 1
  var weight: Double = 1
  var unit: String?
  var target: Double?
  var denominator: String?
  var denominatorSpan: Span?
  var parent: String?
  var parentSpan: Span

  /// Whether the row is a node of the tree (an indicator or an aggregate).
  var isNode: Bool { kind == .indicator || kind == .aggregate }
}

/// Reads iMeta's rows: each cell checked on its own (type, numbers, names, duplicates); the
/// structure they form is checked by `COINrStructure`.
struct COINrMetaReader {
  let table: CellTable
  var diagnostics: [Diagnostic] = []
  /// Every iCode and Parent written, including rows rejected for another reason, so that a
  /// rejected row does not also make its column "unknown" or its parent "childless".
  var writtenCodes = Set<String>()
  var writtenParents = Set<String>()

  init(_ table: CellTable) { self.table = table }

  mutating func rows() -> [COINrRow] {
    guard table.requires(["iCode", "Level", "Parent", "Type"], diagnostics: &diagnostics) else {
      return []
    }
    var rows: [COINrRow] = []
    var firstRow: [String: Span] = [:]
    for cells in table.rows {
      guard let row = read(cells) else { continue }
      if let first = firstRow[row.code] {
        diagnostics.append(ImportMessages.duplicateCode(row.code, row.codeSpan, first: first))
        continue
      }
      firstRow[row.code] = row.codeSpan
      rows.append(row)
    }
    return rows
  }

  private mutating func read(_ cells: [CellTable.Cell]) -> COINrRow? {
    guard let codeCell = table.cell(cells, "iCode"), let typeCell = table.cell(cells, "Type"),
      let levelCell = table.cell(cells, "Level"), let parentCell = table.cell(cells, "Parent")
    else { return nil }
    let code = codeCell.text
    writtenCodes.insert(code)
    if !CellTable.isMissing(parentCell.text) { writtenParents.insert(parentCell.text) }
    guard let kind = COINrRow.Kind(rawValue: typeCell.text) else {
      diagnostics.append(ImportMessages.unknownType(typeCell.text, table.span(typeCell)))
      return nil
    }
    var row = COINrRow(
      code: code, codeSpan: table.span(codeCell), kind: kind, name: table.text(cells, "iName"),
      levelSpan: table.span(levelCell), parentSpan: table.span(parentCell))
    if CellTable.isMissing(code) || !Self.isName(code) {
      diagnostics.append(ImportMessages.badName(code, row.codeSpan))
      return nil
    }
    row.parent = table.text(cells, "Parent")
    row.unit = table.text(cells, "Unit")
    if row.isNode {
      row.level = level(levelCell)
      row.direction = number(cells, "Direction", expected: "1 or -1") { $0 == 1 || $0 == -1 } ?? 1
      row.weight = number(cells, "Weight", expected: "a weight ≥ 0") { $0 >= 0 } ?? 1
      row.target = number(cells, "Target", expected: "a number") { _ in true }
    }
    if kind == .indicator, let cell = table.cell(cells, "Denominator"),
      !CellTable.isMissing(cell.text)
    {
      row.denominator = cell.text
      row.denominatorSpan = table.span(cell)
    }
    return row
  }

  private mutating func level(_ cell: CellTable.Cell) -> Int? {
    guard let value = Double(cell.text), value >= 1, value == value.rounded(), value < 1000 else {
      diagnostics.append(
        ImportMessages.badNumber(
          "Level", cell.text, table.span(cell), expected: "a whole number ≥ 1"))
      return nil
    }
    return Int(value)
  }

  /// The number in `column`, nil when the cell is empty (the caller's default applies) or,
  /// reported, when it is not a number that `valid` accepts.
  private mutating func number(
    _ cells: [CellTable.Cell], _ column: String, expected: String, _ valid: (Double) -> Bool
  ) -> Double? {
    guard let cell = table.cell(cells, column), !CellTable.isMissing(cell.text) else { return nil }
    guard let value = Double(cell.text), value.isFinite, valid(value) else {
      diagnostics.append(
        ImportMessages.badNumber(column, cell.text, table.span(cell), expected: expected))
      return nil
    }
    return value
  }

  /// The words idx reserves, which no declaration may be called.
  static let reserved: Set<String> = [
    "index", "uncertainty", "members", "ratings", "rest", "if", "then", "else", "and", "or", "not",
  ]

  /// Whether `code` is an idx name: ASCII letters, digits and `_`, starting with a letter or
  /// `_`, and not reserved.
  static func isName(_ code: String) -> Bool {
    guard let first = code.utf8.first, !reserved.contains(code) else { return false }
    func letter(_ byte: UInt8) -> Bool {
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
    }
    return letter(first) && code.utf8.allSatisfy { letter($0) || (0x30...0x39).contains($0) }
  }
}
