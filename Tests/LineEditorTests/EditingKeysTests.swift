import Testing

@testable import LineEditor

@Suite struct EditingKeysTests {
  @Test func typedTextIsInsertedAndShownAfterThePrompt() {
    var editor = EditorHarness()
    editor.type("hello")
    #expect(editor.text == "hello")
    #expect(editor.cursor == 5)
    #expect(editor.lines == ["> hello"])
    #expect(editor.screen.cursor == (0, 7))
    #expect(editor.screen.unhandled.isEmpty)
  }

  @Test func arrowsAndControlBAndFMoveTheCursor() {
    var editor = EditorHarness()
    editor.type("abcd" + Keys.left + Keys.left)
    #expect(editor.cursor == 2)
    #expect(editor.screen.cursor == (0, 4))
    editor.type(Keys.control("b"))
    #expect(editor.cursor == 1)
    editor.type(Keys.right + Keys.control("f"))
    #expect(editor.cursor == 3)
    editor.type("X")
    #expect(editor.lines == ["> abcXd"])
    editor.type(Keys.right + Keys.right + Keys.right)
    #expect(editor.cursor == 5)
  }

  @Test(arguments: [
    ("\u{1B}[H", "\u{1B}[F"), ("\u{1B}OH", "\u{1B}OF"), ("\u{1B}[1~", "\u{1B}[4~"),
    ("\u{1B}[7~", "\u{1B}[8~"), ("\u{1}", "\u{5}"),
  ])
  func homeAndEndInEveryEncoding(home: String, end: String) {
    var editor = EditorHarness()
    editor.type("middle")
    editor.type(home)
    #expect(editor.cursor == 0)
    #expect(editor.screen.cursor == (0, 2))
    editor.type(end)
    #expect(editor.cursor == 6)
    #expect(editor.screen.cursor == (0, 8))
  }

  @Test func backspaceInBothEncodingsAndDelete() {
    var editor = EditorHarness()
    editor.type("abcdef" + Keys.backspace + Keys.controlH)
    #expect(editor.text == "abcd")
    editor.type(Keys.home + Keys.delete)
    #expect(editor.text == "bcd")
    #expect(editor.lines == ["> bcd"])
    editor.type(Keys.home + Keys.backspace)
    #expect(editor.text == "bcd")
  }

  @Test func controlDDeletesUnderTheCursorAndEndsInputOnAnEmptyLine() {
    var editor = EditorHarness()
    editor.type("ab" + Keys.left + Keys.control("d"))
    #expect(editor.text == "a")
    #expect(editor.outcomes.isEmpty)
    editor.type(Keys.control("d"))
    #expect(editor.outcomes.isEmpty)
    editor.type(Keys.backspace + Keys.control("d"))
    #expect(editor.lastOutcome == .endOfInput)
    #expect(editor.screen.cursor == (1, 0))
  }

  @Test func controlCCancelsTheLineAndShowsIt() {
    var editor = EditorHarness()
    editor.type("half typed" + Keys.home + Keys.control("c"))
    #expect(editor.lastOutcome == .cancelled)
    #expect(editor.lines == ["> half typed^C"])
    #expect(editor.screen.cursor == (1, 0))
    editor.nextLine()
    #expect(editor.text == "")
    #expect(editor.lines == ["> half typed^C", ">"])
  }

  @Test func enterAcceptsTheLineAndMovesBelowIt() {
    var editor = EditorHarness()
    editor.type("score.CN" + Keys.home + Keys.enter)
    #expect(editor.lastOutcome == .accepted("score.CN"))
    #expect(editor.screen.cursor == (1, 0))
    #expect(editor.lines == ["> score.CN"])
  }

  @Test func enterOnIncompleteInputStartsAContinuationLine() {
    var editor = EditorHarness()
    editor.machine.inputIsComplete = { text in
      text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count
    }
    editor.type("mean(score" + Keys.enter)
    #expect(editor.outcomes.isEmpty)
    #expect(editor.lines == ["> mean(score", ". "].map { $0.trimmingTrailingSpaces })
    #expect(editor.screen.cursor == (1, 2))
    editor.type(")" + Keys.enter)
    #expect(editor.lastOutcome == .accepted("mean(score\n)"))
    #expect(editor.lines == ["> mean(score", ". )"])
  }

  @Test func keysTypedAheadWaitForTheNextLine() {
    var editor = EditorHarness()
    editor.type("first\rsecond\r")
    #expect(editor.outcomes == [.accepted("first")])
    editor.nextLine()
    #expect(editor.outcomes == [.accepted("first"), .accepted("second")])
  }

