/// "Did you mean …?" candidates for a misspelt name.
public enum Suggestions {
  /// Up to `limit` names close to `name`, closest first (Elm offers at most four).
  ///
  /// Close means a Damerau–Levenshtein distance of at most a third of the name's length
  /// (at least 1), compared case-insensitively, so `helth` finds `health` and `Tlent` finds
  /// `talent`, while `x` suggests nothing.
  public static func closest(to name: String, among candidates: [String], limit: Int = 4)
    -> [String]
  {
    let target = Array(name.lowercased())
    let budget = max(1, target.count / 3)
    var scored: [(distance: Int, index: Int, name: String)] = []
    for (index, candidate) in candidates.enumerated() where candidate != name {
      let distance = editDistance(target, Array(candidate.lowercased()))
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
