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
    // Stored members without a coverage rule (the upper levels): every cell's sums in
    // registers across the members.
    if spec.coverage == nil, spec.members.allSatisfy({ !nodes[$0.node].score.isComputed }) {
      return blockedArithmeticMeans(
        spec.members.map { nodes[$0.node].score.values }, weights: weights, cells: cells)
    }
    var mean = ArithmeticMean()
    mean.start(cells: cells, counting: spec.coverage != nil)
    for (member, w) in zip(spec.members, weights) { mean.add(nodes[member.node].score, weight: w) }
    mean.finish()
    if let coverage = spec.coverage {
      for (p, period) in scored.enumerated() {
        let below = mean.belowCoverage(
          coverage, members: spec.members.count, cells: (p * count)..<((p + 1) * count))
        for cell in below { mean.means[cell] = .nan }
        if !below.isEmpty {
          findings.add(
            .belowCoverage, node: node.name, span: node.span, period: period,
            entities: below.map { $0 - p * count })
        }
      }
    }
    return mean.means
  }
}

/// The running sums of an arithmetic mean over every cell, on buffers that a caller may keep
/// from one node to the next (the rescorer's weight draws allocate nothing once warm).
struct ArithmeticMean: Sendable {
  /// Σ present w·v per cell, then (after `finish`) the means.
  var means: [Double] = []
  /// Σ present w per cell.
  private var weights: [Double] = []
  /// The number of present members per cell (empty when not counting).
  private var present: [Double] = []

  /// Zero sums for `cells` cells, keeping the buffers' storage.
  mutating func start(cells: Int, counting: Bool) {
    Array.zeroed(&means, cells)
    Array.zeroed(&weights, cells)
    if counting { Array.zeroed(&present, cells) } else { present.removeAll(keepingCapacity: true) }
  }

  /// Adds one member's score column with weight `w`: a computed column's scores are
  /// computed as they are added (the same values as stored ones), never stored.
  mutating func add(_ column: ScoreColumn, weight w: Double) {
    guard column.isComputed else { return add(column.values, weight: w) }
    column.values.withUnsafeBufferPointer { x in
      means.withUnsafeMutableBufferPointer { num in
        weights.withUnsafeMutableBufferPointer { den in
          present.withUnsafeMutableBufferPointer { counts in
            column.forEachPeriod { cells, mapping in
              accumulateMapped(
                UnsafeBufferPointer(rebasing: x[cells]), mapping, weight: w,
                into: UnsafeMutableBufferPointer(rebasing: num[cells]),
                UnsafeMutableBufferPointer(rebasing: den[cells]),
                counts.isEmpty ? counts : UnsafeMutableBufferPointer(rebasing: counts[cells]))
            }
          }
        }
      }
    }
  }

  /// Adds one member's scores (one per cell) with weight `w`.
  mutating func add(_ scores: [Double], weight w: Double) {
    scores.withUnsafeBufferPointer { x in
      means.withUnsafeMutableBufferPointer { num in
        weights.withUnsafeMutableBufferPointer { den in
          if present.isEmpty {
            accumulate(x, weight: w, into: num, den)
          } else {
            present.withUnsafeMutableBufferPointer { counts in
              accumulateCounting(x, weight: w, into: num, den, counts)
            }
          }
        }
      }
    }
  }

  /// Turns the sums into means: NaN where no member with a weight is present.
  mutating func finish() {
    weights.withUnsafeBufferPointer { den in
      means.withUnsafeMutableBufferPointer { num in
        for c in 0..<num.count { num[c] = den[c] == 0 ? .nan : num[c] / den[c] }
      }
    }
  }

  /// The cells of `cells` with some members present but a share below `coverage`.
  func belowCoverage(_ coverage: Double, members: Int, cells: Range<Int>) -> [Int] {
    let memberCount = Double(members)
    return cells.filter { present[$0] > 0 && present[$0] / memberCount < coverage }
  }

