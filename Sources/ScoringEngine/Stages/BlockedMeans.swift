/// The means of a group's min-max members computed across all members at once, for the blocked
/// first level (`Runner.computeBlocked`): sixteen cells at a time, each cell's sum kept in
/// registers across the members instead of read and written back once per member, and divided
/// as it is stored.
///
/// Every cell gets `MinMaxMeanSums`' bits: Σ over members in order of `present ? w·s : 0` from
/// +0, over Σ `present ? w : 0` from +0, NaN where that is 0, with s the member's score
/// `(x·signHalf − bottomHalf)·scale + offset` (`MinMaxMapping.score`). The testing kernel
/// (`testedBlock`) computes exactly that. The fast kernel (`fastBlocks`), for the common case,
/// computes fewer operations that give the same sums:
///
/// - **No tests.** It assumes every value present, so its denominator is `den`, the same
///   additions of the weights done once. A missing value makes its cell's sum NaN for good
///   (NaN·w and NaN + y are NaN), so a block whose sums hold no NaN had every value present and
///   its means are right; a block with a NaN is done again by the testing kernel. (A NaN from
///   an overflow sends its block there too; that kernel is exact for any values.)
/// - **One operation fewer per score when `signHalf` is ±1** (every column whose range does not
///   overflow): `x·signHalf − bottomHalf` is `(x + shift)·factor` with `shift = −signHalf ·
///   bottomHalf` and `factor = signHalf · scale`, both exact. For +1, `x − b` is `x + (−b)` by
///   definition; for −1, `−x − b` is `−(x + b)` (rounding to nearest is symmetric) and
///   `(−y)·scale` is `y·(−scale)`. Only the sign of a zero can differ (`−x − b` is +0 where
///   `−(x + b)` is −0).
/// - **No `+ offset` when the offset is ±0** (output ranges from 0): `y + (±0)` is `y` but for
///   the sign of a zero; **no `w·` when the weight is 1**: `1·s` is `s`.
/// - The sign of a zero score never reaches a mean: `w·(±0)` is a zero (or NaN for both signs),
///   and a sum that starts at +0 is never −0 (a rounded-to-nearest sum is −0 only when both
///   terms are), so adding either zero leaves it unchanged.
///
/// `MinMaxMeanBlockedTests` compares the blocked path with the member-by-member one bit for
/// bit, on inputs that take every kernel and variant.

/// One member of a blocked mean in one period: where its values start, its mapping and weight.
struct MappedMember {
  var values: UnsafePointer<Double>
  var mapping: MinMaxMapping
  var weight: Double
  /// `−signHalf · bottomHalf` and `signHalf · scale`: the score is `(x + shift)·factor + offset`
  /// when `unitSign` (see above).
  var shift: Double
  var factor: Double
  /// Whether `signHalf` is ±1.
  var unitSign: Bool

  init(values: UnsafePointer<Double>, mapping: MinMaxMapping, weight: Double) {
    self.values = values
    self.mapping = mapping
    self.weight = weight
    unitSign = mapping.signHalf == 1 || mapping.signHalf == -1
    shift = -mapping.signHalf * mapping.bottomHalf
    factor = mapping.signHalf * mapping.scale
  }
}

/// The arithmetic means of `members` (in declaration order) over `count` cells, written to
/// `out`; `den` is Σ w from 0 in member order, every cell's denominator when every score is
/// present.
@inline(never)
func blockedMeans(
  _ members: UnsafeBufferPointer<MappedMember>, count: Int, den: Double,
  into out: UnsafeMutablePointer<Double>
) {
  let blocks = count / 16
  var tested = 0..<blocks
  // With den = 0 the fast kernel's n / den is not the NaN the testing kernel gives.
  if den != 0 && members.allSatisfy(\.unitSign) {
    let weighted = !members.allSatisfy { $0.weight == 1 }
    let offset = !members.allSatisfy { $0.mapping.offset == 0 }
    // Literal flags, so that each call is compiled without the operations it leaves out.
    let done =
      switch (weighted, offset) {
      case (false, false):
        fastBlocks(members, blocks: blocks, den: den, out, weighted: false, offset: false)
      case (false, true):
        fastBlocks(members, blocks: blocks, den: den, out, weighted: false, offset: true)
      case (true, false):
        fastBlocks(members, blocks: blocks, den: den, out, weighted: true, offset: false)
      case (true, true):
        fastBlocks(members, blocks: blocks, den: den, out, weighted: true, offset: true)
      }
    tested = done..<blocks
  }
  for block in tested { testedBlock(members, at: block * 16, out) }
  for cell in (blocks * 16)..<count {
    var (num, weights) = (0.0, 0.0)
    for m in members {
      let s = m.mapping.score(m.values[cell])
      let isPresent = s == s
      num += isPresent ? m.weight * s : 0
      weights += isPresent ? m.weight : 0
    }
    out[cell] = weights == 0 ? .nan : num / weights
  }
}

