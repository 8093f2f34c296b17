@testable import LineEditor

/// Key bytes as a terminal sends them.
enum Keys {
  static let enter = "\r"
  static let tab = "\t"
  static let backspace = "\u{7F}"
  static let controlH = "\u{8}"
  static let delete = "\u{1B}[3~"
  static let left = "\u{1B}[D"
  static let right = "\u{1B}[C"
  static let up = "\u{1B}[A"
  static let down = "\u{1B}[B"
  static let home = "\u{1B}[H"
  static let end = "\u{1B}[F"
  static let escape = "\u{1B}"
  static let altB = "\u{1B}b"
  static let altF = "\u{1B}f"
  static let altD = "\u{1B}d"
  static let altY = "\u{1B}y"
  static let altBackspace = "\u{1B}\u{7F}"
  static let pasteStart = "\u{1B}[200~"
  static let pasteEnd = "\u{1B}[201~"

  /// Ctrl and a letter: `control("a")` is byte 1.
  static func control(_ letter: Character) -> String {
    let value = letter.asciiValue.map { $0 & 0x1F } ?? 0
    return String(Unicode.Scalar(value))
  }

  static func paste(_ text: String) -> String { pasteStart + text + pasteEnd }
}

/// Drives an `EditorMachine` with bytes and shows its output on a `VirtualScreen`.
struct EditorHarness {
  var machine: EditorMachine
  var screen: VirtualScreen
  private(set) var outcomes: [EditorMachine.Outcome] = []
  private(set) var suspensions = 0

  init(
    width: Int = 40, prompt: String = "> ", continuationPrompt: String = ". ",
    history: [String] = []
  ) {
    machine = EditorMachine(
      prompt: prompt, continuationPrompt: continuationPrompt, width: width,
      history: History(history))
    screen = VirtualScreen(columns: width)
    show(machine.beginLine())
  }

  /// Sends the bytes of `input`, as typed.
  mutating func type(_ input: String) {
    show(machine.feed(Array(input.utf8)))
  }

  /// Sends raw bytes (for split sequences and invalid UTF-8).
  mutating func send(_ bytes: [UInt8]) {
    show(machine.feed(bytes))
  }

  /// The input paused: a pending `ESC` becomes the Escape key.
  mutating func pause() {
    show(machine.flushInput())
  }

  /// Starts the next line, as the terminal layer does after an outcome.
  mutating func nextLine() {
    show(machine.beginLine())
  }

  mutating func resize(to width: Int) {
    screen.resize(columns: width)
    show(machine.resize(width: width))
  }

  mutating func show(_ output: EditorMachine.Output) {
    screen.feed(output.screen)
    if let outcome = output.outcome { outcomes.append(outcome) }
    if output.suspendRequested { suspensions += 1 }
  }

  var text: String { machine.buffer.text }
  var cursor: Int { machine.buffer.cursor }
  var lines: [String] { screen.text }
  var lastOutcome: EditorMachine.Outcome? { outcomes.last }
}
