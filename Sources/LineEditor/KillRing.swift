/// Text removed by Ctrl-K, Ctrl-U, Ctrl-W, Alt-D and Alt-Backspace, for Ctrl-Y to put back.
///
/// As in Emacs and readline, kills in a row build one entry (a forward kill appends, a backward
/// kill prepends), so Ctrl-W Ctrl-W Ctrl-Y restores both words; Alt-Y right after a yank
/// replaces it with the next older entry.
public struct KillRing: Equatable, Sendable {
  public enum Direction: Sendable { case forward, backward }

  public private(set) var entries: [String] = []
  /// Position of the entry the last yank inserted, counted from the newest.
  private var yankOffset = 0
  let capacity: Int

  public init(capacity: Int = 16) {
    self.capacity = max(1, capacity)
  }

  /// Records killed text; `continuing` joins it to the previous kill.
  public mutating func kill(_ text: String, direction: Direction, continuing: Bool) {
    guard !text.isEmpty else { return }
    if continuing, let last = entries.last {
      entries[entries.count - 1] = direction == .forward ? last + text : text + last
    } else {
      entries.append(text)
      if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
    yankOffset = 0
  }

  /// The newest entry, for Ctrl-Y.
  public mutating func yank() -> String? {
    yankOffset = 0
    return entries.last
  }

  /// The entry before the one last yanked, for Alt-Y; wraps around.
  public mutating func rotate() -> String? {
    guard !entries.isEmpty else { return nil }
    yankOffset = (yankOffset + 1) % entries.count
    return entries[entries.count - 1 - yankOffset]
  }
}
