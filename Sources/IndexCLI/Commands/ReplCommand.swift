import Glibc
import IndexLanguage
import LineEditor
import ScoringEngine

/// The what-if session, `idx repl [FILE]`.
///
/// Interactive with the line editor on a terminal;
/// a script otherwise (`idx repl m.idx < whatif.txt`), with no prompt and no colour, exit 1
/// when any input failed. The evaluation itself is `ReplSession`; this is its terminal loop.
struct ReplCommand {
  let file: String?
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(arguments, spec: .init(options: FileOptions.names))
    guard parsed.positional.count <= 1 else {
      throw UsageError("`idx repl` takes at most one .idx file to start from")
    }
    file = parsed.positional.first
    options = try FileOptions.parse(parsed)
  }

  /// Holds the session for the completion callback, which the editor calls while reading.
  private final class SessionBox {
    var session: ReplSession
    init(_ session: ReplSession) { self.session = session }
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    // A session scores after every edit: keep freed memory for the next one (HeapPolicy).
    HeapPolicy.keepFreedMemory()
    var configuration = LineEditor.Configuration(prompt: "idx> ", continuationPrompt: "...> ")
    configuration.inputIsComplete = ReplInput.isComplete
    // The editor's own rule (`LineEditor.Mode`): both ends a terminal, and not `TERM=dumb`.
    let plain =
      isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1
      || configuration.terminalType == "dumb"
    if !plain { configuration.historyPath = HistoryFile.defaultPath() }
    let box = SessionBox(
      ReplSession(fileSystem: context.fileSystem, options: options, color: !plain && context.color))
    configuration.completionProvider = { buffer, cursor in
      ReplCompletion(box.session).complete(buffer, cursor: cursor)
    }
    let editor = LineEditor(configuration)
    var failed = false
    /// Prints a reply; false when standard output can no longer be written.
    func emit(_ reply: ReplSession.Reply) -> Bool {
      failed = failed || reply.failed
      if !reply.errors.isEmpty { _ = StandardStreams.write(reply.errors, to: STDERR_FILENO) }
      if case .failed = StandardStreams.write(reply.output, to: STDOUT_FILENO) { return false }
      return true
    }
    if !plain { _ = StandardStreams.write(ReplMessages.banner, to: STDOUT_FILENO) }
    if let file, !emit(box.session.load(file, file: nil)) { return CLI.Outcome(code: 2) }
    var line = 1
    reading: while !box.session.hasQuit {
      switch editor.readLine() {
      case .line(let text):
        let reply = box.session.evaluate(text, line: line)
        line += text.count { $0 == "\n" } + 1
        guard emit(reply) else { return CLI.Outcome(code: 2) }
      case .cancelled: continue
      case .endOfInput: break reading
      case .failure(let error):
        return CLI.Outcome(code: 2, stderr: "error: reading input failed: \(error)\n")
      }
    }
    return CLI.Outcome(code: failed ? 1 : 0)
  }
}
