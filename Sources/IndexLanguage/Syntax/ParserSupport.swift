// Recovery, and the small pieces every production uses: names, strings, numbers, doc comments.

extension Parser {
  // MARK: - Recovery

  /// Skips to the end of the current item: a new line or comma outside any braces opened
  /// while skipping, the `}` that closes the enclosing block, or a statement start.
  mutating func skipToItemEnd() {
    var braces = 0
    while !atEnd {
      switch current.kind {
      case .newline, .comma:
        if braces == 0 { return }
      case .leftBrace:
        braces += 1
      case .rightBrace:
        if braces == 0 { return }
        braces -= 1
      default:
        if startsLine(current) && atStatementStart { return }
      }
      advance()
    }
  }

  /// Skips to the next statement: a statement keyword first on its line, outside braces
  /// opened while skipping (or unindented, in case those braces are never closed).
  mutating func synchronize() {
    var braces = 0
    while !atEnd {
      switch current.kind {
      case .leftBrace: braces += 1
      case .rightBrace: braces -= 1
      default:
        let afterNewline = position > 0 && tokens[position - 1].kind == .newline
        if afterNewline && atStatementStart && (braces <= 0 || startsLine(current)) { return }
      }
      advance()
    }
  }

  /// Runs `parse` one level deeper, or reports once and returns `fallback` past the limit.
  mutating func nested<T>(_ fallback: T, _ parse: (inout Parser) -> T) -> T {
    guard depth < Parser.maximumDepth else {
      fail(Catalog.nestingTooDeep(span(current), limit: Parser.maximumDepth))
      return fallback
    }
    depth += 1
    defer { depth -= 1 }
    return parse(&self)
  }

  /// `nested` for an expression, whose fallback is a `bad` node built only when needed.
  mutating func nestedExpr(_ parse: (inout Parser) -> ExprSyntax) -> ExprSyntax {
    guard depth < Parser.maximumDepth else {
      fail(Catalog.nestingTooDeep(span(current), limit: Parser.maximumDepth))
      return arena.bad(.empty(at: current.start))
    }
    depth += 1
    defer { depth -= 1 }
    return parse(&self)
  }

  /// Counts one more level of a tree built in a loop (an operator chain, `a.b.c`).
  ///
  /// Past the limit it reports once and returns false. The loop restores `depth` when it ends.
  mutating func deepen() -> Bool {
    guard depth < Parser.maximumDepth else {
      fail(Catalog.nestingTooDeep(span(current), limit: Parser.maximumDepth, chain: true))
      return false
    }
    depth += 1
    return true
  }

  // MARK: - Names

  /// A name the user declares: an identifier that is not reserved (reported, then accepted).
  ///
  /// `context` (what the name follows, for the message) is built only when it is missing.
  mutating func parseName(after context: @autoclosure () -> String) -> NameSyntax {
    let token = current
    guard token.kind == .identifier else {
      fail(Catalog.expectedName(span(token), after: context(), found: describe(token)))
      return .missing(at: token.start)
    }
    if let keyword = token.keyword, keyword.isReserved {
      report(Catalog.keywordAsName(span(token), keyword: keyword.rawValue))
    }
    advance()
    return NameSyntax(text: nameText(token), range: token.range)
  }

  /// Any identifier, keywords included: property names, members after `.`, argument labels.
  mutating func parseWord() -> NameSyntax {
    let token = advance()
    return NameSyntax(text: nameText(token), range: token.range)
  }

  /// An entity code: an identifier or a string.
  mutating func parseEntity(topLevel: Bool) -> NameSyntax {
    let token = current
    switch token.kind {
    case .identifier:
      advance()
      return NameSyntax(text: nameText(token), range: token.range)
    case .string:
      advance()
      return NameSyntax(text: literalText(token), range: token.range, isQuoted: true)
    default:
      fail(Catalog.expectedEntity(span(token), found: describe(token), topLevel: topLevel))
      return .missing(at: token.start)
    }
  }

  // MARK: - Literals

  /// A string literal, or a diagnostic and nil.
  mutating func parseString(_ context: Catalog.StringContext) -> StringLiteralSyntax? {
    guard check(.string) else {
      fail(Catalog.expectedString(span(current), context: context, found: describe(current)))
      return nil
    }
    let token = advance()
    return StringLiteralSyntax(value: literalText(token), range: token.range)
  }

