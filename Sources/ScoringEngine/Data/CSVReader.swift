import Diagnostics

// The reader follows RFC 4180 and is lenient where the RFC leaves room: CR, LF or CRLF end a
// record, spaces may precede an opening quote, a quote inside an unquoted field is an ordinary
// character, and text after a closing quote stays part of the field. Its one hard error is a quote that is never closed; the field
// is then cut at the end of its line, so one stray quote costs one diagnostic instead of
// swallowing the rest of the file.
//
// Fields are byte ranges into the file. Nothing is copied until a caller asks for a field's
// text or number, which is what lets a 100 MB file load without a String per cell.

/// One field of a record: the raw bytes `start..<end`, quotes included.
struct CSVField: Equatable {
  var start: Int
  var end: Int

  /// Whether the field holds no bytes at all (`a,,b` has one in the middle).
  var isEmpty: Bool { start == end }
}

/// Splits CSV bytes into records and fields in one pass, without copying them.
///
/// The reader borrows the bytes: it must not outlive the `withUnsafeBufferPointer` call that
/// produced them.
struct CSVReader {
  let base: UnsafePointer<UInt8>?
  /// The number of bytes in the input.
  let count: Int
  let delimiter: UInt8
  /// Where the next record starts.
  private(set) var position: Int
  /// Offsets of opening quotes that were never closed, in file order.
  private(set) var unclosedQuotes: [Int] = []

  init(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
    self.base = bytes.baseAddress
    self.count = bytes.count
    self.delimiter = delimiter
    self.position = 0
  }

  /// Whether a byte can separate fields: quotes and line breaks already mean something else.
  static func canSplit(on delimiter: UInt8) -> Bool {
    delimiter != quote && delimiter != lineFeed && delimiter != carriageReturn
  }

  /// Reads the next record's fields into `fields` and returns the record's byte range, without
  /// its line terminator; nil at the end of the input.
  mutating func nextRecord(into fields: inout [CSVField]) -> Range<Int>? {
    fields.removeAll(keepingCapacity: true)
    guard let base, position < count else { return nil }
    let recordStart = position
    var index = position
    while true {
      let fieldStart = index
      index = endOfField(base, from: index)
      fields.append(CSVField(start: fieldStart, end: index))
      guard index < count && base[index] == delimiter else { break }
      index += 1
    }
    return finishRecord(base, from: recordStart, at: index)
  }

  /// Reads the next record like `nextRecord(into:)`, and the value of every field that is a
  /// plain decimal number on the way: `numbers[i]` is field `i`'s value, or `unreadNumber`
  /// when the field needs the full path (`TableLoader.number`): quotes, padding, an exponent,
  /// text, more than 19 digits, or one of the `missing` tokens (which may look like numbers).
  ///
  /// A field of numbers is then read once, by the parser, which finds the field's end where
  /// the number ends; the fields are the same as `nextRecord(into:)` finds.
  mutating func nextRecord(
    into fields: inout [CSVField], numbers: inout [Double], parser: NumberParser,
    missing: MissingTokens
  ) -> Range<Int>? {
    fields.removeAll(keepingCapacity: true)
    numbers.removeAll(keepingCapacity: true)
    guard let base, position < count else { return nil }
    let recordStart = position
    var index = position
    while true {
      let fieldStart = index
      let (numberEnd, value) = parser.scanPlainNumber(base, from: index, to: count)
      if let value, numberEnd == count || isFieldEnd(base[numberEnd]),
        !missing.matches(
          UnsafeBufferPointer(start: base + fieldStart, count: numberEnd - fieldStart))
      {
        index = numberEnd
        numbers.append(value)
      } else {
        index = endOfField(base, from: index)
        numbers.append(Self.unreadNumber)
      }
      fields.append(CSVField(start: fieldStart, end: index))
      guard index < count && base[index] == delimiter else { break }
      index += 1
    }
    return finishRecord(base, from: recordStart, at: index)
  }

  /// The offset of the delimiter or line end that closes the field starting at `start`.
  @inline(__always)
  mutating func endOfField(_ base: UnsafePointer<UInt8>, from start: Int) -> Int {
    // Spaces before an opening quote are padding: `a, "b, c"` has two fields.
    var opening = start
    while opening < count && isPadding(base[opening]) { opening += 1 }
    if opening < count && base[opening] == quote {
      return endOfQuotedField(base, openingAt: opening)
    }
    return endOfPlainField(base, from: start)
  }

  /// Steps over the line terminator at `end` (CR, LF or CRLF), if any, and returns the range
  /// of the record that ends there.
  @inline(__always)
  private mutating func finishRecord(
    _ base: UnsafePointer<UInt8>, from start: Int, at end: Int
  ) -> Range<Int> {
    var index = end
    if index < count && base[index] == carriageReturn { index += 1 }
    if index < count && base[index] == lineFeed { index += 1 }
    position = index
    return start..<end
  }

  /// What `nextRecord(into:numbers:…)` gives a field it did not read as a number: a NaN with
  /// a payload, never a value it reads (a missing cell's NaN comes from the full path).
  static let unreadNumber = Double(nan: 0x1DB, signaling: false)

  /// Whether a byte ends a field that has no opening quote.
  @inline(__always)
  func isFieldEnd(_ byte: UInt8) -> Bool {
    byte == delimiter || byte == lineFeed || byte == carriageReturn
  }

