import Diagnostics

/// Every diagnostic that loading a data file can produce, worded in one place.
///
/// Codes are stable: `E04xx` for errors in data files, `W04xx` for warnings. Spans point into
/// the decoded file (`TableLoad.source`), which is what the user sees when it is rendered.
enum DataMessages {
  // MARK: Encoding

  /// E0401: `encoding: utf8` was asked for and a byte is not UTF-8.
  static func invalidUTF8(at span: Span, byte: UInt8) -> Diagnostic {
    if (0x80...0x9F).contains(byte), let character = windows1252Scalar(byte) {
      return .error(
        "E0401", "data file is not valid UTF-8", at: span,
        label: "byte \(hex(byte)) is not UTF-8",
        notes: ["in Windows-1252 this byte would be `\(Character(character))`"],
        help: ["save the file as UTF-8, or add `encoding: cp1252` to the data declaration"])
    }
    return .error(
      "E0401", "data file is not valid UTF-8", at: span, label: "byte \(hex(byte)) is not UTF-8",
      notes: ["in Latin-1 this byte would be `\(latin1(byte))`"],
      help: ["save the file as UTF-8, or add `encoding: latin1` to the data declaration"])
  }

  /// W0401: the file was not UTF-8, so it was read as Latin-1.
  static func readAsLatin1(at span: Span, byte: UInt8) -> Diagnostic {
    .warning(
      "W0401", "data file is not valid UTF-8, so it was read as Latin-1", at: span,
      label: "byte \(hex(byte)) read as `\(latin1(byte))`",
      help: ["add `encoding: latin1` to the data declaration to say so and silence this warning"])
  }

  /// W0406: the file was not UTF-8 and its bytes 0x80–0x9F are Windows-1252 characters.
  static func readAsWindows1252(at span: Span, byte: UInt8) -> Diagnostic {
    let character = windows1252Scalar(byte).map { String(Character($0)) } ?? "?"
    return .warning(
      "W0406", "data file is not valid UTF-8, so it was read as Windows-1252", at: span,
      label: "byte \(hex(byte)) read as `\(character)`",
      notes: ["in Latin-1 this byte would be an invisible control character"],
      help: ["add `encoding: cp1252` to the data declaration to say so and silence this warning"])
  }

  // MARK: Shape of the file

  /// E0402: nothing to read, not even a header.
  static func emptyFile(_ file: SourceFile) -> Diagnostic {
    .error(
      "E0402", "data file is empty", at: Span(file: file, start: 0, end: 0),
      label: "expected a header row here",
      help: ["a data file starts with a header row naming its columns, then one row per entity"])
  }

  /// W0402: a header and nothing else.
  static func noDataRows(header: Span) -> Diagnostic {
    .warning(
      "W0402", "data file has a header but no rows", at: header, label: "no rows after this header",
      notes: ["the table has no entities"])
  }

  /// E0403: a quote that opens a field and never closes it.
  static func unclosedQuote(at span: Span) -> Diagnostic {
    .error(
      "E0403", "quoted field is never closed", at: span, label: "this quote has no closing quote",
      notes: ["the field was read up to the end of its line"],
      help: ["inside a quoted field, write a quote as two quotes: `\"\"`"])
  }

  /// E0404: a row with more or fewer fields than the header.
  static func raggedRow(at span: Span, expected: Int, found: Int) -> Diagnostic {
    let label =
      found > expected
      ? "\(plural(found - expected, "extra field")) from here"
      : "row ends after \(plural(found, "field"))"
    let help =
      found > expected
      ? "a field that contains the delimiter must be quoted, as in `\"Korea, Republic of\"`"
      : "every row needs one field per column, even when the field is empty"
    return .error(
      "E0404", "row has \(plural(found, "field")), but the header has \(expected)", at: span,
      label: label, notes: ["the row was skipped"], help: [help])
  }

