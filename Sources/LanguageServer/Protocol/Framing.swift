/// Splits a byte stream into messages framed by `Content-Length` headers (LSP base protocol).
///
/// Bytes are appended as they arrive; `next()` returns each complete message body. A header
/// block without a usable `Content-Length` is reported (so the server can answer with an
/// error) and skipped, and reading resumes after it.
public struct MessageReader {
  /// What the stream holds next.
  public enum Frame: Equatable {
    case message([UInt8])
    /// A header block that could not be used, and why.
    case malformed(String)
  }

  /// Bodies larger than this are refused (and skipped) rather than buffered.
  public static let maximumLength = 256 << 20
  /// Header blocks longer than this are garbage, not headers.
  public static let maximumHeader = 8192

  private var buffer: [UInt8] = []
  private var start = 0
  /// Bytes of an oversized body still to be thrown away.
  private var discarding = 0

  public init() {}

  public mutating func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  /// Whether bytes are buffered that do not yet make a whole message.
  public var hasPartialMessage: Bool { start < buffer.count }

  /// The next complete frame, or nil when more bytes are needed.
  public mutating func next() -> Frame? {
    if discarding > 0 {
      let available = min(discarding, buffer.count - start)
      start += available
      discarding -= available
      compact()
      if discarding > 0 { return nil }
    }
    guard let headerEnd = findHeaderEnd() else {
      if buffer.count - start > Self.maximumHeader {
        start = buffer.count
        compact()
        return .malformed("a header longer than \(Self.maximumHeader) bytes")
      }
      compact()
      return nil
    }
    let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
    let bodyStart = headerEnd + 4
    var length: Int?
    var problem: String?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
      guard let colon = line.firstIndex(of: ":") else {
        problem = "a header line without `:`"
        continue
      }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingSpaces
      if name == "content-length" {
        guard let parsed = Int(value), parsed >= 0 else {
          problem = "`Content-Length: \(value)` is not a length"
          continue
        }
        length = parsed
      }
    }
    guard let length else {
      start = bodyStart
      compact()
      return .malformed(problem ?? "no `Content-Length` header")
    }
    if length > Self.maximumLength {
      start = bodyStart
      discarding = length
      compact()
      return .malformed("a message of \(length) bytes is larger than the limit")
    }
    guard buffer.count - bodyStart >= length else { return nil }
    let body = Array(buffer[bodyStart..<(bodyStart + length)])
    start = bodyStart + length
    compact()
    return .message(body)
  }

  /// Where the header's blank line starts, looking no further than `maximumHeader` bytes.
  private func findHeaderEnd() -> Int? {
    var index = start
    let limit = min(buffer.count, start + Self.maximumHeader + 4)
    while index + 4 <= limit {
      if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13
        && buffer[index + 3] == 10
      {
        return index
      }
      index += 1
    }
    return nil
  }

  /// Drops consumed bytes once they are most of the buffer, so reading stays linear.
  private mutating func compact() {
    if start > 0 && start * 2 >= buffer.count {
      buffer.removeSubrange(0..<start)
      start = 0
    }
  }
}

/// The bytes of one message on the wire: header, blank line, body.
public func framed(_ body: [UInt8]) -> [UInt8] {
  Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " || text.first == "\t" { text = text.dropFirst() }
    while text.last == " " || text.last == "\t" { text = text.dropLast() }
    return text
  }
}
