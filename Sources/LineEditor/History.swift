/// The lines entered before, oldest first, and the searches ↑/↓ and Ctrl-R run over them.
///
/// Kept in memory by the editor; `HistoryFile` loads and saves it. Blank lines and a repeat of
/// the newest entry are not added, and the oldest entries go once `limit` is reached.
public struct History: Equatable, Sendable {
  public private(set) var entries: [String]
  public let limit: Int

  public init(_ entries: [String] = [], limit: Int = 1000) {
    self.limit = max(1, limit)
    self.entries = Array(entries.suffix(self.limit))
  }

  public var count: Int { entries.count }

  /// Adds a line unless it is blank or repeats the newest entry; true when added.
  @discardableResult
  public mutating func add(_ line: String) -> Bool {
    guard line.contains(where: { !$0.isWhitespace }), entries.last != line else { return false }
    entries.append(line)
    if entries.count > limit { entries.removeFirst(entries.count - limit) }
    return true
  }

  /// The newest entry older than `index` that starts with `prefix` and is not `current`.
  public func previous(before index: Int, prefix: String, skipping current: String) -> Int? {
    var candidate = min(index, entries.count) - 1
    while candidate >= 0 {
      let entry = entries[candidate]
      if entry != current && entry.hasPrefix(prefix) { return candidate }
      candidate -= 1
    }
    return nil
  }

  /// The oldest entry newer than `index` that starts with `prefix` and is not `current`.
  public func next(after index: Int, prefix: String, skipping current: String) -> Int? {
    var candidate = max(index, -1) + 1
    while candidate < entries.count {
      let entry = entries[candidate]
      if entry != current && entry.hasPrefix(prefix) { return candidate }
      candidate += 1
    }
    return nil
  }

  /// A match of an incremental search: the entry and where the query starts in it.
  public struct Match: Equatable, Sendable {
    public var entry: Int
    public var position: Int
  }

  /// Searches for `query` from entry `index` (inclusive) towards older entries, or towards
  /// newer ones when `backward` is false.
  public func search(_ query: String, from index: Int, backward: Bool) -> Match? {
    let needle = Array(query)
    guard !needle.isEmpty else { return nil }
    var candidate = index
    while candidate >= 0 && candidate < entries.count {
      let haystack = Array(entries[candidate])
      if let position = Self.occurrence(of: needle, in: haystack, last: backward) {
        return Match(entry: candidate, position: position)
      }
      candidate += backward ? -1 : 1
    }
    return nil
  }

  /// Offset of the first (or last) occurrence of `needle` in `haystack`, by characters.
  static func occurrence(of needle: [Character], in haystack: [Character], last: Bool) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    let starts = Array(0...(haystack.count - needle.count))
    for start in last ? starts.reversed() : starts
    where haystack[start..<start + needle.count].elementsEqual(needle) {
      return start
    }
    return nil
  }
}
