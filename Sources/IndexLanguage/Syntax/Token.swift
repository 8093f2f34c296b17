/// The kinds of token the lexer produces.
enum TokenKind: UInt8, Sendable {
  /// A word: a name, or a keyword (then `Token.keyword` says which).
  case identifier
  case number
  /// A number directly followed by `%`.
  case percent
  case string
  /// One or more line breaks (with blank lines and comments between them): a separator.
  case newline
  case endOfFile

  case leftBrace
  case rightBrace
  case leftParen
  case rightParen
  case leftBracket
  case rightBracket
  case comma
  case colon
  case equals
  case dot
  case dotDot

  case plus
  case minus
  case star
  case slash
  case caret
  case plusMinus
  case less
  case lessEqual
  case greater
  case greaterEqual
  case equalEqual
  case bangEqual
}

/// Words with a meaning in the grammar.
///
/// Only a few are reserved and can never name anything: `index` and `uncertainty` (they start
/// paths of their own), `members`, `ratings` and `rest` (they have a meaning inside braces and
/// paths), and the expression words. The others are keywords only where the grammar uses them:
/// a dimension may be called `soft` or `data`, since a statement keyword is recognized by what
/// follows it.
enum Keyword: String, Sendable, CaseIterable {
  case index, data, indicator, indicators, dimension, scale, soft, uncertainty
  case extends, amends, use, set, add, remove, weights, adjust
  case members, ratings, rest
  case `if`, then, `else`, and, or, not
  case because, source, by, pin, to, range, one, of

  /// Whether the word can never be used as a name.
  var isReserved: Bool {
    switch self {
    case .index, .uncertainty, .members, .ratings, .rest: true
    case .if, .then, .else, .and, .or, .not: true
    default: false
    }
  }

  /// The kind of declaration the word introduces, if it is one.
  var declarationKind: DeclSyntax.Kind? {
    switch self {
    case .index: .index
    case .data: .data
    case .indicator: .indicator
    case .indicators: .indicators
    case .dimension: .dimension
    case .scale: .scale
    case .soft: .soft
    case .uncertainty: .uncertainty
    default: nil
    }
  }

  /// Whether a statement can start with this word (so recovery may stop before it).
  var startsStatement: Bool {
    switch self {
    case .index, .data, .indicator, .indicators, .dimension, .scale, .soft, .uncertainty,
      .extends, .amends, .use, .set, .add, .remove, .weights, .adjust:
      true
    default: false
    }
  }

  /// The keyword spelled by `bytes[range]`, if any, without building a string.
  static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
    let first = Int(bytes[start])
    guard first < 128 else { return nil }
    for (keyword, spelling) in candidates[first] where spelling.count == end - start {
      var offset = 1
      while offset < spelling.count && spelling[offset] == bytes[start + offset] {
        offset += 1
      }
      if offset == spelling.count { return keyword }
    }
    return nil
  }

  /// Keywords grouped by their first byte, so a lookup compares against two or three at most.
  private static let candidates: [[(Keyword, [UInt8])]] = {
    var table = [[(Keyword, [UInt8])]](repeating: [], count: 128)
    for keyword in Keyword.allCases {
      let spelling = Array(keyword.rawValue.utf8)
      table[Int(spelling[0])].append((keyword, spelling))
    }
    return table
  }()
}

/// One token: its kind and where it is.
///
/// The text is read from the file only when needed. Offsets are stored in 32 bits and first,
/// so a token takes 12 bytes rather than 32: a file has a token every few bytes, and all of
/// them are held while it is parsed.
struct Token: Sendable {
  private var lower: UInt32
  private var upper: UInt32
  var kind: TokenKind
  /// For identifiers that are keywords.
  var keyword: Keyword?
  /// The lexer found this number or string malformed and said so; its value is unusable.
  var isMalformed: Bool

  init(kind: TokenKind, keyword: Keyword?, start: Int, end: Int, isMalformed: Bool = false) {
    lower = UInt32(clamping: start)
    upper = UInt32(clamping: end)
    self.kind = kind
    self.keyword = keyword
    self.isMalformed = isMalformed
  }

  var start: Int {
    get { Int(lower) }
    set { lower = UInt32(clamping: newValue) }
  }

  var end: Int {
    get { Int(upper) }
    set { upper = UInt32(clamping: newValue) }
  }

  var range: ByteRange { ByteRange(start, end) }

  /// Whether this token is the keyword `keyword`.
  func `is`(_ keyword: Keyword) -> Bool {
    self.keyword == keyword
  }
}

extension TokenKind {
  /// How the token is shown in a message: `` `}` ``, "a number", "the end of the file".
  var description: String {
    switch self {
    case .identifier: "a name"
    case .number: "a number"
    case .percent: "a percentage"
    case .string: "a string"
    case .newline: "the end of the line"
    case .endOfFile: "the end of the file"
    case .leftBrace: "`{`"
    case .rightBrace: "`}`"
    case .leftParen: "`(`"
    case .rightParen: "`)`"
    case .leftBracket: "`[`"
    case .rightBracket: "`]`"
    case .comma: "`,`"
    case .colon: "`:`"
    case .equals: "`=`"
    case .dot: "`.`"
    case .dotDot: "`..`"
    case .plus: "`+`"
    case .minus: "`-`"
    case .star: "`*`"
    case .slash: "`/`"
    case .caret: "`^`"
    case .plusMinus: "`±`"
    case .less: "`<`"
    case .lessEqual: "`<=`"
    case .greater: "`>`"
    case .greaterEqual: "`>=`"
    case .equalEqual: "`==`"
    case .bangEqual: "`!=`"
    }
  }
}
