import Diagnostics

/// One token or comment of a file as an editor sees it, for highlighting and completion.
///
/// The lexer's own tokens stay internal (they carry parser state); this is the stable view:
/// what kind of thing covers which bytes, in source order, comments included, separators
/// (new lines) and the end of the file left out.
public struct LexicalToken: Sendable, Equatable {
  /// What a token is; one case per kind of the lexer, and one per kind of comment.
  public enum Kind: String, Sendable, CaseIterable {
    /// An identifier that is a keyword of the grammar (`index`, `members`, `because`, …).
    case keyword
    case identifier
    case number
    case percent
    case string
    case lineComment
    case docComment
    case blockComment
    case leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket
    case comma, colon, equals, dot, dotDot
    case plus, minus, star, slash, caret, plusMinus
    case less, lessEqual, greater, greaterEqual, equalEqual, bangEqual
  }

  public var kind: Kind
  public var range: ByteRange

  public init(kind: Kind, range: ByteRange) {
    self.kind = kind
    self.range = range
  }
}

/// The tokens and comments of a file, in source order.
///
/// Malformed tokens (an unterminated string, a number run into letters) are included as
/// what they were meant to be; characters the lexer could not read at all are left out.
public func lexicalTokens(_ file: SourceFile) -> [LexicalToken] {
  let lexed = Lexer.tokenize(file)
  var tokens: [LexicalToken] = []
  tokens.reserveCapacity(lexed.tokens.count + lexed.comments.count)
  var comment = 0
  func flushComments(before offset: Int) {
    while comment < lexed.comments.count && lexed.comments[comment].range.start < offset {
      let node = lexed.comments[comment]
      let kind: LexicalToken.Kind =
        switch node.kind {
        case .line: .lineComment
        case .doc: .docComment
        case .block: .blockComment
        }
      tokens.append(LexicalToken(kind: kind, range: node.range))
      comment += 1
    }
  }
  for token in lexed.tokens {
    guard let kind = LexicalToken.Kind(token) else { continue }
    flushComments(before: token.start)
    tokens.append(LexicalToken(kind: kind, range: token.range))
  }
  flushComments(before: Int.max)
  return tokens
}

extension LexicalToken.Kind {
  /// The public kind of a lexer token; nil for new lines and the end of the file.
  init?(_ token: Token) {
    switch token.kind {
    case .identifier: self = token.keyword == nil ? .identifier : .keyword
    case .number: self = .number
    case .percent: self = .percent
    case .string: self = .string
    case .newline, .endOfFile: return nil
    case .leftBrace: self = .leftBrace
    case .rightBrace: self = .rightBrace
    case .leftParen: self = .leftParen
    case .rightParen: self = .rightParen
    case .leftBracket: self = .leftBracket
    case .rightBracket: self = .rightBracket
    case .comma: self = .comma
    case .colon: self = .colon
    case .equals: self = .equals
    case .dot: self = .dot
    case .dotDot: self = .dotDot
    case .plus: self = .plus
    case .minus: self = .minus
    case .star: self = .star
    case .slash: self = .slash
    case .caret: self = .caret
    case .plusMinus: self = .plusMinus
    case .less: self = .less
    case .lessEqual: self = .lessEqual
    case .greater: self = .greater
    case .greaterEqual: self = .greaterEqual
    case .equalEqual: self = .equalEqual
    case .bangEqual: self = .bangEqual
    }
  }
}
