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
///
/// Ranks depend only on the values, so the two ways of ordering them give the same ranks:
/// a comparison sort for few scores, a radix sort of their bits for many (`RankTests`
/// compares them on ties, signed zeros, infinities and missing values).
func sportRanks(
  _ scores: UnsafeBufferPointer<Double>, into ranks: UnsafeMutableBufferPointer<Int>,
  order: inout [Int]
) {
  if scores.count >= radixRankingThreshold {
    radixSportRanks(scores, into: ranks, scratch: &order)
  } else {
    comparisonSportRanks(scores, into: ranks, order: &order)
  }
}

/// From this many scores on, ranking sorts their bits (`radixSportRanks`): the comparison
/// sort's unpredictable branches cost about 10 ns a comparison on random scores.
let radixRankingThreshold = 256

/// `sportRanks` by a comparison sort of the present entities.
func comparisonSportRanks(
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

/// A key that sorts ascending as `score` sorts descending, equal for two scores exactly when
/// they are equal as doubles: −0 becomes +0 (`−0 + 0` is `+0`), and the bits are mapped so
/// that unsigned order is numeric order (NaN is never passed).
@inline(__always)
private func descendingKey(_ score: Double) -> UInt64 {
  let bits = (score + 0).bitPattern
  let ascending = bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
  return ~ascending
}

/// `sportRanks` by a least-significant-digit radix sort of the present scores' keys, a byte
/// at a time, skipping the bytes every key shares (the exponent's, for scores of one range).
///
/// `scratch` holds the keys and entities of both sides of each pass (4 × the scores), so a
/// caller that keeps it allocates nothing once it has grown.
func radixSportRanks(
  _ scores: UnsafeBufferPointer<Double>, into ranks: UnsafeMutableBufferPointer<Int>,
  scratch: inout [Int]
) {
  let n = scores.count
  scratch.removeAll(keepingCapacity: true)
  scratch.append(contentsOf: repeatElement(0, count: 4 * n))
  scratch.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    var (keys, entities) = (base, base + n)
    var (otherKeys, otherEntities) = (base + 2 * n, base + 3 * n)
    var present = 0
    for e in 0..<n {
      ranks[e] = 0
      let score = scores[e]
      guard score == score else { continue }
      keys[present] = Int(bitPattern: UInt(descendingKey(score)))
      entities[present] = e
      present += 1
    }
    guard present > 0 else { return }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 8 * 256) { counts in
      counts.initialize(repeating: 0)
      for k in 0..<present {
        let key = UInt(bitPattern: keys[k])
        for byte in 0..<8 { counts[byte * 256 + Int((key >> (8 * byte)) & 0xFF)] += 1 }
      }
      for byte in 0..<8 {
        let shift = UInt(8 * byte)
        let first = Int((UInt(bitPattern: keys[0]) >> shift) & 0xFF)
        if counts[byte * 256 + first] == present { continue }  // every key has this byte
        var start = 0
        for digit in 0..<256 {
          let count = counts[byte * 256 + digit]
          counts[byte * 256 + digit] = start
          start += count
        }
        for k in 0..<present {
          let digit = Int((UInt(bitPattern: keys[k]) >> shift) & 0xFF)
          let slot = counts[byte * 256 + digit]
          counts[byte * 256 + digit] = slot + 1
          otherKeys[slot] = keys[k]
          otherEntities[slot] = entities[k]
        }
        swap(&keys, &otherKeys)
        swap(&entities, &otherEntities)
      }
    }
    for position in 0..<present {
      let entity = entities[position]
      if position > 0, keys[position - 1] == keys[position] {
        ranks[entity] = ranks[entities[position - 1]]
      } else {
        ranks[entity] = position + 1
      }
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
