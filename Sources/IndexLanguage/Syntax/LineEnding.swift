/// How a file ends its lines, so that whatever rewrites it (the formatter, `idx pin`) keeps the
/// style of its first line break.
enum LineEnding {
  case lineFeed
  case carriageReturnLineFeed
  case carriageReturn

  /// The style of the first line feed (`\n` or `\r\n`); `\r` alone only in a file without
  /// line feeds (a lone `\r` elsewhere may sit in a comment); a line feed for a file with no
  /// line break at all.
  static func of<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> LineEnding
  where Bytes.Index == Int {
    var sawCarriageReturn = false
    var index = bytes.startIndex
    while index < bytes.endIndex {
      switch bytes[index] {
      case Ascii.newline:
        return index > bytes.startIndex && bytes[index - 1] == Ascii.carriageReturn
          ? .carriageReturnLineFeed : .lineFeed
      case Ascii.carriageReturn:
        sawCarriageReturn = true
      default:
        break
      }
      index += 1
    }
    return sawCarriageReturn ? .carriageReturn : .lineFeed
  }

  /// The line break as text.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  var bytes: [UInt8] {
    switch self {
    case .lineFeed: [Ascii.newline]
    case .carriageReturnLineFeed: [Ascii.carriageReturn, Ascii.newline]
    case .carriageReturn: [Ascii.carriageReturn]
    }
  }
}
