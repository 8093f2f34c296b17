import Glibc

// Written by the signal handler, so it must be plain storage: the handler does nothing but
// write the signal's number to this pipe (write(2) is async-signal-safe), and the editor's
// loop reads it with the terminal input in the same poll(2).
nonisolated(unsafe) private var relayWriteEnd: Int32 = -1
nonisolated(unsafe) private var relayReadEnd: Int32 = -1

/// The handler: C-compatible, allocation-free, and leaves `errno` as it found it.
private func relaySignal(_ number: Int32) {
  let savedErrno = errno
  var byte = UInt8(truncatingIfNeeded: number)
  _ = write(relayWriteEnd, &byte, 1)
  errno = savedErrno
}

/// Delivers signals to the reading loop through a self-pipe, so that the terminal is restored
/// and redrawn by ordinary code rather than inside a handler.
///
/// Handlers are installed only while a line is read and the previous dispositions put back
/// after, so the program's own handling of signals is untouched between lines. One line is
/// read at a time per process.
enum SignalRelay {
  /// Window size, end-the-program signals, suspension and continuation.
  static let relayed: [Int32] = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT]

  /// The read end of the pipe, created on first use; nil if the pipe cannot be made.
  static func pipeReadEnd() -> Int32? {
    if relayReadEnd >= 0 { return relayReadEnd }
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return nil }
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
    }
    relayReadEnd = ends[0]
    relayWriteEnd = ends[1]
    return relayReadEnd
  }

  /// Installs the relay for the signals; returns their previous dispositions.
  static func install(_ signals: [Int32] = relayed) -> [Int32: sigaction] {
    var previous: [Int32: sigaction] = [:]
    for number in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = relaySignal
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      var old = sigaction()
      if sigaction(number, &action, &old) == 0 { previous[number] = old }
    }
    return previous
  }

  /// Puts dispositions back.
  static func restore(_ previous: [Int32: sigaction]) {
    for (number, action) in previous {
      var copy = action
      sigaction(number, &copy, nil)
    }
  }

  /// Raises a signal on this thread and lets it act before returning, even on a thread that
  /// blocks signals (Dispatch's worker threads do): the program's handler runs, or the
  /// default action stops or ends the process, before the editor goes on.
  static func raiseNow(_ number: Int32) {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, number)
    var previousMask = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &signals, &previousMask)
    raise(number)
    pthread_sigmask(SIG_SETMASK, &previousMask, nil)
  }

  /// True when a disposition is "ignore".
  static func isIgnored(_ action: sigaction?) -> Bool {
    guard let handler = action?.__sigaction_handler.sa_handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
  }

  /// The signals relayed since the last call, in arrival order.
  static func drain() -> [Int32] {
    guard relayReadEnd >= 0 else { return [] }
    var numbers: [Int32] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(relayReadEnd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      numbers.append(contentsOf: buffer[0..<count].map { Int32($0) })
    }
    return numbers
  }
}
