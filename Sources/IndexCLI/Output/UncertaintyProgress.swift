import Synchronization

/// A progress bar on standard error for long analyses: shown only once a run has taken a
/// second, redrawn at most ten times a second, and erased when the run ends.
///
/// Worker threads report to it, so its state sits behind a lock; drawing goes straight to the
/// terminal through `CLI.Context.liveError` (only set when standard error is a terminal).
final class UncertaintyProgress: Sendable {
  private let write: @Sendable (String) -> Void
  private let started = ContinuousClock.now
  private let state = Mutex(State())

  private struct State {
    var lastDrawn: ContinuousClock.Instant?
    var shown = false
  }

  init(write: @escaping @Sendable (String) -> Void) {
    self.write = write
  }

  /// Called as runs finish.
  func update(done: Int, total: Int) {
    let now = ContinuousClock.now
    guard now - started >= .seconds(1) else { return }
    let line: String? = state.withLock { state in
      if let last = state.lastDrawn, now - last < .milliseconds(100), done < total { return nil }
      state.lastDrawn = now
      state.shown = true
      return Self.bar(done: done, total: total)
    }
    if let line { write(line) }
  }

  /// Erases the bar, if it was drawn.
  func finish() {
    let shown = state.withLock { $0.shown }
    if shown { write("\r\u{1B}[2K") }
  }

  /// `\r[███████░░░░░░░░░░░░░]  35%  3,500 of 10,000 runs`.
  static func bar(done: Int, total: Int) -> String {
    let width = 30
    let share = total > 0 ? Double(min(done, total)) / Double(total) : 1
    let filled = Int((share * Double(width)).rounded(.down))
    let percent = Int((share * 100).rounded(.down))
    let padded = String(repeating: " ", count: max(0, 3 - String(percent).count)) + "\(percent)"
    return "\r[" + String(repeating: "█", count: filled)
      + String(repeating: "░", count: width - filled) + "] \(padded)%  "
      + "\(UncertaintyText.count(min(done, total))) of \(UncertaintyText.count(total)) runs"
  }
}