  @Test func controlKKillsToTheEndAndControlYYanksItBack() {
    var editor = EditorHarness()
    editor.type("set a = 1" + Keys.home + Keys.altF + Keys.control("k"))
    #expect(editor.text == "set")
    #expect(editor.lines == ["> set"])
    editor.type(Keys.home + Keys.control("y"))
    #expect(editor.text == " a = 1set")
    #expect(editor.cursor == 6)
  }

  @Test func controlUKillsToTheStartOfTheLine() {
    var editor = EditorHarness()
    editor.type("remove talent" + Keys.left + Keys.left + Keys.control("u"))
    #expect(editor.text == "nt")
    #expect(editor.cursor == 0)
    editor.type(Keys.end + Keys.control("y"))
    #expect(editor.text == "ntremove tale")
  }

  @Test func controlWKillsTheBlankSeparatedWordAndKillsInARowJoin() {
    var editor = EditorHarness()
    editor.type("set talent.weight = 25%  ")
    editor.type(Keys.control("w"))
    #expect(editor.text == "set talent.weight = ")
    editor.type(Keys.control("w") + Keys.control("w"))
    #expect(editor.text == "set ")
    editor.type(Keys.control("y"))
    #expect(editor.text == "set talent.weight = 25%  ")
    #expect(editor.machine.killRing.entries == ["talent.weight = 25%  "])
  }

  @Test func altDAndAltBackspaceKillWordsAndAltYRotatesTheYank() {
    var editor = EditorHarness()
    editor.type("alpha beta gamma" + Keys.home + Keys.altD)
    #expect(editor.text == " beta gamma")
    editor.type(Keys.end + Keys.altBackspace)
    #expect(editor.text == " beta ")
    editor.type(Keys.control("y"))
    #expect(editor.text == " beta gamma")
    editor.type(Keys.altY)
    #expect(editor.text == " beta alpha")
    editor.type(Keys.altY)
    #expect(editor.text == " beta gamma")
    editor.type("!" + Keys.altY)
    #expect(editor.text == " beta gamma!")
  }

  @Test func controlTTransposesAroundTheCursorAndAtTheEnd() {
    var editor = EditorHarness()
    editor.type("abcd" + Keys.left + Keys.left + Keys.control("t"))
    #expect(editor.text == "acbd")
    #expect(editor.cursor == 3)
    editor.type(Keys.end + Keys.control("t"))
    #expect(editor.text == "acdb")
    editor.type(Keys.home + Keys.control("t"))
    #expect(editor.text == "acdb")
  }

  @Test func controlLClearsTheScreenAndRedrawsAtTheTop() {
    var editor = EditorHarness()
    editor.type("one\r")
    editor.nextLine()
    editor.type("two" + Keys.control("l"))
    #expect(editor.lines == ["> two"])
    #expect(editor.screen.cursor == (0, 5))
  }

  @Test(arguments: [
    (Keys.altB, Keys.altF), ("\u{1B}[1;3D", "\u{1B}[1;3C"), ("\u{1B}[1;5D", "\u{1B}[1;5C"),
  ])
  func wordMotionsInEveryEncoding(back: String, forward: String) {
    var editor = EditorHarness()
    editor.type("set talent.weight = 25%")
    editor.type(back)
    #expect(editor.cursor == 20)
    editor.type(back + back)
    #expect(editor.cursor == 4)
    editor.type(forward)
    #expect(editor.cursor == 10)
    editor.type(forward + forward)
    #expect(editor.cursor == 22)
    #expect(editor.screen.cursor == (0, 24))
  }

  @Test func upAndDownMoveBetweenTheLinesOfAMultiLineBuffer() {
    var editor = EditorHarness()
    editor.machine.inputIsComplete = { $0.hasSuffix(";") }
    editor.type("first line\rsecond\rthird")
    #expect(editor.text == "first line\nsecond\nthird")
    editor.type(Keys.up)
    #expect(editor.cursor == 16)
    #expect(editor.screen.cursor == (1, 7))
    editor.type(Keys.up)
    #expect(editor.cursor == 5)
    editor.type(Keys.control("a") + Keys.down + Keys.control("e"))
    #expect(editor.cursor == 17)
  }

  @Test func escapeSequencesTheEditorDoesNotUseInsertNothing() {
    var editor = EditorHarness()
    editor.type("a\u{1B}[Z\u{1B}[15~\u{1B}OPb")
    #expect(editor.text == "ab")
  }

  @Test func controlZAsksToSuspendAndKeepsTheLine() {
    var editor = EditorHarness()
    editor.type("keep" + Keys.control("z") + "er")
    #expect(editor.suspensions == 1)
    #expect(editor.text == "keep")
    editor.show(editor.machine.resumeAfterSuspend())
    #expect(editor.text == "keeper")
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var copy = self
    while copy.hasSuffix(" ") { copy.removeLast() }
    return copy
  }
}
