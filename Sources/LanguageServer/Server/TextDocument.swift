import Diagnostics

/// How positions count characters within a line: UTF-16 code units (the protocol's default)
/// or bytes of UTF-8, when the client offers it.
public enum PositionEncoding: String, Sendable {
  case utf16 = "utf-16"
  case utf8 = "utf-8"
}

/// A zero-based line and character, as the protocol counts them.
struct Position: Equatable, Comparable {
  var line: Int
  var character: Int

  static func < (lhs: Position, rhs: Position) -> Bool {
    (lhs.line, lhs.character) < (rhs.line, rhs.character)
  }

  var json: JSONValue { .object(["line": .integer(line), "character": .integer(character)]) }

  /// A position from its JSON; nil unless both fields are whole numbers ≥ 0.
  init?(_ value: JSONValue?) {
    guard let line = value?["line"]?.integer, let character = value?["character"]?.integer,
      line >= 0, character >= 0
    else { return nil }
    self.line = line
    self.character = character
  }

  init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }
}

/// Text with its line starts, converting between byte offsets and protocol positions.
///
/// Lines end at `\n`, `\r\n` or `\r`, as the protocol says. Positions past the end of a line
/// clamp to its end, and past the last line to the end of the text.
struct LineIndex {
  let bytes: [UInt8]
  let starts: [Int]

  /// Lines as a source file already counted them (at `\n`), without counting again.
  init(_ file: SourceFile) {
    bytes = file.bytes
    starts = file.lineStarts
  }

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A {
        starts.append(index + 1)
      } else if byte == 0x0D {
        if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
        starts.append(index + 1)
      }
      index += 1
    }
    self.starts = starts
  }

  /// Where line `line`'s text ends (before its line break).
  func lineEnd(_ line: Int) -> Int {
    guard line + 1 < starts.count else { return bytes.count }
    var end = starts[line + 1] - 1
    if end > starts[line] && bytes[end] == 0x0A && bytes[end - 1] == 0x0D { end -= 1 }
    return end
  }

  /// The byte offset of a position.
  func offset(of position: Position, encoding: PositionEncoding) -> Int {
    guard position.line < starts.count else { return bytes.count }
    let start = starts[position.line]
    let end = lineEnd(position.line)
    if encoding == .utf8 { return min(start + position.character, end) }
    var units = 0
    var index = start
    while index < end && units < position.character {
      let (length, width) = Self.scalar(bytes, index, end)
      if units + width > position.character { break }
      units += width
      index += length
    }
    return index
  }

  /// The position of a byte offset.
  func position(of offset: Int, encoding: PositionEncoding) -> Position {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    let start = starts[low]
    let target = min(clamped, lineEnd(low))
    if encoding == .utf8 { return Position(line: low, character: target - start) }
    var units = 0
    var index = start
    while index < target {
      let (length, width) = Self.scalar(bytes, index, target)
      units += width
      index += length
    }
    return Position(line: low, character: units)
  }

  /// The byte length of the UTF-8 sequence at `index` and its width in UTF-16 units
  /// (invalid bytes count as one unit each).
  private static func scalar(_ bytes: [UInt8], _ index: Int, _ end: Int) -> (Int, Int) {
    let lead = bytes[index]
    let length: Int
    switch lead {
    case 0xF0...0xF4: length = 4
    case 0xE0...0xEF: length = 3
    case 0xC2...0xDF: length = 2
    default: return (1, 1)
    }
    guard index + length <= end,
      (1..<length).allSatisfy({ bytes[index + $0] & 0xC0 == 0x80 })
    else { return (1, 1) }
    return (length, length == 4 ? 2 : 1)
  }

  /// A `Range` object for two byte offsets.
  func range(_ start: Int, _ end: Int, encoding: PositionEncoding) -> JSONValue {
    .object([
      "start": position(of: start, encoding: encoding).json,
      "end": position(of: end, encoding: encoding).json,
    ])
  }
}

/// An open document: the client's text, which wins over the file on disk.
struct TextDocument {
  let uri: String
  let path: String
  var version: Int
  var lines: LineIndex

  var bytes: [UInt8] { lines.bytes }

  init(uri: String, path: String, version: Int, text: String) {
    self.uri = uri
    self.path = path
    self.version = version
    lines = LineIndex(Array(text.utf8))
  }

  /// Applies one `TextDocumentContentChangeEvent`; false when the change is malformed.
  ///
  /// A change is a range and its new text, or the whole text when there is no range.
  mutating func apply(_ change: JSONValue, encoding: PositionEncoding) -> Bool {
    guard let text = change["text"]?.string else { return false }
    guard let range = change["range"], !range.isNull else {
      lines = LineIndex(Array(text.utf8))
      return true
    }
    guard let start = Position(range["start"]), let end = Position(range["end"]) else {
      return false
    }
    let from = lines.offset(of: min(start, end), encoding: encoding)
    let to = lines.offset(of: max(start, end), encoding: encoding)
    var bytes = lines.bytes
    bytes.replaceSubrange(from..<to, with: Array(text.utf8))
    lines = LineIndex(bytes)
    return true
  }
}
