import Diagnostics

/// Every diagnostic of `idx import`, worded in one place (codes E0501–E0513, W0501).
///
/// Each points at the cell of the CSV table that is wrong (its line and column), says what
/// COINr expects there and what to write instead. An import with any error writes nothing.
enum ImportMessages {
  static let codes = [
    "E0501", "E0502", "E0503", "E0504", "E0505", "E0506", "E0507", "E0508", "E0509", "E0510",
    "E0511", "E0512", "E0513", "W0501",
  ]

  static func missingColumn(_ column: String, table: String, _ span: Span) -> Diagnostic {
    .error(
      "E0501", "\(table) has no `\(column)` column", at: span, label: "the header row",
      notes: ["COINr's \(table) needs the columns \(required(table))"],
      help: ["add a `\(column)` column (the names are case-sensitive)"])
  }

  private static func required(_ table: String) -> String {
    table == "iMeta" ? "`iCode`, `Level`, `Parent` and `Type`" : "`uCode`"
  }

  static func unknownType(_ type: String, _ span: Span) -> Diagnostic {
    .error(
      "E0502", "unknown Type `\(type)`", at: span, label: "not a COINr row type",
      notes: ["Type is `Indicator`, `Aggregate`, `Group`, `Denominator` or `Other`"],
      help: Suggestions.closest(to: type, among: COINrRow.Kind.allCases.map(\.rawValue), limit: 1)
        .map { "did you mean `\($0)`?" })
  }

  static func duplicateCode(_ code: String, _ span: Span, first: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0503", message: "`\(code)` is declared twice in iMeta",
      at: .init(span, "second row"), secondary: [.init(first, "first row")],
      help: ["give each indicator and aggregate its own iCode"])
  }

  static func unknownParent(_ parent: String, of code: String, _ span: Span, close: String?)
    -> Diagnostic
  {
    .error(
      "E0504", "`\(code)`'s Parent `\(parent)` is not an aggregate of iMeta", at: span,
      label: "no row of Type Aggregate has this iCode",
      help: close.map { ["did you mean `\($0)`?"] } ?? [
        "add a row for `\(parent)` with Type Aggregate"
      ]
    )
  }

  static func noParent(_ code: String, _ span: Span) -> Diagnostic {
    .error(
      "E0504", "indicator `\(code)` has no Parent", at: span, label: "empty",
      help: ["name the aggregate it belongs to"])
  }

  static func badLevel(_ message: String, _ span: Span, note: String) -> Diagnostic {
    .error("E0505", message, at: span, label: "level", notes: [note])
  }

  static func cycle(_ codes: [String], _ span: Span) -> Diagnostic {
    .error(
      "E0506",
      "the parents go round in a circle: " + codes.map { "`\($0)`" }.joined(separator: " → "),
      at: span, label: "this Parent leads back here",
      help: ["each aggregate's Parent must be one level higher, ending at the index"])
  }

  static func badNumber(_ column: String, _ text: String, _ span: Span, expected: String)
    -> Diagnostic
  {
    .error(
      "E0507", "\(column) `\(text)` is not \(expected)", at: span, label: "expected \(expected)")
  }

  static func missingDataColumn(_ code: String, role: String, _ span: Span) -> Diagnostic {
    .error(
      "E0508", "\(role) `\(code)` has no column in iData", at: span,
      label: "not a column of iData",
      help: ["add a `\(code)` column to iData, or remove the row"])
  }

  static func noRoot(_ span: Span) -> Diagnostic {
    .error(
      "E0509", "iMeta has no top aggregate", at: span, label: "every aggregate has a Parent",
      help: ["leave the Parent of the index row empty"])
  }

  static func severalRoots(_ codes: [String], _ span: Span) -> Diagnostic {
    .error(
      "E0509",
      "iMeta has \(codes.count) top aggregates: "
        + codes.map { "`\($0)`" }.joined(separator: ", "),
      at: span, label: "a second aggregate without a Parent",
      notes: ["an index has one top: idx's `index` declaration"],
      help: ["give all but one of them a Parent"])
  }

  static func childless(_ code: String, _ span: Span) -> Diagnostic {
    .error(
      "E0510", "aggregate `\(code)` has no members", at: span,
      label: "no row names it as its Parent",
      help: ["name it in the Parent column of its members, or remove the row"])
  }

  static func badName(_ code: String, _ span: Span) -> Diagnostic {
    .error(
      "E0511", "`\(code)` cannot be an idx name", at: span,
      label: "names are ASCII letters, digits and `_`, starting with a letter",
      notes: ["`index`, `members`, `if`, `and`, … are reserved (docs/language.md, section 3)"],
      help: ["rename it in both tables, e.g. `\(suggestedName(code))`"])
  }

  /// A name idx accepts that resembles `code`: other characters become `_`.
  static func suggestedName(_ code: String) -> String {
    var name = String(
      code.unicodeScalars.map {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_"
      })
    if name.first.map({ !$0.isLetter }) ?? true { name = "x" + name }
    return name
  }

  static func unclosedQuote(_ table: String, _ span: Span) -> Diagnostic {
    .error(
      "E0512", "a quote in \(table) is never closed", at: span, label: "opened here",
      help: ["close the quote, or double it (`\"\"`) inside a quoted field"])
  }

  static func emptyTable(_ table: String, _ span: Span) -> Diagnostic {
    .error(
      "E0512", "\(table) has no rows", at: span, label: "empty",
      help: [
        "export the table with its header row and one row per \(table == "iMeta" ? "indicator" : "unit")"
      ])
  }

  static func duplicateUnit(_ unit: String, _ span: Span, first: Span) -> Diagnostic {
    Diagnostic(
      .error, code: "E0513", message: "unit `\(unit)` has two rows for the same Time in iData",
      at: .init(span, "second row"), secondary: [.init(first, "first row")])
  }

  static func unusedColumn(_ column: String, _ span: Span) -> Diagnostic {
    .warning(
      "W0501", "iData column `\(column)` is not in iMeta, so it is not imported", at: span,
      label: "ignored", help: ["add a row for it to iMeta (Type `Other` keeps it as data)"])
  }
}
