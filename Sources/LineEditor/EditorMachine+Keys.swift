/// The key map of the editing mode: Emacs/readline bindings.
extension EditorMachine {
  /// Applies one key outside incremental search.
  mutating func handleKey(_ key: Key, _ output: inout Output) {
    let previousAction = lastAction
    lastAction = .other
    if !Self.isHistoryMotion(key) { navigation = nil }
    switch key {
    case .text(let text), .paste(let text): edit(&output) { $0.insert(text) }
    case .enter: submit(&output)
    case .tab: complete(after: previousAction, &output)
    case .backspace, .control("h"): edit(&output) { $0.deleteBackward() }
    case .delete: edit(&output) { $0.deleteForward() }
    case .control("d"):
      if buffer.isEmpty {
        finish(.endOfInput, &output)
      } else {
        edit(&output) { $0.deleteForward() }
      }
    case .control("c"): finish(.cancelled, suffix: "^C", &output)
    case .left, .control("b"): move(to: buffer.cursor - 1, &output)
    case .right, .control("f"): move(to: buffer.cursor + 1, &output)
    case .home, .control("a"): move(to: buffer.lineStart, &output)
    case .end, .control("e"): move(to: buffer.lineEnd, &output)
    case .wordLeft, .alt("b"): move(to: buffer.previousWordStart, &output)
    case .wordRight, .alt("f"): move(to: buffer.nextWordEnd, &output)
    case .up, .control("p"):
      if buffer.isOnFirstLine {
        recallPrevious(&output)
      } else {
        edit(&output) { $0.moveToPreviousLine() }
      }
    case .down, .control("n"):
      if buffer.isOnLastLine {
        recallNext(&output)
      } else {
        edit(&output) { $0.moveToNextLine() }
      }
    case .control("k"):
      let end = buffer.lineEnd
      let range = buffer.cursor..<(end == buffer.cursor && end < buffer.count ? end + 1 : end)
      kill(range, .forward, after: previousAction, &output)
    case .control("u"):
      kill(buffer.lineStart..<buffer.cursor, .backward, after: previousAction, &output)
    case .control("w"):
      kill(
        buffer.previousBlankSeparatedWordStart..<buffer.cursor, .backward, after: previousAction,
        &output)
    case .alt("d"):
      kill(buffer.cursor..<buffer.nextWordEnd, .forward, after: previousAction, &output)
    case .altBackspace:
      kill(buffer.previousWordStart..<buffer.cursor, .backward, after: previousAction, &output)
    case .control("y"): yank(&output)
    case .alt("y"): yankRotating(after: previousAction, &output)
    case .control("t"): edit(&output) { $0.transpose() }
    case .control("l"):
      output.screen += renderer.clearScreen()
      output.needsRedraw = true
    case .control("r"): startSearch(&output)
    case .control("z"): output.suspendRequested = true
    default: break
    }
  }

  /// ↑, ↓, Ctrl-P and Ctrl-N keep a history recall going; every other key ends it.
  static func isHistoryMotion(_ key: Key) -> Bool {
    switch key {
    case .up, .down, .control("p"), .control("n"): return true
    default: return false
    }
  }

  /// Applies an edit to the buffer and redraws.
  mutating func edit<Result>(_ output: inout Output, _ change: (inout EditBuffer) -> Result) {
    _ = change(&buffer)
    output.needsRedraw = true
  }

  /// Moves the cursor (clamped to the buffer) and redraws.
  mutating func move(to position: Int, _ output: inout Output) {
    buffer.cursor = position
    output.needsRedraw = true
  }

  /// Enter: submits complete input, or starts a continuation line while brackets or a string
  /// are open.
  mutating func submit(_ output: inout Output) {
    let text = buffer.text
    if inputIsComplete?(text) ?? true {
      finish(.accepted(text), &output)
    } else {
      edit(&output) { $0.insert("\n") }
    }
  }

  /// Removes a range into the kill ring, joining it to the previous kill when keys in a row
  /// kill.
  mutating func kill(
    _ range: Range<Int>, _ direction: KillRing.Direction, after previous: LastAction,
    _ output: inout Output
  ) {
    lastAction = .kill
    guard !range.isEmpty else { return }
    let removed = buffer.remove(range)
    killRing.kill(removed, direction: direction, continuing: previous == .kill)
    output.needsRedraw = true
  }

  /// Ctrl-Y: inserts the newest kill.
  mutating func yank(_ output: inout Output) {
    guard let text = killRing.yank() else { return }
    let start = buffer.cursor
    buffer.insert(text)
    lastAction = .yank(start..<buffer.cursor)
    output.needsRedraw = true
  }

  /// Alt-Y right after a yank: replaces the yanked text with the next older kill.
  mutating func yankRotating(after previous: LastAction, _ output: inout Output) {
    guard case .yank(let range) = previous, let text = killRing.rotate() else { return }
    buffer.replace(range, with: text)
    lastAction = .yank(range.lowerBound..<buffer.cursor)
    output.needsRedraw = true
  }
}