  /// The offset of the delimiter or line end that closes a field without an opening quote.
  ///
  /// Looks at eight bytes at a time while it can: fields of numbers are short, but rows of
  /// long text are not.
  @inline(__always)
  private func endOfPlainField(_ base: UnsafePointer<UInt8>, from start: Int) -> Int {
    var index = start
    let delimiters = UInt64(delimiter) &* everyByte
    while index + 8 <= count {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
      let stops =
        zeroBytes(word ^ delimiters) | zeroBytes(word ^ lineFeeds)
        | zeroBytes(word ^ carriageReturns)
      if stops != 0 { return index + stops.trailingZeroBitCount / 8 }
      index += 8
    }
    while index < count {
      let byte = base[index]
      if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
      index += 1
    }
    return index
  }

  /// The offset just past a quoted field, or its line end when the quote is never closed.
  private mutating func endOfQuotedField(_ base: UnsafePointer<UInt8>, openingAt open: Int) -> Int {
    var index = open + 1
    while true {
      while index < count && base[index] != quote { index += 1 }
      guard index < count else {
        unclosedQuotes.append(open)
        var lineEnd = open + 1
        while lineEnd < count && base[lineEnd] != lineFeed && base[lineEnd] != carriageReturn {
          lineEnd += 1
        }
        return lineEnd
      }
      if index + 1 < count && base[index + 1] == quote {
        index += 2
      } else {
        return endOfPlainField(base, from: index + 1)
      }
    }
  }
}

extension CSVReader {
  /// The range of a field's content when no unescaping is needed, trimmed of spaces and tabs.
  ///
  /// That covers unquoted fields and quoted fields with no doubled quote and nothing but
  /// spaces after the closing quote: almost every field. For the others, nil; use `unescapedBytes`.
  @inline(__always)
  func plainContent(_ field: CSVField) -> Range<Int>? {
    guard let base else { return 0..<0 }
    var start = field.start
    var end = field.end
    while start < end && isPadding(base[start]) { start += 1 }
    while end > start && isPadding(base[end - 1]) { end -= 1 }
    guard start < end && base[start] == quote else { return start..<end }
    guard end - start >= 2 && base[end - 1] == quote else { return nil }
    for index in (start + 1)..<(end - 1) where base[index] == quote { return nil }
    start += 1
    end -= 1
    while start < end && isPadding(base[start]) { start += 1 }
    while end > start && isPadding(base[end - 1]) { end -= 1 }
    return start..<end
  }

  /// A field's content with its quotes removed and doubled quotes made single, then trimmed.
  func unescapedBytes(_ field: CSVField) -> [UInt8] {
    guard let base else { return [] }
    var out: [UInt8] = []
    var index = field.start
    while index < field.end && isPadding(base[index]) { index += 1 }
    if index < field.end && base[index] == quote {
      index += 1
      while index < field.end {
        let byte = base[index]
        index += 1
        if byte != quote {
          out.append(byte)
        } else if index < field.end && base[index] == quote {
          out.append(quote)
          index += 1
        } else {
          break
        }
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(start: base + index, count: field.end - index))
    let start = out.firstIndex { !isPadding($0) } ?? out.count
    let end = (out.lastIndex { !isPadding($0) } ?? -1) + 1
    return start < end ? Array(out[start..<end]) : []
  }

  /// A field's text, unescaped and trimmed; invalid UTF-8 shows as replacement characters.
  func text(_ field: CSVField) -> String {
    guard let base, let range = plainContent(field) else {
      return String(decoding: unescapedBytes(field), as: UTF8.self)
    }
    let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The number in a cell: NaN for a missing token, nil when the cell is not a number.
  @inline(__always)
  func number(_ field: CSVField, parser: NumberParser, missing: MissingTokens) -> Double? {
    withContent(field) { bytes in
      if missing.matches(bytes) { return .nan }
      guard let value = parser.parse(bytes), value.isFinite else { return nil }
      return value
    }
  }

  /// Whether every field of a record is empty, as in a blank line or a row of bare commas.
  func isBlankRecord(_ fields: [CSVField]) -> Bool {
    fields.allSatisfy(\.isEmpty)
  }

  /// Calls `body` with the field's content bytes, unescaping only when needed.
  @inline(__always)
  func withContent<R>(_ field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let base, let range = plainContent(field) {
      return body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }
    return unescapedBytes(field).withUnsafeBufferPointer(body)
  }
}

/// Counts the line feeds in some bytes, 32 at a time (`UTF8Validation.lineFeeds(in:)`).
func countLineFeeds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
  UTF8Validation.lineFeeds(in: bytes)
}

/// The high bit of each byte of `word` that is zero, and no other bit.
///
/// Adding 0x7F to the low seven bits sets the high bit of every byte that has one of them set,
/// without carrying into the next byte; or-ing in the byte itself covers its own high bit.
@inline(__always)
private func zeroBytes(_ word: UInt64) -> UInt64 {
  let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  return ~(((word & lowBits) &+ lowBits) | word | lowBits)
}

private let everyByte: UInt64 = 0x0101_0101_0101_0101
private let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
private let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// Spaces and tabs around a field's content are padding, not data.
@inline(__always)
private func isPadding(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}
