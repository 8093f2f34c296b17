import Diagnostics

/// A table of text cells, rendered aligned for a terminal or as Markdown.
///
/// Cells hold user text (entity codes and names from CSV files, labels from methodologies), so
/// both renderings show them through `TerminalText.escaped`: a control or direction character
/// in a cell is printed as `\u{1b}`, never sent to the terminal.
struct TextTable {
  /// How a column lines up.
  enum Alignment {
    case left
    case right
  }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  init(headers: [String], alignments: [Alignment]) {
    self.headers = headers
    self.alignments = alignments
  }

  /// Aligned columns separated by two spaces, with a rule under the header; the header is
  /// bold when `color` is on.
  func renderText(color: Bool) -> String {
    let headers = headers.map(TerminalText.escaped)
    let rows = rows.map { $0.map(TerminalText.escaped) }
    let widths = columnWidths(headers, rows)
    var out = line(headers, widths: widths, bold: color) + "\n"
    out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows {
      out += line(row, widths: widths, bold: false) + "\n"
    }
    return out
  }

  /// A GitHub-flavoured Markdown table.
  func renderMarkdown() -> String {
    var out = Self.markdownHeader(headers, alignments: alignments)
    for row in rows {
      out += "| " + row.map(Self.markdownCell).joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// The header line and the alignment line of a Markdown table.
  static func markdownHeader(_ headers: [String], alignments: [Alignment]) -> String {
    "| " + headers.map(markdownCell).joined(separator: " | ") + " |\n" + "|"
      + alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined() + "\n"
  }

  /// A cell of a Markdown table: escaped for display, and `|` escaped for Markdown.
  static func markdownCell(_ cell: String) -> String {
    TerminalText.escaped(cell).replacingAll("|", with: "\\|")
  }

  private func columnWidths(_ headers: [String], _ rows: [[String]]) -> [Int] {
    headers.indices.map { column in
      ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" })
        .map(\.count).max() ?? 0
    }
  }

  private func line(_ cells: [String], widths: [Int], bold: Bool) -> String {
    var parts: [String] = []
    for (column, width) in widths.enumerated() {
      let cell = column < cells.count ? cells[column] : ""
      let padding = String(repeating: " ", count: max(0, width - cell.count))
      let aligned = alignments[column] == .right ? padding + cell : cell + padding
      parts.append(bold ? "\u{1B}[1m\(aligned)\u{1B}[0m" : aligned)
    }
    var text = parts.joined(separator: "  ")
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation-free).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}

/// Formats numbers for people and for machines.
enum NumberFormat {
  /// Shortest text that reads back as the same double: for CSV and JSON.
  static func exact(_ value: Double) -> String {
    NumberWriter.exactText(value)
  }

  /// `exact` for a CSV field: a value that is missing, or not finite, is an empty field.
  static func csv(_ value: Double) -> String {
    value.isFinite ? exact(value) : ""
  }

  /// `exact` for JSON: a value that is missing, or not finite, is `null` (JSON has no NaN).
  static func json(_ value: Double) -> String {
    value.isFinite ? exact(value) : "null"
  }

  /// At most six decimals, trailing zeros dropped: for values quoted in prose.
  static func short(_ value: Double) -> String {
    guard Swift.abs(value) < 1e12 else { return "\(value)" }
    var text = fixed(value, decimals: 6)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// Fixed decimals, rounding half away from zero, for tables.
  static func fixed(_ value: Double, decimals: Int) -> String {
    NumberWriter.fixedText(value, decimals: min(max(decimals, 0), 17))
  }

  /// Decimals that suit a column's magnitude: three for values within ±1, else one.
  static func decimals(for values: [Double]) -> Int {
    let largest = values.filter { !$0.isNaN }.map { Swift.abs($0) }.max() ?? 0
    return largest <= 1 ? 3 : 1
  }
}
