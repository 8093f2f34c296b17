import Diagnostics
import Foundation
import Testing

@testable import ScoringEngine

/// Splits text into records of field texts, as the loader sees them.
private func records(_ text: String, delimiter: Character = ",") -> (
  rows: [[String]], unclosedQuotes: [Int]
) {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { buffer in
    var reader = CSVReader(buffer, delimiter: UInt8(ascii: delimiter.unicodeScalars.first ?? ","))
    var fields: [CSVField] = []
    var rows: [[String]] = []
    while reader.nextRecord(into: &fields) != nil { rows.append(fields.map(reader.text)) }
    return (rows, reader.unclosedQuotes)
  }
}

@Suite struct CSVReaderTests {
  @Test func splitsPlainRecords() {
    #expect(records("a,b,c\n1,2,3\n").rows == [["a", "b", "c"], ["1", "2", "3"]])
  }

  @Test func trailingNewlineIsOptional() {
    #expect(records("a,b\n1,2").rows == [["a", "b"], ["1", "2"]])
    #expect(records("a,b\n1,2\n").rows == [["a", "b"], ["1", "2"]])
  }

  @Test func acceptsCRLFAndLoneCR() {
    #expect(records("a,b\r\n1,2\r\n").rows == [["a", "b"], ["1", "2"]])
    #expect(records("a,b\r1,2").rows == [["a", "b"], ["1", "2"]])
  }

  @Test func keepsEmptyFields() {
    #expect(records(",a,,\n").rows == [["", "a", "", ""]])
    #expect(records("a\n\nb").rows == [["a"], [""], ["b"]])
  }

  @Test func quotedFieldsHoldDelimitersNewlinesAndQuotes() {
    let text = "name,note\n\"Korea, Republic of\",\"said \"\"hi\"\"\nthen left\"\n"
    #expect(
      records(text).rows == [["name", "note"], ["Korea, Republic of", "said \"hi\"\nthen left"]])
  }

  @Test func quotedEmptyFieldIsEmpty() {
    #expect(records("\"\",x").rows == [["", "x"]])
  }

  @Test func quoteInsideUnquotedFieldIsLiteral() {
    #expect(records("5\" disk,x").rows == [["5\" disk", "x"]])
  }

  @Test func textAfterClosingQuoteIsKept() {
    #expect(records("\"ab\"cd,x").rows == [["abcd", "x"]])
  }

  @Test func trimsSpacesAroundFields() {
    #expect(records(" a , \"b\" ,c\t").rows == [["a", "b", "c"]])
    #expect(records("a, \"b, c\"").rows == [["a", "b, c"]])
  }

  @Test func otherDelimiters() {
    #expect(records("a;b,c;d", delimiter: ";").rows == [["a", "b,c", "d"]])
    #expect(records("a\tb\n1\t2", delimiter: "\t").rows == [["a", "b"], ["1", "2"]])
    #expect(!CSVReader.canSplit(on: UInt8(ascii: "\"")))
    #expect(!CSVReader.canSplit(on: UInt8(ascii: "\n")))
  }

  @Test func unclosedQuoteIsCutAtItsLineEnd() {
    let result = records("a,b\n\"open,x\n1,2\n")
    #expect(result.unclosedQuotes == [4])
    #expect(result.rows == [["a", "b"], ["open,x"], ["1", "2"]])
  }

  @Test func recordRangesExcludeTerminators() {
    let bytes = Array("ab,c\r\nd".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      var reader = CSVReader(buffer, delimiter: UInt8(ascii: ","))
      var fields: [CSVField] = []
      #expect(reader.nextRecord(into: &fields) == 0..<4)
      #expect(fields == [CSVField(start: 0, end: 2), CSVField(start: 3, end: 4)])
      #expect(reader.nextRecord(into: &fields) == 6..<7)
      #expect(reader.nextRecord(into: &fields) == nil)
    }
  }

  @Test func matchesANaiveSplitterOnRandomText() {
    // Long runs exercise the eight-bytes-at-a-time scan; every offset of a stop byte is hit.
    var generator = SplitMix64(seed: 3)
    let alphabet = Array("abcdefgh,,\n\r;")
    for _ in 0..<2_000 {
      let length = Int(generator.next() % 60)
      let text = String((0..<length).map { _ in alphabet[Int(generator.next() % 13)] })
      var expected = text.replacingOccurrences(of: "\r\n", with: "\n")
        .replacingOccurrences(of: "\r", with: "\n").split(
          separator: "\n", omittingEmptySubsequences: false
        ).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
      if let last = text.utf8.last, last == 10 || last == 13 { expected.removeLast() }
      if text.isEmpty { expected = [] }
      #expect(records(text).rows == expected, "\(Array(text.utf8))")
    }
  }

  @Test func countsLineFeeds() {
    for text in ["", "\n", "a\nb", String(repeating: "ab\ncdefghi\r\n", count: 9) + "x\n"] {
      let expected = text.utf8.filter { $0 == 10 }.count
      #expect(Array(text.utf8).withUnsafeBufferPointer(countLineFeeds) == expected)
    }
  }

  @Test func emptyInputHasNoRecords() {
    #expect(records("").rows.isEmpty)
  }
}

