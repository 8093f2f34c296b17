import Diagnostics

/// The messages of declarations from a metadata table (`indicators from csv(…) { … }`).
///
/// A mistake in the table is reported at its cell, with the table's line under it; a mistake
/// in the mapping (a column the table lacks) at the mapping in the `.idx` file.
extension Catalog {
  /// `indicators` not followed by `from`.
  static func expectedFrom(_ span: Span, found: String) -> Diagnostic {
    error(
      .expectedFrom, "expected `from` after `indicators`, found \(found)", at: span,
      label: "expected `from`",
      help: ["name the table the indicators come from: `indicators from csv(\"meta.csv\") { … }`"])
  }

  /// A table cell with more after its expression: `minmax 0 100`.
  static func cellTrailingText(_ span: Span, found: String) -> Diagnostic {
    error(
      .cellTrailingText, "this cell holds more than one value: \(found) follows the first",
      at: span,
      label: "not part of the value",
      help: ["a cell holds one value, like `minmax(0, 100)` or `0.5`"])
  }

  /// A row naming a parent that is not declared.
  static func unknownParent(_ name: String, code: String, _ span: Span, known: [String])
    -> Diagnostic
  {
    var help = didYouMean(name, among: known)
    help.append(
      "declare it in the methodology: `dimension \(name) { }` (the table adds its members)")
    return problem(
      "E0216", "unknown parent `\(name)` of `\(code)`", span, "no dimension has this name",
      help: help)
  }

  /// A row naming a parent that is an indicator, a data source or a scale.
  static func parentNotAggregate(_ name: String, kind: String, _ span: Span, declared: Span)
    -> Diagnostic
  {
    problem(
      "E0217", "parent `\(name)` is \(Self.article(kind))", span,
      "cannot have members", secondary: [Diagnostic.Label(declared, "declared here")],
      help: ["a parent is the index or a dimension"])
  }

  /// "an indicator", "a data source", "a scale", "a soft indicator".
  private static func article(_ kind: String) -> String {
    switch kind {
    case "data": "a data source"
    case "indicator": "an indicator"
    case "soft": "a soft indicator"
    default: "a \(kind)"
    }
  }

  /// A code cell that is empty or not a name.
  static func badCode(_ text: String, _ span: Span) -> Diagnostic {
    problem(
      "E0218", text.isEmpty ? "this row has no code" : "`\(text)` cannot name an indicator", span,
      text.isEmpty ? "empty" : "not a name",
      help: [
        "a code is a name of ASCII letters, digits and `_`, starting with a letter or `_`, "
          + "and not a reserved word"
      ])
  }

  /// The mapping names a column the table's header does not have.
  static func missingTableColumn(_ column: String, table: String, _ span: Span, known: [String])
    -> Diagnostic
  {
    var notes: [String] = []
    if !known.isEmpty && known.count <= 30 {
      notes.append("`\(table)` has \(known.map { "`\($0)`" }.joined(separator: ", "))")
    }
    return problem(
      "E0455", "the table `\(table)` has no column `\(column)`", span, "not in its header",
      notes: notes, help: didYouMean(column, among: known))
  }

  /// A table that cannot be read as one: a quote never closed, or no header row.
  static func unreadableTable(_ reason: String, _ span: Span) -> Diagnostic {
    problem(
      "E0456", "cannot read the table: \(reason)", span, "here",
      notes: ["the first row of a table names its columns; each later row declares an indicator"])
  }

  /// A cell holding an expression written with doubled quotes, which its own line cannot show.
  static func quotedCell(_ span: Span) -> Diagnostic {
    problem(
      "E0457", "a value in a table cell cannot contain quotes", span, "quotes inside",
      help: [
        "write the value without quotes, or declare this indicator in the methodology (a written "
          + "declaration overrides its row)"
      ])
  }

  /// A mapping whose value is not a column name.
  static func mappingNeedsColumn(_ property: String, _ span: Span) -> Diagnostic {
    problem(
      "E0334", "`\(property)` must name a column of the table", span, "not a column name",
      help: [
        "write the column's name (`\(property): Column` or `\(property): \"Column name\"`); for "
          + "values that name data columns, the source may come first: `value: data.Column`"
      ])
  }

  /// A mapping without `code`.
  static func mappingNeedsCode(_ span: Span) -> Diagnostic {
    problem(
      "E0335", "the table's mapping does not say which column holds the codes", span,
      "no `code:`", help: ["add `code: iCode` (the column of indicator codes) to the braces"])
  }
}
