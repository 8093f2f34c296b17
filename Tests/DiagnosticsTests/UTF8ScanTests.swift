import Diagnostics
import Testing

/// `UTF8Validation.scan` (32 bytes a step through ASCII, then eight, then one sequence at a
/// time) against the standard library's own strict UTF-8 parser and a byte-by-byte count of
/// line feeds, on random files built to put every kind of byte at every offset of a step.
@Suite struct UTF8ScanTests {
  /// The first invalid offset by `Unicode.UTF8.ForwardParser`, and the line feeds before it.
  static func reference(_ bytes: [UInt8], from start: Int) -> UTF8Validation.Scan {
    var iterator = bytes[start...].makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = start
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput:
        return .init(firstInvalid: nil, lineFeeds: lineFeeds(bytes[start..<offset]))
      case .error:
        return .init(firstInvalid: offset, lineFeeds: lineFeeds(bytes[start..<offset]))
      }
    }
  }

  static func lineFeeds(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
  }

  static func scan(_ bytes: [UInt8], from start: Int = 0) -> UTF8Validation.Scan {
    bytes.withUnsafeBufferPointer { UTF8Validation.scan($0, from: start) }
  }

  /// Pieces a random file is made of: ASCII of every density of line feeds, valid multi-byte
  /// characters, and what UTF-8 forbids.
  static let pieces: [[UInt8]] = [
    Array("abc,1.5,2\n".utf8), [10], [10, 10, 10, 10, 10, 10, 10, 10, 10], Array("x".utf8),
    Array("é".utf8), Array("€".utf8), Array("𝄞".utf8),
    Array(String(repeating: "7", count: 40).utf8),
    [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF],
  ]

  @Test func randomFilesAgreeWithTheStandardParser() {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<20_000 {
      var bytes: [UInt8] = []
      let valid = round % 2 == 0
      while bytes.count < Int.random(in: 0..<300, using: &generator) {
        let piece = Self.pieces[
          Int.random(in: 0..<(valid ? 8 : Self.pieces.count), using: &generator)]
        bytes += piece
      }
      let start = bytes.isEmpty ? 0 : Int.random(in: 0..<min(bytes.count, 40), using: &generator)
      let expected = Self.reference(bytes, from: start)
      #expect(Self.scan(bytes, from: start) == expected, "\(bytes) from \(start)")
      if Self.scan(bytes, from: start) != expected { return }
    }
  }

  @Test func longRunsCountEveryLineFeed() {
    // Runs past 63 steps of 32 bytes (the counter's limit before it is summed), of line feeds
    // only, and a bad byte at each offset of the last steps.
    for length in [0, 31, 32, 33, 63 * 32 - 1, 63 * 32, 63 * 32 + 1, 64 * 32, 200 * 32 + 5] {
      let feeds = [UInt8](repeating: 10, count: length)
      #expect(Self.scan(feeds) == .init(firstInvalid: nil, lineFeeds: length), "\(length)")
      let mixed = (0..<length).map { UInt8($0 % 3 == 0 ? 10 : 65) }
      #expect(Self.scan(mixed) == Self.reference(mixed, from: 0), "\(length) mixed")
      for bad in max(0, length - 70)..<length {
        var broken = mixed
        broken[bad] = 0xFF
        #expect(
          Self.scan(broken) == .init(firstInvalid: bad, lineFeeds: Self.lineFeeds(mixed[..<bad])))
      }
    }
  }
}
