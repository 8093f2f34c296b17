import Testing

@testable import ScoringEngine

/// `NumberParser.scanShortCell` (one eight-lane conversion for a decimal of at most eight
/// digits) against the byte-at-a-time `scanPlainNumber` and against `Double(String)`.
///
/// Where the short scan answers, its end and its bits must be `scanPlainNumber`'s; it must
/// answer for every plain decimal of at most eight digits; and it must decline (nil) the rest,
/// which `scanShortNumber` and `scanPlainNumber` then read.
@Suite struct ShortCellScanTests {
  /// The short scan and the byte scan of `text` followed by `after` and padding; a message
  /// when they disagree where the short scan answered.
  static func disagreement(_ bytes: [UInt8]) -> (answered: Bool, message: String?) {
    let padded = bytes + [UInt8](repeating: UInt8(ascii: "7"), count: NumberParser.wordScanReach)
    return padded.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress,
        let (end, value) = NumberParser.scanShortCell(base, from: 0)
      else { return (false, nil) }
      let (plainEnd, plainValue) = NumberParser().scanPlainNumber(
        base, from: 0, to: buffer.count)
      guard end == plainEnd, value.bitPattern == plainValue?.bitPattern else {
        return (true, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
      }
      return (true, nil)
    }
  }

  /// A random digit string of `count` digits.
  static func digits(_ count: Int, _ random: inout SplitMix64) -> String {
    String((0..<count).map { _ in Character(String(random.next() % 10)) })
  }

  /// A million random byte strings over the characters numbers and fields are made of, and as
  /// many plain decimals of up to nine digits a side: wherever the short scan answers, it
  /// answers as the byte scan does.
  @Test func readsWhatTheByteScanReads() {
    var random = SplitMix64(seed: 41)
    let alphabet = Array("0123456789012345678901234567890123456789..-+e,\n\r x\u{0}/:".utf8)
    var answered = 0
    var wrong: [String] = []
    for trial in 0..<2_000_000 {
      var bytes: [UInt8]
      if trial % 2 == 0 {
        let sign = ["", "", "-", "+"][Int(random.next() % 4)]
        let integer = Self.digits(Int(random.next() % 10), &random)
        let fraction = Self.digits(Int(random.next() % 10), &random)
        bytes = Array((sign + integer + (random.next() % 4 == 0 ? "" : "." + fraction)).utf8)
      } else {
        bytes = (0..<Int(random.next() % 20)).map { _ in
          alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
      }
      bytes.append(
        [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "x")][Int(random.next() % 3)])
      let (didAnswer, message) = Self.disagreement(bytes)
      if didAnswer { answered += 1 }
      if let message, wrong.count < 10 { wrong.append(message) }
    }
    #expect(wrong == [])
    #expect(answered > 500_000)
  }

  /// Every split of at most eight digits around the point, with every sign, is taken, ends
  /// where the text does and reads as `Double(String)` reads it.
  @Test func takesEveryDecimalOfEightDigits() {
    var random = SplitMix64(seed: 42)
    var wrong: [String] = []
    for integerDigits in 0...8 {
      for fractionDigits in 0...(8 - integerDigits) {
        for pointed in [true, false] where pointed || fractionDigits == 0 {
          guard integerDigits + fractionDigits > 0 else { continue }
          for sign in ["", "-", "+"] {
            for _ in 0..<3_000 {
              let text =
                sign + Self.digits(integerDigits, &random)
                + (pointed ? "." + Self.digits(fractionDigits, &random) : "")
              // Eight digits on one side fill a word: left to the longer scans.
              let expectsAnswer = integerDigits < 8 && fractionDigits < 8
              let bytes =
                Array(text.utf8) + [UInt8(ascii: ",")]
                + [UInt8](repeating: 0, count: NumberParser.wordScanReach)
              let result = bytes.withUnsafeBufferPointer {
                NumberParser.scanShortCell($0.baseAddress!, from: 0)
              }
              let good =
                expectsAnswer
                ? result?.end == text.utf8.count
                  && result?.value.bitPattern == Double(text)?.bitPattern
                : result == nil
              if !good && wrong.count < 10 { wrong.append(text) }
            }
          }
        }
      }
    }
    #expect(wrong == [])
  }

  /// The edges: signs and points alone, zeros of every sign, nine digits, other characters
  /// right after the digits.
  @Test func edgeCases() {
    let declined = [
      "", "-", "+", ".", "-.", "+.", ",", "x", "e5", "123456789", "12345678", "1234567.89",
      "1.23456789", ".123456789", ".12345678", "00000000.", "--1", "+-1", "1234567890.5",
    ]
    for text in declined {
      let bytes =
        Array(text.utf8) + [UInt8(ascii: ",")]
        + [UInt8](repeating: 0, count: NumberParser.wordScanReach)
      let result = bytes.withUnsafeBufferPointer {
        NumberParser.scanShortCell($0.baseAddress!, from: 0)
      }
      #expect(result == nil, "\(text)")
    }
    let taken: [(String, Double)] = [
      ("0", 0), ("-0", -0.0), ("+0", 0), ("-0.0", -0.0), ("0.", 0), ("-.0", -0.0), (".5", 0.5),
      ("5.", 5), ("0000000.", 0), (".0000001", 1e-7), ("1234567.8", 1_234_567.8),
      ("1.2345678", 1.2345678), ("9999.9999", 9999.9999), ("-7815.663", -7815.663),
      ("46885.929", 46885.929), ("0.1", 0.1), ("0.3", 0.3), ("00012.50", 12.5),
    ]
    for (text, expected) in taken {
      for after in [",", "\n", "\r", "e", "x", ".", ";"] {
        let bytes =
          Array((text + after).utf8) + [UInt8](repeating: 0, count: NumberParser.wordScanReach)
        let result = bytes.withUnsafeBufferPointer {
          NumberParser.scanShortCell($0.baseAddress!, from: 0)
        }
        // A second point ends the number, as it ends `scanPlainNumber`'s.
        let stops = !(after == "." && !text.contains("."))
        if stops {
          #expect(result?.end == text.utf8.count, "\(text)\(after)")
          #expect(result?.value.bitPattern == expected.bitPattern, "\(text)\(after)")
        }
        #expect(Self.disagreement(Array((text + after).utf8)).message == nil, "\(text)\(after)")
      }
    }
  }
}
