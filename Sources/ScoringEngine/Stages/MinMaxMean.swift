/// Min-max normalization and the arithmetic mean above it in one pass over each member.
///
/// The commonest first level of an index is an arithmetic mean of min-max indicators. Done
/// stage by stage, each indicator's column is read for its extremes, read again to map it,
/// its scores are read again for the overflow check and once more by the mean. Here each
/// member is read twice: once for its extremes, once to write its scores and add them into
/// the mean's running sum. The operations are those of `normalize`'s min-max and `aggregate`'s
/// arithmetic mean, in the same order on every cell, so the scores are the same bit for bit
/// (`MinMaxMeanTests` compares them with the stage functions on random data with missing
/// values, zero and uneven weights, reversed directions and signed zeros).

/// How one indicator's values map onto its min-max scores in one period:
/// `(x · signHalf − bottomHalf) · scale + offset`, which is `minmax`'s
/// `(sign · x · half − bottom · half) · scale + offset` term for term (`sign · x · half` and
/// `x · (sign · half)` are the same double: negation and halving are exact or round alike).
@usableFromInline
struct MinMaxMapping: Sendable, Equatable {
  @usableFromInline var signHalf: Double
  @usableFromInline var bottomHalf: Double
  @usableFromInline var scale: Double
  @usableFromInline var offset: Double

  /// The mapping that leaves values as they are (a stored `ScoreColumn`'s placeholder).
  static let identity = MinMaxMapping(signHalf: 1, bottomHalf: 0, scale: 1, offset: 0)

  init(signHalf: Double, bottomHalf: Double, scale: Double, offset: Double) {
    (self.signHalf, self.bottomHalf, self.scale, self.offset) = (
      signHalf, bottomHalf, scale, offset
    )
  }

  /// The score of value `x`: the one expression every min-max score of this mapping is
  /// computed by, stored or read (`ScoreColumn`).
  @inlinable @inline(__always)
  func score(_ x: Double) -> Double {
    (x * signHalf - bottomHalf) * scale + offset
  }

  /// The mapping of `x` (one period of one indicator) onto `output`, or nil when min-max
  /// would report something (every value missing, no spread) or might produce an infinity:
  /// then the caller takes the stage-by-stage path, which reports it.
  ///
  /// With finite extremes, a finite scale and bounds of magnitude at most 1e300, every score
  /// is finite: `x · signHalf − bottomHalf` lies in [0, d] (rounding is monotonic) where d is
  /// the denominator of the scale, so its product with the scale is at most the output's
  /// width times (1 + 2⁻⁵²)², and adding the offset stays below 3.1e300. So the scores
  /// need no overflow check.
  init?(_ x: UnsafeBufferPointer<Double>, sign: Double, output: ClosedRange<Double>) {
    let (bottom, top) = signedExtremes(x, sign: sign)
    self.init(bottom: bottom, top: top, sign: sign, output: output)
  }

  /// The mapping of values whose signed extremes are `bottom` and `top` (`signedExtremes`),
  /// or nil as above.
  init?(bottom: Double, top: Double, sign: Double, output: ClosedRange<Double>) {
    guard bottom < top, bottom.isFinite, top.isFinite,
      Swift.abs(output.lowerBound) <= 1e300, Swift.abs(output.upperBound) <= 1e300
    else { return nil }
    let half = (top - bottom).isFinite ? 1.0 : 0.5
    let scale = (output.upperBound - output.lowerBound) / (top * half - bottom * half)
    guard scale.isFinite else { return nil }
    self.signHalf = sign * half
    self.bottomHalf = bottom * half
    self.scale = scale
    self.offset = output.lowerBound
  }
}

/// The running sums of an arithmetic mean of declared weights whose members are mapped as
/// they are added.
///
/// The numerator is Σ over members in order of `present ? w·s : 0`, as `ArithmeticMean`
/// keeps it. The denominator Σ `present ? w : 0` is the same for every cell while every score
/// so far was present, so it is kept as one number (the same additions in the same order)
/// until the first missing score, and per cell from there on. The scores themselves are not
/// stored: the members' `ScoreColumn`s compute them from the same values by the same mapping.
struct MinMaxMeanSums {
  /// Σ present w·s per cell, then (after `finish`) the means.
  private(set) var means: [Double]
  /// Σ present w per cell, once a score was missing; empty before.
  private var weightsPerCell: [Double] = []
  /// Σ w of the members before the current one, while every score was present.
  private var weightsBefore = 0.0
  /// The current member's weight, while every score was present.
  private var currentWeight = 0.0