  /// E0405: two columns with one name.
  static func duplicateColumn(_ name: String, at span: Span, first: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0405", message: "column `\(name)` appears twice in the header",
      at: .init(span, "second column named `\(name)`"), secondary: [.init(first, "first one here")],
      notes: ["only the first column named `\(name)` is read"],
      help: ["rename one of the two columns"])
  }

  /// W0403: a header cell with no name.
  static func unnamedColumn(number: Int, at span: Span) -> Diagnostic {
    .warning(
      "W0403", "column \(number) has no name, so it is skipped", at: span, label: "no name",
      help: ["give the column a name in the header row to read it"])
  }

  // MARK: Columns the declaration names

  /// E0406: the key column is not in the header.
  static func missingKeyColumn(_ name: String, header: Span, columns: [String]) -> Diagnostic {
    missingColumn("E0406", "key column `\(name)` is not in the file", name, header, columns)
  }

  /// E0407: the period column is not in the header.
  static func missingPeriodColumn(_ name: String, header: Span, columns: [String]) -> Diagnostic {
    missingColumn("E0407", "period column `\(name)` is not in the file", name, header, columns)
  }

  /// The columns besides key and period that a declaration can name.
  enum ColumnRole: String {
    case name
    case group
    case variableName = "variable"
    case value
  }

  /// E0408: a name, group, variable-name or value column is not in the header.
  static func missingRoleColumn(
    _ role: ColumnRole, _ name: String, header: Span, columns: [String]
  ) -> Diagnostic {
    missingColumn(
      "E0408", "\(role.rawValue) column `\(name)` is not in the file", name, header, columns)
  }

  /// E0409: a variable asked for has no column of its name (panel layout).
  static func missingVariable(_ name: String, header: Span, known: [String]) -> Diagnostic {
    missingVariable(name, header, "no column named `\(name)` in this header", known)
  }

  /// E0409: a variable asked for has no column matching the pattern (wide layout).
  static func missingWideVariable(_ name: String, pattern: String, header: Span, known: [String])
    -> Diagnostic
  {
    missingVariable(name, header, "no column matches `\(pattern)` for `\(name)`", known)
  }

  /// E0409: a variable asked for is on no row (long layout); `column` is the header cell of
  /// the variable-name column.
  static func missingLongVariable(_ name: String, column: Span, known: [String]) -> Diagnostic {
    missingVariable(name, column, "no row has `\(name)` in this column", known)
  }

  private static func missingVariable(
    _ name: String, _ span: Span, _ label: String, _ known: [String]
  ) -> Diagnostic {
    .error(
      "E0409", "variable `\(name)` is not in the file", at: span, label: label,
      notes: known.isEmpty ? [] : ["the file has \(listed(known))"],
      help: didYouMean(name, among: known))
  }

  private static func missingColumn(
    _ code: String, _ message: String, _ name: String, _ header: Span, _ columns: [String]
  ) -> Diagnostic {
    .error(
      code, message, at: header, label: "no column named `\(name)` in this header",
      notes: ["the columns are \(listed(columns))"], help: didYouMean(name, among: columns))
  }

  // MARK: Rows

  /// E0410: a row whose key cell is empty.
  static func emptyKey(column: String, at span: Span) -> Diagnostic {
    .error(
      "E0410", "row has no key", at: span, label: "`\(column)` is empty",
      notes: ["the row was skipped"], help: ["every row needs a key that names its entity"])
  }

  /// E0411: a period cell that is not an integer.
  static func periodNotInteger(_ text: String, column: String, at span: Span) -> Diagnostic {
    .error(
      "E0411", "period `\(text)` is not a whole number", at: span,
      label: "expected a whole number such as a year in `\(column)`",
      notes: ["the row was skipped"])
  }

  /// E0412: an entity given twice for one period (or, in long layout, one variable twice).
  static func duplicateRow(
    entity: String, period: Int?, variable: String?, at span: Span, first: Span
  ) -> Diagnostic {
    let what = variable.map { "`\($0)` for `\(entity)`" } ?? "`\(entity)`"
    let when = period.map { " in period \($0)" } ?? ""
    return Diagnostic(
      .error, code: "E0412", message: "\(what) is given twice\(when)",
      at: .init(span, "given again here"), secondary: [.init(first, "first given here")],
      notes: ["the first value is kept"], help: ["remove or correct one of the two rows"])
  }

  /// E0413: a cell in a numeric column that is not a number.
  static func notANumber(_ text: String, column: String, at span: Span, outOfRange: Bool)
    -> Diagnostic
  {
    let label = outOfRange ? "too large for a 64-bit number" : "expected a number"
    return .error(
      "E0413", "`\(text)` in column `\(column)` is not a number", at: span, label: label,
      help: [
        "write numbers as `1234.5` or `1.2e3`; mark a missing value with an empty cell or `NA`"
      ])
  }

  /// E0415: a long-layout row whose variable-name cell is empty.
  static func emptyVariableName(column: String, at span: Span) -> Diagnostic {
    .error(
      "E0415", "row has no variable name", at: span, label: "`\(column)` is empty",
      notes: ["the row was skipped"])
  }

  /// The note on the last diagnostic of a kind when more were left out.
  static func more(_ count: Int, _ what: String) -> String {
    "and \(count) more \(what)"
  }

  // MARK: Options

  /// E0414: a wide-layout pattern without both placeholders.
  static func invalidPattern(_ pattern: String) -> Diagnostic {
    .error(
      "E0414", "column pattern `\(pattern)` needs both `{variable}` and `{period}`",
      help: ["UNDP's own files use `{variable}_{period}`, which reads `le_2022`"])
  }

  /// E0416: two wide-layout columns that give the same variable and period.
  static func duplicateWideColumn(variable: String, period: Int, at span: Span, first: Span)
    -> Diagnostic
  {
    Diagnostic(
      .error, code: "E0416", message: "two columns give `\(variable)` for period \(period)",
      at: .init(span, "second column for `\(variable)` in \(period)"),
      secondary: [.init(first, "first one here")], notes: ["only the first column is read"])
  }

  /// E0417: a delimiter the reader cannot split on.
  static func invalidDelimiter(_ byte: UInt8) -> Diagnostic {
    .error(
      "E0417", "\(hex(byte)) cannot be the delimiter of a data file",
      notes: ["quotes and line breaks already have a meaning in CSV"],
      help: ["use `,`, `;` or a tab"])
  }

  /// W0404: a panel file without any numeric column.
  static func noVariables(header: Span) -> Diagnostic {
    .warning(
      "W0404", "data file has no numeric columns", at: header, label: "every column here is text",
      notes: ["the table has entities but no variables"])
  }

  /// W0405: a wide-layout pattern that no column matches.
  static func patternMatchesNothing(_ pattern: String, header: Span) -> Diagnostic {
    .warning(
      "W0405", "no column matches the pattern `\(pattern)`", at: header,
      label: "expected columns such as `le_2022` here",
      notes: ["a column matches when `{period}` stands for a whole number"])
  }

  // MARK: Wording helpers

  /// "did you mean `health`?", or nothing when no name is close.
  static func didYouMean(_ name: String, among candidates: [String]) -> [String] {
    let close = Suggestions.closest(to: name, among: candidates)
    guard !close.isEmpty else { return [] }
    return ["did you mean \(close.map { "`\($0)`" }.joined(separator: " or "))?"]
  }

  /// A list of names in backticks, cut after the first 12 so a wide file stays readable.
  static func listed(_ names: [String]) -> String {
    let shown = names.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
    return names.count > 12 ? "\(shown) and \(names.count - 12) more" : shown
  }

  private static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "0x" + (digits.count == 1 ? "0" : "") + digits
  }

  private static func latin1(_ byte: UInt8) -> String {
    String(Character(Unicode.Scalar(byte)))
  }
}
