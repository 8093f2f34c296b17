/// The line editor itself, as a pure state machine: bytes in, screen output and an outcome out.
///
/// It never touches a terminal, so every key can be tested by feeding bytes and reading what
/// it would draw.
///
/// A line starts with `beginLine()`, which draws the prompt. `feed(_:)` decodes bytes into keys
/// and applies them; the screen is redrawn once per feed, however many keys it held, so a large
/// unbracketed paste costs one redraw. When a key ends the line (Enter on complete input,
/// Ctrl-C, Ctrl-D on an empty line) the outcome is returned and the keys after it stay queued
/// for the next line, as typed-ahead input should. Ctrl-Z asks the terminal layer to suspend;
/// `resumeAfterSuspend()` redraws and goes on with the queued keys.
public struct EditorMachine {
  /// How a line ended.
  public enum Outcome: Equatable, Sendable {
    /// Enter on input the completeness check accepted; continuation lines are joined by `\n`.
    case accepted(String)
    /// Ctrl-D on an empty line.
    case endOfInput
    /// Ctrl-C: the line is abandoned.
    case cancelled
  }

  /// The result of applying input: terminal output, and what happened.
  public struct Output: Equatable, Sendable {
    /// Bytes to write to the terminal, in order.
    public var screen = ""
    /// Set when the line ended.
    public var outcome: Outcome?
    /// Ctrl-Z: the terminal layer should suspend the process, then call `resumeAfterSuspend()`.
    public var suspendRequested = false
    /// The accepted line was new to the history (the terminal layer saves it to the file).
    public var addedToHistory = false
    /// A redraw is owed once the keys of this feed are applied.
    var needsRedraw = false
  }

  /// What the previous key did, for kills that join, Alt-Y after a yank and a second Tab.
  enum LastAction: Equatable {
    case other
    case kill
    case yank(Range<Int>)
    case ambiguousCompletion
  }

  public var prompt: String
  public var continuationPrompt: String
  /// Given the buffer and the cursor, the candidates for Tab; nil disables completion.
  public var completionProvider: ((String, Int) -> Completion)?
  /// Whether Enter submits the buffer (true) or starts a continuation line (false); nil
  /// submits always.
  public var inputIsComplete: ((String) -> Bool)?
  /// Whether accepted lines go into `history`.
  public var recordsHistory = true
  public var history: History
  public internal(set) var buffer = EditBuffer()
  public internal(set) var killRing = KillRing()
  /// True between `beginLine()` and the outcome that ends the line.
  public private(set) var isReading = false

  var renderer: Renderer
  var decoder = KeyDecoder()
  var queuedKeys: [Key] = []
  var lastAction = LastAction.other
  var navigation: HistoryNavigation?
  var search: IncrementalSearch?
  /// The query of the last search, reused by Ctrl-R Ctrl-R as readline does.
  var lastSearchQuery = ""

  public init(
    prompt: String = "> ", continuationPrompt: String = ". ", width: Int = 80,
    history: History = History()
  ) {
    self.prompt = prompt
    self.continuationPrompt = continuationPrompt
    self.history = history
    renderer = Renderer(width: width)
  }

  /// Columns of the terminal the output is laid out for.
  public var width: Int { renderer.width }

  /// True while the decoder holds the start of an escape sequence: the terminal layer waits a
  /// moment for the rest and calls `flushInput()` if none comes.
  public var hasIncompleteInput: Bool { decoder.hasIncompleteSequence }

  /// What is on screen now: the prompt (or the search prompt), the text and the cursor.
  public var view: EditorView {
    if let search { return searchView(search) }
    return EditorView(
      prompt: prompt, continuationPrompt: continuationPrompt, text: buffer.characters,
      cursor: buffer.cursor)
  }

  /// Starts a new line: clears the buffer, draws the prompt and applies typed-ahead keys.
  public mutating func beginLine() -> Output {
    buffer = EditBuffer()
    navigation = nil
    search = nil
    lastAction = .other
    isReading = true
    renderer.forget()
    var output = Output()
    output.needsRedraw = true
    applyQueuedKeys(&output)
    return output
  }

  /// Decodes bytes from the terminal and applies the keys they complete.
  public mutating func feed(_ bytes: some Sequence<UInt8>) -> Output {
    queuedKeys.append(contentsOf: decoder.feed(bytes))
    var output = Output()
    applyQueuedKeys(&output)
    return output
  }

  /// Applies keys directly (the decoder is bypassed).
  public mutating func apply(_ keys: [Key]) -> Output {
    queuedKeys.append(contentsOf: keys)
    var output = Output()
    applyQueuedKeys(&output)
    return output
  }

  /// The input paused in the middle of a sequence: takes what arrived as typed.
  public mutating func flushInput() -> Output {
    queuedKeys.append(contentsOf: decoder.flush())
    var output = Output()
    applyQueuedKeys(&output)
    return output
  }

  /// The terminal changed width: lays the line out again.
  public mutating func resize(width: Int) -> Output {
    renderer.width = max(1, width)
    var output = Output()
    output.needsRedraw = isReading
    applyQueuedKeys(&output)
    return output
  }

  /// After a suspension (or anything else that wrote to the terminal), draws the line afresh
  /// on the current row, at the terminal's width now, and goes on with queued keys.
  public mutating func resumeAfterSuspend(width: Int? = nil) -> Output {
    if let width { renderer.width = max(1, width) }
    renderer.forget()
    var output = Output()
    output.needsRedraw = isReading
    applyQueuedKeys(&output)
    return output
  }

  /// Before a suspension: moves the cursor below the line so the shell's message does not
  /// overwrite it.
  public mutating func leaveLineForSuspend() -> Output {
    var output = Output()
    redrawIfNeeded(&output)
    output.screen += renderer.leaveBlock()
    return output
  }

  /// Abandons the line from outside (a signal): like Ctrl-C, showing `suffix` after it.
  public mutating func abandonLine(showing suffix: String = "") -> Output {
    var output = Output()
    if isReading { finish(.cancelled, suffix: suffix, &output) }
    return output
  }

  /// Applies queued keys until one ends the line or asks to suspend, then redraws if owed.
  mutating func applyQueuedKeys(_ output: inout Output) {
    while isReading, output.outcome == nil, !output.suspendRequested, !queuedKeys.isEmpty {
      let key = queuedKeys.removeFirst()
      if search != nil {
        handleSearchKey(key, &output)
      } else {
        handleKey(key, &output)
      }
    }
    if isReading { redrawIfNeeded(&output) }
  }

  /// Draws the current view if a change is pending.
  mutating func redrawIfNeeded(_ output: inout Output) {
    guard output.needsRedraw else { return }
    output.screen += renderer.draw(view)
    output.needsRedraw = false
  }

  /// Ends the line: shows the whole text with the cursor after it, adds `suffix` (`^C`), and
  /// moves to a fresh line.
  mutating func finish(_ outcome: Outcome, suffix: String = "", _ output: inout Output) {
    var final = view
    final.cursor = final.text.count
    output.screen += renderer.draw(final) + suffix + "\r\n"
    output.needsRedraw = false
    renderer.forget()
    if case .accepted(let line) = outcome, recordsHistory {
      output.addedToHistory = history.add(line)
    }
    output.outcome = outcome
    isReading = false
  }

  /// Rings the terminal bell, for a key that cannot do anything here.
  func ringBell(_ output: inout Output) {
    output.screen += "\u{7}"
  }
}
