/// What Tab can insert at the cursor: the candidates a completion provider found, and the part
/// of the buffer they replace.
///
/// The provider is the REPL's (commands, paths, node names…); the editor only applies the
/// result: one candidate replaces the range, several insert their longest common prefix, and a
/// second Tab in a row lists them below the prompt.
public struct Completion: Equatable, Sendable {
  /// The texts that could stand in `replacing`, in the order they are listed.
  public var candidates: [String]
  /// Positions in the buffer, counted in characters, that a chosen candidate replaces.
  public var replacing: Range<Int>
  /// What a second Tab lists, one per candidate (a file's name rather than its whole path);
  /// nil lists the candidates themselves.
  public var labels: [String]?

  public init(candidates: [String], replacing: Range<Int>, labels: [String]? = nil) {
    self.candidates = candidates
    self.replacing = replacing
    self.labels = labels
  }

  /// The texts a second Tab lists.
  var listed: [String] {
    guard let labels, labels.count == candidates.count else { return candidates }
    return labels
  }

  /// No candidates: Tab rings the bell.
  public static let none = Completion(candidates: [], replacing: 0..<0)

  /// The longest prefix all candidates share, by characters.
  public var commonPrefix: String {
    guard var prefix = candidates.first.map(Array.init) else { return "" }
    for candidate in candidates.dropFirst() {
      let characters = Array(candidate)
      var length = 0
      while length < prefix.count && length < characters.count
        && prefix[length] == characters[length]
      {
        length += 1
      }
      prefix.removeLast(prefix.count - length)
    }
    return String(prefix)
  }
}

/// Lays candidates out in columns, down then across (as `ls` and readline do), within a width.
enum CandidateColumns {
  static let gap = 2

  /// Rows of text, each padded to its columns, without trailing spaces.
  static func rows(_ candidates: [String], width: Int) -> [String] {
    guard !candidates.isEmpty else { return [] }
    let widest = candidates.map { DisplayWidth.columns(of: $0) }.max() ?? 0
    let columnWidth = widest + gap
    let columns = max(1, (max(width, 1) + gap) / columnWidth)
    let rowCount = (candidates.count + columns - 1) / columns
    var rows: [String] = []
    for row in 0..<rowCount {
      var line = ""
      var column = row
      while column < candidates.count {
        let candidate = candidates[column]
        let next = column + rowCount
        line += candidate
        if next < candidates.count {
          line += String(repeating: " ", count: columnWidth - DisplayWidth.columns(of: candidate))
        }
        column = next
      }
      rows.append(line)
    }
    return rows
  }
}
