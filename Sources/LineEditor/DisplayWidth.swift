/// How many terminal columns text occupies: 0 for combining marks and other zero-width
/// scalars, 2 for East Asian wide and fullwidth characters and emoji, 1 otherwise.
///
/// Terminals decide this with `wcwidth`-like tables; this follows the same Unicode data (East
/// Asian Width W/F, Emoji_Presentation, general categories Mn/Me/Cf) so the cursor lands where
/// the terminal put the character. A grapheme cluster takes the width of its first scalar,
/// except that an emoji variation selector (U+FE0F) makes it wide.
public enum DisplayWidth {
  /// Columns of a string of printable text (control characters count 0).
  public static func columns(of text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += columns(of: character) }
    return total
  }

  /// Columns of one grapheme cluster.
  public static func columns(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count > 1 {
      if scalars.contains("\u{FE0F}") && first.properties.isEmoji { return 2 }
      if scalars.contains("\u{FE0E}") { return min(columns(of: first), 1) }
    }
    return columns(of: first)
  }

  /// Columns of one scalar on its own.
  public static func columns(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }  // Latin-1 and Latin Extended: no marks; U+00AD shows as 1
    if isZeroWidth(scalar) { return 0 }
    if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// Combining marks, format characters (ZWJ, ZWSP, bidi marks) and Hangul medial and final
  /// jamo, which draw on the preceding character.
  private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    if (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value) {
      return true
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// East Asian Width W or F (Unicode 15), as ranges; a few unassigned code points inside the
  /// blocks count as wide, as in glibc.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
    0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08, 0x1AFF0...0x1B2FF,
    0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  private static func isWide(_ value: UInt32) -> Bool {
    if value < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }
}