/// The fast kernel over blocks of sixteen cells from block 0, up to the block it returns.
///
/// A block whose sums hold a NaN is done by `testedBlock` instead. Once more than a quarter of
/// the blocks so far needed that (many missing values), the kernel stops and returns the next
/// block, so that the rest go to the testing kernel directly rather than twice.
@inline(__always)
private func fastBlocks(
  _ members: UnsafeBufferPointer<MappedMember>, blocks: Int, den: Double,
  _ out: UnsafeMutablePointer<Double>, weighted: Bool, offset: Bool
) -> Int {
  let quad = MemoryLayout<SIMD4<Double>>.stride
  let target = UnsafeMutableRawPointer(out)
  let divisor = SIMD4<Double>(repeating: den)
  var redone = 0
  for block in 0..<blocks {
    let cell = block * 16
    var (n0, n1, n2, n3) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
    for m in members {
      let raw = UnsafeRawPointer(m.values + cell)
      let shift = SIMD4<Double>(repeating: m.shift)
      let factor = SIMD4<Double>(repeating: m.factor)
      var s0 = (raw.loadUnaligned(as: SIMD4<Double>.self) + shift) * factor
      var s1 = (raw.loadUnaligned(fromByteOffset: quad, as: SIMD4<Double>.self) + shift) * factor
      var s2 =
        (raw.loadUnaligned(fromByteOffset: 2 * quad, as: SIMD4<Double>.self) + shift) * factor
      var s3 =
        (raw.loadUnaligned(fromByteOffset: 3 * quad, as: SIMD4<Double>.self) + shift) * factor
      if offset {
        let o = SIMD4<Double>(repeating: m.mapping.offset)
        (s0, s1, s2, s3) = (s0 + o, s1 + o, s2 + o, s3 + o)
      }
      if weighted {
        let w = SIMD4<Double>(repeating: m.weight)
        (s0, s1, s2, s3) = (w * s0, w * s1, w * s2, w * s3)
      }
      (n0, n1, n2, n3) = (n0 + s0, n1 + s1, n2 + s2, n3 + s3)
    }
    if any((n0 .!= n0) .| (n1 .!= n1) .| (n2 .!= n2) .| (n3 .!= n3)) {
      testedBlock(members, at: cell, out)
      redone += 1
      if block >= 3 && redone * 4 > block + 1 { return block + 1 }
      continue
    }
    let offset = cell * MemoryLayout<Double>.stride
    target.storeBytes(of: n0 / divisor, toByteOffset: offset, as: SIMD4<Double>.self)
    target.storeBytes(of: n1 / divisor, toByteOffset: offset + quad, as: SIMD4<Double>.self)
    target.storeBytes(of: n2 / divisor, toByteOffset: offset + 2 * quad, as: SIMD4<Double>.self)
    target.storeBytes(of: n3 / divisor, toByteOffset: offset + 3 * quad, as: SIMD4<Double>.self)
  }
  return blocks
}

/// The means of the sixteen cells from `cell` with every score tested for presence:
/// `MinMaxMeanSums`' operations, four lanes at a time.
@inline(never)
private func testedBlock(
  _ members: UnsafeBufferPointer<MappedMember>, at cell: Int, _ out: UnsafeMutablePointer<Double>
) {
  let quad = MemoryLayout<SIMD4<Double>>.stride
  var (n0, n1, n2, n3) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
  var (d0, d1, d2, d3) = (n0, n1, n2, n3)
  for m in members {
    let raw = UnsafeRawPointer(m.values + cell)
    addPresent(raw.loadUnaligned(as: SIMD4<Double>.self), m, &n0, &d0)
    addPresent(raw.loadUnaligned(fromByteOffset: quad, as: SIMD4<Double>.self), m, &n1, &d1)
    addPresent(raw.loadUnaligned(fromByteOffset: 2 * quad, as: SIMD4<Double>.self), m, &n2, &d2)
    addPresent(raw.loadUnaligned(fromByteOffset: 3 * quad, as: SIMD4<Double>.self), m, &n3, &d3)
  }
  let target = UnsafeMutableRawPointer(out + cell)
  target.storeBytes(of: quotient(n0, d0), as: SIMD4<Double>.self)
  target.storeBytes(of: quotient(n1, d1), toByteOffset: quad, as: SIMD4<Double>.self)
  target.storeBytes(of: quotient(n2, d2), toByteOffset: 2 * quad, as: SIMD4<Double>.self)
  target.storeBytes(of: quotient(n3, d3), toByteOffset: 3 * quad, as: SIMD4<Double>.self)
}

/// num += present ? w·s : 0 and den += present ? w : 0 on four cells, s the mapped `x`.
@inline(__always)
private func addPresent(
  _ x: SIMD4<Double>, _ m: MappedMember, _ num: inout SIMD4<Double>, _ den: inout SIMD4<Double>
) {
  let mapping = m.mapping
  let s =
    (x * SIMD4(repeating: mapping.signHalf) - SIMD4(repeating: mapping.bottomHalf))
    * SIMD4(repeating: mapping.scale) + SIMD4(repeating: mapping.offset)
  let absent = s .!= s
  let w = SIMD4<Double>(repeating: m.weight)
  num += (w * s).replacing(with: 0, where: absent)
  den += w.replacing(with: 0, where: absent)
}

/// num / den, NaN where den is 0, on four cells.
@inline(__always)
private func quotient(_ num: SIMD4<Double>, _ den: SIMD4<Double>) -> SIMD4<Double> {
  (num / den).replacing(with: .nan, where: den .== 0)
}
