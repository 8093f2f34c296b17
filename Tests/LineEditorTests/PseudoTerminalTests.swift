import Glibc
import Testing

@testable import LineEditor

/// Signal handlers the tests install in place of the default actions, so that a re-raised
/// signal is observed instead of ending or stopping the test process.
nonisolated(unsafe) private var observedSignal: Int32 = 0
nonisolated(unsafe) private var observedTerminal: Int32 = -1
nonisolated(unsafe) private var observedLocalFlags: tcflag_t = 0

private func observeSignal(_ number: Int32) {
  observedSignal = number
  var attributes = termios()
  if tcgetattr(observedTerminal, &attributes) == 0 { observedLocalFlags = attributes.c_lflag }
}

/// Replaces a signal's disposition with `observeSignal` for the duration of `body`.
private func observing(_ number: Int32, on terminal: PseudoTerminal, _ body: () -> Void) {
  observedSignal = 0
  observedLocalFlags = 0
  observedTerminal = terminal.slave
  var action = sigaction()
  action.__sigaction_handler.sa_handler = observeSignal
  sigemptyset(&action.sa_mask)
  var previous = sigaction()
  sigaction(number, &action, &previous)
  body()
  sigaction(number, &previous, nil)
}

/// End-to-end tests in a real pseudo-terminal.
///
/// The editor runs on the slave side, keys are typed on the master side, and the screen is read
/// back through a VT100 model. Serialized: signal handlers and the signal relay are
/// process-wide.
@Suite(.serialized) struct PseudoTerminalTests {
  @Test func aLineIsEditedOnTheTerminalAndTheTerminalIsRestored() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let before = terminal.attributes
    let thread = EditorThread(ptyEditor(terminal))
    #expect(thread.editor.mode == .interactive)
    #expect(thread.start(on: terminal))
    #expect(terminal.screen.text == ["idx>"])
    #expect(terminal.attributes.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
    terminal.type("set weight = 10" + Keys.left + Keys.left + "2" + Keys.control("a") + "X")
    #expect(terminal.waitFor { $0.text == ["idx> Xset weight = 210"] && $0.cursor == (0, 6) })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("Xset weight = 210"))
    #expect(sameAttributes(terminal.attributes, before))
    #expect(!terminal.screen.bracketedPaste)
    #expect(terminal.screen.unhandled.isEmpty)
    #expect(terminal.screen.cursor == (1, 0))
  }

  @Test func wideCharactersWrapAtTheTerminalsWidth() throws {
    let terminal = try #require(PseudoTerminal(columns: 20))
    let thread = EditorThread(ptyEditor(terminal))
    #expect(thread.start(on: terminal))
    terminal.type("中文中文中文中文e\u{301}👍")
    #expect(terminal.waitFor { $0.text == ["idx> 中文中文中文中", "文é👍"] && $0.cursor == (1, 5) })
    terminal.type(Keys.home)
    #expect(terminal.waitFor { $0.cursor == (0, 5) })
    terminal.type(Keys.end + Keys.left + Keys.left + Keys.backspace)
    #expect(terminal.waitFor { $0.text == ["idx> 中文中文中文中é", "👍"] && $0.cursor == (0, 19) })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("中文中文中文中é👍"))
  }

  @Test func historyIsSavedPrivatelyAndRecalledByPrefixAndSearch() throws {
    let terminal = try #require(PseudoTerminal(columns: 60))
    let folder = TemporaryDirectory()
    let path = folder.path + "/state/idx/history"
    let thread = EditorThread(ptyEditor(terminal, historyPath: path))
    for line in ["set a = 1", "rank", "set b = 2"] {
      #expect(thread.start(on: terminal))
      terminal.type(line + Keys.enter)
      #expect(thread.finish(on: terminal) == .line(line))
    }
    #expect(TemporaryDirectory.mode(of: path) == 0o600)
    #expect(TemporaryDirectory.contents(of: path) == "set a = 1\nrank\nset b = 2\n")

    #expect(thread.start(on: terminal))
    terminal.type("set" + Keys.up + Keys.up)
    #expect(terminal.waitFor { $0.lines[$0.cursor.row] == "idx> set a = 1" })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("set a = 1"))

    #expect(thread.start(on: terminal))
    terminal.type(Keys.control("r") + "ran")
    #expect(terminal.waitFor { $0.lines[$0.cursor.row] == "(reverse-i-search)'ran': rank" })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("rank"))
    #expect(thread.editor.history == ["set a = 1", "rank", "set b = 2", "set a = 1", "rank"])

    let reopened = ptyEditor(terminal, historyPath: path)
    #expect(reopened.history == thread.editor.history)
  }

  @Test func aSecondTabListsTheCandidatesBelowThePrompt() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let completer = VocabularyCompleter([":diff", ":data", ":undo"])
    let thread = EditorThread(ptyEditor(terminal) { $0.completionProvider = completer.complete })
    #expect(thread.start(on: terminal))
    terminal.type(":d" + Keys.tab + Keys.tab)
    #expect(terminal.waitFor { $0.text == ["idx> :d", ":diff  :data", "idx> :d"] })
    terminal.type("i" + Keys.tab)
    #expect(terminal.waitFor { $0.text == ["idx> :d", ":diff  :data", "idx> :diff"] })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line(":diff"))
  }

  @Test func aBracketedPasteKeepsItsNewlinesAndShowsContinuationPrompts() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let thread = EditorThread(
      ptyEditor(terminal) { $0.inputIsComplete = { !$0.hasSuffix("{") } })
    #expect(thread.start(on: terminal))
    terminal.type(Keys.paste("weights {\r  a: 1\r}"))
    #expect(terminal.waitFor { $0.text == ["idx> weights {", "...>   a: 1", "...> }"] })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("weights {\n  a: 1\n}"))
  }

  @Test func continuationLinesAreAskedForWhileInputIsIncomplete() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let thread = EditorThread(
      ptyEditor(terminal) { configuration in
        configuration.inputIsComplete = { $0.filter { $0 == "\"" }.count % 2 == 0 }
      })
    #expect(thread.start(on: terminal))
    terminal.type("note \"open" + Keys.enter + "closed\"")
    #expect(terminal.waitFor { $0.text == ["idx> note \"open", "...> closed\""] })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("note \"open\nclosed\""))
  }

  @Test func aWindowResizeRedrawsAtTheNewWidth() throws {
    let terminal = try #require(PseudoTerminal(columns: 30))
    let thread = EditorThread(ptyEditor(terminal))
    #expect(thread.start(on: terminal))
    terminal.type("abcdefghijklmnopqrstuvwxyz")
    #expect(terminal.waitFor { $0.text == ["idx> abcdefghijklmnopqrstuvwxy", "z"] })
    terminal.resize(columns: 12)
    #expect(terminal.waitFor { $0.text == ["idx> abcdefg", "hijklmnopqrs", "tuvwxyz"] })
    #expect(terminal.screen.cursor == (2, 7))
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("abcdefghijklmnopqrstuvwxyz"))
  }

  @Test func controlCCancelsAndControlDEndsInputWithTheTerminalRestored() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let before = terminal.attributes
    let thread = EditorThread(ptyEditor(terminal))
    #expect(thread.start(on: terminal))
    terminal.type("abandoned" + Keys.control("c"))
    #expect(thread.finish(on: terminal) == .cancelled)
    #expect(terminal.screen.text == ["idx> abandoned^C"])
    #expect(sameAttributes(terminal.attributes, before))
    #expect(thread.start(on: terminal))
    #expect(terminal.screen.text == ["idx> abandoned^C", "idx>"])
    terminal.type(Keys.control("d"))
    #expect(thread.finish(on: terminal) == .endOfInput)
    #expect(sameAttributes(terminal.attributes, before))
    #expect(thread.editor.history == [])
  }

  @Test func aLoneEscapeEndsASearchOnceTheInputPauses() throws {
    let terminal = try #require(PseudoTerminal(columns: 60))
    let thread = EditorThread(ptyEditor(terminal))
    thread.editor.addToHistory("score.CN")
    #expect(thread.start(on: terminal))
    terminal.type("typed" + Keys.control("r") + "sc")
    #expect(terminal.waitFor { $0.text == ["(reverse-i-search)'sc': score.CN"] })
    terminal.type(Keys.escape)
    #expect(terminal.waitFor { $0.text == ["idx> typed"] })
    terminal.type(Keys.enter)
    #expect(thread.finish(on: terminal) == .line("typed"))
  }

  @Test func sigtermRestoresTheTerminalBeforeTheProgramsHandlerRuns() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let before = terminal.attributes
    let thread = EditorThread(ptyEditor(terminal))
    var result: LineEditor.ReadResult?
    observing(SIGTERM, on: terminal) {
      #expect(thread.start(on: terminal))
      terminal.type("half")
      #expect(terminal.waitFor { $0.text == ["idx> half"] })
      kill(getpid(), SIGTERM)
      result = thread.finish(on: terminal)
    }
    #expect(result == .failure(.signal(SIGTERM)))
    #expect(observedSignal == SIGTERM)
    #expect(observedLocalFlags & tcflag_t(ICANON) != 0)
    #expect(sameAttributes(terminal.attributes, before))
  }

  @Test func sigintFromOutsideCancelsTheLineAfterTheProgramsHandler() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let before = terminal.attributes
    let thread = EditorThread(ptyEditor(terminal))
    var result: LineEditor.ReadResult?
    observing(SIGINT, on: terminal) {
      #expect(thread.start(on: terminal))
      kill(getpid(), SIGINT)
      result = thread.finish(on: terminal)
    }
    #expect(result == .cancelled)
    #expect(observedSignal == SIGINT)
    #expect(sameAttributes(terminal.attributes, before))
  }

  @Test(arguments: [true, false])
  func suspendingRestoresTheTerminalAndResumingReentersRawMode(byKey: Bool) throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let thread = EditorThread(ptyEditor(terminal))
    var result: LineEditor.ReadResult?
    observing(SIGTSTP, on: terminal) {
      #expect(thread.start(on: terminal))
      terminal.type("before")
      #expect(terminal.waitFor { $0.text == ["idx> before"] })
      if byKey {
        terminal.type(Keys.control("z"))
      } else {
        kill(getpid(), SIGTSTP)
      }
      #expect(terminal.waitFor { $0.text == ["idx> before", "idx> before"] })
      #expect(terminal.attributes.c_lflag & tcflag_t(ICANON) == 0)
      terminal.type(" after" + Keys.enter)
      result = thread.finish(on: terminal)
    }
    #expect(observedSignal == SIGTSTP)
    #expect(observedLocalFlags & tcflag_t(ICANON) != 0)
    #expect(result == .line("before after"))
  }

  @Test func sigcontReentersRawModeAndRedraws() throws {
    let terminal = try #require(PseudoTerminal(columns: 40))
    let before = terminal.attributes
    let thread = EditorThread(ptyEditor(terminal))
    #expect(thread.start(on: terminal))
    terminal.type("kept")
    #expect(terminal.waitFor { $0.text == ["idx> kept"] })
    // As a shell does while the program is stopped: the terminal back in cooked mode.
    var cooked = before
    _ = tcsetattr(terminal.slave, TCSANOW, &cooked)
    kill(getpid(), SIGCONT)
    #expect(terminal.waitUntil { terminal.attributes.c_lflag & tcflag_t(ICANON) == 0 })
    terminal.type("!" + Keys.enter)
    #expect(thread.finish(on: terminal) == .line("kept!"))
    #expect(sameAttributes(terminal.attributes, before))
  }
}
