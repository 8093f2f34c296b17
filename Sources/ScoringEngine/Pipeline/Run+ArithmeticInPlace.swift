/// The arithmetic mean of declared weights, read straight from the members' score arrays.
///
/// Most nodes of most indices are arithmetic means, and the generic path copies every member's
/// column of every period before `aggregate` reads it. This path reads each member's scores in
/// place, over every scored period at once, and counts the present members in the same pass
/// when a coverage rule needs the count. Its operations are those of `aggregate`'s arithmetic
/// mean in the same order (Σ over members in declaration order of `present ? w·v : 0` for the
/// numerator and `present ? w : 0` for the denominator, then one division), so the scores are
/// the same bit for bit; the property tests of `Rescorer` and the reference tests compare them.
extension Runner {
  /// Node `index`'s scores over every scored period, or nil when the node is not an arithmetic
  /// mean of declared weights (or a member's scores do not cover every cell).
  mutating func arithmeticInPlace(_ index: Int) -> [Double]? {
    let node = plan.nodes[index]
    guard let spec = node.aggregate, spec.aggregator == .arithmetic, !spec.weighting.isDerived,
      !spec.members.isEmpty
    else { return nil }
    let cells = scored.count * count
    guard spec.members.allSatisfy({ nodes[$0.node].score.count == cells }) else { return nil }
    let weights = WeightScale.normalized(spec.members.map(\.weight))
    var numerator = [Double](repeating: 0, count: cells)
    var denominator = [Double](repeating: 0, count: cells)
    var present = spec.coverage == nil ? [] : [Double](repeating: 0, count: cells)
    numerator.withUnsafeMutableBufferPointer { num in
      denominator.withUnsafeMutableBufferPointer { den in
        present.withUnsafeMutableBufferPointer { counts in
          for (member, w) in zip(spec.members, weights) {
            nodes[member.node].score.withUnsafeBufferPointer { x in
              if counts.isEmpty {
                accumulate(x, weight: w, into: num, den)
              } else {
                accumulateCounting(x, weight: w, into: num, den, counts)
              }
            }
          }
          for c in 0..<cells {
            num[c] = den[c] == 0 ? .nan : num[c] / den[c]
          }
        }
      }
    }
    if let coverage = spec.coverage {
      let memberCount = Double(spec.members.count)
      for (p, period) in scored.enumerated() {
        var below: [Int] = []
        for e in 0..<count where present[p * count + e] > 0 {
          if present[p * count + e] / memberCount < coverage { below.append(e) }
        }
        for e in below { numerator[p * count + e] = .nan }
        if !below.isEmpty {
          findings.add(
            .belowCoverage, node: node.name, span: node.span, period: period, entities: below)
        }
      }
    }
    return numerator
  }
}

/// num += present ? w·x : 0 and den += present ? w : 0, cell by cell: branch-free, so the
/// compiler turns it into vector blends.
private func accumulate(
  _ x: UnsafeBufferPointer<Double>, weight w: Double,
  into num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>
) {
  for c in 0..<x.count {
    let v = x[c]
    let isPresent = v == v
    num[c] += isPresent ? w * v : 0
    den[c] += isPresent ? w : 0
  }
}

/// `accumulate`, counting the present members as well (for a coverage rule).
private func accumulateCounting(
  _ x: UnsafeBufferPointer<Double>, weight w: Double,
  into num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>,
  _ counts: UnsafeMutableBufferPointer<Double>
) {
  for c in 0..<x.count {
    let v = x[c]
    let isPresent = v == v
    num[c] += isPresent ? w * v : 0
    den[c] += isPresent ? w : 0
    counts[c] += isPresent ? 1 : 0
  }
}
