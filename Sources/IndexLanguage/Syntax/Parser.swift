import Diagnostics

/// Reads tokens into a syntax tree.
///
/// Hand-written recursive descent, one function per grammar
/// rule of `grammar/idx.ebnf`, named after it.
///
/// Recovery doctrine (after swift-syntax and clox):
/// - The parser never throws and never gives up: it always returns a whole tree, with `bad`
///   placeholders and missing names where the input made no sense.
/// - One mistake, one message. A failure sets `panicking`, which silences further messages
///   until the parser is back in step at the next item or statement boundary.
/// - Recovery points are item boundaries (a new line or comma at the same brace level, or a
///   `}`) and statement boundaries (a statement keyword at the start of a line).
/// - Progress is guaranteed: every loop that parses a sequence consumes at least one token
///   per round, so the parser terminates on any input.
/// - Recursion is bounded: past `maximumDepth` levels of an expression (nesting, or steps of an
///   operator chain) there is one diagnostic and the rest is skipped, so 10,000 `(` cannot
///   overflow the stack and 100,000 `+` in a row cannot build a tree that deep.
public struct Parser {
  /// How deep expressions may nest before the parser refuses to go on.
  public static let maximumDepth = 200

  let file: SourceFile
  /// The file's bytes, held here once: reading them through `file` retains them per read.
  let bytes: [UInt8]
  var tokens: [Token]
  var position = 0
  /// End offset of the last token consumed (not counting new lines): where nodes end.
  var previousEnd = 0
  var diagnostics: [Diagnostic]
  /// Set after a failure: messages are dropped until the parser resynchronizes.
  var panicking = false
  /// Number of enclosing `(` and `[`; inside them new lines do not separate anything.
  var groupDepth = 0
  /// Current expression nesting, bounded by `maximumDepth`.
  var depth = 0
  let docComments: [CommentSyntax]
  var nextDocComment = 0
  /// Where the file's expressions are built.
  let arena: ExprArena
  /// Whether `parseExpr` may take the short way for the common shapes (`parseSimpleExpr`);
  /// off only in the test that checks both ways give the same tree.
  var simpleExpressions = true
  /// Whether names, labels, string values and doc comments get their text; off for the
  /// formatter, which reads only ranges (see `parse(_:simpleExpressions:keepingText:)`).
  var keepsText = true
  /// Where `parseBody` collects a body's items before copying them into the tree.
  var itemBuffer: [BodyItemSyntax] = []

  init(file: SourceFile) {
    self.init(file: file, range: file.textStart..<file.bytes.count)
  }

  /// A parser of only the bytes of `range` (one cell of a table).
  init(file: SourceFile, range: Range<Int>) {
    self.file = file
    bytes = file.bytes
    arena = ExprArena(bytes: bytes, parsing: range.count)
    let lexed = Lexer.tokenize(file, range: range)
    tokens = lexed.tokens
    diagnostics = lexed.diagnostics
    docComments = lexed.comments.filter { $0.kind == .doc }
    comments = lexed.comments
  }

  /// Every comment of the lexed bytes, in order.
  let comments: [CommentSyntax]

  /// Parses a whole file.
  ///
  /// Never fails: problems come back as diagnostics, sorted by position. A large file is
  /// parsed in parts on every core when that gives the same tree (`PartedParse`).
  public static func parse(_ file: SourceFile) -> (SourceFileSyntax, [Diagnostic]) {
    if let parted = PartedParse.parse(file) { return (parted, []) }
    return parse(file, simpleExpressions: true)
  }

  /// `parse(_:)`, with the short way for common expressions on or off, and optionally
  /// without the text of names, labels, string values and doc comments.
  ///
  /// Without text (`keepingText: false`) every name and label of the tree is an empty string
  /// at its true range, and nothing else differs: the parser never decides anything by a
  /// name's text. The diagnostics are the same ones at the same places, but messages that
  /// quote a name may read differently, so a caller that shows them must parse again with
  /// text (`format(_:)` does when the file has errors).
  static func parse(_ file: SourceFile, simpleExpressions: Bool, keepingText: Bool = true) -> (
    SourceFileSyntax, [Diagnostic]
  ) {
    var parser = Parser(file: file)
    parser.simpleExpressions = simpleExpressions
    parser.keepsText = keepingText
    let statements = parser.parseFile()
    let tree = SourceFileSyntax(file: file, statements: statements, comments: parser.comments)
    return (tree, parser.diagnostics.sortedByLocation())
  }

