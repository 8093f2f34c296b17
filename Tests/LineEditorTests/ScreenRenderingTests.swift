import Testing

@testable import LineEditor

@Suite struct ScreenRenderingTests {
  @Test func longLinesWrapAtTheTerminalWidth() {
    var editor = EditorHarness(width: 10)
    editor.type("abcdefghijkl")
    #expect(editor.lines == ["> abcdefgh", "ijkl"])
    #expect(editor.screen.cursor == (1, 4))
    editor.type(Keys.home)
    #expect(editor.screen.cursor == (0, 2))
    editor.type(Keys.end + Keys.left + Keys.left + Keys.left + Keys.left + Keys.left)
    #expect(editor.screen.cursor == (0, 9))
  }

  @Test func aRowFilledExactlyPutsTheCursorOnTheNextRow() {
    var editor = EditorHarness(width: 10)
    editor.type("abcdefgh")
    #expect(editor.lines == ["> abcdefgh"])
    #expect(editor.screen.cursor == (1, 0))
    editor.type("i")
    #expect(editor.lines == ["> abcdefgh", "i"])
    editor.type(Keys.backspace + Keys.backspace)
    #expect(editor.lines == ["> abcdefg"])
    #expect(editor.screen.cursor == (0, 9))
  }

  @Test func aWideCharacterThatDoesNotFitStartsTheNextRow() {
    var editor = EditorHarness(width: 10)
    editor.type("abcdefg中")
    #expect(editor.lines == ["> abcdefg", "中"])
    #expect(editor.screen.cursor == (1, 2))
    editor.type(Keys.left)
    #expect(editor.screen.cursor == (1, 0))
    editor.type(Keys.left)
    #expect(editor.screen.cursor == (0, 8))
  }

  @Test func theCursorMovesByDisplayWidthOverWideAndCombiningCharacters() {
    var editor = EditorHarness()
    editor.type("指数e\u{301}👍x")
    #expect(editor.text == "指数é👍x")
    #expect(editor.machine.buffer.count == 5)
    #expect(editor.screen.cursor == (0, 10))
    editor.type(Keys.left)
    #expect(editor.screen.cursor == (0, 9))
    editor.type(Keys.left)
    #expect(editor.screen.cursor == (0, 7))
    editor.type(Keys.left)
    #expect(editor.screen.cursor == (0, 6))
    editor.type(Keys.backspace)
    #expect(editor.text == "指é👍x")
    #expect(editor.lines == ["> 指é👍x"])
    #expect(editor.screen.cursor == (0, 4))
  }

  @Test func aCombiningMarkTypedAfterALetterJoinsIt() {
    var editor = EditorHarness()
    editor.type("cafe")
    editor.send([0xCC, 0x81])
    #expect(editor.machine.buffer.count == 4)
    #expect(editor.text == "café")
    editor.type(Keys.backspace)
    #expect(editor.text == "caf")
  }

  @Test func continuationLinesHaveTheirOwnPromptAndWrap() {
    var editor = EditorHarness(width: 12, prompt: "idx> ", continuationPrompt: "...> ")
    editor.machine.inputIsComplete = { !$0.hasSuffix("{") }
    editor.type("weights {\rinvestment: 10%")
    #expect(editor.lines == ["idx> weights", " {", "...> investm", "ent: 10%"])
    #expect(editor.screen.cursor == (3, 8))
  }

  @Test func aShorterLineLeavesNothingBehind() {
    var editor = EditorHarness(width: 10)
    editor.type("abcdefghijklmnopqrstu")
    #expect(editor.lines.count == 3)
    editor.type(Keys.control("u"))
    #expect(editor.lines == [">"])
    #expect(editor.screen.cursor == (0, 2))
  }

  @Test func promptColoursTakeNoColumns() {
    var editor = EditorHarness(width: 10, prompt: "\u{1B}[1;34midx\u{1B}[0m> ")
    editor.type("abcdefghi")
    #expect(editor.lines == ["idx> abcde", "fghi"])
    #expect(editor.screen.cursor == (1, 4))
  }

  @Test func controlCharactersAndTabsInPastedTextAreShownNotSent() {
    var editor = EditorHarness(width: 30)
    editor.type(Keys.paste("a\tb\u{1}c"))
    #expect(editor.text == "a\tb\u{1}c")
    #expect(editor.lines == ["> a     b^Ac"])
    #expect(editor.screen.cursor == (0, 12))
    #expect(editor.screen.unhandled.isEmpty)
  }

  @Test func aResizeLaysTheLineOutAgainAtTheNewWidth() {
    var editor = EditorHarness(width: 20)
    editor.type("0123456789abcdefghijklmnop")
    #expect(editor.lines == ["> 0123456789abcdefgh", "ijklmnop"])
    editor.type(Keys.home)
    editor.resize(to: 10)
    #expect(editor.lines == ["> 01234567", "89abcdefgh", "ijklmnop"])
    #expect(editor.screen.cursor == (0, 2))
    editor.type(Keys.end)
    editor.resize(to: 30)
    #expect(editor.lines == ["> 0123456789abcdefghijklmnop"])
    #expect(editor.screen.cursor == (0, 28))
  }

  @Test func aResizeWithTheCursorOnALowerRowRedrawsFromTheTop() {
    var editor = EditorHarness(width: 10)
    editor.type("abcdefghijklmnopqrstuvwxyz")
    #expect(editor.lines == ["> abcdefgh", "ijklmnopqr", "stuvwxyz"])
    #expect(editor.screen.cursor == (2, 8))
    editor.resize(to: 14)
    #expect(editor.lines == ["> abcdefghijkl", "mnopqrstuvwxyz"])
    #expect(editor.screen.cursor == (2, 0))
  }
}
