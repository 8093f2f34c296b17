import Glibc

/// Reads lines from the user with editing, history and completion when the input is a
/// terminal, and plainly when it is not, so the same program runs interactively and as a
/// script.
///
/// ```swift
/// var configuration = LineEditor.Configuration(prompt: "idx> ", continuationPrompt: "...> ")
/// configuration.historyPath = HistoryFile.defaultPath()
/// configuration.inputIsComplete = { !$0.hasSuffix("{") }
/// let editor = LineEditor(configuration)
/// while case .line(let line) = editor.readLine() { print(line) }
/// ```
///
/// The terminal is in raw mode only inside `readLine()`: between lines the program's output
/// and signals behave as usual. The editing itself is `EditorMachine`; this class connects it
/// to a terminal and to the history file. One `readLine()` runs at a time per process (the
/// signal relay is process-wide).
public final class LineEditor {
  /// What the editor shows and whom it asks.
  public struct Configuration {
    public var prompt: String
    /// Shown at the start of each further line while `inputIsComplete` says the input goes on.
    public var continuationPrompt: String
    /// Given the buffer and the cursor (in characters), the candidates for Tab.
    public var completionProvider: ((String, Int) -> Completion)?
    /// Whether Enter submits this text, or starts a continuation line (returning false).
    ///
    /// The REPL returns false while brackets or a string are open. Nil: Enter always submits.
    public var inputIsComplete: ((String) -> Bool)?
    /// The history file; nil keeps history for this process only.
    public var historyPath: String?
    /// Entries kept, in memory and in the file.
    public var historyLimit = 1000
    /// Whether accepted lines go into the history by themselves (else call `addToHistory`).
    public var recordsHistory = true
    public var input: Int32 = STDIN_FILENO
    public var output: Int32 = STDOUT_FILENO
    /// The terminal type (`TERM`); `"dumb"` means plain reading with a plain prompt.
    public var terminalType: String?
    /// How long to wait for the rest of an escape sequence before taking `ESC` as a key.
    public var escapeTimeoutMilliseconds: Int32 = 50

    public init(prompt: String = "> ", continuationPrompt: String = ". ") {
      self.prompt = prompt
      self.continuationPrompt = continuationPrompt
      terminalType = getenv("TERM").map { String(cString: $0) }
    }
  }

  /// How lines are read, decided once from the file descriptors and `TERM`.
  public enum Mode: Equatable, Sendable {
    /// Input and output are terminals: the full editor.
    case interactive
    /// Terminals, but `TERM=dumb`: lines read plainly, the prompt printed without codes.
    case dumbTerminal
    /// Input or output is not a terminal (a script): lines read plainly, no prompt.
    case notATerminal
  }

  /// What `readLine()` got.
  public enum ReadResult: Equatable, Sendable {
    /// A line (continuation lines joined by `\n`), without the final newline.
    case line(String)
    /// Ctrl-D on an empty line, or the end of a script.
    case endOfInput
    /// Ctrl-C: the line was abandoned; the caller usually prompts again.
    case cancelled
    /// The terminal failed; the terminal has been restored.
    case failure(LineEditorError)
  }

  public var configuration: Configuration {
    didSet { applyConfiguration() }
  }
  public let mode: Mode
  /// The last problem reading or writing the history file; editing goes on without it.
  public private(set) var historyError: HistoryFileError?

  private var machine: EditorMachine
  private var plainReader: PlainLineReader
  private let historyFile: HistoryFile?

  public init(_ configuration: Configuration) {
    self.configuration = configuration
    mode = Self.mode(for: configuration)
    machine = EditorMachine(
      prompt: configuration.prompt, continuationPrompt: configuration.continuationPrompt)
    plainReader = PlainLineReader(input: configuration.input)
    historyFile = configuration.historyPath.map(HistoryFile.init(path:))
    applyConfiguration()
    loadHistory()
  }

  /// The history, oldest first.
  public var history: [String] { machine.history.entries }

  /// Adds a line to the history and the history file (blank lines and repeats are skipped).
  public func addToHistory(_ line: String) {
    if machine.history.add(line) { save(line) }
  }

  /// Reads one line: edited on a terminal, plainly otherwise.
  public func readLine() -> ReadResult {
    guard mode == .interactive else { return readPlainLine() }
    let device = TerminalDevice(input: configuration.input, output: configuration.output)
    switch TerminalSession.start(
      device: device, escapeTimeoutMilliseconds: configuration.escapeTimeoutMilliseconds)
    {
    case nil: return readPlainLine()
    case .failure(let failure)?: return .failure(failure)
    case .success(var session)?:
      defer { session.end() }
      return session.run(&machine) { save($0) }
    }
  }

  static func mode(for configuration: Configuration) -> Mode {
    guard isatty(configuration.input) == 1, isatty(configuration.output) == 1 else {
      return .notATerminal
    }
    return configuration.terminalType == "dumb" ? .dumbTerminal : .interactive
  }

  private func applyConfiguration() {
    machine.prompt = configuration.prompt
    machine.continuationPrompt = configuration.continuationPrompt
    machine.completionProvider = configuration.completionProvider
    machine.inputIsComplete = configuration.inputIsComplete
    machine.recordsHistory = configuration.recordsHistory
  }

  private func loadHistory() {
    guard let historyFile else {
      machine.history = History(limit: configuration.historyLimit)
      return
    }
    do {
      let entries = try historyFile.load()
      machine.history = History(entries, limit: configuration.historyLimit)
      if entries.count > configuration.historyLimit {
        try historyFile.rewrite(machine.history.entries)
      }
    } catch {
      historyError = error
      machine.history = History(limit: configuration.historyLimit)
    }
  }

  private func save(_ line: String) {
    do {
      try historyFile?.append(line)
    } catch {
      historyError = error
    }
  }

  /// A line without the editor; continuation lines are read while the input is incomplete,
  /// and the end of input inside one returns what was read.
  private func readPlainLine() -> ReadResult {
    let device = TerminalDevice(input: configuration.input, output: configuration.output)
    var lines: [String] = []
    while true {
      if mode == .dumbTerminal {
        let prompt = lines.isEmpty ? configuration.prompt : configuration.continuationPrompt
        _ = device.write(Self.withoutEscapes(prompt))
      }
      switch plainReader.nextLine() {
      case .failure(let failure): return .failure(failure)
      case .success(nil): return lines.isEmpty ? .endOfInput : .line(lines.joined(separator: "\n"))
      case .success(let line?):
        lines.append(line)
        let text = lines.joined(separator: "\n")
        if configuration.inputIsComplete?(text) ?? true { return .line(text) }
      }
    }
  }

  /// A prompt with its colour codes removed, for a terminal that shows them as text.
  static func withoutEscapes(_ text: String) -> String {
    var result = ""
    for case .character(let character) in PromptPiece.split(text) { result.append(character) }
    return result
  }
}
