/// Escaping for every user string the report places into the page.
///
/// Entity names, labels and doc comments come from files, so each one is escaped for the
/// context it lands in: element text and quoted attributes (HTML and SVG alike) or a JSON
/// string inside `<script type="application/json">`. Both escapes also hide the colon, so no
/// user text ever reads as a URL scheme in the file (`https:` in a doc comment is shown as
/// written but stored as `https&#58;` or `https\u003a`): the file can then be checked to hold
/// no URL at all. Control characters other than tab and line feed become U+FFFD.
enum Escaping {
  /// Text for element content or a double- or single-quoted attribute value.
  static func html(_ text: String) -> String {
    guard text.utf8.contains(where: needsHTMLEscape) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case ":": out += "&#58;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if isControl(scalar) {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A JSON string literal, quotes included, safe inside an HTML `<script>` element: `<`,
  /// `>` and `&` are escaped, so neither `</script` nor `<!--` can occur in it.
  static func jsonString(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    guard text.utf8.contains(where: needsJSONEscape) else { return out + text + "\"" }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case ":": out += "\\u003a"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if isControl(scalar) {
          out += "\\ufffd"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
  }

  private static func needsHTMLEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
      UInt8(ascii: "'"), UInt8(ascii: ":"):
      return true
    default:
      return byte < 0x20 || byte == 0x7F || byte == 0xC2
    }
  }

  private static func needsJSONEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
      UInt8(ascii: "&"), UInt8(ascii: ":"):
      return true
    default:
      // 0xC2 leads U+0080–U+00BF (C1 controls), 0xE2 leads U+2028 and U+2029.
      return byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }
  }
}
