/// A recall with ↑/↓ in progress: the prefix typed before it and the line to go back to.
struct HistoryNavigation: Equatable {
  /// Index of the entry shown; `history.count` means none yet.
  var index: Int
  /// Only entries starting with this text are recalled.
  var prefix: String
  /// The buffer as it was before the first ↑, restored by ↓ past the newest match.
  var original: EditBuffer
}

/// A Ctrl-R search in progress.
struct IncrementalSearch: Equatable {
  var query = ""
  var match: History.Match?
  /// The query has no match (the last match stays shown).
  var failed = false
  var original: EditBuffer
}

/// History recall with prefix filtering (↑/↓) and reverse incremental search (Ctrl-R).
extension EditorMachine {
  /// ↑ on the first line: the previous entry starting with what was typed.
  mutating func recallPrevious(_ output: inout Output) {
    var recall =
      navigation ?? HistoryNavigation(index: history.count, prefix: buffer.text, original: buffer)
    guard
      let found = history.previous(
        before: recall.index, prefix: recall.prefix, skipping: buffer.text)
    else {
      ringBell(&output)
      return
    }
    recall.index = found
    buffer.setText(history.entries[found])
    navigation = recall
    output.needsRedraw = true
  }

  /// ↓ on the last line: the next newer match, or back to the line as typed.
  mutating func recallNext(_ output: inout Output) {
    guard var recall = navigation else { return }
    if let found = history.next(after: recall.index, prefix: recall.prefix, skipping: buffer.text) {
      recall.index = found
      buffer.setText(history.entries[found])
      navigation = recall
    } else {
      buffer = recall.original
      navigation = nil
    }
    output.needsRedraw = true
  }

  /// Ctrl-R: enters search mode with an empty query.
  mutating func startSearch(_ output: inout Output) {
    search = IncrementalSearch(original: buffer)
    output.needsRedraw = true
  }

  /// The search prompt, and the match (or the original text) with the cursor on the match.
  func searchView(_ search: IncrementalSearch) -> EditorView {
    let label = search.failed ? "(failed reverse-i-search)" : "(reverse-i-search)"
    let prompt = label + "'" + search.query + "': "
    if let match = search.match {
      return EditorView(
        prompt: prompt, continuationPrompt: continuationPrompt,
        text: Array(history.entries[match.entry]), cursor: match.position)
    }
    return EditorView(
      prompt: prompt, continuationPrompt: continuationPrompt, text: search.original.characters,
      cursor: search.original.cursor)
  }

  /// Applies one key in search mode: text refines the query, Ctrl-R finds an older match,
  /// Ctrl-S a newer one, Ctrl-G or Esc restores the line, Enter takes the match and submits,
  /// and any other key takes the match and then acts as usual.
  mutating func handleSearchKey(_ key: Key, _ output: inout Output) {
    guard var state = search else { return }
    output.needsRedraw = true
    switch key {
    case .text(let text), .paste(let text):
      state.query += text
      let start = state.match?.entry ?? history.count - 1
      find(&state, from: start, backward: true, &output)
    case .backspace:
      guard !state.query.isEmpty else { break }
      state.query.removeLast()
      state.match = nil
      state.failed = false
      find(&state, from: history.count - 1, backward: true, &output)
    case .control("r"):
      if state.query.isEmpty { state.query = lastSearchQuery }
      let start = state.match.map { $0.entry - 1 } ?? history.count - 1
      find(&state, from: start, backward: true, &output)
    case .control("s"):
      guard let match = state.match else { break }
      find(&state, from: match.entry + 1, backward: false, &output)
    case .control("g"), .escape:
      buffer = state.original
      search = nil
      return
    case .control("c"):
      buffer = state.original
      search = nil
      handleKey(key, &output)
      return
    default:
      search = nil
      if let match = state.match {
        buffer = EditBuffer(history.entries[match.entry], cursor: match.position)
      }
      if key == .enter { buffer.cursor = buffer.count }
      lastSearchQuery = state.query
      handleKey(key, &output)
      return
    }
    search = state
    if !state.query.isEmpty { lastSearchQuery = state.query }
  }

  /// Looks for the query from an entry on; a miss keeps the old match and marks the search
  /// failed.
  private func find(
    _ state: inout IncrementalSearch, from start: Int, backward: Bool, _ output: inout Output
  ) {
    guard !state.query.isEmpty else { return }
    if let found = history.search(state.query, from: start, backward: backward) {
      state.match = found
      state.failed = false
    } else {
      state.failed = true
      ringBell(&output)
    }
  }
}
