/// "Did you mean …?" candidates for a misspelt name.
public enum Suggestions {
  /// Up to `limit` names close to `name`, closest first (Elm offers at most four).
  ///
  /// Close means a Damerau–Levenshtein distance of at most a third of the name's length
  /// (at least 1), compared case-insensitively, so `helth` finds `health` and `Tlent` finds
  /// `talent`, while `x` suggests nothing. Names longer than `longestName` are never
  /// misspellings worth suggesting for, and a candidate whose length differs by more than the
  /// allowed distance cannot be close: both are skipped before any distance is computed, so a
  /// hostile file of long names costs linear time, not the square of their lengths.
  public static func closest(to name: String, among candidates: [String], limit: Int = 4)
    -> [String]
  {
    guard name.utf8.count <= longestName * 4 else { return [] }
    let target = Array(name.lowercased())
    guard target.count <= longestName else { return [] }
    let budget = max(1, target.count / 3)
    var scored: [(distance: Int, index: Int, name: String)] = []
    for (index, candidate) in candidates.enumerated() where candidate != name {
      let bytes = candidate.utf8.count
      // A character is one to four bytes: a cheap bound before decoding the candidate.
      guard bytes + budget >= target.count, bytes <= (target.count + budget) * 4 else { continue }
      let other = Array(candidate.lowercased())
      guard Swift.abs(other.count - target.count) <= budget else { continue }
      let distance = editDistance(target, other)
      if distance <= budget { scored.append((distance, index, candidate)) }
    }
    scored.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
    var seen = Set<String>()
    var out: [String] = []
    for entry in scored where seen.insert(entry.name).inserted {
      out.append(entry.name)
      if out.count == limit { break }
    }
    return out
  }

  /// Names longer than this (in characters) get no suggestions.
  public static let longestName = 64

  /// Optimal string alignment distance (adjacent transpositions count as one edit).
  public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
