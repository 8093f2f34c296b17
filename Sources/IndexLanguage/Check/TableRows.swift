import Diagnostics
import ScoringEngine

/// Turns the rows of a metadata table into indicator declarations and their places in the
/// tree, each value parsed from its cell with spans into the table.
struct TableRows {
  let table: SourceFile
  let mapping: TableMapping
  /// The header position of each mapped property.
  let columns: [String: Int]
  var diagnostics: [Diagnostic] = []

  typealias Cell = CSVCells.Cell

  init(table: SourceFile, mapping: TableMapping, columns: [String: Int]) {
    self.table = table
    self.mapping = mapping
    self.columns = columns
  }

  /// The rows' declarations in table order; a code seen before is reported and its row left out.
  mutating func declare(_ rows: ArraySlice<[Cell]>) -> TableDeclarations.Expansion {
    var expansion = TableDeclarations.Expansion()
    var firstRow: [String: Span] = [:]
    let typeColumn = columns["type"]
    for row in rows {
      if let typeColumn, let type = text(row, typeColumn), type.lowercased() != "indicator" {
        continue
      }
      guard let (code, codeSpan) = code(row) else { continue }
      if let first = firstRow[code] {
        diagnostics.append(Catalog.duplicateName(code, codeSpan, first: first))
        continue
      }
      firstRow[code] = codeSpan
      expansion.declarations.append(declaration(row, code: code, codeSpan: codeSpan))
      if let placement = placement(row, code: code, codeSpan: codeSpan) {
        expansion.placements.append(placement)
      }
    }
    return expansion
  }

  /// One row's indicator: its label, doc and every mapped indicator property.
  private mutating func declaration(_ row: [Cell], code: String, codeSpan: Span) -> Declaration {
    let start = row.first?.offset ?? codeSpan.start
    let end = row.last?.end ?? codeSpan.end
    var declaration = Declaration(
      kind: .indicator, name: code, nameSpan: codeSpan,
      label: columns["label"].flatMap { text(row, $0) },
      doc: columns["doc"].flatMap { text(row, $0) },
      span: Span(file: table, start: start, end: end), file: table)
    for entry in mapping.entries where !TableMapping.tableProperties.contains(entry.property) {
      guard let position = columns[entry.property], let cell = cell(row, position),
        var value = value(cell, entry: entry)
      else { continue }
      if entry.property == "value", let denominator = denominator(row) {
        value = Self.divided(value, by: denominator)
      }
      declaration.properties.append(
        .init(name: entry.property, nameSpan: span(cell), value: Located(value, in: table)))
    }
    return declaration
  }

  /// The row's parent and weight, as a member of the parent; nil without a parent.
  private mutating func placement(_ row: [Cell], code: String, codeSpan: Span)
    -> TableDeclarations.Placement?
  {
    guard let column = columns["parent"], let parentCell = cell(row, column) else { return nil }
    guard let parent = name(parentCell) else {
      diagnostics.append(Catalog.badCode(parentCell.text, span(parentCell)))
      return nil
    }
    var weight: Located<ExprSyntax>?
    if let column = columns["weight"], let weightCell = cell(row, column),
      let entry = mapping.entry("weight")
    {
      weight = value(weightCell, entry: entry).map { Located($0, in: table) }
    }
    return TableDeclarations.Placement(
      parent: parent, parentSpan: span(parentCell),
      member: Declaration.Member(name: code, nameSpan: codeSpan, weight: weight))
  }

  /// The row's code, or nil (reported) when it is empty or not a name.
  private mutating func code(_ row: [Cell]) -> (String, Span)? {
    guard let column = columns["code"] else { return nil }
    let cell =
      column < row.count
      ? row[column] : Cell(text: "", offset: row.last?.end ?? 0, end: row.last?.end ?? 0)
    guard !Self.isMissing(cell.text), let code = name(cell) else {
      diagnostics.append(Catalog.badCode(cell.text, span(cell)))
      return nil
    }
    return (code, span(cell))
  }

  /// The denominator cell as a column of the value's data source.
  private mutating func denominator(_ row: [Cell]) -> ExprSyntax? {
    guard let column = columns["denominator"], let cell = cell(row, column),
      let entry = mapping.entry("denominator")
    else { return nil }
    var prefixed = entry
    prefixed.source = entry.source ?? mapping.entry("value")?.source
    return value(cell, entry: prefixed)
  }

