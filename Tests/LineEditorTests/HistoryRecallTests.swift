import Testing

@testable import LineEditor

@Suite struct HistoryRecallTests {
  private let history = ["set a = 1", "rank", "set b = 2", ":diff"]

  @Test func upAndDownWalkTheHistoryAndComeBackToTheTypedLine() {
    var editor = EditorHarness(history: history)
    editor.type(Keys.up)
    #expect(editor.text == ":diff")
    #expect(editor.lines == ["> :diff"])
    editor.type(Keys.up + Keys.up)
    #expect(editor.text == "rank")
    editor.type(Keys.control("p"))
    #expect(editor.text == "set a = 1")
    editor.type(Keys.up)
    #expect(editor.text == "set a = 1")
    #expect(editor.screen.bells == 1)
    editor.type(Keys.down + Keys.control("n"))
    #expect(editor.text == "set b = 2")
    editor.type(Keys.down + Keys.down)
    #expect(editor.text == "")
    #expect(editor.lines == [">"])
  }

  @Test func theTypedPrefixFiltersWhatUpAndDownRecall() {
    var editor = EditorHarness(history: history)
    editor.type("set")
    editor.type(Keys.up)
    #expect(editor.text == "set b = 2")
    #expect(editor.cursor == 9)
    editor.type(Keys.up)
    #expect(editor.text == "set a = 1")
    editor.type(Keys.up)
    #expect(editor.text == "set a = 1")
    #expect(editor.screen.bells == 1)
    editor.type(Keys.down)
    #expect(editor.text == "set b = 2")
    editor.type(Keys.down)
    #expect(editor.text == "set")
  }

  @Test func editingARecalledLineStartsAFreshRecall() {
    var editor = EditorHarness(history: history)
    editor.type(Keys.up + Keys.up + Keys.up)
    #expect(editor.text == "rank")
    editor.type(Keys.backspace + Keys.backspace + Keys.backspace)
    editor.type(Keys.up)
    #expect(editor.text == "rank")
    editor.type(Keys.down)
    #expect(editor.text == "r")
  }

  @Test func acceptedLinesJoinTheHistoryButNotBlanksOrRepeats() {
    var editor = EditorHarness()
    editor.type("score.CN\r")
    editor.nextLine()
    editor.type("score.CN\r")
    editor.nextLine()
    editor.type("   \r")
    editor.nextLine()
    editor.type("rank.CN\r")
    #expect(editor.machine.history.entries == ["score.CN", "rank.CN"])
    editor.nextLine()
    editor.type(Keys.up + Keys.up)
    #expect(editor.text == "score.CN")
  }

  @Test func aMultiLineEntryIsRecalledWholeAndUpMovesThroughItFirst() {
    var editor = EditorHarness(history: ["older", "weights {\n  a: 1\n}"])
    editor.type(Keys.up)
    #expect(editor.text == "weights {\n  a: 1\n}")
    #expect(editor.lines == ["> weights {", ".   a: 1", ". }"])
    editor.type(Keys.up + Keys.up)
    #expect(editor.machine.buffer.isOnFirstLine)
    editor.type(Keys.up)
    #expect(editor.text == "older")
  }

  @Test func theHistoryKeepsItsLimit() {
    var history = History(["a", "b"], limit: 3)
    history.add("c")
    history.add("d")
    #expect(history.entries == ["b", "c", "d"])
    #expect(History(["1", "2", "3", "4"], limit: 2).entries == ["3", "4"])
  }
}

@Suite struct ReverseSearchTests {
  private let history = ["set a = 1", "rank top", "set investment.weight = 10%", ":diff"]

  @Test func controlRFindsTheNewestMatchAndShowsTheSearchPrompt() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type(Keys.control("r"))
    #expect(editor.lines == ["(reverse-i-search)'':"])
    editor.type("set")
    #expect(editor.lines == ["(reverse-i-search)'set': set investment.weight = 10%"])
    #expect(editor.screen.cursor == (0, 25))
    editor.type(Keys.control("r"))
    #expect(editor.lines == ["(reverse-i-search)'set': set a = 1"])
    editor.type(Keys.control("r"))
    #expect(editor.lines == ["(failed reverse-i-search)'set': set a = 1"])
    #expect(editor.screen.bells == 1)
    editor.type(Keys.control("s"))
    #expect(editor.lines == ["(reverse-i-search)'set': set investment.weight = 10%"])
  }

  @Test func typingNarrowsAndBackspaceWidensTheQuery() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type(Keys.control("r") + "t")
    #expect(editor.lines == ["(reverse-i-search)'t': set investment.weight = 10%"])
    editor.type("o")
    #expect(editor.lines == ["(reverse-i-search)'to': rank top"])
    editor.type("x")
    #expect(editor.lines == ["(failed reverse-i-search)'tox': rank top"])
    editor.type(Keys.backspace + Keys.backspace)
    #expect(editor.lines == ["(reverse-i-search)'t': set investment.weight = 10%"])
  }

  @Test func enterTakesTheMatchAndSubmitsIt() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type(Keys.control("r") + "rank" + Keys.enter)
    #expect(editor.lastOutcome == .accepted("rank top"))
    #expect(editor.lines == ["> rank top"])
  }

  @Test func anEditingKeyTakesTheMatchAndThenActs() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type(Keys.control("r") + "a = " + Keys.control("e") + "0")
    #expect(editor.text == "set a = 10")
    #expect(editor.lines == ["> set a = 10"])
    editor.type(Keys.control("r") + "rank" + Keys.right + "X")
    #expect(editor.text == "rXank top")
  }

  @Test(arguments: [Keys.control("g"), Keys.escape])
  func controlGAndEscapeRestoreTheLine(cancel: String) {
    var editor = EditorHarness(width: 60, history: history)
    editor.type("typed" + Keys.left + Keys.control("r") + "diff" + cancel)
    editor.pause()
    #expect(editor.text == "typed")
    #expect(editor.cursor == 4)
    #expect(editor.lines == ["> typed"])
    #expect(editor.outcomes.isEmpty)
  }

  @Test func controlCInASearchCancelsTheLine() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type("typed" + Keys.control("r") + "diff" + Keys.control("c"))
    #expect(editor.lastOutcome == .cancelled)
    #expect(editor.lines == ["> typed^C"])
  }

  @Test func controlRTwiceReusesTheLastQuery() {
    var editor = EditorHarness(width: 60, history: history)
    editor.type(Keys.control("r") + "rank" + Keys.control("g"))
    editor.type(Keys.control("r") + Keys.control("r"))
    #expect(editor.lines == ["(reverse-i-search)'rank': rank top"])
  }
}
