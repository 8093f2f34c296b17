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
  ///
  /// Every keyword is at most 16 bytes, so a word is packed into two integers and compared
  /// with the few keywords of its first byte and length: no array is read per candidate.
  static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
    let length = end - start
    guard length >= 2, length <= 16 else { return nil }
    let first = Int(bytes[start])
    // Most words are no keyword's length for their first byte: one table read rejects them.
    guard first < 128, lengthsByFirstByte[first] & (1 << UInt32(length)) != 0 else {
      return nil
    }
    let slots = firstByteSlots
    let from = Int(slots[first])
    let upTo = Int(slots[first + 1])
    guard from < upTo else { return nil }
    let (low, high) = pack(bytes, start, end)
    let table = spellings
    for slot in from..<upTo {
      let entry = table[slot]
      if entry.length == length && entry.low == low && entry.high == high { return entry.keyword }
    }
    return nil
  }

  /// A keyword's spelling packed as `lookup` packs a word.
  private struct Spelling {
    var keyword: Keyword
    var length: Int
    var low: UInt64
    var high: UInt64
  }

  /// Up to 16 bytes as two little-endian integers, zero-filled.
  private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (
    UInt64, UInt64
  ) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    for index in start..<end {
      let shift = UInt64((index - start) & 7) * 8
      if index - start < 8 {
        low |= UInt64(bytes[index]) << shift
      } else {
        high |= UInt64(bytes[index]) << shift
      }
    }
    return (low, high)
  }

  /// Every keyword's spelling, sorted by first byte.
  private static let spellings: [Spelling] = {
    var table: [Spelling] = []
    for keyword in Keyword.allCases {
      let spelling = Array(keyword.rawValue.utf8)
      // `lookup` reads only words of 2 to 16 bytes: a keyword outside that would never match.
      precondition(
        (2...16).contains(spelling.count), "keyword \(keyword.rawValue) is not 2-16 bytes")
      let (low, high) = spelling.withUnsafeBufferPointer { pack($0, 0, $0.count) }
      table.append(Spelling(keyword: keyword, length: spelling.count, low: low, high: high))
    }
    return table.sorted { ($0.low & 0xFF, $0.length) < ($1.low & 0xFF, $1.length) }
  }()

  /// For each first byte, a bit set at every length some keyword starting with it has.
  private static let lengthsByFirstByte: [UInt32] = {
    var masks = [UInt32](repeating: 0, count: 128)
    for entry in spellings { masks[Int(entry.low & 0xFF)] |= 1 << UInt32(entry.length) }
    return masks
  }()

  /// For each first byte `b`, the keywords starting with it are `spellings[slots[b]..<slots[b + 1]]`.
  private static let firstByteSlots: [UInt8] = {
    var slots = [UInt8](repeating: 0, count: 129)
    for entry in spellings { slots[Int(entry.low & 0xFF) + 1] += 1 }
    for index in 1..<slots.count { slots[index] += slots[index - 1] }
    return slots
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
