import LanguageServer
import Testing

/// `Content-Length` framing: messages split anywhere, several in one read, bad headers.
@Suite struct FramingTests {
  static func drain(_ reader: inout MessageReader) -> [MessageReader.Frame] {
    var frames: [MessageReader.Frame] = []
    while let frame = reader.next() { frames.append(frame) }
    return frames
  }

  @Test func readsMessagesSplitAtEveryByte() {
    let stream =
      framed(Array("{\"a\":1}".utf8)) + Array("Content-Type: x\r\nContent-Length: 2\r\n\r\n[]".utf8)
    for cut in 0...stream.count {
      var reader = MessageReader()
      reader.append(stream[..<cut])
      var frames = Self.drain(&reader)
      reader.append(stream[cut...])
      frames += Self.drain(&reader)
      #expect(
        frames == [.message(Array("{\"a\":1}".utf8)), .message(Array("[]".utf8))], "cut at \(cut)")
      #expect(!reader.hasPartialMessage)
    }
  }

  @Test func headerNamesAreCaseInsensitive() {
    var reader = MessageReader()
    reader.append(Array("content-length:3\r\n\r\nabc".utf8))
    #expect(Self.drain(&reader) == [.message(Array("abc".utf8))])
  }

  @Test func badHeadersAreReportedAndSkipped() {
    var reader = MessageReader()
    reader.append(Array("Content-Length: x\r\n\r\nContent-Length: 2\r\n\r\n{}".utf8))
    reader.append(Array("Foo: 1\r\n\r\n".utf8))
    #expect(
      Self.drain(&reader) == [
        .malformed("`Content-Length: x` is not a length"), .message(Array("{}".utf8)),
        .malformed("no `Content-Length` header"),
      ])
  }

  @Test func garbageWithoutHeadersIsDroppedInBoundedChunks() {
    var reader = MessageReader()
    reader.append(Array(repeating: UInt8(ascii: "x"), count: 20_000))
    #expect(Self.drain(&reader) == [.malformed("a header longer than 8192 bytes")])
    reader.append(framed([1, 2]))
    #expect(Self.drain(&reader) == [.message([1, 2])])
  }

  @Test func oversizedBodiesAreSkipped() {
    var reader = MessageReader()
    let huge = MessageReader.maximumLength + 1
    reader.append(Array("Content-Length: \(huge)\r\n\r\n".utf8))
    #expect(
      Self.drain(&reader) == [.malformed("a message of \(huge) bytes is larger than the limit")])
    reader.append(Array(repeating: 0, count: 1000))
    #expect(Self.drain(&reader).isEmpty)
  }
}
