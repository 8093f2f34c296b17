/// Why some bytes are not JSON, and where.
public struct JSONParseError: Error, Sendable, Equatable {
  public var message: String
  /// Byte offset of the problem.
  public var offset: Int
}

/// Reads JSON (RFC 8259) from bytes, without recursion.
///
/// Containers are tracked on an explicit stack and nesting is limited to `maximumDepth`, so no
/// input can exhaust the stack (here or when the value is later freed). Strict: no trailing
/// commas, no comments, no leading zeros, control characters escaped in strings, one value
/// and only white space around it. Invalid UTF-8 and lone surrogates become U+FFFD.
public struct JSONParser {
  public static let maximumDepth = 256

  private let bytes: [UInt8]
  private var index = 0

  private init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses one JSON value that fills `bytes` (white space around it allowed).
  public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
    var parser = JSONParser(bytes)
    do {
      let value = try parser.document()
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  public static func parse(_ text: String) -> Result<JSONValue, JSONParseError> {
    parse(Array(text.utf8))
  }

  /// A container being read: an array's elements, or an object's members and pending key.
  private enum Frame {
    case array([JSONValue])
    case object(JSONObject, key: String)
  }

  private mutating func document() throws(JSONParseError) -> JSONValue {
    var stack: [Frame] = []
    var result: JSONValue?
    skipWhiteSpace()
    while result == nil {
      // Read one value (or open a container, or close an empty one).
      var value: JSONValue?
      switch peek() {
      case UInt8(ascii: "{"):
        index += 1
        skipWhiteSpace()
        if peek() == UInt8(ascii: "}") {
          index += 1
          value = .object(JSONObject())
        } else {
          guard stack.count < Self.maximumDepth else { throw fail("nesting deeper than 256") }
          let key = try memberKey()
          stack.append(.object(JSONObject(), key: key))
          continue
        }
      case UInt8(ascii: "["):
        index += 1
        skipWhiteSpace()
        if peek() == UInt8(ascii: "]") {
          index += 1
          value = .array([])
        } else {
          guard stack.count < Self.maximumDepth else { throw fail("nesting deeper than 256") }
          stack.append(.array([]))
          continue
        }
      default:
        value = try scalar()
      }
      // Attach it to the enclosing container, closing containers that are complete.
      guard var finished = value else { throw fail("expected a value") }
      while true {
        guard let frame = stack.popLast() else {
          result = finished
          break
        }
        skipWhiteSpace()
        switch frame {
        case .array(var elements):
          elements.append(finished)
          if match(UInt8(ascii: ",")) {
            skipWhiteSpace()
            stack.append(.array(elements))
          } else if match(UInt8(ascii: "]")) {
            finished = .array(elements)
            continue
          } else {
            throw fail("expected `,` or `]` in an array")
          }
        case .object(var object, let key):
          if object[key] != nil {
            object[key] = finished
          } else {
            object.appendUnchecked(key, finished)
          }
          if match(UInt8(ascii: ",")) {
            skipWhiteSpace()
            let next = try memberKey()
            stack.append(.object(object, key: next))
          } else if match(UInt8(ascii: "}")) {
            finished = .object(object)
            continue
          } else {
            throw fail("expected `,` or `}` in an object")
          }
        }
        break
      }
      skipWhiteSpace()
    }
    guard index == bytes.count else { throw fail("unexpected text after the value") }
    return result ?? .null
  }

  /// `"key" :` inside an object.
  private mutating func memberKey() throws(JSONParseError) -> String {
    guard peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
    let key = try string()
    skipWhiteSpace()
    guard match(UInt8(ascii: ":")) else { throw fail("expected `:` after a member name") }
    skipWhiteSpace()
    return key
  }

  private mutating func scalar() throws(JSONParseError) -> JSONValue {
    guard let byte = peek() else { throw fail("unexpected end of input") }
    switch byte {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw fail("unexpected character")
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONParseError)
    -> JSONValue
  {
    let count = word.utf8CodeUnitCount
    let matches = word.withUTF8Buffer { spelling in
      index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == spelling[$0] }
    }
    guard matches else { throw fail("unexpected word") }
    index += count
    return value
  }

  private mutating func number() throws(JSONParseError) -> JSONValue {
    let start = index
    _ = match(UInt8(ascii: "-"))
    func digits() -> Int {
      let from = index
      while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { index += 1 }
      return index - from
    }
    if peek() == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      throw fail("expected a digit")
    }
    if match(UInt8(ascii: ".")) && digits() == 0 { throw fail("expected a digit after `.`") }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      index += 1
      if !match(UInt8(ascii: "+")) { _ = match(UInt8(ascii: "-")) }
      if digits() == 0 { throw fail("expected a digit in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw JSONParseError(message: "number out of range", offset: start)
    }
    return .number(value)
  }

  /// A string literal; the current byte is its opening quote.
  private mutating func string() throws(JSONParseError) -> String {
    index += 1
    var out: [UInt8] = []
    var runStart = index
    while true {
      guard let byte = peek() else { throw fail("unterminated string") }
      if byte == UInt8(ascii: "\"") {
        out += bytes[runStart..<index]
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if byte < 0x20 { throw fail("control character in a string (escape it)") }
      guard byte == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      out += bytes[runStart..<index]
      index += 1
      guard let escape = peek() else { throw fail("unterminated escape") }
      index += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"): out += try unicodeEscape()
      default: throw fail("invalid escape")
      }
      runStart = index
    }
  }

  /// The UTF-8 of `\uXXXX` (after the `u`), joining surrogate pairs.
  private mutating func unicodeEscape() throws(JSONParseError) -> [UInt8] {
    var value = try hex4()
    if (0xD800..<0xDC00).contains(value), index + 1 < bytes.count,
      bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
    {
      let save = index
      index += 2
      let low = try hex4()
      if (0xDC00..<0xE000).contains(low) {
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      } else {
        index = save
      }
    }
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    return Array(String(Character(scalar)).utf8)
  }

  private mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail("expected four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw fail("expected four hex digits")
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }

  private func peek() -> UInt8? {
    index < bytes.count ? bytes[index] : nil
  }

  private mutating func match(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    index += 1
    return true
  }

  private mutating func skipWhiteSpace() {
    while let byte = peek(),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        || byte == UInt8(ascii: "\t")
    {
      index += 1
    }
  }

  private func fail(_ message: String) -> JSONParseError {
    JSONParseError(message: message, offset: index)
  }
}