  /// Whether any cell has some members present but a share below `coverage`.
  func anyBelowCoverage(_ coverage: Double, members: Int) -> Bool {
    let memberCount = Double(members)
    return present.contains { $0 > 0 && $0 / memberCount < coverage }
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

/// `accumulate` of the scores `mapping` gives `x` (`MinMaxMapping.score`), counting the present
/// members when `counts` is not empty.
private func accumulateMapped(
  _ x: UnsafeBufferPointer<Double>, _ mapping: MinMaxMapping, weight w: Double,
  into num: UnsafeMutableBufferPointer<Double>, _ den: UnsafeMutableBufferPointer<Double>,
  _ counts: UnsafeMutableBufferPointer<Double>
) {
  if counts.isEmpty {
    for c in 0..<x.count {
      let v = mapping.score(x[c])
      let isPresent = v == v
      num[c] += isPresent ? w * v : 0
      den[c] += isPresent ? w : 0
    }
    return
  }
  for c in 0..<x.count {
    let v = mapping.score(x[c])
    let isPresent = v == v
    num[c] += isPresent ? w * v : 0
    den[c] += isPresent ? w : 0
    counts[c] += isPresent ? 1 : 0
  }
}

/// `ArithmeticMean`'s means of stored columns without a coverage rule, eight cells at a time.
///
/// Each column has `cells` values; each cell's numerator and denominator stay in registers across the
/// members instead of being read and written once a member. Each cell gets the same
/// operations in the same order (from +0, `present ? w·v : 0` and `present ? w : 0` member by
/// member in declaration order, then `den == 0 ? NaN : num / den`), so the same bits
/// (`ArithmeticInPlaceTests` compares the two).
func blockedArithmeticMeans(_ columns: [[Double]], weights: [Double], cells: Int) -> [Double] {
  precondition(columns.count == weights.count && columns.allSatisfy { $0.count == cells })
  guard cells > 0 else { return [] }
  return withBaseAddresses(columns, Array(columns.indices)) { bases in
    [Double](unsafeUninitializedCapacity: cells) { out, initialized in
      let blocks = cells / 8
      let quad = MemoryLayout<SIMD4<Double>>.stride
      if let target = out.baseAddress.map(UnsafeMutableRawPointer.init) {
        for block in 0..<blocks {
          var (n0, n1) = (SIMD4<Double>(), SIMD4<Double>())
          var (d0, d1) = (SIMD4<Double>(), SIMD4<Double>())
          for (base, w) in zip(bases, weights) {
            let raw = UnsafeRawPointer(base + block * 8)
            let a = raw.loadUnaligned(as: SIMD4<Double>.self)
            let b = raw.loadUnaligned(fromByteOffset: quad, as: SIMD4<Double>.self)
            let weight = SIMD4<Double>(repeating: w)
            n0 += (weight * a).replacing(with: 0, where: a .!= a)
            n1 += (weight * b).replacing(with: 0, where: b .!= b)
            d0 += weight.replacing(with: 0, where: a .!= a)
            d1 += weight.replacing(with: 0, where: b .!= b)
          }
          let m0 = (n0 / d0).replacing(with: .nan, where: d0 .== 0)
          let m1 = (n1 / d1).replacing(with: .nan, where: d1 .== 0)
          target.storeBytes(of: m0, toByteOffset: block * 2 * quad, as: SIMD4<Double>.self)
          target.storeBytes(of: m1, toByteOffset: block * 2 * quad + quad, as: SIMD4<Double>.self)
        }
      }
      for cell in (blocks * 8)..<cells {
        var (num, den) = (0.0, 0.0)
        for (base, w) in zip(bases, weights) {
          let v = base[cell]
          let isPresent = v == v
          num += isPresent ? w * v : 0
          den += isPresent ? w : 0
        }
        out[cell] = den == 0 ? .nan : num / den
      }
      initialized = cells
    }
  }
}