/// Parses text with the loader's number parser.
private func parse(_ text: String) -> Double? {
  Array(text.utf8).withUnsafeBufferPointer { bytes in
    withCNumericLocale { NumberParser().parse(bytes) }
  }
}

private func parseInteger(_ text: String) -> Int? {
  Array(text.utf8).withUnsafeBufferPointer { NumberParser().parseInteger($0) }
}

extension CSVReaderTests {
  /// The number parser, against the standard library's correctly rounded one.
  @Suite struct Numbers {
    /// Cases where a sloppy parser rounds wrongly or accepts too much.
    static let tricky = [
      "0.1", "1e-7", "123456789012345678", "2.2250738585072014e-308", "1.7976931348623157e308",
      "-0", ".5", "5.", "1e5", "+3", "0", "-0.0", "62.879", "10.70538475", "9007199254740993",
      "9007199254740992", "1e22", "1e23", "12e30", "4.9e-324", "2.4703282292062327e-324",
      "1.0000000000000002", "0.30000000000000004", "179769313486231570000000000000000000000",
      "0.000000000000000000000000000001", "8.98846567431158e307", "1E+2", "1e-0", "00012.50",
      "3.14159265358979323846264338327950288", "1234567890123456789012345678901234567890e-30",
    ]

    @Test(arguments: tricky) func matchesTheStandardLibrary(_ text: String) throws {
      let expected = try #require(Double(text))
      let actual = try #require(parse(text))
      #expect(actual.bitPattern == expected.bitPattern, "\(text)")
    }

    @Test func rejectsWhatIsNotADecimalNumber() {
      for text in [
        "", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "inf", "nan",
        "1 2", "--1", "1e5x", "NA", "abc", "١٢",
      ] {
        #expect(parse(text) == nil, "\(text)")
      }
    }

    @Test func outOfRangeIsInfiniteAndTinyIsZero() {
      #expect(parse("1e400") == .infinity)
      #expect(parse("-1e400") == -.infinity)
      #expect(parse("1e-400") == 0)
    }

    @Test func randomDoublesRoundTrip() {
      var generator = SplitMix64(seed: 42)
      for _ in 0..<20_000 {
        let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
        let text = value.description
        #expect(parse(text)?.bitPattern == value.bitPattern, "\(text)")
      }
    }

    @Test func randomDigitStringsMatchTheStandardLibrary() {
      var generator = SplitMix64(seed: 7)
      for _ in 0..<20_000 {
        let digits = Int(generator.next() % 24) + 1
        var text = String((0..<digits).map { _ in Character(String(generator.next() % 10)) })
        let point = Int(generator.next() % UInt64(digits + 1))
        text.insert(".", at: text.index(text.startIndex, offsetBy: point))
        text += "e\(Int(generator.next() % 80) - 40)"
        #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
      }
    }

    @Test func integers() {
      #expect(parseInteger("2022") == 2022)
      #expect(parseInteger("-5") == -5)
      #expect(parseInteger("+7") == 7)
      #expect(parseInteger("2022.0") == nil)
      #expect(parseInteger("") == nil)
      #expect(parseInteger("-") == nil)
      #expect(parseInteger("1234567890123456789") == nil)
    }
  }
}

