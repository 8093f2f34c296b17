/// Ranks of final scores: the highest score is 1, tied scores share the best rank, and the next
/// score skips the places the tie used ("sport" ranking, R's `ties.method = "min"`).
///
/// A missing score gets rank 0, which no ranked entity has, so callers can print it as "no rank".
public func sportRanks(_ scores: [Double]) -> [Int] {
  var ranks = [Int](repeating: 0, count: scores.count)
  var order: [Int] = []
  scores.withUnsafeBufferPointer { values in
    ranks.withUnsafeMutableBufferPointer { sportRanks(values, into: $0, order: &order) }
  }
  return ranks
}

/// `sportRanks` into a buffer of one rank per score, with `order` as scratch the caller
/// keeps, so that ranking many draws allocates nothing once the scratch has grown.
func sportRanks(
  _ scores: UnsafeBufferPointer<Double>, into ranks: UnsafeMutableBufferPointer<Int>,
  order: inout [Int]
) {
  order.removeAll(keepingCapacity: true)
  for e in 0..<scores.count {
    ranks[e] = 0
    if !scores[e].isNaN { order.append(e) }
  }
  order.sort { scores[$0] > scores[$1] }
  for (position, entity) in order.enumerated() {
    if position > 0, scores[order[position - 1]] == scores[entity] {
      ranks[entity] = ranks[order[position - 1]]
    } else {
      ranks[entity] = position + 1
    }
  }
}

/// Ascending ranks (1 = smallest) with tied values ranked by `ties`, as R's
/// `rank(x, ties.method = ties, na.last = "keep")`: missing values keep a missing rank.
///
/// One sort, then one pass over each run of equal values: a run at places k…k+m−1 gets k
/// (`min`), (2k + m − 1)/2 (`average`) or k + m − 1 (`max`).
public func ascendingRanks(_ x: [Double], ties: RankTies) -> [Double] {
  var ranks = [Double](repeating: .nan, count: x.count)
  let order = x.indices.filter { !x[$0].isNaN }.sorted { x[$0] < x[$1] }
  var start = 0
  while start < order.count {
    var end = start + 1
    while end < order.count && x[order[end]] == x[order[start]] { end += 1 }
    let (first, last) = (Double(start + 1), Double(end))
    let rank: Double =
      switch ties {
      case .min: first
      case .average: (first + last) / 2
      case .max: last
      }
    for position in start..<end { ranks[order[position]] = rank }
    start = end
  }
  return ranks
}