  init(cells: Int) {
    means = [Double](unsafeUninitializedCapacity: cells) { buffer, initialized in
      buffer.initialize(repeating: 0)
      initialized = cells
    }
  }

  /// Adds the scores of `x[cells]` under `mapping` with weight `w`.
  ///
  /// Call once per member and period, members in declaration order and each member's periods
  /// in order; `startsMember` is true for the first period of each member.
  mutating func add(
    _ x: UnsafeBufferPointer<Double>, mapping: MinMaxMapping, weight w: Double,
    cells: Range<Int>, startsMember: Bool
  ) {
    if startsMember && weightsPerCell.isEmpty {
      weightsBefore = weightsBefore + currentWeight
      currentWeight = w
    }
    let allPresent = means.withUnsafeMutableBufferPointer { num in
      mapAndAdd(x, mapping, w, num, cells)
    }
    if weightsPerCell.isEmpty {
      if allPresent { return }
      // The first missing score: the cells before `cells` have this member added already,
      // the others not yet.
      let added = weightsBefore + currentWeight
      weightsPerCell = [Double](repeating: weightsBefore, count: means.count)
      for c in 0..<cells.lowerBound { weightsPerCell[c] = added }
    }
    weightsPerCell.withUnsafeMutableBufferPointer { den in
      for c in cells {
        let s = mapping.score(x[c])
        den[c] += s == s ? w : 0
      }
    }
  }

  /// Turns the sums into means: NaN where no member with a weight is present.
  mutating func finish() {
    if weightsPerCell.isEmpty {
      let den = weightsBefore + currentWeight
      means.withUnsafeMutableBufferPointer { num in
        guard den != 0 else { return num.update(repeating: .nan) }
        for c in 0..<num.count { num[c] = num[c] / den }
      }
      return
    }
    weightsPerCell.withUnsafeBufferPointer { den in
      means.withUnsafeMutableBufferPointer { num in
        for c in 0..<num.count { num[c] = den[c] == 0 ? .nan : num[c] / den[c] }
      }
    }
  }
}

/// Maps and adds one member over `cells`: num += present ? w·s : 0 with
/// s = (x·signHalf − bottomHalf)·scale + offset (`MinMaxMapping.score`), the score not stored.
///
/// Written on base pointers with the absence flag or-ed rather than and-ed (`&&`
/// is a branch), so it compiles to packed SSE2 arithmetic and blends (`mulpd`, `cmpunordpd`,
/// `andnpd`; checked with `perf annotate`). Returns whether every score was present.
@inline(never)
private func mapAndAdd(
  _ x: UnsafeBufferPointer<Double>, _ m: MinMaxMapping, _ w: Double,
  _ num: UnsafeMutableBufferPointer<Double>, _ cells: Range<Int>
) -> Bool {
  guard let xBase = x.baseAddress, let sumBase = num.baseAddress else { return true }
  let (values, sums) = (xBase + cells.lowerBound, sumBase + cells.lowerBound)
  let (signHalf, bottomHalf, scale, offset) = (m.signHalf, m.bottomHalf, m.scale, m.offset)
  var absent: UInt64 = 0
  for i in 0..<cells.count {
    let s = (values[i] * signHalf - bottomHalf) * scale + offset
    let isPresent = s == s
    sums[i] += isPresent ? w * s : 0
    absent |= isPresent ? 0 : 1
  }
  return absent == 0
}

/// One member of a blocked mean in one period: where its values start, and its mapping and
/// weight in both lanes of a pair (`blockedMeans`).
struct MappedMember {
  var values: UnsafePointer<Double>
  var signHalf: SIMD2<Double>
  var bottomHalf: SIMD2<Double>
  var scale: SIMD2<Double>
  var offset: SIMD2<Double>
  var weight: SIMD2<Double>
  /// The sign bit where `signHalf` is −1, else 0: when `signHalf` is ±1 (every column whose
  /// range does not overflow), `x · signHalf` is `x` with this bit flipped, exactly.
  var flip: SIMD2<UInt64>
  /// Whether `signHalf` is ±1, so that `flip` may stand for the product.
  var unitSign: Bool

