import Diagnostics
import Dispatch

// Data files arrive in whatever encoding a spreadsheet wrote: UTF-8, often with a byte order
// mark, Latin-1 from older exports such as UNDP's, or Windows-1252 from Excel on Windows.
// Everything downstream works on UTF-8 byte offsets, so such a file is transcoded first and
// its diagnostics point into the transcoded text, which is the `SourceFile` a `TableLoad`
// hands back for rendering.
//
// Windows-1252 is Latin-1 except at 0x80–0x9F, where Latin-1 has invisible control
// characters and Windows-1252 has punctuation (0x92 is ’, 0x96 is –). A file that is not
// UTF-8 is therefore read as Windows-1252 when it has bytes in 0x80–0x9F and every one of them
// is a Windows-1252 character: a control character is never real text, so those bytes are the
// evidence. Otherwise (no such byte, or one of the five Windows-1252 leaves undefined) it is
// read as Latin-1. Either way a warning says which, and `encoding:` silences it.

/// A data file as UTF-8, with what decoding found.
struct DecodedText {
  var source: SourceFile
  var diagnostics: [Diagnostic]
  /// The number of line feeds, when validation counted them on the way: the loader sizes its
  /// columns by it without another pass over the file.
  var lineFeeds: Int? = nil
}

/// The UTF-8 byte order mark, which spreadsheets write and nothing should read as data.
private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Decodes a data file to UTF-8 without a byte order mark, as `encoding` asks.
///
/// Valid UTF-8 without a mark is handed back as it is, so the common case copies nothing.
///
/// `parts` and `minimumPartBytes` split the validation of a large file as the direct reader
/// splits its rows (`scanUTF8`).
func decodeText(
  _ file: SourceFile, as encoding: TableOptions.Encoding, parts: Int = 1,
  minimumPartBytes: Int = TableLoader.bytesPerExtraThread
) -> DecodedText {
  let hasMark = file.bytes.starts(with: byteOrderMark)
  let textStart = hasMark ? byteOrderMark.count : 0
  if encoding == .latin1 || encoding == .cp1252 {
    let windows = encoding == .cp1252
    return DecodedText(source: transcode(file, from: 0, windows1252: windows), diagnostics: [])
  }
  let scan = file.bytes.withUnsafeBufferPointer {
    scanUTF8($0, from: textStart, parts: parts, minimumPartBytes: minimumPartBytes)
  }
  guard let invalid = scan.firstInvalid else {
    let source =
      hasMark ? SourceFile(path: file.path, bytes: Array(file.bytes[textStart...])) : file
    return DecodedText(source: source, diagnostics: [], lineFeeds: scan.lineFeeds)
  }
  let badByte = file.bytes[invalid]
  if encoding == .utf8 {
    let source =
      hasMark ? SourceFile(path: file.path, bytes: Array(file.bytes[textStart...])) : file
    let offset = invalid - textStart
    let span = Span(file: source, start: offset, end: offset + 1)
    return DecodedText(
      source: source, diagnostics: [DataMessages.invalidUTF8(at: span, byte: badByte)])
  }
  if let evidence = windows1252Evidence(file.bytes, from: textStart) {
    let source = transcode(file, from: textStart, windows1252: true)
    let offset = transcodedOffset(of: evidence, in: file.bytes, from: textStart, windows1252: true)
    let length = utf8Length(scalarValue(file.bytes[evidence], windows1252: true))
    let span = Span(file: source, start: offset, end: offset + length)
    return DecodedText(
      source: source,
      diagnostics: [DataMessages.readAsWindows1252(at: span, byte: file.bytes[evidence])])
  }
  let source = transcode(file, from: textStart, windows1252: false)
  let offset = transcodedOffset(of: invalid, in: file.bytes, from: textStart, windows1252: false)
  let span = Span(file: source, start: offset, end: offset + 2)
  return DecodedText(
    source: source, diagnostics: [DataMessages.readAsLatin1(at: span, byte: badByte)])
}

/// The characters of Windows-1252 bytes 0x80–0x9F; nil for the five it leaves undefined.
private let windows1252High: [UInt32?] = [
  0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
  nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
]

/// The character a byte stands for in Windows-1252, or nil for an undefined byte.
func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
  guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
  return windows1252High[Int(byte - 0x80)].flatMap(Unicode.Scalar.init)
}

/// The offset of the first byte in 0x80–0x9F when every such byte from `start` on is a
/// Windows-1252 character (the file is then Windows-1252, not Latin-1); nil otherwise.
private func windows1252Evidence(_ bytes: [UInt8], from start: Int) -> Int? {
  var first: Int?
  for index in start..<bytes.count where (0x80...0x9F).contains(bytes[index]) {
    guard windows1252Scalar(bytes[index]) != nil else { return nil }
    if first == nil { first = index }
  }
  return first
}

