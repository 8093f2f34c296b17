/// Whether a typed input is finished.
///
/// Enter on `weights {` or an open string starts a continuation line instead of submitting.
/// The same rule reads scripts and the terminal.
enum ReplInput {
  /// False while a `(`, `[` or `{` is open or a string is unterminated (comments skipped).
  static func isComplete(_ text: String) -> Bool {
    var depth = 0
    var inString = false
    var escaped = false
    var previous: Character = " "
    var inComment = false
    for character in text {
      if inComment {
        if character == "\n" { inComment = false }
      } else if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" || character == "\n" {
          inString = false
        }
      } else {
        switch character {
        case "\"": inString = true
        case "(", "[", "{": depth += 1
        case ")", "]", "}": depth -= 1
        case "/" where previous == "/": inComment = true
        default: break
        }
      }
      previous = character
    }
    return depth <= 0 && !inString
  }

  /// Splits a script into inputs the way the terminal reads it.
  ///
  /// Lines are joined while an input is unfinished; each input comes with the line it
  /// starts on.
  static func inputs(_ script: String) -> [(text: String, line: Int)] {
    var inputs: [(String, Int)] = []
    var pending: [Substring] = []
    var start = 1
    var line = 0
    var lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    if script.hasSuffix("\n") { lines.removeLast() }
    for text in lines {
      line += 1
      if pending.isEmpty { start = line }
      pending.append(text.hasSuffix("\r") ? text.dropLast() : text)
      let joined = pending.joined(separator: "\n")
      if isComplete(joined) {
        inputs.append((joined, start))
        pending = []
      }
    }
    if !pending.isEmpty { inputs.append((pending.joined(separator: "\n"), start)) }
    return inputs
  }
}
