/// Text from input files made safe to show on a terminal, in an editor or in a browser.
///
/// A methodology or a CSV file may come from anywhere, and the tool echoes parts of it: source
/// lines under a caret, names, labels, doc comments, entity codes in a ranking. A control
/// character in that text reaches the terminal as a command (`ESC [ 2 J` clears the screen, an
/// OSC sequence rewrites the window title or plants a link), and a bidirectional override makes
/// a line read differently from what it holds (the "Trojan Source" trick), or makes a
/// diagnostic look as if it came from the tool. So every piece of user text the tool prints
/// goes through `escaped(_:)`, which shows such characters as `\u{1b}`: visible, unambiguous,
/// and inert. Text that has none, nearly all of it, comes back unchanged without a copy.
///
/// What is escaped:
/// - C0 controls U+0000–U+001F (tab, line feed and carriage return as `\t`, `\n`, `\r`),
///   DEL U+007F, and the C1 controls U+0080–U+009F (8-bit CSI and OSC among them);
/// - the bidirectional formatting characters: ALM U+061C, LRM and RLM U+200E–U+200F, the
///   embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069;
/// - the line and paragraph separators U+2028–U+2029, which some terminals and editors break
///   lines on;
/// - invisible characters that make two different names look the same: soft hyphen U+00AD,
///   the Mongolian vowel separator U+180E, zero-width space U+200B, word joiner and invisible
///   operators U+2060–U+2064, the zero-width no-break space U+FEFF, the interlinear annotation
///   marks U+FFF9–U+FFFB, and the tag characters U+E0000–U+E007F.
///
/// Zero-width joiners and non-joiners (U+200C, U+200D) are kept: Persian, Indic scripts and
/// emoji need them, and they move no text. A backslash is not escaped, so `\u{1b}` written in
/// a file is shown as it is; that is the one ambiguity, and it cannot hide anything.
public enum TerminalText {
  /// The text with every character described above shown as an escape.
  public static func escaped(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      appendDisplay(of: scalar, to: &out)
    }
    return out
  }

  /// The text escaped line by line: its line feeds are kept, everything else is escaped.
  ///
  /// For a report assembled from many pieces of user text, such as `idx explain`'s.
  public static func escapedLines(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { escaped(String($0)) }.joined(separator: "\n")
  }

  /// Whether `escaped(_:)` would change the text; false for printable ASCII at once.
  public static func needsEscaping(_ text: String) -> Bool {
    var sawNonASCII = false
    for byte in text.utf8 {
      if byte < 0x20 || byte == 0x7F { return true }
      if byte >= 0x80 { sawNonASCII = true }
    }
    return sawNonASCII && text.unicodeScalars.contains(where: isUnsafe)
  }

  /// Whether a character must not reach a terminal as it is.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0xAD, 0x061C, 0x180E: true
    case 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069: true
    case 0xFEFF, 0xFFF9...0xFFFB, 0xE0000...0xE007F: true
    default: false
    }
  }

  /// Appends a character as it should be shown: itself, or its escape.
  public static func appendDisplay(of scalar: Unicode.Scalar, to out: inout String) {
    guard isUnsafe(scalar) else {
      out.unicodeScalars.append(scalar)
      return
    }
    switch scalar {
    case "\t": out += "\\t"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
    }
  }

  /// How a byte that is not part of valid UTF-8 is shown: `\xE9`.
  public static func invalidByte(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "\\x" + (hex.count == 1 ? "0" : "") + hex
  }
}

extension Diagnostic {
  /// This diagnostic with its message, labels, notes and help escaped for display.
  ///
  /// Messages quote the input (names, strings, CSV cells), so every renderer shows them
  /// through this: the text renderer, the JSON form, and an editor's language server alike.
  public func escapingUserText() -> Diagnostic {
    var shown = self
    shown.message = TerminalText.escaped(message)
    shown.primary = primary.map { Label($0.span, TerminalText.escaped($0.message)) }
    shown.secondary = secondary.map { Label($0.span, TerminalText.escaped($0.message)) }
    shown.notes = notes.map(TerminalText.escaped)
    shown.help = help.map(TerminalText.escaped)
    return shown
  }
}
