import MemoryHints

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
  if bottom == 0 || top == 0, let zero = firstZero(x, sign: sign) {
    if bottom == 0 { bottom = sign * zero }
    if top == 0 { top = sign * zero }
  }
  return (bottom, top)
}

/// The first of `x` whose product with `sign` is zero, or nil: `x.first { sign * $0 == 0 }`,
/// sixteen values at a time (a column whose smallest value is 0 is searched up to its first
/// zero, about half of it on average).
@inline(never)
func firstZero(_ x: UnsafeBufferPointer<Double>, sign: Double) -> Double? {
  var start = 0
  if let base = x.baseAddress {
    start = zeroBlock(base, blocks: x.count / 16, sign: sign) * 16
  }
  for i in start..<x.count where sign * x[i] == 0 { return x[i] }
  return nil
}

/// The first block of sixteen values from `base` holding a value whose product with `sign` is
/// zero, or `blocks`.
@inline(never)
private func zeroBlock(_ base: UnsafePointer<Double>, blocks: Int, sign: Double) -> Int {
  let raw = UnsafeRawPointer(base)
  let quad = MemoryLayout<SIMD4<Double>>.stride
  let factor = SIMD4<Double>(repeating: sign)
  for block in 0..<blocks {
    let offset = block * 4 * quad
    let a = raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self) * factor
    let b = raw.loadUnaligned(fromByteOffset: offset + quad, as: SIMD4<Double>.self) * factor
    let c = raw.loadUnaligned(fromByteOffset: offset + 2 * quad, as: SIMD4<Double>.self) * factor
    let d = raw.loadUnaligned(fromByteOffset: offset + 3 * quad, as: SIMD4<Double>.self) * factor
    if any((a .== 0) .| (b .== 0) .| (c .== 0) .| (d .== 0)) { return block }
  }
  return blocks
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
/// sixteen values at a time (`vectorExtremes`), then the last few one by one.
@inline(never)
func rawExtremes(
  _ x: UnsafeBufferPointer<Double>, low: Double, high: Double
) -> (Double, Double) {
  var bottom = low
  var top = high
  var start = 0
  if let base = x.baseAddress, x.count >= 16 {
    let blocks = x.count / 16
    let (lows, highs) = vectorExtremes(base, blocks: blocks, low: low, high: high)
    for lane in 0..<4 {
      bottom = lows[lane] < bottom ? lows[lane] : bottom
      top = highs[lane] > top ? highs[lane] : top
    }
    start = blocks * 16
  }
  for i in start..<x.count {
    let y = x[i]
    bottom = y < bottom ? y : bottom
    top = y > top ? y : top
  }
  return (bottom, top)
}

/// The smallest and largest of `low`, `high` and the first `blocks × 16` values from `base`
/// (NaN skipped), lane by lane in four lanes, up to the sign of a zero: four vectors of four
/// lanes each way, so that four comparisons of each kind are in flight.
///
/// Each lane is `a < l ? a : l`, which is exactly `minpd`'s semantics (a NaN `a` keeps `l`),
/// so the loop is 4 loads, 4 `vminpd` and 4 `vmaxpd` on 4-wide `ymm` registers when built for
/// AVX2 (twice as many 2-wide ones on the SSE2 baseline). Kept apart from the lane-by-lane
/// reduction on purpose: in one function with it, the compiler split every vector into lanes
/// and compiled the selects to compare-and-blend sequences, about four times the instructions
/// (`objdump`, 2026-12-02); inlined into the fused level, the SSE2 form once did the same.
///
/// Each block asks for its two cache lines `prefetchDistance` bytes ahead (`MemoryHints`):
/// the first run over a table just loaded reads it from memory, not from cache.
@inline(never)
func vectorExtremes(
  _ base: UnsafePointer<Double>, blocks: Int, low: Double, high: Double
) -> (SIMD4<Double>, SIMD4<Double>) {
  var low0 = SIMD4<Double>(repeating: low)
  var (low1, low2, low3) = (low0, low0, low0)
  var high0 = SIMD4<Double>(repeating: high)
  var (high1, high2, high3) = (high0, high0, high0)
  let raw = UnsafeRawPointer(base)
  let quad = MemoryLayout<SIMD4<Double>>.stride
  for block in 0..<blocks {
    let offset = block * 4 * quad
    idx_prefetch_read(raw + offset + prefetchDistance)
    idx_prefetch_read(raw + offset + prefetchDistance + 2 * quad)
    let a = raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
    let b = raw.loadUnaligned(fromByteOffset: offset + quad, as: SIMD4<Double>.self)
    let c = raw.loadUnaligned(fromByteOffset: offset + 2 * quad, as: SIMD4<Double>.self)
    let d = raw.loadUnaligned(fromByteOffset: offset + 3 * quad, as: SIMD4<Double>.self)
    low0 = lower(a, low0)
    low1 = lower(b, low1)
    low2 = lower(c, low2)
    low3 = lower(d, low3)
    high0 = higher(a, high0)
    high1 = higher(b, high1)
    high2 = higher(c, high2)
    high3 = higher(d, high3)
  }
  return (
    lower(lower(low0, low1), lower(low2, low3)), higher(higher(high0, high1), higher(high2, high3))
  )
}

/// How far ahead of a scan its reads are asked for, in bytes.
///
/// Far enough ahead to cover a read from memory: at one core's 32–39 GB/s (measured), a
/// latency of 100–150 ns (typical of servers, not measured here) is 4–6 KB of reading. On
/// fresh 2,000 × 500 tables, 8 KB made the first run 10–20 % faster, 4 KB about half as
/// much, 12–32 KB no more (benchmarks/README.md, "Reading ahead"). Past the end of a column
/// the hints fall on what the allocator put next, usually the next column, and never fault.
let prefetchDistance = 8192

/// `a < l ? a : l` lane by lane (`minpd`).
///
/// Written as a select on the whole vector: the lane-by-lane form,
/// `SIMD2(a.x < l.x ? a.x : l.x, …)`, compiled in the fused level (`Runner.compute`) to
/// each lane split out with `unpcklpd`/`unpckhpd` and packed again around every `minpd`
/// (`perf annotate`, 2026-12-02), about twice the instructions; this form is one `minpd`.
@inline(__always)
private func lower(_ a: SIMD4<Double>, _ l: SIMD4<Double>) -> SIMD4<Double> {
  l.replacing(with: a, where: a .< l)
}

/// `a > h ? a : h` lane by lane (`maxpd`), written as `lower` is.
@inline(__always)
private func higher(_ a: SIMD4<Double>, _ h: SIMD4<Double>) -> SIMD4<Double> {
  h.replacing(with: a, where: a .> h)
}