  // MARK: - Looking at tokens

  var current: Token { tokens[position] }

  /// The token `offset` places ahead (the end-of-file token past the end).
  func peek(_ offset: Int = 1) -> Token {
    tokens[min(position + offset, tokens.count - 1)]
  }

  var atEnd: Bool { current.kind == .endOfFile }

  func check(_ kind: TokenKind) -> Bool { current.kind == kind }

  func check(_ keyword: Keyword) -> Bool { current.keyword == keyword }

  /// Consumes and returns the current token; never moves past the end of the file.
  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[position]
    if token.kind != .endOfFile {
      position += 1
      if token.kind != .newline { previousEnd = token.end }
    }
    if groupDepth > 0 { skipNewlines() }
    return token
  }

  /// Consumes the current token if it is of `kind`.
  mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  mutating func match(_ keyword: Keyword) -> Bool {
    guard check(keyword) else { return false }
    advance()
    return true
  }

  mutating func skipNewlines() {
    while tokens[position].kind == .newline { position += 1 }
  }

  mutating func skipSeparators() {
    while tokens[position].kind == .newline || tokens[position].kind == .comma {
      advance()
    }
  }

  /// Whether a new line or comma (or the end) separates what was just parsed from what follows.
  var atSeparator: Bool {
    switch current.kind {
    case .newline, .comma, .endOfFile: true
    default:
      position > 0 && (tokens[position - 1].kind == .newline || tokens[position - 1].kind == .comma)
    }
  }

  /// Whether the current token starts a statement.
  ///
  /// It does when it is a statement keyword followed by what that statement needs next (a
  /// name, a string, `{`). So `soft: 20%` or a member called `data`
  /// are not statements. `adjust` is also an item inside bodies, so it counts only unindented.
  var atStatementStart: Bool {
    guard let keyword = current.keyword, keyword.startsStatement else { return false }
    let next = peek().kind
    switch keyword {
    case .extends, .amends, .use: return next == .string
    case .uncertainty: return next == .leftBrace
    case .weights: return next == .identifier || next == .leftBrace
    case .adjust: return startsLine(current) && (next == .identifier || next == .string)
    default: return next == .identifier
    }
  }

  /// Whether a token is the first thing on its line, unindented (after any line end).
  func startsLine(_ token: Token) -> Bool {
    file.isLineStart(token.start)
  }

  // MARK: - Text of tokens

  func span(_ range: ByteRange) -> Span { Span(file: file, start: range.start, end: range.end) }

  func span(_ token: Token) -> Span { span(token.range) }

  /// A name's text for the tree: the token's text, or "" when the parser keeps no text.
  func nameText(_ token: Token) -> String {
    keepsText ? text(token) : ""
  }

  func text(_ token: Token) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[token.start..<token.end]), as: UTF8.self)
    }
  }

  /// How a token is named in a message: `` `members` ``, "a number", "the end of the line".
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier: "`\(text(token))`"
    case .number, .percent: "the number `\(text(token))`"
    case .string: "the string \(text(token))"
    default: token.kind.description
    }
  }

  /// The previous token, for "expected a value after `+`".
  var describePrevious: String {
    var index = position - 1
    while index > 0 && tokens[index].kind == .newline { index -= 1 }
    guard index >= 0 else { return "the start of the file" }
    return "`\(text(tokens[index]))`"
  }

  // MARK: - Reporting

  /// Reports a failure and stops reporting until the parser is back in step.
  mutating func fail(_ diagnostic: Diagnostic) {
    if !panicking { diagnostics.append(diagnostic) }
    panicking = true
  }

  /// Reports a mistake the parser has already stepped over, so parsing goes on normally.
  mutating func report(_ diagnostic: Diagnostic) {
    if !panicking { diagnostics.append(diagnostic) }
  }

  /// A range from `start` to the end of the last token consumed.
  func range(from start: Int) -> ByteRange { ByteRange(start, max(start, previousEnd)) }
}
