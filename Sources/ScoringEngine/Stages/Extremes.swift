/// The smallest and largest of `sign · x` over the values present (NaN skipped), eight values
/// at a time (`rawExtremes`): min-max reads every indicator of every period, and the scalar
/// loop's NaN-skipping comparisons do not vectorize on their own.
///
/// The result is the scalar loop's bit for bit: both are the minimum and maximum of the same
/// values, which are unique but for the sign of a zero, and when an extreme is zero it is the
/// first zero in order, as the scalar loop keeps it. An empty or all-missing input gives (+∞, −∞).
func signedExtremes(_ x: UnsafeBufferPointer<Double>, sign: Double) -> (
  bottom: Double, top: Double
) {
  var (bottom, top) = pairedExtremes(x, sign: sign, low: .infinity, high: -.infinity)
  // The scalar loop keeps the first zero it meets when an extreme is zero: find it.
  if bottom == 0, let zero = x.first(where: { sign * $0 == 0 }) { bottom = sign * zero }
  if top == 0, let zero = x.first(where: { sign * $0 == 0 }) { top = sign * zero }
  return (bottom, top)
}

/// `signedExtremes`, and whether every value is present (no NaN): the fused first level
/// (`Runner.compute`) adds the scores of complete columns without testing each one.
///
/// The presence test is a sum of the values, kept beside the extremes in the same pass: a NaN
/// makes it NaN for good, so a sum that is not NaN proves every value present. (An infinite
/// or overflowing sum can make it NaN too; that only sends the column down the testing path,
/// which is exact for any column.)
func signedExtremesAndPresence(_ x: UnsafeBufferPointer<Double>, sign: Double) -> (
  bottom: Double, top: Double, complete: Bool
) {
  var (bottom, top, sum) = probedExtremes(x, low: .infinity, high: -.infinity)
  // The extremes of −x are the negated, swapped extremes of x (as in `pairedExtremes`).
  if sign != 1 { (bottom, top) = (-top, -bottom) }
  // The scalar loop keeps the first zero it meets when an extreme is zero: find it.
  if bottom == 0, let zero = x.first(where: { sign * $0 == 0 }) { bottom = sign * zero }
  if top == 0, let zero = x.first(where: { sign * $0 == 0 }) { top = sign * zero }
  return (bottom, top, !sum.isNaN)
}

/// Whether any value is ±∞: every node's scores are checked for overflow after every run, so
/// the check must cost no more than reading them once.
///
/// The smallest and largest values present are found (NaN skipped) from 0; the values contain
/// an infinity exactly when one of them is infinite.
func containsInfinity(_ x: [Double]) -> Bool {
  let (bottom, top) = x.withUnsafeBufferPointer { pairedExtremes($0, sign: 1, low: 0, high: 0) }
  return bottom == -.infinity || top == .infinity
}

/// The smallest and largest of `low`, `high` and `sign · x` (NaN skipped), up to the sign of
/// a zero.
///
/// The extremes of `−x` are the negated, swapped extremes of `x` (negation is exact), so the
/// scan reads the values as they are.
@inline(__always)
private func pairedExtremes(
  _ x: UnsafeBufferPointer<Double>, sign: Double, low: Double, high: Double
) -> (Double, Double) {
  if sign == 1 { return rawExtremes(x, low: low, high: high) }
  let (bottom, top) = rawExtremes(x, low: -high, high: -low)
  return (-top, -bottom)
}

