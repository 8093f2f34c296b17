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
    var out = paint(diagnostic.severity.rawValue + "[\(diagnostic.code)]", style(diagnostic))
    out += paint(": " + diagnostic.message, "1") + "\n"
    var gutterWidth = 1
    if let primary = diagnostic.primary {
      let allLabels = [primary] + diagnostic.secondary
      let lines = allLabels.map { $0.span.file.lineColumn(of: $0.span.start).line }
      gutterWidth = String(lines.max() ?? 1).count
      let pad = String(repeating: " ", count: gutterWidth)
      out += pad + paint("--> ", "34") + primary.span.location + "\n"
      out += snippet(primary, caret: "^", colorCode: style(diagnostic), gutter: gutterWidth)
      for label in diagnostic.secondary {
        if label.span.file.path != primary.span.file.path {
          out += pad + paint("::: ", "34") + label.span.location + "\n"
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

  private func snippet(_ label: Diagnostic.Label, caret: Character, colorCode: String, gutter: Int)
    -> String
  {
    let file = label.span.file
    let (line, column) = file.lineColumn(of: label.span.start)
    let range = file.lineRange(line)
    let text = expandTabs(String(decoding: file.bytes[range], as: UTF8.self))
    let end = min(max(label.span.end, label.span.start + 1), range.upperBound + 1)
    let width = max(1, file.characterCount(from: label.span.start, to: min(end, range.upperBound)))
    let pad = String(repeating: " ", count: gutter)
    let number = String(line) + String(repeating: " ", count: gutter - String(line).count)
    var out = pad + paint(" |", "34") + "\n"
    out += paint(number + " |", "34") + (text.isEmpty ? "" : " " + text) + "\n"
    let marks = String(repeating: String(caret), count: width)
    let message = label.message.isEmpty ? "" : " " + label.message
    out += pad + paint(" |", "34") + " " + String(repeating: " ", count: column - 1)
    out += paint(marks + message, colorCode) + "\n"
    return out
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

  private func expandTabs(_ text: String) -> String {
    text.replacingTabs()
  }

  private func plural(_ count: Int, _ word: String) -> String {
    "\(count) \(word)\(count == 1 ? "" : "s")"
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    var out = ""
    for character in self { out += character == "\t" ? " " : String(character) }
    return out
  }
}

extension Diagnostic {
  /// A JSON object for this diagnostic, with 1-based line and column.
  public var json: String {
    var fields: [String] = [
      "\"severity\":\(jsonString(severity.rawValue))",
      "\"code\":\(jsonString(code))",
      "\"message\":\(jsonString(message))",
    ]
    if let primary {
      fields.append("\"location\":\(labelJSON(primary))")
    }
    if !secondary.isEmpty {
      fields.append("\"related\":[\(secondary.map(labelJSON).joined(separator: ","))]")
    }
    fields.append("\"notes\":[\(notes.map(jsonString).joined(separator: ","))]")
    fields.append("\"help\":[\(help.map(jsonString).joined(separator: ","))]")
    return "{" + fields.joined(separator: ",") + "}"
  }

  private func labelJSON(_ label: Label) -> String {
    let (line, column) = label.span.file.lineColumn(of: label.span.start)
    let (endLine, endColumn) = label.span.file.lineColumn(of: label.span.end)
    return "{\"file\":\(jsonString(label.span.file.path)),\"line\":\(line),\"column\":\(column),"
      + "\"endLine\":\(endLine),\"endColumn\":\(endColumn),\"label\":\(jsonString(label.message))}"
  }
}

/// Encodes a string as a JSON string literal.
public func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
