import Diagnostics

// Data files arrive in whatever encoding a spreadsheet wrote: UTF-8, often with a byte order
// mark, or Latin-1 from older exports such as UNDP's. Everything downstream works on UTF-8
// byte offsets, so a Latin-1 file is transcoded first and its diagnostics point into the
// transcoded text, which is the `SourceFile` a `TableLoad` hands back for rendering.

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
func decodeText(_ file: SourceFile, as encoding: TableOptions.Encoding) -> DecodedText {
  let hasMark = file.bytes.starts(with: byteOrderMark)
  let textStart = hasMark ? byteOrderMark.count : 0
  if encoding == .latin1 {
    return DecodedText(source: transcodeLatin1(file, from: 0), diagnostics: [])
  }
  let scan = file.bytes.withUnsafeBufferPointer { scanUTF8($0, from: textStart) }
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
  let source = transcodeLatin1(file, from: textStart)
  let offset = latin1Offset(of: invalid, in: file.bytes, from: textStart)
  let span = Span(file: source, start: offset, end: offset + 2)
  return DecodedText(
    source: source, diagnostics: [DataMessages.readAsLatin1(at: span, byte: badByte)])
}

/// Where byte `offset` of a Latin-1 file lands once transcoded: every byte above 0x7F doubles.
private func latin1Offset(of offset: Int, in bytes: [UInt8], from start: Int) -> Int {
  var moved = offset - start
  for index in start..<offset where bytes[index] >= 0x80 { moved += 1 }
  return moved
}

/// The file's bytes from `start` on, read as Latin-1 and written as UTF-8.
///
/// Latin-1 maps each byte to the code point of the same value, so the conversion needs no
/// table: bytes below 0x80 are copied and the rest become two-byte sequences.
private func transcodeLatin1(_ file: SourceFile, from start: Int) -> SourceFile {
  let bytes = file.bytes
  var highBytes = 0
  for index in start..<bytes.count where bytes[index] >= 0x80 { highBytes += 1 }
  if highBytes == 0 && start == 0 { return file }
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count - start + highBytes)
  for index in start..<bytes.count {
    let byte = bytes[index]
    if byte < 0x80 {
      out.append(byte)
    } else {
      out.append(0xC0 | (byte >> 6))
      out.append(0x80 | (byte & 0x3F))
    }
  }
  return SourceFile(path: file.path, bytes: out)
}

/// What one pass over a file learns: where UTF-8 first breaks, and how many lines it has.
typealias UTF8Scan = UTF8Validation.Scan

/// Validates UTF-8 and counts line feeds in one pass (the validator lives in `Diagnostics`,
/// which the lexer shares).
func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> UTF8Scan {
  UTF8Validation.scan(bytes, from: start)
}