/// The smallest and largest of `low`, `high` and `x` (NaN skipped), up to the sign of a zero:
/// eight values at a time in four pairs of lanes.
///
/// Each lane is `a < l ? a : l`, which is exactly `minpd`'s semantics (a NaN `a` keeps `l`),
/// so the compiler emits `minpd`/`maxpd` on `SIMD2<Double>` (see `lower`). Four independent
/// pairs keep four comparisons in flight. Not inlined: inlined into the fused level, the same
/// selects compiled to `cmpltpd` and and/or blends instead (`objdump`, 2026-12-02).
@inline(never)
func rawExtremes(
  _ x: UnsafeBufferPointer<Double>, low: Double, high: Double
) -> (Double, Double) {
  var bottom = low
  var top = high
  var start = 0
  if let base = x.baseAddress, x.count >= 8 {
    var low0 = SIMD2<Double>(repeating: low)
    var (low1, low2, low3) = (low0, low0, low0)
    var high0 = SIMD2<Double>(repeating: high)
    var (high1, high2, high3) = (high0, high0, high0)
    let raw = UnsafeRawPointer(base)
    let pair = MemoryLayout<SIMD2<Double>>.stride
    let blocks = x.count / 8
    for block in 0..<blocks {
      let offset = block * 4 * pair
      let a = raw.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
      let b = raw.loadUnaligned(fromByteOffset: offset + pair, as: SIMD2<Double>.self)
      let c = raw.loadUnaligned(fromByteOffset: offset + 2 * pair, as: SIMD2<Double>.self)
      let d = raw.loadUnaligned(fromByteOffset: offset + 3 * pair, as: SIMD2<Double>.self)
      low0 = lower(a, low0)
      low1 = lower(b, low1)
      low2 = lower(c, low2)
      low3 = lower(d, low3)
      high0 = higher(a, high0)
      high1 = higher(b, high1)
      high2 = higher(c, high2)
      high3 = higher(d, high3)
    }
    let lows = lower(lower(low0, low1), lower(low2, low3))
    let highs = higher(higher(high0, high1), higher(high2, high3))
    for lane in 0..<2 {
      bottom = lows[lane] < bottom ? lows[lane] : bottom
      top = highs[lane] > top ? highs[lane] : top
    }
    start = blocks * 8
  }
  for i in start..<x.count {
    let y = x[i]
    bottom = y < bottom ? y : bottom
    top = y > top ? y : top
  }
  return (bottom, top)
}

/// `a < l ? a : l` lane by lane (`minpd`).
///
/// Written as a select on the whole vector: the lane-by-lane form,
/// `SIMD2(a.x < l.x ? a.x : l.x, …)`, compiled in the fused level (`Runner.compute`) to
/// each lane split out with `unpcklpd`/`unpckhpd` and packed again around every `minpd`
/// (`perf annotate`, 2026-12-02), about twice the instructions; this form is one `minpd`.
@inline(__always)
private func lower(_ a: SIMD2<Double>, _ l: SIMD2<Double>) -> SIMD2<Double> {
  l.replacing(with: a, where: a .< l)
}

/// `a > h ? a : h` lane by lane (`maxpd`), written as `lower` is.
@inline(__always)
private func higher(_ a: SIMD2<Double>, _ h: SIMD2<Double>) -> SIMD2<Double> {
  h.replacing(with: a, where: a .> h)
}

/// `rawExtremes` with the sum of the values beside (in no particular order: only whether it is
/// NaN is read), in the same loop: four more `addpd` a block of eight, free while the loop
/// waits on its loads.
@inline(never)
func probedExtremes(
  _ x: UnsafeBufferPointer<Double>, low: Double, high: Double
) -> (Double, Double, Double) {
  var bottom = low
  var top = high
  var sum = 0.0
  var start = 0
  if let base = x.baseAddress, x.count >= 8 {
    var low0 = SIMD2<Double>(repeating: low)
    var (low1, low2, low3) = (low0, low0, low0)
    var high0 = SIMD2<Double>(repeating: high)
    var (high1, high2, high3) = (high0, high0, high0)
    var sum0 = SIMD2<Double>()
    var (sum1, sum2, sum3) = (sum0, sum0, sum0)
    let raw = UnsafeRawPointer(base)
    let pair = MemoryLayout<SIMD2<Double>>.stride
    let blocks = x.count / 8
    for block in 0..<blocks {
      let offset = block * 4 * pair
      let a = raw.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
      let b = raw.loadUnaligned(fromByteOffset: offset + pair, as: SIMD2<Double>.self)
      let c = raw.loadUnaligned(fromByteOffset: offset + 2 * pair, as: SIMD2<Double>.self)
      let d = raw.loadUnaligned(fromByteOffset: offset + 3 * pair, as: SIMD2<Double>.self)
      low0 = lower(a, low0)
      low1 = lower(b, low1)
      low2 = lower(c, low2)
      low3 = lower(d, low3)
      high0 = higher(a, high0)
      high1 = higher(b, high1)
      high2 = higher(c, high2)
      high3 = higher(d, high3)
      sum0 += a
      sum1 += b
      sum2 += c
      sum3 += d
    }
    let lows = lower(lower(low0, low1), lower(low2, low3))
    let highs = higher(higher(high0, high1), higher(high2, high3))
    let sums = (sum0 + sum1) + (sum2 + sum3)
    for lane in 0..<2 {
      bottom = lows[lane] < bottom ? lows[lane] : bottom
      top = highs[lane] > top ? highs[lane] : top
    }
    sum = sums[0] + sums[1]
    start = blocks * 8
  }
  for i in start..<x.count {
    let y = x[i]
    bottom = y < bottom ? y : bottom
    top = y > top ? y : top
    sum += y
  }
  return (bottom, top, sum)
}
