import Diagnostics

/// CSV fields for every command's `--format csv`.
enum CSVText {
  /// A field, quoted when it holds a comma, a quote or a line break, and escaped for
  /// display: CSV has no escapes of its own and is printed to terminals too.
  static func field(_ text: String) -> String {
    let text = TerminalText.escaped(text)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}