/// The code point a byte becomes: its own value in Latin-1; in Windows-1252 the table's for
/// 0x80–0x9F (an undefined byte keeps its own value, as web browsers decode it).
private func scalarValue(_ byte: UInt8, windows1252: Bool) -> UInt32 {
  guard windows1252, (0x80...0x9F).contains(byte) else { return UInt32(byte) }
  return windows1252High[Int(byte - 0x80)] ?? UInt32(byte)
}

/// How many UTF-8 bytes a code point below U+10000 takes.
private func utf8Length(_ scalar: UInt32) -> Int {
  scalar < 0x80 ? 1 : (scalar < 0x800 ? 2 : 3)
}

/// Where byte `offset` of the file lands once transcoded.
private func transcodedOffset(of offset: Int, in bytes: [UInt8], from start: Int, windows1252: Bool)
  -> Int
{
  var moved = 0
  for index in start..<offset {
    moved += utf8Length(scalarValue(bytes[index], windows1252: windows1252))
  }
  return moved
}

/// The file's bytes from `start` on, read as Latin-1 or Windows-1252 and written as UTF-8.
///
/// Both map bytes below 0x80 to themselves, so those are copied; the others become two-byte
/// sequences, or three for Windows-1252's punctuation (U+2019 ’ is E2 80 99).
private func transcode(_ file: SourceFile, from start: Int, windows1252: Bool) -> SourceFile {
  let bytes = file.bytes
  var extra = 0
  for index in start..<bytes.count where bytes[index] >= 0x80 {
    extra += utf8Length(scalarValue(bytes[index], windows1252: windows1252)) - 1
  }
  if extra == 0 && start == 0 { return file }
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count - start + extra)
  for index in start..<bytes.count {
    let byte = bytes[index]
    if byte < 0x80 {
      out.append(byte)
      continue
    }
    let scalar = scalarValue(byte, windows1252: windows1252)
    if scalar < 0x800 {
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    } else {
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }
  return SourceFile(path: file.path, bytes: out)
}

/// What one pass over a file learns: where UTF-8 first breaks, and how many lines it has.
typealias UTF8Scan = UTF8Validation.Scan

/// Validates UTF-8 and counts line feeds in one pass (the validator lives in `Diagnostics`,
/// which the lexer shares), in up to `parts` pieces on as many threads for a large file.
///
/// Each piece but the first starts at an ASCII byte, where no valid sequence can be cut; the
/// pieces' results are joined in order (the first invalid byte of the first piece that has
/// one, and the line feeds before it), so the scan is the one a single pass gives.
func scanUTF8(
  _ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, parts: Int = 1,
  minimumPartBytes: Int = TableLoader.bytesPerExtraThread
) -> UTF8Scan {
  let length = bytes.count - start
  let parts = min(parts, 1 + length / max(1, minimumPartBytes))
  guard parts > 1 else { return UTF8Validation.scan(bytes, from: start) }
  var bounds = [start]
  for part in 1..<parts {
    var cut = start + length / parts * part
    while cut < bytes.count && bytes[cut] >= 0x80 { cut += 1 }
    if cut > bounds[bounds.count - 1] && cut < bytes.count { bounds.append(cut) }
  }
  bounds.append(bytes.count)
  let pieces = UTF8Pieces(bytes: bytes, bounds: bounds)
  DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { pieces.scan($0) }
  var lineFeeds = 0
  for scan in pieces.results {
    lineFeeds += scan.lineFeeds
    if let invalid = scan.firstInvalid {
      return UTF8Scan(firstInvalid: invalid, lineFeeds: lineFeeds)
    }
  }
  return UTF8Scan(firstInvalid: nil, lineFeeds: lineFeeds)
}

/// The pieces of a file validated on several threads, and what each found.
///
/// Unchecked `Sendable`: each thread writes only its own piece's result, and the bytes are
/// read only, for the duration of `scanUTF8`.
private final class UTF8Pieces: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  let bounds: [Int]
  let results: UnsafeMutableBufferPointer<UTF8Scan>

  init(bytes: UnsafeBufferPointer<UInt8>, bounds: [Int]) {
    self.bytes = bytes
    self.bounds = bounds
    results = .allocate(capacity: bounds.count - 1)
    results.initialize(repeating: UTF8Scan(firstInvalid: nil, lineFeeds: 0))
  }

  deinit { results.deallocate() }

  func scan(_ piece: Int) {
    let end = UnsafeBufferPointer(rebasing: bytes[..<bounds[piece + 1]])
    results[piece] = UTF8Validation.scan(end, from: bounds[piece])
  }
}
