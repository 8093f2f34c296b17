/// Renders diagnostics as text (rustc's layout) or as JSON.
public struct DiagnosticRenderer: Sendable {
  /// Whether to use ANSI colours; the CLI sets this only for a terminal without `NO_COLOR`.
  public var color: Bool
  /// At most this many diagnostics are shown in full; the summary counts them all.
  public var limit: Int

  public init(color: Bool = false, limit: Int = 50) {
    self.color = color
    self.limit = limit
  }

  /// Renders several diagnostics, each followed by a blank line, then a summary line.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var out = ""
    for diagnostic in diagnostics.prefix(limit) {
      out += render(diagnostic)
      out += "\n"
    }
    if diagnostics.count > limit {
      out += "… and \(diagnostics.count - limit) more not shown (the first \(limit) are above)\n"
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    if errors + warnings > 0 {
      var parts: [String] = []
      if errors > 0 { parts.append(plural(errors, "error")) }
      if warnings > 0 { parts.append(plural(warnings, "warning")) }
      out += parts.joined(separator: ", ") + "\n"
    }
    return out
  }

  /// Renders one diagnostic, laid out like this.
  ///
  /// ```
  /// error[E0201]: unknown dimension `helth`
  ///  --> methodologies/hdi.idx:14:3
  ///    |
  /// 14 |   helth: 1
  ///    |   ^^^^^ not declared in this methodology
  ///    |
  ///    = help: did you mean `health`?
  /// ```
  public func render(_ diagnostic: Diagnostic) -> String {
    let diagnostic = diagnostic.escapingUserText()
    var out = paint(diagnostic.severity.rawValue + "[\(diagnostic.code)]", style(diagnostic))
    out += paint(": " + diagnostic.message, "1") + "\n"
    var gutterWidth = 1
    if let primary = diagnostic.primary {
      let allLabels = [primary] + diagnostic.secondary
      let lines = allLabels.map { $0.span.file.lineColumn(of: $0.span.start).line }
      gutterWidth = String(lines.max() ?? 1).count
      let pad = String(repeating: " ", count: gutterWidth)
      out += pad + paint("--> ", "34") + displayLocation(primary.span) + "\n"
      out += snippet(primary, caret: "^", colorCode: style(diagnostic), gutter: gutterWidth)
      for label in diagnostic.secondary {
        if label.span.file.path != primary.span.file.path {
          out += pad + paint("::: ", "34") + displayLocation(label.span) + "\n"
        }
        out += snippet(label, caret: "-", colorCode: "34", gutter: gutterWidth)
      }
    }
    let pad = String(repeating: " ", count: gutterWidth)
    if diagnostic.primary != nil && !(diagnostic.notes.isEmpty && diagnostic.help.isEmpty) {
      out += pad + paint(" |", "34") + "\n"
    }
    for note in diagnostic.notes {
      out += pad + paint(" = ", "34") + paint("note", "1") + ": " + note + "\n"
    }
    for help in diagnostic.help {
      out += pad + paint(" = ", "34") + paint("help", "1") + ": " + help + "\n"
    }
    return out
  }

  /// The source line under a label, with its marks; see `SnippetLine` for what is shown.
  private func snippet(_ label: Diagnostic.Label, caret: Character, colorCode: String, gutter: Int)
    -> String
  {
    let file = label.span.file
    let line = file.lineColumn(of: label.span.start).line
    let shown = SnippetLine(
      file, line: file.lineRange(line), spanStart: label.span.start, spanEnd: label.span.end)
    let pad = String(repeating: " ", count: gutter)
    let number = String(line) + String(repeating: " ", count: gutter - String(line).count)
    var out = pad + paint(" |", "34") + "\n"
    out += paint(number + " |", "34") + (shown.text.isEmpty ? "" : " " + shown.text) + "\n"
    let marks = String(repeating: String(caret), count: shown.markWidth)
    let message = label.message.isEmpty ? "" : " " + label.message
    out += pad + paint(" |", "34") + " " + String(repeating: " ", count: shown.markColumn)
    out += paint(marks + message, colorCode) + "\n"
    return out
  }

  /// `path:line:column`, with the path escaped: it may come from a string in a methodology.
  private func displayLocation(_ span: Span) -> String {
    let (line, column) = span.file.lineColumn(of: span.start)
    return "\(TerminalText.escaped(span.file.path)):\(line):\(column)"
  }

  private func style(_ diagnostic: Diagnostic) -> String {
    switch diagnostic.severity {
    case .error: "1;31"
    case .warning: "1;33"
    case .note: "1;36"
    }
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private func plural(_ count: Int, _ word: String) -> String {
    "\(count) \(word)\(count == 1 ? "" : "s")"
  }
}

extension Diagnostic {
  /// A JSON object for this diagnostic, with 1-based line and column.
  ///
  /// Message, labels, notes and help are escaped for display as in the text rendering (they
  /// are shown to people, by an editor or a CI page); the file path is kept exact, as a JSON
  /// escape where it needs one, because tools use it to open the file.
  public var json: String {
    let shown = escapingUserText()
    var fields: [String] = [
      "\"severity\":\(jsonString(severity.rawValue))",
      "\"code\":\(jsonString(code))",
      "\"message\":\(jsonString(shown.message))",
    ]
    if let primary = shown.primary {
      fields.append("\"location\":\(labelJSON(primary))")
    }
    if !shown.secondary.isEmpty {
      fields.append("\"related\":[\(shown.secondary.map(labelJSON).joined(separator: ","))]")
    }
    fields.append("\"notes\":[\(shown.notes.map(jsonString).joined(separator: ","))]")
    fields.append("\"help\":[\(shown.help.map(jsonString).joined(separator: ","))]")
    return "{" + fields.joined(separator: ",") + "}"
  }

  private func labelJSON(_ label: Label) -> String {
    let (line, column) = label.span.file.lineColumn(of: label.span.start)
    let (endLine, endColumn) = label.span.file.lineColumn(of: label.span.end)
    return "{\"file\":\(jsonString(label.span.file.path)),\"line\":\(line),\"column\":\(column),"
      + "\"endLine\":\(endLine),\"endColumn\":\(endColumn),\"label\":\(jsonString(label.message))}"
  }
}

/// Encodes a string as a JSON string literal that is safe to print.
///
/// Besides what JSON requires (quotes, backslashes, C0 controls), every character
/// `TerminalText` escapes (DEL, C1 controls, direction overrides, invisible characters) is
/// written as a `\uXXXX` escape: a JSON reader gets the exact text back, and no raw control
/// or direction character reaches a terminal that shows the JSON.
public func jsonString(_ text: String) -> String {
  if !needsJSONEscaping(text) { return "\"" + text + "\"" }
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if TerminalText.isUnsafe(scalar) {
        for unit in String(scalar).utf16 { out += jsonEscape(unit) }
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

/// Whether `jsonString` must escape anything in the text; most messages and names need not.
private func needsJSONEscaping(_ text: String) -> Bool {
  var sawNonASCII = false
  for byte in text.utf8 {
    if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
      return true
    }
    if byte >= 0x80 { sawNonASCII = true }
  }
  return sawNonASCII && text.unicodeScalars.contains(where: TerminalText.isUnsafe)
}

/// `\u001b`: one UTF-16 code unit as a JSON escape.
private func jsonEscape(_ unit: UInt16) -> String {
  let hex = String(unit, radix: 16)
  return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
}
