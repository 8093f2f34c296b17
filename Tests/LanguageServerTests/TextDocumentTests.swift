import Testing

@testable import LanguageServer

/// Positions as the protocol counts them (UTF-16 or UTF-8, lines at `\n`, `\r\n`, `\r`) and
/// edits applied to open documents.
@Suite struct TextDocumentTests {
  static let text = "a é\r\n😀x\rz\n"

  @Test func convertsOffsetsAndPositionsBothWays() {
    let lines = LineIndex(Array(Self.text.utf8))
    #expect(lines.starts == [0, 6, 12, 14])
    // Line 1 is 😀 (4 bytes, 2 UTF-16 units) then x.
    #expect(lines.position(of: 10, encoding: .utf16) == Position(line: 1, character: 2))
    #expect(lines.position(of: 10, encoding: .utf8) == Position(line: 1, character: 4))
    #expect(lines.offset(of: Position(line: 1, character: 2), encoding: .utf16) == 10)
    #expect(lines.offset(of: Position(line: 0, character: 3), encoding: .utf16) == 4)
    // Past the end of a line: its end, before the line break; past the last line: the end.
    #expect(lines.offset(of: Position(line: 0, character: 99), encoding: .utf16) == 4)
    #expect(lines.offset(of: Position(line: 9, character: 0), encoding: .utf16) == 14)
    // Inside a surrogate pair: before the character.
    #expect(lines.offset(of: Position(line: 1, character: 1), encoding: .utf16) == 6)
    for offset in [0, 1, 2, 4, 6, 10, 11, 12, 13, 14] {
      let position = lines.position(of: offset, encoding: .utf16)
      #expect(lines.offset(of: position, encoding: .utf16) == offset, "offset \(offset)")
    }
  }

  @Test func appliesIncrementalAndFullChanges() {
    var document = TextDocument(uri: "file:///a", path: "/a", version: 1, text: "one\ntwo\n")
    func apply(_ change: JSONValue, _ encoding: PositionEncoding = .utf16) -> Bool {
      document.apply(change, encoding: encoding)
    }
    let range: JSONValue = .object([
      "start": .object(["line": 1, "character": 1]), "end": .object(["line": 1, "character": 3]),
    ])
    #expect(apply(.object(["range": range, "text": "😀\nthree"])))
    #expect(String(decoding: document.bytes, as: UTF8.self) == "one\nt😀\nthree\n")
    // A range given end first is the same range.
    let backwards: JSONValue = .object([
      "start": .object(["line": 2, "character": 5]), "end": .object(["line": 0, "character": 3]),
    ])
    #expect(apply(.object(["range": backwards, "text": ""])))
    #expect(String(decoding: document.bytes, as: UTF8.self) == "one\n")
    #expect(apply(.object(["text": "all new"]), .utf8))
    #expect(String(decoding: document.bytes, as: UTF8.self) == "all new")
    #expect(!apply(.object(["range": range])))
    #expect(!apply(.object(["range": .object([:]), "text": "x"])))
    #expect(String(decoding: document.bytes, as: UTF8.self) == "all new")
  }

  @Test func fileURIsAndPaths() {
    #expect(FileURI.path("file:///w/a%20b.idx") == "/w/a b.idx")
    #expect(FileURI.path("file://localhost/w/x.idx") == "/w/x.idx")
    #expect(FileURI.path("file://server/w/x.idx") == nil)
    #expect(FileURI.path("untitled:1") == nil)
    #expect(FileURI.uri("/w/a b/é.idx") == "file:///w/a%20b/%C3%A9.idx")
    #expect(FileURI.path(FileURI.uri("/w/a b/é#.idx")) == "/w/a b/é#.idx")
  }
}