  /// A cell's value: a column of `entry.source` when the mapping names one, COINr's `1` and
  /// `-1` for a direction, otherwise the cell parsed as an expression (its mistakes reported).
  private mutating func value(_ cell: Cell, entry: TableMapping.Entry) -> ExprSyntax? {
    let range = ByteRange(
      cell.content?.lowerBound ?? cell.offset, cell.content?.upperBound ?? cell.end)
    if let source = entry.source {
      let column = NameSyntax(
        text: cell.text, range: range, isQuoted: !Vocabulary.isIdentifier(cell.text))
      return ExprSyntax(.member(base: ExprSyntax(.name(source), range), name: column), range)
    }
    if entry.property == "direction", cell.text == "1" || cell.text == "-1" {
      return ExprSyntax(.name(cell.text == "1" ? "higher" : "lower"), range)
    }
    guard let content = cell.content else {
      diagnostics.append(Catalog.quotedCell(span(cell)))
      return nil
    }
    guard let (expression, problems) = Parser.parseCell(table, range: content) else { return nil }
    diagnostics += problems
    return expression
  }

  /// `value / denominator`, the value parenthesized when it is more than a name or a call.
  static func divided(_ value: ExprSyntax, by denominator: ExprSyntax) -> ExprSyntax {
    var left = value
    switch value.kind {
    case .name, .member, .call, .number, .parenthesized: break
    default: left = ExprSyntax(.parenthesized(value), value.range)
    }
    let range = value.range.union(denominator.range)
    return ExprSyntax(
      .binary(
        op: .divide, opRange: .empty(at: denominator.range.start), lhs: left, rhs: denominator),
      range)
  }

  /// The text of an expression the table made rather than wrote (a column of a data source,
  /// a value divided by its denominator), as it would be written; nil for a cell's own text.
  ///
  /// Such an expression has a part that spans the same bytes as another: the source of
  /// `asem.iCode` spans the cell, like the column's name.
  static func madeText(_ value: ExprSyntax, in file: SourceFile) -> String? {
    // Every value a file wrote is neither shape: known from its node, without decoding it.
    guard value.hasMadeShape else { return nil }
    switch value.kind {
    case .member(let base, let name) where base.range == name.range:
      return operandText(value, in: file)
    case .binary(.divide, let opRange, let lhs, let rhs) where opRange.isEmpty:
      return operandText(lhs, in: file) + " / " + operandText(rhs, in: file)
    default:
      return nil
    }
  }

  /// One side of a made division: a made column, a value the table parenthesized, or a cell.
  private static func operandText(_ expr: ExprSyntax, in file: SourceFile) -> String {
    let written = { (expr: ExprSyntax) in
      Span(file: file, start: expr.range.start, end: expr.range.end).text
    }
    switch expr.kind {
    case .member(let base, let name) where base.range == name.range:
      guard case .name(let source) = base.kind else { return written(expr) }
      return source + "." + (name.isQuoted ? "\"\(name.text)\"" : name.text)
    case .parenthesized(let inner) where inner.range == expr.range:
      return "(" + written(inner) + ")"
    default:
      return written(expr)
    }
  }

  // MARK: - Cells

  /// The row's cell at a header position; nil when the row is short or the cell is missing.
  private func cell(_ row: [Cell], _ position: Int) -> Cell? {
    guard position < row.count, !Self.isMissing(row[position].text) else { return nil }
    return row[position]
  }

  private func text(_ row: [Cell], _ position: Int) -> String? {
    cell(row, position)?.text
  }

  /// A name the language accepts for a declaration, or nil.
  private func name(_ cell: Cell) -> String? {
    Vocabulary.isIdentifier(cell.text) && !Vocabulary.isReserved(cell.text) ? cell.text : nil
  }

  private func span(_ cell: Cell) -> Span {
    let range = cell.content ?? cell.offset..<cell.end
    return Span(file: table, start: range.lowerBound, end: range.upperBound)
  }

  /// An empty cell, or R's `NA` (COINr's tables come from R), gives no value.
  static func isMissing(_ text: String) -> Bool { text.isEmpty || text == "NA" }
}

extension Declaration.Property {
  /// The value as written: its source text, or for a value a table made from its cells
  /// (`asem.Goods / asem.Den_GDP`), the text that writes it.
  public var valueText: String {
    TableRows.madeText(value.value, in: value.file) ?? valueSpan.text
  }
}
