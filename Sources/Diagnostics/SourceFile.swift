import Synchronization

/// The bytes of one input file (a methodology or a data file), with its display path.
///
/// Positions everywhere are UTF-8 byte offsets into `bytes`; line and column are computed only
/// when a diagnostic is rendered, so lexing and loading never pay for them.
public struct SourceFile: Sendable {
  /// The path as the user should see it (relative to the working directory when possible).
  public let path: String
  /// The raw bytes, exactly as read.
  public let bytes: [UInt8]
  /// Line starts, computed on first use: loading a file never pays for them, and a file
  /// with thousands of diagnostics computes them once.
  private let lines = LineStartCache()

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// Byte offsets where each line starts (the first is 0).
  public var lineStarts: [Int] {
    lines.starts(of: bytes)
  }

  /// The 1-based line and column (counted in characters) of a byte offset.
  public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
    let starts = lineStarts
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    return (low + 1, characterCount(from: starts[low], to: clamped) + 1)
  }

  /// The byte range of the given 1-based line, without its line terminator.
  public func lineRange(_ line: Int) -> Range<Int> {
    let starts = lineStarts
    guard line >= 1 && line <= starts.count else { return bytes.count..<bytes.count }
    let start = starts[line - 1]
    var end = line < starts.count ? starts[line] - 1 : bytes.count
    if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<end
  }

  /// The text of the given 1-based line (invalid UTF-8 is shown with replacement characters).
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineRange(line)], as: UTF8.self)
  }

  /// Counts characters (UTF-8 lead bytes) between two byte offsets.
  func characterCount(from start: Int, to end: Int) -> Int {
    var count = 0
    var index = start
    while index < end {
      if bytes[index] & 0xC0 != 0x80 { count += 1 }
      index += 1
    }
    return count
  }
}

/// Remembers a file's line starts once computed; shared by copies of the file.
final class LineStartCache: Sendable {
  private let starts = Mutex<[Int]?>(nil)

  func starts(of bytes: [UInt8]) -> [Int] {
    starts.withLock { cached in
      if let cached { return cached }
      var computed = [0]
      for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        computed.append(offset + 1)
      }
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
