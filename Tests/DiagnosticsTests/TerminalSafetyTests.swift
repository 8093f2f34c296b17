import Testing

@testable import Diagnostics

/// Diagnostics cannot be spoofed: whatever the input holds, what reaches the terminal is
/// visible text, and the caret still points at the character it is about.
@Suite struct TerminalSafetyTests {
  @Test(arguments: [
    ("\u{1B}[2J", #"\u{1b}[2J"#),
    ("a\tb\nc\rd", #"a\tb\nc\rd"#),
    ("\u{0}\u{7}\u{7F}", #"\u{0}\u{7}\u{7f}"#),
    ("\u{9B}31m", #"\u{9b}31m"#),
    ("abc\u{202E}fed", #"abc\u{202e}fed"#),
    ("\u{2066}x\u{2069}", #"\u{2066}x\u{2069}"#),
    ("\u{200F}\u{061C}", #"\u{200f}\u{61c}"#),
    ("C\u{200B}N", #"C\u{200b}N"#),
    ("\u{FEFF}k", #"\u{feff}k"#),
    ("tag\u{E0041}", #"tag\u{e0041}"#),
    ("line\u{2028}break", #"line\u{2028}break"#),
  ])
  func escapesControlDirectionAndInvisibleCharacters(_ input: String, _ expected: String) {
    #expect(TerminalText.escaped(input) == expected)
    #expect(TerminalText.needsEscaping(input))
  }

  @Test(arguments: [
    "Côte d'Ivoire", "São Tomé and Príncipe", "العربية", "中国", "👩‍🔬", "मित्र‌ता", "a\\u{1b}b", "",
  ])
  func printableTextIsUnchanged(_ text: String) {
    #expect(TerminalText.escaped(text) == text)
    #expect(!TerminalText.needsEscaping(text))
  }

  @Test func escapedLinesKeepsLineFeedsOnly() {
    #expect(TerminalText.escapedLines("a\u{1B}\nb\tc\n") == "a\\u{1b}\nb\\tc\n")
  }

  @Test func sourceLineMessageAndLabelAreEscapedAndTheCaretStaysOnItsCharacter() {
    let file = SourceFile(path: "m.idx", text: "x \u{1B}[2J\u{202E} y\n")
    let start = Array("x \u{1B}[2J\u{202E} ".utf8).count
    let diagnostic = Diagnostic.error(
      "E0201", "unknown `\u{1B}]0;t\u{7}`", at: Span(file: file, start: start, end: start + 1),
      label: "not \u{9B}here", notes: ["\u{202E}note"], help: ["say \u{1B}"])
    #expect(
      DiagnosticRenderer().render(diagnostic) == #"""
        error[E0201]: unknown `\u{1b}]0;t\u{7}`
         --> m.idx:1:9
          |
        1 | x \u{1b}[2J\u{202e} y
          |                     ^ not \u{9b}here
          |
          = note: \u{202e}note
          = help: say \u{1b}

        """#)
  }

  @Test func pathsAreEscaped() {
    let file = SourceFile(path: "evil\u{1B}[2J.idx", text: "x\n")
    let text = DiagnosticRenderer().render(
      Diagnostic.error("E0101", "bad", at: Span(file: file, start: 0, end: 1)))
    #expect(text.contains(#" --> evil\u{1b}[2J.idx:1:1"#))
    #expect(!text.unicodeScalars.contains("\u{1B}"))
  }

  @Test func invalidBytesAreShownAsHexUnderTheirCaret() {
    let file = SourceFile(
      path: "l.idx", bytes: Array("name \"C".utf8) + [0xF4] + Array("te\"".utf8))
    let diagnostic = Diagnostic.error(
      "E0103", "not UTF-8", at: Span(file: file, start: 7, end: 8), label: "here")
    let lines = DiagnosticRenderer().render(diagnostic).split(separator: "\n")
    #expect(lines[3] == #"1 | name "C\xF4te""#)
    #expect(lines[4] == "  |        ^^^^ here")
  }

  @Test func tabsAreOneSpaceAndTheCaretFollows() {
    let file = SourceFile(path: "t.idx", text: "\tvalue:\tx\n")
    let lines = DiagnosticRenderer().render(
      Diagnostic.error("E0201", "m", at: Span(file: file, start: 8, end: 9))
    ).split(separator: "\n")
    #expect(lines[3] == "1 |  value: x")
    #expect(lines[4] == "  |         ^")
  }

  @Test func jsonEscapesEveryUnsafeCharacterLosslessly() {
    #expect(
      jsonString("\u{1B}\u{202E}\u{9B}\u{E0041}é\"\\")
        == #""\u001b\u202e\u009b\udb40\udc41é\"\\""#)
  }

  @Test func jsonMessagesAreEscapedForDisplayAndPathsKeptExact() {
    let file = SourceFile(path: "a\u{202E}b.idx", text: "x\n")
    let diagnostic = Diagnostic.error(
      "E0101", "bad \u{1B}[2J", at: Span(file: file, start: 0, end: 1), label: "\u{202E}",
      help: ["\u{7}"])
    let json = diagnostic.json
    #expect(json.contains(#""message":"bad \\u{1b}[2J""#))
    #expect(json.contains(#""file":"a\u202eb.idx""#))
    #expect(json.contains(#""label":"\\u{202e}""#))
    #expect(json.contains(#""help":["\\u{7}"]"#))
    #expect(!json.unicodeScalars.contains { TerminalText.isUnsafe($0) })
  }
}

/// A long line is shown as a window around its caret, and columns on it cost no more than on
/// a short one.
@Suite struct LongLineTests {
  /// One line of a megabyte: `a`s, an `X`, `b`s, with a two-byte `é` every 100 characters so
  /// that bytes and characters differ.
  static let megabyteLine: SourceFile = {
    var bytes: [UInt8] = []
    for i in 0..<500_000 { bytes += i % 100 == 50 ? Array("é".utf8) : [UInt8(ascii: "a")] }
    bytes.append(UInt8(ascii: "X"))
    for i in 0..<500_000 { bytes += i % 100 == 50 ? Array("é".utf8) : [UInt8(ascii: "b")] }
    return SourceFile(path: "long.idx", bytes: bytes + [UInt8(ascii: "\n")])
  }()

  static var offsetOfX: Int { megabyteLine.bytes.firstIndex(of: UInt8(ascii: "X")) ?? -1 }

  /// The source line and caret line of a rendered diagnostic.
  static func snippet(at start: Int, _ end: Int) -> (line: Substring, marks: Substring, all: String)
  {
    let text = DiagnosticRenderer().render(
      Diagnostic.error("E0103", "m", at: Span(file: megabyteLine, start: start, end: end)))
    let lines = text.split(separator: "\n")
    return (lines[3].dropFirst(4), lines[4].dropFirst(4), text)
  }

  @Test func theMiddleOfAMegabyteLineIsAWindowAroundTheCaret() {
    let (line, marks, all) = Self.snippet(at: Self.offsetOfX, Self.offsetOfX + 1)
    #expect(all.utf8.count < 1_000)
    #expect(line.hasPrefix("…") && line.hasSuffix("…"))
    #expect(marks.drop { $0 == " " } == "^")
    let caret = marks.count - 1
    #expect(Array(line)[caret] == "X")
    #expect(line.count > 2 * SnippetLine.context && line.count < 2 * SnippetLine.context + 10)
  }

  @Test func theStartAndEndOfALongLineAreCutOnOneSideOnly() {
    let first = Self.snippet(at: 0, 1)
    #expect(first.line.hasPrefix("aaa") && first.line.hasSuffix("…"))
    #expect(first.marks == "^")
    let end = Self.megabyteLine.bytes.count - 1
    let last = Self.snippet(at: end - 1, end)
    #expect(last.line.hasPrefix("…") && last.line.hasSuffix("bbb"))
    #expect(last.marks.count == last.line.count)
  }

  @Test func aSpanLongerThanTheWindowIsCut() {
    let (line, marks, _) = Self.snippet(at: 10, Self.megabyteLine.bytes.count - 1)
    #expect(marks.drop { $0 == " " }.count == SnippetLine.spanLimit)
    #expect(line.hasSuffix("…"))
  }

  @Test func aLineAtTheLimitIsShownWhole() {
    let text = String(repeating: "a", count: SnippetLine.wholeLineLimit)
    let file = SourceFile(path: "s.idx", text: text)
    let lines = DiagnosticRenderer().render(
      Diagnostic.error("E0103", "m", at: Span(file: file, start: 200, end: 201))
    ).split(separator: "\n")
    #expect(lines[3] == "1 | " + text)
    #expect(lines[4] == "  | " + String(repeating: " ", count: 200) + "^")
  }

  /// Columns from the line index agree with counting characters from the line start.
  @Test func columnsOnALongLineAreExact() {
    let file = Self.megabyteLine
    var characters = 0
    var expected: [Int: Int] = [:]
    for (offset, byte) in file.bytes.enumerated() {
      if offset % 997 == 0 || offset == file.bytes.count - 1 { expected[offset] = characters + 1 }
      if byte & 0xC0 != 0x80 { characters += 1 }
    }
    for (offset, column) in expected {
      #expect(file.lineColumn(of: offset) == (1, column), "offset \(offset)")
    }
    #expect(file.lineColumn(of: file.bytes.count) == (2, 1))
  }

  /// The column of a byte offset on the megabyte line, counted from its start.
  static func naiveColumn(of offset: Int) -> Int {
    megabyteLine.bytes[..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
  }

  /// Ten thousand diagnostics on the megabyte line render in JSON with the right columns.
  @Test func manyDiagnosticsOnOneLongLine() {
    let file = Self.megabyteLine
    let offsets = Array(stride(from: 0, to: 1_000_000, by: 100))
    let diagnostics = offsets.map {
      Diagnostic.error("E0103", "m", at: Span(file: file, start: $0, end: $0 + 1))
    }
    let json = diagnostics.map(\.json)
    for index in [1, 2, 4_999, 5_001, 9_999] {
      let column = Self.naiveColumn(of: offsets[index])
      #expect(json[index].contains("\"column\":\(column),"), "diagnostic \(index)")
    }
    let text = DiagnosticRenderer().render(diagnostics)
    #expect(text.utf8.count < 60 * 1_000)
    #expect(text.hasSuffix("10000 errors\n"))
  }
}

/// `\n`, `\r\n` and a lone `\r` end a line; a byte order mark is no part of the first line.
@Suite struct LineEndTests {
  @Test func everyLineEndCounts() {
    let file = SourceFile(path: "x", text: "a\rb\r\nc\nd\r\re")
    #expect(file.lineStarts == [0, 2, 5, 7, 9, 10])
    #expect((1...6).map(file.lineText) == ["a", "b", "c", "d", "", "e"])
    #expect(file.lineColumn(of: 2) == (2, 1))
    #expect(file.lineColumn(of: 3) == (2, 2))
    #expect(file.lineColumn(of: 4) == (2, 3))
    #expect(file.lineColumn(of: 10) == (6, 1))
    #expect([0, 2, 5, 7, 9, 10].allSatisfy(file.isLineStart))
    #expect(![1, 3, 4, 6, 8].contains(where: file.isLineStart))
  }

  @Test func aByteOrderMarkIsNoCharacterOfTheFirstLine() {
    let file = SourceFile(path: "b", bytes: SourceFile.byteOrderMark + Array("ab\ncd".utf8))
    #expect(file.textStart == 3)
    #expect(file.lineText(1) == "ab")
    #expect(file.lineColumn(of: 3) == (1, 1))
    #expect(file.lineColumn(of: 4) == (1, 2))
    #expect(file.lineColumn(of: 0) == (1, 1))
    #expect(file.lineColumn(of: 7) == (2, 2))
    #expect(file.isLineStart(3) && !file.isLineStart(1))
  }
}

@Suite struct UTF8ValidationTests {
  @Test func findsEachRunOfBadBytes() {
    let bytes: [UInt8] = [
      0x61, 0xE9, 0x74,  // Latin-1 é between ASCII
      0xFF, 0xFE, 0x62,  // two bad bytes in a row: one run
      0xC3, 0xA9,  // a valid é
      0xC0, 0x80,  // an overlong NUL
      0x63, 0xED, 0xA0, 0x80,  // a UTF-16 surrogate
      0x64, 0xE2, 0x82,  // a sequence cut off by the end of the file
    ]
    let runs = bytes.withUnsafeBufferPointer { UTF8Validation.invalidRuns($0) }
    #expect(runs == [1..<2, 3..<5, 8..<10, 11..<14, 15..<17])
  }

  @Test func validTextHasNoRuns() {
    let bytes = Array("Côte d'Ivoire 中国 👩‍🔬\n".utf8)
    #expect(bytes.withUnsafeBufferPointer { UTF8Validation.invalidRuns($0) }.isEmpty)
    let scalar = bytes.withUnsafeBufferPointer { UTF8Validation.scalar($0, at: 1) }
    #expect(scalar?.scalar == "ô" && scalar?.length == 2)
  }
}
