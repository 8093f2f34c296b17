import Diagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Punctuation, characters outside ASCII, and the characters people type from other languages.

extension Lexer {
  mutating func punctuation(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let next: UInt8 = start + 1 < bytes.count ? bytes[start + 1] : 0
    // The token's kind and length, emitted once below: the common one-byte tokens take one
    // jump and one append.
    let kind: TokenKind
    var length = 1
    switch bytes[start] {
    case Ascii.leftBrace: kind = .leftBrace
    case Ascii.rightBrace: kind = .rightBrace
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: ":"): kind = .colon
    case Ascii.plus: kind = .plus
    case Ascii.minus: kind = .minus
    case Ascii.star: kind = .star
    case Ascii.slash: kind = .slash
    case UInt8(ascii: "^"): kind = .caret
    case Ascii.dot:
      kind = next == Ascii.dot ? .dotDot : .dot
      length = next == Ascii.dot ? 2 : 1
    case UInt8(ascii: "<"):
      kind = next == Ascii.equals ? .lessEqual : .less
      length = next == Ascii.equals ? 2 : 1
    case UInt8(ascii: ">"):
      kind = next == Ascii.equals ? .greaterEqual : .greater
      length = next == Ascii.equals ? 2 : 1
    case Ascii.equals:
      kind = next == Ascii.equals ? .equalEqual : .equals
      length = next == Ascii.equals ? 2 : 1
    case UInt8(ascii: "!"):
      guard next == Ascii.equals else {
        return substitute(start, start + 1, .not, suggestion: .write("not"))
      }
      kind = .bangEqual
      length = 2
    default:
      return unusual(bytes, from: start, next: next)
    }
    emit(kind, start, start + length)
    return start + length
  }

  /// The ASCII characters that are no token of the language: reported, and most read as the
  /// token the user meant.
  @inline(never)
  private mutating func unusual(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, next: UInt8)
    -> Int
  {
    switch bytes[start] {
    case UInt8(ascii: "&"):
      let end = next == UInt8(ascii: "&") ? start + 2 : start + 1
      return substitute(start, end, .and, suggestion: .write("and"))
    case UInt8(ascii: "|"):
      let end = next == UInt8(ascii: "|") ? start + 2 : start + 1
      return substitute(start, end, .or, suggestion: .write("or"))
    case UInt8(ascii: ";"):
      report(Catalog.invalidCharacter(span(start, start + 1), text: ";", suggestion: .separator))
      emit(.comma, start, start + 1)
      return start + 1
    case Ascii.percent:
      report(Catalog.invalidCharacter(span(start, start + 1), text: "%", suggestion: .percent))
      return start + 1
    case UInt8(ascii: "#"):
      report(Catalog.invalidCharacter(span(start, start + 1), text: "#", suggestion: .comment))
      var end = start
      while end < bytes.count && !Ascii.isLineBreak(bytes[end]) { end += 1 }
      return end
    default:
      return invalid(bytes, start, start + 1)
    }
  }

  /// Reports a character from another language and lexes the keyword it stands for.
  private mutating func substitute(
    _ start: Int, _ end: Int, _ keyword: Keyword, suggestion: Catalog.CharacterSuggestion
  ) -> Int {
    let text = span(start, end).text
    report(Catalog.invalidCharacter(span(start, end), text: text, suggestion: suggestion))
    appendToken(Token(kind: .identifier, keyword: keyword, start: start, end: end))
    return end
  }

  /// `±`, and the look-alikes of operators and quotes that word processors insert.
  ///
  /// Bytes that are not UTF-8 were reported before lexing; they are stepped over here.
  mutating func nonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    while nextInvalidUTF8 < invalidUTF8.count && invalidUTF8[nextInvalidUTF8].upperBound <= start {
      nextInvalidUTF8 += 1
    }
    if nextInvalidUTF8 < invalidUTF8.count && invalidUTF8[nextInvalidUTF8].contains(start) {
      flushInvalidRun()
      return invalidUTF8[nextInvalidUTF8].upperBound
    }
    let length = max(1, UTF8Validation.sequenceLength(bytes, at: start))
    let end = min(start + length, bytes.count)
    let scalar = Array(bytes[start..<end])
    func lookalike(_ kind: TokenKind, _ ascii: String) -> Int {
      report(
        Catalog.invalidCharacter(
          span(start, end), text: span(start, end).text, suggestion: .write(ascii)))
      emit(kind, start, end)
      return end
    }
    switch scalar {
    case [0xC2, 0xB1]:
      emit(.plusMinus, start, end)
      return end
    case [0xE2, 0x88, 0x92], [0xE2, 0x80, 0x93]: return lookalike(.minus, "-")
    case [0xC3, 0x97]: return lookalike(.star, "*")
    case [0xC3, 0xB7]: return lookalike(.slash, "/")
    case [0xE2, 0x89, 0xA4]: return lookalike(.lessEqual, "<=")
    case [0xE2, 0x89, 0xA5]: return lookalike(.greaterEqual, ">=")
    case [0xE2, 0x89, 0xA0]: return lookalike(.bangEqual, "!=")
    case [0xE2, 0x80, 0x9C], [0xE2, 0x80, 0x9D]:
      report(Catalog.invalidCharacter(span(start, end), text: "“", suggestion: .straightQuotes))
      return string(bytes, from: start, closer: 0xE2, opener: 3)
    case [0xC2, 0xA0]:
      report(
        Catalog.invalidCharacter(span(start, end), text: "\u{A0}", suggestion: .nonBreakingSpace))
      return end
    default:
      return invalid(bytes, start, end)
    }
  }

  /// Extends the current run of invalid characters, or reports the previous run and starts one.
  private mutating func invalid(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Int
  {
    if let run = invalidRun, run.end == start {
      invalidRun = ByteRange(run.start, end)
    } else {
      flushInvalidRun()
      invalidRun = ByteRange(start, end)
    }
    return end
  }

  /// Reports the pending run of invalid characters, if any.
  mutating func flushInvalidRun() {
    guard let run = invalidRun else { return }
    invalidRun = nil
    let text = span(run.start, run.end).text
    report(Catalog.invalidCharacter(span(run.start, run.end), text: text, suggestion: .none))
  }
}

