import Glibc

/// The few terminal system calls the editor needs: attributes (raw mode), window size,
/// and reading and writing that survive signals.
struct TerminalDevice {
  let input: Int32
  let output: Int32

  /// Width used when the terminal cannot say (`TIOCGWINSZ` fails or reports 0).
  static let fallbackWidth = 80

  /// The input's current attributes, or nil when it is not a terminal.
  func attributes() -> termios? {
    var attributes = termios()
    return tcgetattr(input, &attributes) == 0 ? attributes : nil
  }

  /// Sets attributes once pending output is written; input already typed is kept.
  func setAttributes(_ attributes: termios) -> Bool {
    var copy = attributes
    while tcsetattr(input, TCSADRAIN, &copy) != 0 {
      if errno != EINTR { return false }
    }
    return true
  }

  /// The attributes for reading key by key: no echo, no line buffering, no signals from
  /// Ctrl-C/Ctrl-Z/Ctrl-\ (the editor handles those keys), no CR→NL or output translation,
  /// no flow control (Ctrl-S and Ctrl-Q are keys too); `read` returns after one byte.
  static func raw(from original: termios) -> termios {
    var raw = original
    raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
    raw.c_oflag &= ~tcflag_t(OPOST)
    raw.c_cflag |= tcflag_t(CS8)
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { controls in
      controls[Int(VMIN)] = 1
      controls[Int(VTIME)] = 0
    }
    return raw
  }

  /// Columns of the terminal, from the output (or the input) device.
  func width() -> Int {
    for descriptor in [output, input] {
      var size = winsize()
      let status = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
      if status == 0 && size.ws_col > 0 { return Int(size.ws_col) }
    }
    return Self.fallbackWidth
  }

  /// Writes all of the text; the `errno` of a failure.
  func write(_ text: String) -> Int32? {
    guard !text.isEmpty else { return nil }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return errno
      }
      offset += count
    }
    return nil
  }

  /// What a read returned.
  enum ReadResult {
    case bytes([UInt8])
    case endOfFile
    case interrupted
    case failed(Int32)
  }

  /// Reads what is available (at most 4 KiB).
  func read() -> ReadResult {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
    if count > 0 { return .bytes(Array(buffer[0..<count])) }
    if count == 0 { return .endOfFile }
    if errno == EINTR || errno == EAGAIN { return .interrupted }
    return .failed(errno)
  }

  /// Which of the input and the signal pipe became readable.
  struct Readiness {
    var input = false
    var signal = false
    var timedOut = false
  }

  /// Waits for input or a relayed signal; a negative timeout waits for ever.
  func wait(signalPipe: Int32, timeoutMilliseconds: Int32) -> Readiness {
    var descriptors = [
      pollfd(fd: input, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0),
    ]
    let count = poll(&descriptors, nfds_t(signalPipe >= 0 ? 2 : 1), timeoutMilliseconds)
    var readiness = Readiness()
    if count == 0 {
      readiness.timedOut = true
    } else if count > 0 {
      let ready = Int16(POLLIN | POLLHUP | POLLERR)
      readiness.input = descriptors[0].revents & ready != 0
      readiness.signal = descriptors[1].revents & Int16(POLLIN) != 0
    }
    return readiness
  }
}
