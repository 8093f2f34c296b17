import Testing

@testable import LineEditor

/// Completes the word before the cursor from a fixed vocabulary, and records its calls.
final class VocabularyCompleter {
  let words: [String]
  private(set) var calls: [(String, Int)] = []

  init(_ words: [String]) {
    self.words = words
  }

  func complete(_ text: String, _ cursor: Int) -> Completion {
    calls.append((text, cursor))
    let characters = Array(text)
    var start = cursor
    while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
    let word = String(characters[start..<cursor])
    return Completion(candidates: words.filter { $0.hasPrefix(word) }, replacing: start..<cursor)
  }
}

@Suite struct CompletionTests {
  private func editor(_ words: [String], width: Int = 40) -> (EditorHarness, VocabularyCompleter) {
    var editor = EditorHarness(width: width)
    let completer = VocabularyCompleter(words)
    editor.machine.completionProvider = completer.complete
    return (editor, completer)
  }

  @Test func aSingleCandidateReplacesTheWord() {
    var (editor, completer) = editor([":reload", ":rank", ":diff"])
    editor.type(":d" + Keys.tab)
    #expect(editor.text == ":diff")
    #expect(editor.lines == ["> :diff"])
    #expect(completer.calls.count == 1)
    #expect(completer.calls[0] == (":d", 2))
  }

  @Test func severalCandidatesInsertTheirCommonPrefixThenASecondTabListsThem() {
    var (editor, _) = editor(["investment", "investment.weight", "innovation", "talent"])
    editor.type("set inv" + Keys.tab)
    #expect(editor.text == "set investment")
    #expect(editor.screen.bells == 0)
    editor.type(Keys.tab)
    #expect(editor.text == "set investment")
    #expect(
      editor.lines == [
        "> set investment", "investment         investment.weight", "> set investment",
      ])
    #expect(editor.screen.cursor == (2, 16))
  }

  @Test func aFirstTabWithNothingToAddRingsAndTheSecondLists() {
    var (editor, _) = editor(["alpha", "beta", "gamma", "delta", "epsilon"], width: 20)
    editor.type(Keys.tab)
    #expect(editor.screen.bells == 1)
    #expect(editor.lines == [">"])
    editor.type(Keys.tab)
    #expect(editor.lines == [">", "alpha    delta", "beta     epsilon", "gamma", ">"])
  }

  @Test func labelsAreListedInPlaceOfTheCandidates() {
    var editor = EditorHarness()
    editor.machine.completionProvider = { _, cursor in
      Completion(
        candidates: ["data/ai.csv", "data/asem.csv"], replacing: 0..<cursor,
        labels: ["ai.csv", "asem.csv"])
    }
    editor.type("data/a" + Keys.tab + Keys.tab)
    #expect(editor.lines == ["> data/a", "ai.csv    asem.csv", "> data/a"])
  }

  @Test func aKeyBetweenTabsStartsOver() {
    var (editor, _) = editor(["ab1", "ab2"])
    editor.type("a" + Keys.tab)
    #expect(editor.text == "ab")
    editor.type("x" + Keys.backspace + Keys.tab)
    #expect(editor.lines == ["> ab"])
    #expect(editor.screen.bells == 1)
  }

  @Test func noCandidatesRingTheBellAndChangeNothing() {
    var (editor, _) = editor(["score"])
    editor.type("zz" + Keys.tab + Keys.tab)
    #expect(editor.text == "zz")
    #expect(editor.screen.bells == 2)
  }

  @Test func completionInTheMiddleReplacesOnlyItsRange() {
    var (editor, completer) = editor(["score.CN"])
    editor.type("sc - rank" + Keys.home + Keys.right + Keys.right + Keys.tab)
    #expect(completer.calls.last.map { $0 == ("sc - rank", 2) } == true)
    #expect(editor.text == "score.CN - rank")
    #expect(editor.cursor == 8)
  }

  @Test func aPastedTabIsTextAndAsksNoCompletion() {
    var (editor, completer) = editor(["score"])
    editor.type(Keys.paste("s\tc"))
    #expect(editor.text == "s\tc")
    #expect(completer.calls.isEmpty)
  }

  @Test func withoutAProviderTabRings() {
    var editor = EditorHarness()
    editor.type("a" + Keys.tab)
    #expect(editor.text == "a")
    #expect(editor.screen.bells == 1)
  }

  @Test func theCommonPrefixIsByCharacters() {
    let completion = Completion(candidates: ["café", "cafe\u{301}s", "cafés"], replacing: 0..<0)
    #expect(completion.commonPrefix == "café")
    #expect(Completion(candidates: ["中文", "中国"], replacing: 0..<0).commonPrefix == "中")
  }
}

@Suite struct BracketedPasteTests {
  @Test func aPasteIsInsertedLiterallyWithItsNewlines() {
    var editor = EditorHarness()
    editor.machine.inputIsComplete = { _ in true }
    editor.type("x" + Keys.paste("set a = 1\r\nset b = 2"))
    #expect(editor.text == "xset a = 1\nset b = 2")
    #expect(editor.outcomes.isEmpty)
    #expect(editor.lines == ["> xset a = 1", ". set b = 2"])
    editor.type(Keys.enter)
    #expect(editor.lastOutcome == .accepted("xset a = 1\nset b = 2"))
  }

  @Test func aPasteArrivingInPiecesIsStillOneInsertion() {
    var editor = EditorHarness()
    editor.type(Keys.pasteStart + "ab\r")
    #expect(editor.text == "")
    editor.type("cd" + "\u{1B}[2")
    editor.type("01~" + Keys.left)
    #expect(editor.text == "ab\ncd")
    #expect(editor.cursor == 4)
  }
}