  /// A string literal's value for the tree, or "" when the parser keeps no text.
  func literalText(_ token: Token) -> String {
    keepsText ? stringValue(token) : ""
  }

  /// A string token's value, with escapes resolved and the quotes removed.
  func stringValue(_ token: Token) -> String {
    bytes.withUnsafeBufferPointer { StringLiteralText.value($0, token.start, token.end) }
  }

  /// Resolves escapes; an invalid one (already reported by the lexer) is kept as written.
  static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var index = start
    while index < end {
      let byte = bytes[index]
      guard byte == Ascii.backslash, let escapeEnd = Lexer.escapeEnd(bytes, at: index),
        escapeEnd <= end
      else {
        out.append(byte)
        index += 1
        continue
      }
      switch bytes[index + 1] {
      case UInt8(ascii: "n"): out.append(Ascii.newline)
      case UInt8(ascii: "t"): out.append(Ascii.tab)
      case UInt8(ascii: "r"): out.append(Ascii.carriageReturn)
      case UInt8(ascii: "0"): out.append(0)
      case UInt8(ascii: "u"):
        var value: UInt32 = 0
        for position in (index + 3)..<(escapeEnd - 1) {
          value = value * 16 + (Ascii.hexValue(bytes[position]) ?? 0)
        }
        if let scalar = Unicode.Scalar(value) { out.append(contentsOf: Array(String(scalar).utf8)) }
      default: out.append(bytes[index + 1])
      }
      index = escapeEnd
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A number token's value (`30%` gives 30), or nil when the lexer found it malformed.
  func numberValue(_ token: Token) -> Double? {
    guard !token.isMalformed else { return nil }
    let end = token.kind == .percent ? token.end - 1 : token.end
    var integer: Double = 0
    var index = token.start
    while index < end && Ascii.isDigit(bytes[index]) && index - token.start < 15 {
      integer = integer * 10 + Double(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    if index == end { return integer }
    var digits = ""
    for byte in bytes[token.start..<end] where byte != Ascii.underscore {
      digits.unicodeScalars.append(Unicode.Scalar(byte))
    }
    return Double(digits)
  }

  // MARK: - Doc comments

  /// The `///` lines between the previous statement and the current token.
  mutating func docComment() -> DocCommentSyntax? {
    let start = current.start
    while nextDocComment < docComments.count && docComments[nextDocComment].range.end <= start
      && docComments[nextDocComment].range.start < previousEnd
    {
      nextDocComment += 1
    }
    let first = nextDocComment
    while nextDocComment < docComments.count && docComments[nextDocComment].range.end <= start {
      nextDocComment += 1
    }
    guard nextDocComment > first else { return nil }
    let lines = docComments[first..<nextDocComment]
    let range = ByteRange(lines[first].range.start, lines[nextDocComment - 1].range.end)
    guard keepsText else { return DocCommentSyntax(text: "", range: range) }
    let text = bytes.withUnsafeBufferPointer { bytes in
      guard lines.count > 1 else { return Self.docLine(bytes, lines[first].range) }
      return lines.map { Self.docLine(bytes, $0.range) }.joined(separator: "\n")
    }
    return DocCommentSyntax(text: text, range: range)
  }

  /// The text of one `///` line: the slashes and one space after them removed.
  ///
  /// Characters, not bytes, are removed, as a reader sees them: when what follows the slashes
  /// or the space is not ASCII (a combining mark joins the character before it), the text is
  /// cut as a `String`.
  static func docLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> String {
    let afterSlashes = range.start + 3
    let end = range.end
    var start = afterSlashes
    if start < end && bytes[start] == Ascii.space { start += 1 }
    let plain =
      (afterSlashes >= end || bytes[afterSlashes] < 0x80) && (start >= end || bytes[start] < 0x80)
    guard plain else {
      let whole = UnsafeBufferPointer(rebasing: bytes[range.start..<end])
      var line = String(decoding: whole, as: UTF8.self).dropFirst(3)
      if line.first == " " { line = line.dropFirst() }
      return String(line)
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}
