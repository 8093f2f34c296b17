import Testing

@testable import LineEditor

@Suite struct KeyDecoderTests {
  private func decode(_ text: String) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.feed(Array(text.utf8))
  }

  @Test(arguments: [
    ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
    ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
    ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
    ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
    ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp),
    ("\u{1B}[6~", .pageDown), ("\u{1B}[1;5C", .wordRight), ("\u{1B}[1;5D", .wordLeft),
    ("\u{1B}[1;3C", .wordRight), ("\u{1B}[1;3D", .wordLeft), ("\u{1B}[1;2A", .up),
    ("\u{1B}[3;5~", .delete), ("\u{1B}OM", .enter),
    ("\u{1B}b", .alt("b")), ("\u{1B}f", .alt("f")), ("\u{1B}d", .alt("d")),
    ("\u{1B}\u{7F}", .altBackspace), ("\u{1B}\u{8}", .altBackspace),
    ("\r", .enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{8}", .backspace),
    ("\u{1}", .control("a")), ("\u{5}", .control("e")), ("\u{12}", .control("r")),
    ("\u{1A}", .control("z")), ("\u{0}", .control("@")), ("\u{1F}", .control("_")),
    ("\u{1C}", .control("\\")), ("x", .text("x")), ("中", .text("中")),
  ])
  func everySequenceDecodesToItsKey(input: String, key: Key) {
    #expect(decode(input) == [key])
  }

  @Test func typedCharactersOfOneReadMergeIntoOneTextEvent() {
    #expect(decode("ab中c") == [.text("ab中c")])
    #expect(decode("ab\u{1B}[Dc") == [.text("ab"), .left, .text("c")])
  }

  @Test(arguments: [
    "\u{1B}[A", "\u{1B}[1;5C", "\u{1B}[3~", "\u{1B}OH", "\u{1B}b", "中", "👍", "é",
    "\u{1B}[200~pasted\r\nline\u{1B}[201~",
  ])
  func aSequenceSplitAtAnyByteDecodesTheSame(input: String) {
    let bytes = Array(input.utf8)
    let whole = decode(input)
    for split in 1..<bytes.count {
      var decoder = KeyDecoder()
      let first = decoder.feed(bytes[..<split])
      let second = decoder.feed(bytes[split...])
      #expect(mergingText(first + second) == whole, "split at \(split)")
      #expect(!decoder.hasIncompleteSequence)
    }
  }

  @Test func aSequenceFedOneByteAtATimeWaitsForItsLastByte() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.hasIncompleteSequence)
    #expect(decoder.feed([0x5B]) == [])
    #expect(decoder.feed([0x31, 0x3B, 0x35]) == [])
    #expect(decoder.feed([0x44]) == [.wordLeft])
    #expect(!decoder.hasIncompleteSequence)
  }

  @Test func aLoneEscapeIsReportedWhenTheInputPauses() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.flush() == [.escape])
    #expect(decoder.flush() == [])
    #expect(decoder.feed(Array("\u{1B}\u{1B}".utf8)) == [.escape])
    #expect(decoder.flush() == [.escape])
    #expect(decoder.feed(Array("\u{1B}[".utf8)) == [])
    #expect(decoder.flush() == [.alt("[")])
  }

  @Test func malformedUTF8BecomesReplacementCharacters() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0xC0, 0xAF]) == [.text("\u{FFFD}\u{FFFD}")])
    #expect(decoder.feed([0xE4, 0x41]) == [.text("\u{FFFD}A")])
    #expect(decoder.feed([0xED, 0xA0, 0x80]) == [.text("\u{FFFD}")])
    #expect(decoder.feed([0xE4, 0xB8]) == [])
    #expect(decoder.flush() == [.text("\u{FFFD}")])
  }

  @Test func bracketedPasteIsOneEventWithItsNewlines() {
    #expect(
      decode("\u{1B}[200~a\tb\r\nc\rd\u{1B}x\u{1B}[201~e")
        == [.paste("a\tb\nc\nd\u{1B}x"), .text("e")])
  }

  @Test func aPasteSplitInsideItsEndMarkerWaitsForTheMarker() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("\u{1B}[200~one\u{1B}[20".utf8)) == [])
    #expect(decoder.isInsidePaste)
    #expect(!decoder.hasIncompleteSequence)
    #expect(decoder.flush() == [])
    #expect(decoder.feed(Array("1~".utf8)) == [.paste("one")])
    #expect(!decoder.isInsidePaste)
  }

  @Test func unknownAndRunawaySequencesAreDroppedNotInserted() {
    #expect(decode("\u{1B}[Z") == [.unknown(Array("\u{1B}[Z".utf8))])
    let runaway = "\u{1B}[" + String(repeating: "1", count: 100) + "A"
    // The first 64 bytes after ESC are dropped as one unknown sequence; the rest is text.
    let dropped = Array(runaway.utf8.prefix(65))
    #expect(
      decode(runaway) == [.unknown(dropped), .text(String(repeating: "1", count: 37) + "A")])
  }

  /// Joins adjacent `.text` events, which a split read delivers separately.
  private func mergingText(_ keys: [Key]) -> [Key] {
    var result: [Key] = []
    for key in keys {
      if case .text(let new) = key, case .text(let old)? = result.last {
        result[result.count - 1] = .text(old + new)
      } else {
        result.append(key)
      }
    }
    return result
  }
}