/// Byte constants and classes; the language outside strings and comments is ASCII.
enum Ascii {
  static let tab = UInt8(ascii: "\t")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let quote = UInt8(ascii: "\"")
  static let apostrophe = UInt8(ascii: "'")
  static let backslash = UInt8(ascii: "\\")
  static let slash = UInt8(ascii: "/")
  static let star = UInt8(ascii: "*")
  static let plus = UInt8(ascii: "+")
  static let minus = UInt8(ascii: "-")
  static let dot = UInt8(ascii: ".")
  static let equals = UInt8(ascii: "=")
  static let percent = UInt8(ascii: "%")
  static let underscore = UInt8(ascii: "_")
  static let leftBrace = UInt8(ascii: "{")
  static let rightBrace = UInt8(ascii: "}")

  /// The offset of the first `\n` or `\r` at or after `start`, or the end of `bytes`.
  ///
  /// `memchr` finds the `\n` (it reads a word or a vector at a time, where a loop reads a
  /// byte), then the span before it is searched for a `\r`, which is rare.
  static func lineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
    let remaining = bytes.count - start
    var end = bytes.count
    if let found = memchr(base + start, Int32(newline), remaining) {
      end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    if let found = memchr(base + start, Int32(carriageReturn), end - start) {
      end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    return end
  }

  /// Whether a byte ends a line: `\n`, or `\r` (alone or before `\n`).
  static func isLineBreak(_ byte: UInt8) -> Bool {
    byte == newline || byte == carriageReturn
  }

  /// Where the line break at `index` ends: after `\r\n`, or after a lone `\n` or `\r`.
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let crlf =
      bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline
    return index + (crlf ? 2 : 1)
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
  }

  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    isLetter(byte) || byte == underscore
  }

  /// Whether a byte may continue a name: a letter, a digit or `_`.
  ///
  /// Read off two 64-bit masks of the ASCII table (digits in the low one, letters and `_` in
  /// the high one): the lexer asks this of every byte of every name.
  static func isIdentifierPart(_ byte: UInt8) -> Bool {
    let digits: UInt64 = 0x03FF_0000_0000_0000
    let lettersAndUnderscore: UInt64 = 0x07FF_FFFE_87FF_FFFE
    if byte < 64 { return (digits >> UInt64(byte)) & 1 != 0 }
    if byte < 128 { return (lettersAndUnderscore >> UInt64(byte - 64)) & 1 != 0 }
    return false
  }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    if isDigit(byte) { return UInt32(byte - UInt8(ascii: "0")) }
    let lower = byte | 0x20
    if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") {
      return UInt32(lower - UInt8(ascii: "a") + 10)
    }
    return nil
  }
}