extension CSVReaderTests {
  /// Encoding detection and transcoding, before any CSV is read.
  @Suite struct TextDecoding {
    @Test func findsTheFirstInvalidByte() {
      let cases: [([UInt8], Int?)] = [
        (Array("plain ascii, long enough to use the fast path".utf8), nil),
        (Array("Côte d'Ivoire €𝄞".utf8), nil),
        ([0x41, 0xF4, 0x74], 1),  // Latin-1 ô
        ([0xC0, 0x80], 0),  // overlong
        ([0xE0, 0x80, 0x80], 0),  // overlong
        ([0xED, 0xA0, 0x80], 0),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // beyond U+10FFFF
        (Array("12345678".utf8) + [0xE2, 0x82], 8),  // truncated at the end
      ]
      for (bytes, expected) in cases {
        let scan = bytes.withUnsafeBufferPointer { scanUTF8($0) }
        #expect(scan.firstInvalid == expected, "\(bytes)")
      }
    }

    @Test func countsLinesWhileValidating() {
      let text = String(repeating: "a,b\r\nCôte,1\n", count: 5) + "\n"
      let scan = Array(text.utf8).withUnsafeBufferPointer { scanUTF8($0) }
      #expect(scan == UTF8Scan(firstInvalid: nil, lineFeeds: 11))
      #expect(decodeText(SourceFile(path: "a", text: text), as: .auto).lineFeeds == 11)
    }

    /// Validation in pieces on several threads gives the scan of one pass: random files of
    /// ASCII lines, multi-byte characters (so cuts land next to them) and, in half of them, a
    /// bad byte somewhere, split into 2, 3 and 5 pieces of any size.
    @Test func piecesOnThreadsGiveOnePassScan() {
      let pieces: [[UInt8]] = [
        Array("E01,1.5,2\n".utf8), Array("Côte,€,𝄞\n".utf8), Array("中国中国中国".utf8), [10],
        [0xFF], [0xE2, 0x82], [0xC0, 0x80], [0x80],
      ]
      var generator = SystemRandomNumberGenerator()
      for round in 0..<3_000 {
        var bytes: [UInt8] = []
        let length = Int.random(in: 0..<400, using: &generator)
        while bytes.count < length {
          let bad = round % 2 == 1 && Int.random(in: 0..<40, using: &generator) == 0
          bytes +=
            pieces[
              bad
                ? Int.random(in: 4..<8, using: &generator)
                : Int.random(in: 0..<4, using: &generator)]
        }
        let start = bytes.isEmpty ? 0 : Int.random(in: 0..<min(4, bytes.count), using: &generator)
        let serial = bytes.withUnsafeBufferPointer { scanUTF8($0, from: start) }
        for parts in [2, 3, 5] {
          let minimum = Int.random(in: 1..<64, using: &generator)
          let split = bytes.withUnsafeBufferPointer {
            scanUTF8($0, from: start, parts: parts, minimumPartBytes: minimum)
          }
          #expect(split == serial, "\(bytes) from \(start), \(parts) parts of \(minimum)")
          if split != serial { return }
        }
      }
    }

    @Test func stripsTheByteOrderMark() {
      let file = SourceFile(path: "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b".utf8))
      let decoded = decodeText(file, as: .auto)
      #expect(decoded.source.bytes == Array("a,b".utf8))
      #expect(decoded.diagnostics.isEmpty)
    }

    @Test func latin1IsTranscodedWithAWarningOnlyWhenGuessed() throws {
      let file = SourceFile(path: "l1.csv", bytes: Array("a\nC".utf8) + [0xF4] + Array("te".utf8))
      let guessed = decodeText(file, as: .auto)
      #expect(String(decoding: guessed.source.bytes, as: UTF8.self) == "a\nCôte")
      let warning = try #require(guessed.diagnostics.first)
      #expect(warning.code == "W0401")
      #expect(warning.primary?.span.location == "l1.csv:2:2")
      #expect(warning.primary?.span.text == "ô")
      #expect(warning.help.contains { $0.contains("encoding: latin1") })
      let declared = decodeText(file, as: .latin1)
      #expect(declared.source.bytes == guessed.source.bytes)
      #expect(declared.diagnostics.isEmpty)
    }

    @Test func strictUTF8ReportsTheBadByte() throws {
      let file = SourceFile(path: "u.csv", bytes: Array("ab,c\nx".utf8) + [0xFC])
      let decoded = decodeText(file, as: .utf8)
      let error = try #require(decoded.diagnostics.first)
      #expect(error.code == "E0401")
      #expect(error.isError)
      #expect(error.primary?.span.location == "u.csv:2:2")
      #expect(error.primary?.message.contains("0xFC") == true)
    }
  }
}
