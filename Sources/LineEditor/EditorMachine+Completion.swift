/// Tab completion: apply the provider's candidates, or list them on a second Tab.
extension EditorMachine {
  /// Tab: one candidate replaces its range; several insert their longest common prefix when
  /// that adds something, otherwise the bell rings and the next Tab lists them.
  mutating func complete(after previous: LastAction, _ output: inout Output) {
    guard let provider = completionProvider else {
      ringBell(&output)
      return
    }
    let completion = provider(buffer.text, buffer.cursor)
    let lower = max(0, min(completion.replacing.lowerBound, buffer.count))
    let upper = max(lower, min(completion.replacing.upperBound, buffer.count))
    let range = lower..<upper
    switch completion.candidates.count {
    case 0:
      ringBell(&output)
    case 1:
      buffer.replace(range, with: completion.candidates[0])
      output.needsRedraw = true
    default:
      lastAction = .ambiguousCompletion
      if previous == .ambiguousCompletion {
        list(completion.listed, &output)
        return
      }
      let current = String(buffer.characters[range])
      let prefix = completion.commonPrefix
      if prefix != current && prefix.count >= current.count {
        buffer.replace(range, with: prefix)
        output.needsRedraw = true
      } else {
        ringBell(&output)
      }
    }
  }

  /// Writes the candidates in columns below the line, then draws the line again under them.
  mutating func list(_ candidates: [String], _ output: inout Output) {
    redrawIfNeeded(&output)
    output.screen += renderer.leaveBlock()
    for row in CandidateColumns.rows(candidates, width: renderer.width) {
      output.screen += row + "\r\n"
    }
    output.needsRedraw = true
  }
}
