import Glibc

/// One line read on a real terminal: raw mode, bracketed paste and the signal relay, switched
/// on for the line and off after it, whatever way it ends.
///
/// Signals are handled by the loop, not in handlers: SIGWINCH lays the line out at the new
/// width; SIGTSTP (and Ctrl-Z) restores the terminal, stops the process the way the program's
/// own disposition says, and on return draws the line again in raw mode; SIGCONT (after a stop
/// the editor did not cause, such as SIGSTOP) re-enters raw mode and redraws; SIGINT, SIGTERM,
/// SIGHUP and SIGQUIT restore the terminal and the program's dispositions, then re-raise the
/// signal, so the program ends (or handles it) with its terminal as it was.
struct TerminalSession {
  private let device: TerminalDevice
  private let original: termios
  private let escapeTimeoutMilliseconds: Int32
  private var previousActions: [Int32: sigaction] = [:]
  private var signalPipe: Int32 = -1
  private var active = false
  /// Signals that arrived while the process was stopped, handled once it runs again.
  private var laterSignals: [Int32] = []

  /// Starts raw mode on a terminal; nil when the input is not a terminal.
  static func start(
    device: TerminalDevice, escapeTimeoutMilliseconds: Int32
  ) -> Result<TerminalSession, LineEditorError>? {
    guard let original = device.attributes() else { return nil }
    var session = TerminalSession(
      device: device, original: original, escapeTimeoutMilliseconds: escapeTimeoutMilliseconds)
    // Without the pipe (no descriptors left) signals keep the program's dispositions: a relay
    // nobody reads would swallow them.
    if let pipe = SignalRelay.pipeReadEnd() {
      session.signalPipe = pipe
      _ = SignalRelay.drain()
      session.previousActions = SignalRelay.install()
    }
    session.active = true
    if let failure = session.enterTerminal() {
      session.end()
      return .failure(failure)
    }
    return .success(session)
  }

  private init(device: TerminalDevice, original: termios, escapeTimeoutMilliseconds: Int32) {
    self.device = device
    self.original = original
    self.escapeTimeoutMilliseconds = escapeTimeoutMilliseconds
  }

  /// Reads one line with the machine; `historyAdded` saves an accepted new entry.
  mutating func run(
    _ machine: inout EditorMachine, historyAdded: (String) -> Void
  ) -> LineEditor.ReadResult {
    _ = machine.resize(width: device.width())
    var pending = machine.beginLine()
    while true {
      if let result = deliver(pending, &machine, historyAdded) { return result }
      pending = EditorMachine.Output()
      let signals = laterSignals
      laterSignals = []
      for number in signals {
        if let result = handleSignal(number, &machine, historyAdded) { return result }
      }
      let timeout: Int32 = machine.hasIncompleteInput ? escapeTimeoutMilliseconds : -1
      let readiness = device.wait(signalPipe: signalPipe, timeoutMilliseconds: timeout)
      if readiness.signal {
        for number in SignalRelay.drain() {
          if let result = handleSignal(number, &machine, historyAdded) { return result }
        }
      }
      if readiness.timedOut {
        pending = machine.flushInput()
      } else if readiness.input {
        switch device.read() {
        case .bytes(let bytes): pending = machine.feed(bytes)
        case .endOfFile:
          _ = device.write(machine.abandonLine().screen)
          return .endOfInput
        case .interrupted: continue
        case .failed(let code): return .failure(.io(operation: "read", code: code))
        }
      }
    }
  }

  /// Writes the machine's output and acts on its outcome; suspends when asked.
  private mutating func deliver(
    _ output: EditorMachine.Output, _ machine: inout EditorMachine,
    _ historyAdded: (String) -> Void
  ) -> LineEditor.ReadResult? {
    var output = output
    while true {
      if let code = device.write(output.screen) {
        return .failure(.io(operation: "write", code: code))
      }
      switch output.outcome {
      case .accepted(let line)?:
        if output.addedToHistory { historyAdded(line) }
        return .line(line)
      case .endOfInput?: return .endOfInput
      case .cancelled?: return .cancelled
      case nil: break
      }
      guard output.suspendRequested else { return nil }
      switch suspend(&machine) {
      case .success(let resumed): output = resumed
      case .failure(let failure): return .failure(failure)
      }
    }
  }

  /// Handles one relayed signal; a result when it ends the line.
  private mutating func handleSignal(
    _ number: Int32, _ machine: inout EditorMachine, _ historyAdded: (String) -> Void
  ) -> LineEditor.ReadResult? {
    switch number {
    case SIGWINCH:
      return deliver(machine.resize(width: device.width()), &machine, historyAdded)
    case SIGCONT:
      if let failure = enterTerminal() { return .failure(failure) }
      return deliver(machine.resumeAfterSuspend(width: device.width()), &machine, historyAdded)
    case SIGTSTP:
      var output = EditorMachine.Output()
      output.suspendRequested = true
      return deliver(output, &machine, historyAdded)
    default:
      _ = device.write(machine.abandonLine(showing: number == SIGINT ? "^C" : "").screen)
      end()
      SignalRelay.raiseNow(number)
      return number == SIGINT ? .cancelled : .failure(.signal(number))
    }
  }

  /// Stops the process as SIGTSTP would, with the terminal restored; then raw mode again.
  ///
  /// Does nothing when the program ignores SIGTSTP.
  private mutating func suspend(
    _ machine: inout EditorMachine
  ) -> Result<EditorMachine.Output, LineEditorError> {
    guard !SignalRelay.isIgnored(previousActions[SIGTSTP]) else {
      return .success(machine.apply([]))
    }
    _ = device.write(machine.leaveLineForSuspend().screen)
    _ = leaveTerminal()
    if let previous = previousActions[SIGTSTP] { SignalRelay.restore([SIGTSTP: previous]) }
    SignalRelay.raiseNow(SIGTSTP)
    if previousActions[SIGTSTP] != nil { _ = SignalRelay.install([SIGTSTP]) }
    // The SIGCONT that woke the process is already in the pipe; this redraw stands for it.
    laterSignals += SignalRelay.drain().filter { $0 != SIGCONT }
    if let failure = enterTerminal() { return .failure(failure) }
    return .success(machine.resumeAfterSuspend(width: device.width()))
  }

  /// Raw mode and bracketed paste on.
  private func enterTerminal() -> LineEditorError? {
    guard device.setAttributes(TerminalDevice.raw(from: original)) else {
      return .io(operation: "tcsetattr", code: errno)
    }
    if let code = device.write("\u{1B}[?2004h") { return .io(operation: "write", code: code) }
    return nil
  }

  /// Bracketed paste off and the attributes the terminal had before.
  private func leaveTerminal() -> Bool {
    let wrote = device.write("\u{1B}[?2004l") == nil
    return device.setAttributes(original) && wrote
  }

  /// Restores the terminal and the program's signal dispositions; signals that arrived too
  /// late for the loop are raised again now that the program's own handling is back.
  mutating func end() {
    guard active else { return }
    active = false
    _ = leaveTerminal()
    SignalRelay.restore(previousActions)
    for number in SignalRelay.drain() where number != SIGWINCH && number != SIGCONT {
      SignalRelay.raiseNow(number)
    }
  }
}
