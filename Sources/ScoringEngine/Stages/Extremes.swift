/// The smallest and largest of `sign · x` over the values present (NaN skipped), four values
/// at a time in two pairs of lanes: min-max reads every indicator of every period, and the
/// scalar loop's NaN-skipping comparisons do not vectorize on their own.
///
/// Pairs (`SIMD2<Double>`, one SSE2 register) compile to `minpd`/`maxpd`, whose semantics are
/// exactly `y < low ? y : low` (a NaN `y` keeps `low`); four-lane vectors compiled to shuffles
/// of their masks on this target and ran at half the speed (checked with `swiftc -O
/// -emit-assembly`).
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
/// a zero: four values at a time, then the rest one by one.
@inline(__always)
private func pairedExtremes(
  _ x: UnsafeBufferPointer<Double>, sign: Double, low: Double, high: Double
) -> (Double, Double) {
  var bottom = low
  var top = high
  var start = 0
  if let base = x.baseAddress, x.count >= 8 {
    let signs = SIMD2<Double>(repeating: sign)
    var low0 = SIMD2<Double>(repeating: low)
    var low1 = low0
    var high0 = SIMD2<Double>(repeating: high)
    var high1 = high0
    let raw = UnsafeRawPointer(base)
    let pair = MemoryLayout<SIMD2<Double>>.stride
    let blocks = x.count / 4
    for block in 0..<blocks {
      let offset = block * 2 * pair
      let a = signs * raw.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
      let b = signs * raw.loadUnaligned(fromByteOffset: offset + pair, as: SIMD2<Double>.self)
      low0.replace(with: a, where: a .< low0)
      high0.replace(with: a, where: a .> high0)
      low1.replace(with: b, where: b .< low1)
      high1.replace(with: b, where: b .> high1)
    }
    for lane in 0..<2 {
      bottom = low0[lane] < bottom ? low0[lane] : bottom
      bottom = low1[lane] < bottom ? low1[lane] : bottom
      top = high0[lane] > top ? high0[lane] : top
      top = high1[lane] > top ? high1[lane] : top
    }
    start = blocks * 4
  }
  for i in start..<x.count {
    let y = sign * x[i]
    bottom = y < bottom ? y : bottom
    top = y > top ? y : top
  }
  return (bottom, top)
}
