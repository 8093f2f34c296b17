/// Ranks of final scores: the highest score is 1, tied scores share the best rank, and the next
/// score skips the places the tie used ("sport" ranking, R's `ties.method = "min"`).
///
/// A missing score gets rank 0, which no ranked entity has, so callers can print it as "no rank".
public func sportRanks(_ scores: [Double]) -> [Int] {
  var ranks = [Int](repeating: 0, count: scores.count)
  let order = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] > scores[$1] }
  for (position, entity) in order.enumerated() {
    if position > 0, scores[order[position - 1]] == scores[entity] {
      ranks[entity] = ranks[order[position - 1]]
    } else {
      ranks[entity] = position + 1
    }
  }
  return ranks
}

/// Ascending ranks with ties at the lowest rank (1 = smallest), as R's
/// `rank(x, ties.method = "min", na.last = "keep")`: missing values keep a missing rank.
func ascendingMinRanks(_ x: [Double]) -> [Double] {
  var ranks = [Double](repeating: .nan, count: x.count)
  let order = x.indices.filter { !x[$0].isNaN }.sorted { x[$0] < x[$1] }
  for (position, entity) in order.enumerated() {
    if position > 0, x[order[position - 1]] == x[entity] {
      ranks[entity] = ranks[order[position - 1]]
    } else {
      ranks[entity] = Double(position + 1)
    }
  }
  return ranks
}
