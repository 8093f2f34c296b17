import Glibc
import Synchronization

/// Removes temporary files that are being written when SIGINT, SIGTERM or SIGHUP arrives,
/// then lets the signal do what it would have done.
///
/// A signal handler may only touch memory that needs no allocation or locking, so the paths
/// live in a fixed block of C strings, one slot per write in progress; the handler unlinks
/// every non-empty slot. The handlers are installed only while at least one write is in
/// progress and the previous dispositions are restored afterwards, so a host program (the
/// REPL) keeps its own handling the rest of the time. A signal that was ignored stays ignored.
enum InterruptCleanup {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  static let slotCount = 32
  static let slotSize = Int(PATH_MAX) + 1

  /// The block of slots and the saved dispositions, shared with the signal handler.
  final class Storage: @unchecked Sendable {
    let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
    let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signals.count)
    let installed = UnsafeMutablePointer<Bool>.allocate(capacity: signals.count)
    /// Writes in progress and which slots they hold.
    let state = Mutex<(writers: Int, used: [Bool])>((0, Array(repeating: false, count: slotCount)))

    init() {
      paths.initialize(repeating: 0, count: slotCount * slotSize)
      installed.initialize(repeating: false, count: signals.count)
      previous.initialize(repeating: sigaction(), count: signals.count)
    }
  }

  static let storage = Storage()

  /// Records `path` for removal on interruption; nil when every slot is taken or the path is
  /// too long (the write still happens, only without this protection).
  static func claim(_ path: String) -> Int? {
    let bytes = Array(path.utf8)
    guard bytes.count < slotSize, !bytes.contains(0) else { return nil }
    return storage.state.withLock { state -> Int? in
      guard let slot = state.used.firstIndex(of: false) else { return nil }
      state.used[slot] = true
      let base = storage.paths + slot * slotSize
      // The first byte goes last, so the handler never sees half a path.
      for (offset, byte) in bytes.enumerated().dropFirst() {
        base[offset] = CChar(bitPattern: byte)
      }
      base[bytes.count] = 0
      base[0] = CChar(bitPattern: bytes[0])
      if state.writers == 0 { install() }
      state.writers += 1
      return slot
    }
  }

  /// Forgets a slot once its file is renamed or removed.
  static func release(_ slot: Int?) {
    guard let slot else { return }
    storage.state.withLock { state in
      guard state.used[slot] else { return }
      storage.paths[slot * slotSize] = 0
      state.used[slot] = false
      state.writers -= 1
      if state.writers == 0 { uninstall() }
    }
  }

  /// Blocks the three signals on this thread (between creating a file and recording it).
  static func blockSignals() -> sigset_t {
    var set = sigset_t()
    var old = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    pthread_sigmask(SIG_BLOCK, &set, &old)
    return old
  }

  static func restoreSignals(_ old: sigset_t) {
    var old = old
    pthread_sigmask(SIG_SETMASK, &old, nil)
  }

  private static func install() {
    for (index, signal) in signals.enumerated() {
      var current = sigaction()
      sigaction(signal, nil, &current)
      if isIgnored(current) { continue }
      storage.previous[index] = current
      var action = sigaction()
      action.__sigaction_handler.sa_handler = interruptHandler
      sigemptyset(&action.sa_mask)
      sigaction(signal, &action, nil)
      storage.installed[index] = true
    }
  }

  private static func isIgnored(_ action: sigaction) -> Bool {
    guard let handler = action.__sigaction_handler.sa_handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
  }

  private static func uninstall() {
    for index in signals.indices where storage.installed[index] {
      sigaction(signals[index], storage.previous + index, nil)
      storage.installed[index] = false
    }
  }

  /// Unlinks every recorded path; only async-signal-safe calls.
  static func removeAll() {
    for slot in 0..<slotCount {
      let base = storage.paths + slot * slotSize
      if base[0] != 0 { unlink(base) }
    }
  }

  /// Restores the disposition `signal` had before the first write began.
  static func restore(_ signal: Int32) {
    for index in signals.indices where signals[index] == signal && storage.installed[index] {
      sigaction(signal, storage.previous + index, nil)
    }
  }
}

/// Cleans up, restores the previous disposition and delivers the signal again.
private func interruptHandler(_ signal: Int32) {
  InterruptCleanup.removeAll()
  InterruptCleanup.restore(signal)
  raise(signal)
}