  init(values: UnsafePointer<Double>, mapping m: MinMaxMapping, weight: Double) {
    self.values = values
    unitSign = m.signHalf == 1 || m.signHalf == -1
    flip = SIMD2(repeating: m.signHalf == -1 ? (-0.0).bitPattern : 0)
    signHalf = SIMD2(repeating: m.signHalf)
    bottomHalf = SIMD2(repeating: m.bottomHalf)
    scale = SIMD2(repeating: m.scale)
    offset = SIMD2(repeating: m.offset)
    self.weight = SIMD2(repeating: weight)
  }
}

/// The arithmetic means of `members` (in declaration order) over `count` cells, written to
/// `out`: eight cells at a time, each cell's sum kept in a register across the members
/// instead of read and written back once per member, and divided as it is stored.
///
/// Each cell gets the operations of `MinMaxMeanSums` in the same order — Σ over members of
/// `present ? w·s : 0` from 0, over Σ of `present ? w : 0` from 0, NaN where that is 0 — so
/// the means are the same bits. When `complete` (no member has a missing value here, so every
/// score is present) the tests and the per-cell denominator are left out: the denominator is
/// then `den`, the same additions done once; and when moreover every member's `signHalf` is
/// ±1, its product is a sign flip (`MappedMember.flip`), which saves a multiplication a pair
/// of cells on the loop's busiest ports.
@inline(never)
func blockedMeans(
  _ members: UnsafeBufferPointer<MappedMember>, count: Int, complete: Bool, den: Double,
  into out: UnsafeMutablePointer<Double>
) {
  if complete && den == 0 {
    out.update(repeating: .nan, count: count)
    return
  }
  let blocks = count / 8
  let pair = MemoryLayout<SIMD2<Double>>.stride
  let target = UnsafeMutableRawPointer(out)
  if complete && members.allSatisfy(\.unitSign) {
    let divisor = SIMD2<Double>(repeating: den)
    for block in 0..<blocks {
      var (n0, n1, n2, n3) = (SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>())
      for m in members {
        let raw = UnsafeRawPointer(m.values + block * 8)
        let a = raw.loadUnaligned(as: SIMD2<UInt64>.self)
        let b = raw.loadUnaligned(fromByteOffset: pair, as: SIMD2<UInt64>.self)
        let c = raw.loadUnaligned(fromByteOffset: 2 * pair, as: SIMD2<UInt64>.self)
        let d = raw.loadUnaligned(fromByteOffset: 3 * pair, as: SIMD2<UInt64>.self)
        n0 += m.weight * ((flipped(a, m.flip) - m.bottomHalf) * m.scale + m.offset)
        n1 += m.weight * ((flipped(b, m.flip) - m.bottomHalf) * m.scale + m.offset)
        n2 += m.weight * ((flipped(c, m.flip) - m.bottomHalf) * m.scale + m.offset)
        n3 += m.weight * ((flipped(d, m.flip) - m.bottomHalf) * m.scale + m.offset)
      }
      let offset = block * 4 * pair
      target.storeBytes(of: n0 / divisor, toByteOffset: offset, as: SIMD2<Double>.self)
      target.storeBytes(of: n1 / divisor, toByteOffset: offset + pair, as: SIMD2<Double>.self)
      target.storeBytes(of: n2 / divisor, toByteOffset: offset + 2 * pair, as: SIMD2<Double>.self)
      target.storeBytes(of: n3 / divisor, toByteOffset: offset + 3 * pair, as: SIMD2<Double>.self)
    }
    for cell in (blocks * 8)..<count {
      var num = 0.0
      for m in members {
        num +=
          m.weight[0]
          * ((m.values[cell] * m.signHalf[0] - m.bottomHalf[0]) * m.scale[0]
            + m.offset[0])
      }
      out[cell] = num / den
    }
    return
  }
  if complete {
    let divisor = SIMD2<Double>(repeating: den)
    for block in 0..<blocks {
      var (n0, n1, n2, n3) = (SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>())
      for m in members {
        let raw = UnsafeRawPointer(m.values + block * 8)
        let a = raw.loadUnaligned(as: SIMD2<Double>.self)
        let b = raw.loadUnaligned(fromByteOffset: pair, as: SIMD2<Double>.self)
        let c = raw.loadUnaligned(fromByteOffset: 2 * pair, as: SIMD2<Double>.self)
        let d = raw.loadUnaligned(fromByteOffset: 3 * pair, as: SIMD2<Double>.self)
        n0 += m.weight * ((a * m.signHalf - m.bottomHalf) * m.scale + m.offset)
        n1 += m.weight * ((b * m.signHalf - m.bottomHalf) * m.scale + m.offset)
        n2 += m.weight * ((c * m.signHalf - m.bottomHalf) * m.scale + m.offset)
        n3 += m.weight * ((d * m.signHalf - m.bottomHalf) * m.scale + m.offset)
      }
      let offset = block * 4 * pair
      target.storeBytes(of: n0 / divisor, toByteOffset: offset, as: SIMD2<Double>.self)
      target.storeBytes(of: n1 / divisor, toByteOffset: offset + pair, as: SIMD2<Double>.self)
      target.storeBytes(of: n2 / divisor, toByteOffset: offset + 2 * pair, as: SIMD2<Double>.self)
      target.storeBytes(of: n3 / divisor, toByteOffset: offset + 3 * pair, as: SIMD2<Double>.self)
    }
    for cell in (blocks * 8)..<count {
      var num = 0.0
      for m in members {
        num +=
          m.weight[0]
          * ((m.values[cell] * m.signHalf[0] - m.bottomHalf[0]) * m.scale[0]
            + m.offset[0])
      }
      out[cell] = num / den
    }
    return
  }
  for block in 0..<blocks {
    var (n0, n1, n2, n3) = (SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>(), SIMD2<Double>())
    var (d0, d1, d2, d3) = (n0, n1, n2, n3)
    for m in members {
      let raw = UnsafeRawPointer(m.values + block * 8)
      let a = raw.loadUnaligned(as: SIMD2<Double>.self)
      let b = raw.loadUnaligned(fromByteOffset: pair, as: SIMD2<Double>.self)
      let c = raw.loadUnaligned(fromByteOffset: 2 * pair, as: SIMD2<Double>.self)
      let d = raw.loadUnaligned(fromByteOffset: 3 * pair, as: SIMD2<Double>.self)
      addPresent(a, m, &n0, &d0)
      addPresent(b, m, &n1, &d1)
      addPresent(c, m, &n2, &d2)
      addPresent(d, m, &n3, &d3)
    }
    let offset = block * 4 * pair
    target.storeBytes(of: quotient(n0, d0), toByteOffset: offset, as: SIMD2<Double>.self)
    target.storeBytes(of: quotient(n1, d1), toByteOffset: offset + pair, as: SIMD2<Double>.self)
    target.storeBytes(
      of: quotient(n2, d2), toByteOffset: offset + 2 * pair, as: SIMD2<Double>.self)
    target.storeBytes(
      of: quotient(n3, d3), toByteOffset: offset + 3 * pair, as: SIMD2<Double>.self)
  }
  for cell in (blocks * 8)..<count {
    var (num, weights) = (0.0, 0.0)
    for m in members {
      let s = (m.values[cell] * m.signHalf[0] - m.bottomHalf[0]) * m.scale[0] + m.offset[0]
      let isPresent = s == s
      num += isPresent ? m.weight[0] * s : 0
      weights += isPresent ? m.weight[0] : 0
    }
    out[cell] = weights == 0 ? .nan : num / weights
  }
}

/// The pair `x` with the bits of `flip` flipped: `x · signHalf` when `signHalf` is ±1.
@inline(__always)
private func flipped(_ x: SIMD2<UInt64>, _ flip: SIMD2<UInt64>) -> SIMD2<Double> {
  unsafeBitCast(x ^ flip, to: SIMD2<Double>.self)
}

/// num += present ? w·s : 0 and den += present ? w : 0 on a pair of cells, s the mapped `x`.
@inline(__always)
private func addPresent(
  _ x: SIMD2<Double>, _ m: MappedMember, _ num: inout SIMD2<Double>, _ den: inout SIMD2<Double>
) {
  let s = (x * m.signHalf - m.bottomHalf) * m.scale + m.offset
  let absent = s .!= s
  num += (m.weight * s).replacing(with: 0, where: absent)
  den += m.weight.replacing(with: 0, where: absent)
}

/// num / den, NaN where den is 0, on a pair of cells.
@inline(__always)
private func quotient(_ num: SIMD2<Double>, _ den: SIMD2<Double>) -> SIMD2<Double> {
  (num / den).replacing(with: .nan, where: den .== 0)
}
