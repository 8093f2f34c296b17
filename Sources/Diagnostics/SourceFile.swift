import Synchronization

/// The bytes of one input file (a methodology or a data file), with its display path.
///
/// Positions everywhere are UTF-8 byte offsets into `bytes`; line and column are computed only
/// when a diagnostic is rendered, so lexing and loading never pay for them.
///
/// A file is one reference to shared, immutable storage: every span and located value holds
/// one, so copying a span costs one retain, not one per field.
public struct SourceFile: Sendable {
  private let storage: Storage

  /// The path as the user should see it (relative to the working directory when possible).
  public var path: String { storage.path }
  /// The raw bytes, exactly as read.
  public var bytes: [UInt8] { storage.bytes }
  /// Line starts, computed on first use: loading a file never pays for them, and a file
  /// with thousands of diagnostics computes them once.
  private var lines: LineStartCache { storage.lines }

  public init(path: String, bytes: [UInt8]) {
    storage = Storage(path: path, bytes: bytes)
  }

  private final class Storage: Sendable {
    let path: String
    let bytes: [UInt8]
    let lines = LineStartCache()

    init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
    }
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// Byte offsets where each line starts: the first is 0, or 3 after a byte order mark.
  ///
  /// A line ends at a line feed, a carriage return and line feed, or a carriage return alone,
  /// as in the lexer and the CSV reader.
  public var lineStarts: [Int] {
    lines.index(of: bytes).starts
  }

  /// Where the text starts: after the UTF-8 byte order mark, if the file begins with one.
  public var textStart: Int {
    bytes.starts(with: SourceFile.byteOrderMark) ? SourceFile.byteOrderMark.count : 0
  }

  /// The UTF-8 byte order mark, which belongs to no line and is no character of the text.
  public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// The 1-based line and column (counted in characters) of a byte offset.
  ///
  /// A bisection over the line starts, then a count from the nearest checkpoint: the cost is
  /// the same at the end of a 1 MB line as at its start.
  public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
    let index = lines.index(of: bytes)
    let starts = index.starts
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    let column =
      index.characters(before: clamped, in: bytes)
      - index.characters(before: starts[low], in: bytes)
    return (low + 1, max(0, column) + 1)
  }

  /// The byte range of the given 1-based line, without its line terminator.
  public func lineRange(_ line: Int) -> Range<Int> {
    let starts = lineStarts
    guard line >= 1 && line <= starts.count else { return bytes.count..<bytes.count }
    let start = starts[line - 1]
    guard line < starts.count else { return start..<bytes.count }
    var end = starts[line] - 1
    if bytes[end] == UInt8(ascii: "\n") && end > start && bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return start..<end
  }

  /// The text of the given 1-based line (invalid UTF-8 is shown with replacement characters).
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineRange(line)], as: UTF8.self)
  }

  /// Whether a byte offset is the first of a line: the text's start, or just after a line end.
  public func isLineStart(_ offset: Int) -> Bool {
    if offset <= textStart { return offset == textStart || offset == 0 }
    guard offset <= bytes.count else { return false }
    let previous = bytes[offset - 1]
    if previous == UInt8(ascii: "\n") { return true }
    return previous == UInt8(ascii: "\r")
      && (offset == bytes.count || bytes[offset] != UInt8(ascii: "\n"))
  }

  /// Counts characters (UTF-8 lead bytes) between two byte offsets; 0 when `end <= start`.
  func characterCount(from start: Int, to end: Int) -> Int {
    guard end > start else { return 0 }
    let index = lines.index(of: bytes)
    return index.characters(before: end, in: bytes) - index.characters(before: start, in: bytes)
  }
}

/// A file's line starts and character checkpoints, computed once in one pass over its bytes.
struct LineIndex: Sendable {
  /// Checkpoints are taken every this many bytes: a count never scans more than that.
  static let stride = 1024

  var starts: [Int]
  /// `checkpoints[k]` is the number of characters in `bytes[0 ..< k * stride]`.
  var checkpoints: [Int]

  init(_ bytes: [UInt8]) {
    let textStart = bytes.starts(with: SourceFile.byteOrderMark) ? 3 : 0
    var starts = [textStart]
    var checkpoints = [0]
    checkpoints.reserveCapacity(bytes.count / LineIndex.stride + 1)
    var characters = 0
    bytes.withUnsafeBufferPointer { buffer in
      let lineFeed = UInt8(ascii: "\n")
      let carriageReturn = UInt8(ascii: "\r")
      var blockStart = 0
      while blockStart < buffer.count {
        if blockStart > 0 { checkpoints.append(characters) }
        let blockEnd = min(blockStart + LineIndex.stride, buffer.count)
        for offset in blockStart..<blockEnd {
          let byte = buffer[offset]
          if byte & 0xC0 != 0x80 { characters += 1 }
          if byte == lineFeed
            || (byte == carriageReturn
              && (offset + 1 == buffer.count || buffer[offset + 1] != lineFeed))
          {
            starts.append(offset + 1)
          }
        }
        blockStart = blockEnd
      }
    }
    self.starts = starts
    self.checkpoints = checkpoints
  }

  /// The number of characters (UTF-8 lead bytes) in `bytes[0 ..< offset]`.
  func characters(before offset: Int, in bytes: [UInt8]) -> Int {
    let offset = max(0, min(offset, bytes.count))
    let block = min(offset / LineIndex.stride, checkpoints.count - 1)
    var count = checkpoints[block]
    var index = block * LineIndex.stride
    while index < offset {
      if bytes[index] & 0xC0 != 0x80 { count += 1 }
      index += 1
    }
    return count
  }
}

/// Remembers a file's line index once computed; shared by copies of the file.
final class LineStartCache: Sendable {
  private let cached = Mutex<LineIndex?>(nil)

  func index(of bytes: [UInt8]) -> LineIndex {
    cached.withLock { cached in
      if let cached { return cached }
      let computed = LineIndex(bytes)
      cached = computed
      return computed
    }
  }
}

/// A byte range in one source file.
public struct Span: Sendable {
  public let file: SourceFile
  public let start: Int
  public let end: Int

  public init(file: SourceFile, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  /// The text the span covers.
  public var text: String {
    let lower = max(0, min(start, file.bytes.count))
    let upper = max(lower, min(end, file.bytes.count))
    return String(decoding: file.bytes[lower..<upper], as: UTF8.self)
  }

  /// `path:line:column` of the span's start.
  public var location: String {
    let (line, column) = file.lineColumn(of: start)
    return "\(file.path):\(line):\(column)"
  }
}

extension Span: Equatable {
  public static func == (lhs: Span, rhs: Span) -> Bool {
    lhs.file.path == rhs.file.path && lhs.start == rhs.start && lhs.end == rhs.end
  }
}
