import Dispatch
import Glibc

@testable import LineEditor

/// A pseudo-terminal pair opened in-process: the editor reads and writes the slave side, the
/// test types on the master side and reads back what the editor drew into a `VirtualScreen`.
final class PseudoTerminal {
  let master: Int32
  let slave: Int32
  private(set) var screen: VirtualScreen
  /// How long a wait for the editor may take before the test gives up (a hang guard, not a
  /// speed assertion).
  static let patience: Double = 20

  init?(columns: Int, rows: Int = 24) {
    guard let functions = PseudoTerminalFunctions.load() else { return nil }
    let master = functions.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0, functions.grant(master) == 0, functions.unlock(master) == 0,
      let name = functions.slaveName(master)
    else { return nil }
    let slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard slave >= 0 else {
      close(master)
      return nil
    }
    self.master = master
    self.slave = slave
    screen = VirtualScreen(columns: columns, rows: rows)
    setSize(columns: columns, rows: rows)
  }

  deinit {
    close(slave)
    close(master)
  }

  /// Sets the window size the slave reports through `TIOCGWINSZ`.
  func setSize(columns: Int, rows: Int = 24) {
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
    _ = withUnsafeMutablePointer(to: &size) { ioctl(master, UInt(TIOCSWINSZ), $0) }
  }

  /// Resizes the window as a terminal emulator does: new size, the screen cut to it, SIGWINCH.
  func resize(columns: Int) {
    setSize(columns: columns)
    screen.resize(columns: columns)
    kill(getpid(), SIGWINCH)
  }

  /// Types keys on the keyboard.
  func type(_ keys: String) {
    _ = HistoryFile.writeAll(master, Array(keys.utf8))
  }

  /// The slave's attributes (what the editor sets or restores).
  var attributes: termios {
    var attributes = termios()
    _ = tcgetattr(slave, &attributes)
    return attributes
  }

  /// Reads what the editor wrote for up to `milliseconds`; false when nothing came.
  @discardableResult
  func pump(milliseconds: Int32 = 50) -> Bool {
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
    guard count > 0 else { return false }
    screen.feed(bytes: Array(buffer[0..<count]))
    return true
  }

  /// Reads output until the screen satisfies `condition`; false if it never does.
  func waitFor(_ condition: (VirtualScreen) -> Bool) -> Bool {
    let deadline = Self.now() + Self.patience
    while !condition(screen) {
      if Self.now() > deadline { return false }
      pump()
    }
    return true
  }

  /// Waits until `condition` holds (checked between reads of the editor's output).
  func waitUntil(_ condition: () -> Bool) -> Bool {
    let deadline = Self.now() + Self.patience
    while !condition() {
      if Self.now() > deadline { return false }
      pump(milliseconds: 10)
    }
    return true
  }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// The C library's pseudo-terminal functions, looked up by name.
///
/// Swift's Glibc module leaves out `posix_openpt`, `grantpt`, `unlockpt` and `ptsname` (they are
/// X/Open extensions).
struct PseudoTerminalFunctions {
  let openMaster: @convention(c) (Int32) -> Int32
  let grant: @convention(c) (Int32) -> Int32
  let unlock: @convention(c) (Int32) -> Int32
  let slaveName: @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

  static func load() -> PseudoTerminalFunctions? {
    let library = dlopen(nil, RTLD_NOW)
    func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
      dlsym(library, name).map { unsafeBitCast($0, to: type) }
    }
    guard
      let openMaster = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
      let grant = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self),
      let unlock = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
      let slaveName = symbol(
        "ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    else { return nil }
    return PseudoTerminalFunctions(
      openMaster: openMaster, grant: grant, unlock: unlock, slaveName: slaveName)
  }
}

/// Runs `readLine()` of an editor on another thread, as a program's main loop would, while the
/// test drives the terminal.
final class EditorThread: @unchecked Sendable {
  let editor: LineEditor
  private let finished = DispatchSemaphore(value: 0)
  private var result: LineEditor.ReadResult?

  init(_ editor: LineEditor) {
    self.editor = editor
  }

  /// Starts one `readLine()`.
  func start() {
    result = nil
    DispatchQueue.global().async {
      let result = self.editor.readLine()
      self.result = result
      self.finished.signal()
    }
  }

  /// Starts one `readLine()` and waits until it shows a fresh prompt in raw mode.
  func start(on terminal: PseudoTerminal) -> Bool {
    start()
    return terminal.waitFor { screen in
      screen.bracketedPaste && screen.lines[screen.cursor.row] == "idx>"
    }
  }

  /// The result, once `readLine()` returned and the terminal has its output (the editor's
  /// last write switches bracketed paste off); nil if it does not return.
  func finish(on terminal: PseudoTerminal) -> LineEditor.ReadResult? {
    let disabledBefore = terminal.screen.bracketedPasteDisabled
    var returned = false
    let done = terminal.waitUntil {
      if !returned { returned = finished.wait(timeout: .now()) == .success }
      return returned && terminal.screen.bracketedPasteDisabled > disabledBefore
    }
    return done ? result : nil
  }
}

/// An editor configured for the pseudo-terminal's slave side.
func ptyEditor(
  _ terminal: PseudoTerminal, historyPath: String? = nil,
  configure: (inout LineEditor.Configuration) -> Void = { _ in }
) -> LineEditor {
  var configuration = LineEditor.Configuration(prompt: "idx> ", continuationPrompt: "...> ")
  configuration.input = terminal.slave
  configuration.output = terminal.slave
  configuration.terminalType = "xterm-256color"
  configuration.historyPath = historyPath
  configure(&configuration)
  return LineEditor(configuration)
}

/// The attributes that matter for "the terminal is as it was": flags and control characters.
func sameAttributes(_ left: termios, _ right: termios) -> Bool {
  var left = left
  var right = right
  let controlsEqual = withUnsafeBytes(of: &left.c_cc) { a in
    withUnsafeBytes(of: &right.c_cc) { b in a.elementsEqual(b) }
  }
  return left.c_iflag == right.c_iflag && left.c_oflag == right.c_oflag
    && left.c_cflag == right.c_cflag && left.c_lflag == right.c_lflag && controlsEqual
}
