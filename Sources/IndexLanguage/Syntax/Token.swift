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

  /// The keyword spelled by `bytes[start..<end]`, if any, without building a string.
  ///
  /// The word's first eight bytes are read as one little-endian integer (the rest, at most
  /// three, as a second) and compared with the spellings of its length, written out below as
  /// constants: no table is read, so no global is touched per word (`KeywordTests` checks
  /// every keyword and many words that are not against `Keyword(rawValue:)`).
  static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
    let length = end - start
    guard length >= 2, length <= longest, let base = bytes.baseAddress else { return nil }
    let word = base + start
    var low: UInt64 = 0
    if start + 8 <= bytes.count {
      low = UnsafeRawPointer(word).loadUnaligned(as: UInt64.self).littleEndian
      if length < 8 { low &= (1 << UInt64(8 * length)) - 1 }
    } else {
      for offset in 0..<min(length, 8) { low |= UInt64(word[offset]) << UInt64(8 * offset) }
    }
    var high: UInt64 = 0
    if length > 8 {
      for offset in 8..<length { high |= UInt64(word[offset]) << UInt64(8 * (offset - 8)) }
    }
    return switch length {
    case 2:
      switch low {
      case 0x0000_0000_0000_6669: .`if`  // if
      case 0x0000_0000_0000_726F: .or  // or
      case 0x0000_0000_0000_7962: .by  // by
      case 0x0000_0000_0000_6F74: .to  // to
      case 0x0000_0000_0000_666F: .of  // of
      default: nil
      }
    case 3:
      switch low {
      case 0x0000_0000_0065_7375: .use  // use
      case 0x0000_0000_0074_6573: .set  // set
      case 0x0000_0000_0064_6461: .add  // add
      case 0x0000_0000_0064_6E61: .and  // and
      case 0x0000_0000_0074_6F6E: .not  // not
      case 0x0000_0000_006E_6970: .pin  // pin
      case 0x0000_0000_0065_6E6F: .one  // one
      default: nil
      }
    case 4:
      switch low {
      case 0x0000_0000_6174_6164: .data  // data
      case 0x0000_0000_7466_6F73: .soft  // soft
      case 0x0000_0000_7473_6572: .rest  // rest
      case 0x0000_0000_6E65_6874: .then  // then
      case 0x0000_0000_6573_6C65: .`else`  // else
      default: nil
      }
    case 5:
      switch low {
      case 0x0000_0078_6564_6E69: .index  // index
      case 0x0000_0065_6C61_6373: .scale  // scale
      case 0x0000_0065_676E_6172: .range  // range
      default: nil
      }
    case 6:
      switch low {
      case 0x0000_7364_6E65_6D61: .amends  // amends
      case 0x0000_6576_6F6D_6572: .remove  // remove
      case 0x0000_7473_756A_6461: .adjust  // adjust
      case 0x0000_6563_7275_6F73: .source  // source
      default: nil
      }
    case 7:
      switch low {
      case 0x0073_646E_6574_7865: .extends  // extends
      case 0x0073_7468_6769_6577: .weights  // weights
      case 0x0073_7265_626D_656D: .members  // members
      case 0x0073_676E_6974_6172: .ratings  // ratings
      case 0x0065_7375_6163_6562: .because  // because
      default: nil
      }
    case 9:
      switch low {
      case 0x6F74_6163_6964_6E69 where high == 0x72: .indicator
      case 0x6F69_736E_656D_6964 where high == 0x6E: .dimension
      default: nil
      }
    case 10:
      switch low {
      case 0x6F74_6163_6964_6E69 where high == 0x7372: .indicators
      default: nil
      }
    case 11:
      switch low {
      case 0x6961_7472_6563_6E75 where high == 0x79746E: .uncertainty
      default: nil
      }
    default: nil
    }
  }

  /// The length of the longest keyword: `lookup` reads no longer word.
  static var longest: Int { 11 }
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
