import Diagnostics

/// Turns the bytes of a file into tokens, comments and lexical diagnostics, in one pass.
///
/// The lexer never stops early. A mistake is reported once and replaced by the token the user
/// most likely meant (`;` becomes a separator, `&&` becomes `and`, an unterminated string ends
/// at the end of its line), so the parser sees a plausible stream and adds no second message.
///
/// Text rules: a file is UTF-8, and a byte order mark at its start is skipped. Bytes that are
/// not UTF-8, anywhere (strings and comments too), are found by one validating pass before
/// lexing and reported once per run (E0103); the lexer then steps over them. A line ends at
/// `\n`, `\r\n` or a lone `\r`, here as in `SourceFile`'s line numbers.
struct Lexer {
  /// What one pass produces.
  struct Output {
    var tokens: [Token]
    var comments: [CommentSyntax]
    var diagnostics: [Diagnostic]
  }

  private let file: SourceFile
  /// The tokens so far, `tokenCount` of them, in memory the lexer owns until `tokenize`
  /// copies them into an array of exactly their number and frees it: appending through a
  /// pointer skips the uniqueness check `Array.append` makes for every token, and the tree
  /// then holds no spare capacity.
  private var tokenBase: UnsafeMutablePointer<Token>
  private var tokenCount = 0
  private var tokenCapacity: Int
  private var comments: [CommentSyntax] = []
  private var diagnostics: [Diagnostic] = []
  /// A run of invalid characters not yet reported, so a run gives one message.
  var invalidRun: ByteRange?
  /// The runs of bytes that are not UTF-8, in order, and the next one the lexer will reach.
  var invalidUTF8: [Range<Int>] = []
  var nextInvalidUTF8 = 0

  private init(file: SourceFile, length: Int) {
    self.file = file
    tokenCapacity = length / 4 + 16
    tokenBase = UnsafeMutablePointer<Token>.allocate(capacity: tokenCapacity)
  }

  /// The tokens as an array of exactly their number; frees the lexer's buffer.
  private mutating func takeTokens() -> [Token] {
    let tokens = Array(UnsafeBufferPointer(start: tokenBase, count: tokenCount))
    tokenBase.deinitialize(count: tokenCount)
    tokenBase.deallocate()
    tokenCount = 0
    tokenCapacity = 0
    return tokens
  }

  /// Lexes a whole file; the last token is always `.endOfFile`.
  static func tokenize(_ file: SourceFile) -> Output {
    tokenize(file, range: file.textStart..<file.bytes.count)
  }

  /// Lexes only the bytes of `range` (one cell of a table), with offsets into the whole file.
  static func tokenize(_ file: SourceFile, range: Range<Int>) -> Output {
    let end = min(range.upperBound, file.bytes.count)
    var lexer = Lexer(file: file, length: end - min(range.lowerBound, end))
    file.bytes.withUnsafeBufferPointer { buffer in
      lexer.run(UnsafeBufferPointer(rebasing: buffer[..<end]), from: min(range.lowerBound, end))
    }
    let tokens = lexer.takeTokens()
    return Output(tokens: tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
  }

  private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
    var index = start
    invalidUTF8 = UTF8Validation.invalidRuns(bytes, from: index)
    for run in invalidUTF8 {
      report(Catalog.invalidUTF8(span(run.lowerBound, run.upperBound), bytes: Array(bytes[run])))
    }
    while index < bytes.count {
      let byte = bytes[index]
      let start = index
      // Ranges and single bytes only, no guards: the switch is one jump through a table.
      switch byte {
      case Ascii.space, Ascii.tab:
        // Indentation and alignment come in runs: step over a run here, not byte by byte
        // through the whole switch.
        index += 1
        while index < bytes.count && (bytes[index] == Ascii.space || bytes[index] == Ascii.tab) {
          index += 1
        }
      case Ascii.newline, Ascii.carriageReturn:
        index = Ascii.lineEnd(bytes, at: start)
        if tokenCount == 0 || tokenBase[tokenCount - 1].kind != .newline {
          emit(.newline, start, index)
        }
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        Ascii.underscore:
        index = identifier(bytes, from: start)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        index = number(bytes, from: start)
      case Ascii.quote, Ascii.apostrophe:
        index = string(bytes, from: start, closer: byte)
      case Ascii.slash:
        let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
        if next == Ascii.slash {
          index = lineComment(bytes, from: start)
        } else if next == Ascii.star {
          index = blockComment(bytes, from: start)
        } else {
          index = punctuation(bytes, from: start)
        }
      case 0x80...0xFF:
        index = nonASCII(bytes, from: start)
      default:
        index = punctuation(bytes, from: start)
      }
    }
    flushInvalidRun()
    emit(.endOfFile, bytes.count, bytes.count)
  }

  mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, malformed: Bool = false) {
    appendToken(Token(kind: kind, keyword: nil, start: start, end: end, isMalformed: malformed))
  }

  mutating func appendToken(_ token: Token) {
    if tokenCount == tokenCapacity { growTokens() }
    (tokenBase + tokenCount).initialize(to: token)
    tokenCount += 1
  }

  /// Doubles the token buffer (rare: it starts with room for a token every four bytes).
  @inline(never)
  private mutating func growTokens() {
    let capacity = tokenCapacity * 2 + 16
    let grown = UnsafeMutablePointer<Token>.allocate(capacity: capacity)
    grown.moveInitialize(from: tokenBase, count: tokenCount)
    tokenBase.deallocate()
    tokenBase = grown
    tokenCapacity = capacity
  }

  mutating func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  func span(_ start: Int, _ end: Int) -> Span {
    Span(file: file, start: start, end: end)
  }

  // MARK: - Words and numbers

  private mutating func identifier(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var end = start + 1
    while end < bytes.count && Ascii.isIdentifierPart(bytes[end]) { end += 1 }
    let keyword = Keyword.lookup(bytes, start, end)
    appendToken(Token(kind: .identifier, keyword: keyword, start: start, end: end))
    return end
  }

  /// `12`, `0.5`, `1e6`, `10_000`, `30%`; a number run into letters is one malformed token.
  private mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    func digit(_ at: Int) -> Bool { at < bytes.count && Ascii.isDigit(bytes[at]) }
    var end = start
    while end < bytes.count && (Ascii.isDigit(bytes[end]) || bytes[end] == Ascii.underscore) {
      end += 1
    }
    if end < bytes.count && bytes[end] == Ascii.dot && digit(end + 1) {
      end += 1
      while digit(end) || (end < bytes.count && bytes[end] == Ascii.underscore) { end += 1 }
    }
    if end < bytes.count && (bytes[end] | 0x20) == UInt8(ascii: "e") {
      if digit(end + 1) {
        end += 1
      } else if end + 1 < bytes.count
        && (bytes[end + 1] == Ascii.plus || bytes[end + 1] == Ascii.minus)
        && digit(end + 2)
      {
        end += 2
      }
      while digit(end) { end += 1 }
    }
    let wellFormedEnd = end
    while end < bytes.count
      && (Ascii.isIdentifierPart(bytes[end]) || (bytes[end] == Ascii.dot && digit(end + 1)))
    {
      end += 1
    }
    let malformed = end > wellFormedEnd
    if malformed {
      let startsWithLetter = Ascii.isIdentifierStart(bytes[wellFormedEnd])
      report(
        Catalog.malformedNumber(
          span(start, end), text: span(start, end).text,
          numberPart: startsWithLetter ? span(start, wellFormedEnd).text : nil,
          letters: startsWithLetter ? span(wellFormedEnd, end).text : nil))
    }
    if end < bytes.count && bytes[end] == Ascii.percent {
      emit(.percent, start, end + 1, malformed: malformed)
      return end + 1
    }
    emit(.number, start, end, malformed: malformed)
    return end
  }

  // MARK: - Strings and comments

  /// A string on one line; an unterminated one ends at the end of the line, reported once.
  mutating func string(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, closer: UInt8, opener: Int = 1
  ) -> Int {
    if closer == Ascii.apostrophe {
      report(Catalog.singleQuotedString(span(start, start + 1)))
    }
    var index = start + opener
    var malformed = closer != Ascii.quote
    while index < bytes.count {
      let byte = bytes[index]
      if byte == closer || (closer == 0xE2 && isClosingSmartQuote(bytes, index)) {
        let end = index + (byte == closer && closer != 0xE2 ? 1 : 3)
        emit(.string, start, end, malformed: malformed)
        return end
      }
      if byte == Ascii.newline || byte == Ascii.carriageReturn {
        break
      }
      if byte == Ascii.backslash {
        let escapeEnd = Lexer.escapeEnd(bytes, at: index)
        if escapeEnd == nil {
          let badEnd = min(index + 2, bytes.count)
          report(Catalog.invalidEscape(span(index, badEnd), text: span(index, badEnd).text))
          malformed = true
        }
        index = escapeEnd ?? min(index + 2, bytes.count)
        continue
      }
      index += 1
    }
    report(Catalog.unterminatedString(span(start, index)))
    emit(.string, start, index, malformed: true)
    return index
  }

  private func isClosingSmartQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x9D
  }

  /// Where a valid escape starting at the backslash ends, or nil if it is not valid.
  static func escapeEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    guard index + 1 < bytes.count else { return nil }
    switch bytes[index + 1] {
    case Ascii.quote, Ascii.backslash, UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"),
      UInt8(ascii: "0"):
      return index + 2
    case UInt8(ascii: "u"):
      guard index + 2 < bytes.count, bytes[index + 2] == Ascii.leftBrace else { return nil }
      var end = index + 3
      var value: UInt32 = 0
      while end < bytes.count, let digit = Ascii.hexValue(bytes[end]), end - index < 11 {
        value = value * 16 + digit
        end += 1
      }
      guard end > index + 3, end < bytes.count, bytes[end] == Ascii.rightBrace,
        Unicode.Scalar(value) != nil
      else { return nil }
      return end + 1
    default:
      return nil
    }
  }

  private mutating func lineComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let end = Ascii.lineBreak(bytes, from: start + 2)
    let isDoc =
      start + 2 < bytes.count && bytes[start + 2] == Ascii.slash
      && (start + 3 >= bytes.count || bytes[start + 3] != Ascii.slash)
    comments.append(CommentSyntax(kind: isDoc ? .doc : .line, range: ByteRange(start, end)))
    return end
  }

  /// `/* … */`, nesting, so code containing comments can be commented out.
  private mutating func blockComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var depth = 0
    var index = start
    while index + 1 < bytes.count {
      if bytes[index] == Ascii.slash && bytes[index + 1] == Ascii.star {
        depth += 1
        index += 2
      } else if bytes[index] == Ascii.star && bytes[index + 1] == Ascii.slash {
        depth -= 1
        index += 2
        if depth == 0 {
          comments.append(CommentSyntax(kind: .block, range: ByteRange(start, index)))
          return index
        }
      } else {
        index += 1
      }
    }
    report(Catalog.unterminatedBlockComment(span(start, start + 2)))
    comments.append(CommentSyntax(kind: .block, range: ByteRange(start, bytes.count)))
    return bytes.count
  }
}
