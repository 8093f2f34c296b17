import Testing

@testable import IndexLanguage

/// `Keyword.lookup` (packed words compared with constants) agrees with `Keyword(rawValue:)`,
/// the straightforward way, on every keyword and on many words that are not one.
@Suite struct KeywordLookupTests {
  /// The lookup of `word`, read both where eight bytes follow its start (one load) and at the
  /// very end of the buffer (byte by byte).
  static func lookups(_ word: [UInt8]) -> (loaded: Keyword?, atEnd: Keyword?) {
    let padded = word + Array(repeating: UInt8(ascii: " "), count: 8)
    let loaded = padded.withUnsafeBufferPointer { Keyword.lookup($0, 0, word.count) }
    let shifted = Array("x ".utf8) + word
    let atEnd = shifted.withUnsafeBufferPointer { Keyword.lookup($0, 2, shifted.count) }
    return (loaded, atEnd)
  }

  static func expectAgrees(_ word: [UInt8]) {
    let expected = Keyword(rawValue: String(decoding: word, as: UTF8.self))
    let (loaded, atEnd) = lookups(word)
    #expect(loaded == expected, "\(String(decoding: word, as: UTF8.self))")
    #expect(atEnd == expected, "\(String(decoding: word, as: UTF8.self)) at the end")
  }

  @Test func everyKeywordIsFound() {
    for keyword in Keyword.allCases {
      let word = Array(keyword.rawValue.utf8)
      #expect(word.count <= Keyword.longest, "\(keyword) is longer than lookup reads")
      #expect(Self.lookups(word) == (keyword, keyword), "\(keyword)")
    }
  }

  /// Each keyword with one byte changed, one dropped, one added, and cut short; its case
  /// changed; and words of every length up to 20.
  @Test func nearMissesAreNotKeywords() {
    var words: [[UInt8]] = []
    let letters = Array("abcdefghijklmnopqrstuvwxyz_0Z".utf8)
    for keyword in Keyword.allCases {
      let word = Array(keyword.rawValue.utf8)
      for index in word.indices {
        for letter in letters where letter != word[index] {
          var changed = word
          changed[index] = letter
          words.append(changed)
        }
        var dropped = word
        dropped.remove(at: index)
        words.append(dropped)
        words.append(Array(word[..<index]))
        words.append(Array(keyword.rawValue.uppercased().utf8))
      }
      for letter in letters {
        words.append(word + [letter])
        words.append([letter] + word)
      }
    }
    for length in 0...20 { words.append(Array(repeating: UInt8(ascii: "i"), count: length)) }
    words.append(Array("indicatorsx".utf8))
    words.append(Array("uncertaintyy".utf8))
    for word in words { Self.expectAgrees(word) }
  }

  /// Every word of the bundled and valid test files.
  @Test func corpusWordsAgree() throws {
    for (_, bytes) in try SimpleExpressionTests.corpus() {
      var start: Int?
      for (index, byte) in (bytes + [0]).enumerated() {
        if Ascii.isIdentifierPart(byte) {
          if start == nil { start = index }
        } else if let first = start {
          Self.expectAgrees(Array(bytes[first..<index]))
          start = nil
        }
      }
    }
  }
}
