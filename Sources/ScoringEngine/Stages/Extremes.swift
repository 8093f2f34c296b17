/// The smallest and largest of `sign · x` over the values present (NaN skipped), four lanes
/// at a time: min-max reads every indicator of every period, and the scalar loop's
/// NaN-skipping comparisons do not vectorize on their own.
///
/// The result is the scalar loop's bit for bit: both are the minimum and maximum of the same
/// values, which are unique but for the sign of a zero, and when an extreme is zero it is the
/// first zero in order, as the scalar loop keeps it. An empty or all-missing input gives (+∞, −∞).
func signedExtremes(_ x: UnsafeBufferPointer<Double>, sign: Double) -> (
  bottom: Double, top: Double
) {
  var bottom = Double.infinity
  var top = -Double.infinity
  var start = 0
  if let base = x.baseAddress, x.count >= 8 {
    let signs = SIMD4<Double>(repeating: sign)
    var low = SIMD4<Double>(repeating: .infinity)
    var high = SIMD4<Double>(repeating: -.infinity)
    let raw = UnsafeRawPointer(base)
    let stride = MemoryLayout<SIMD4<Double>>.stride
    let blocks = x.count / 4
    for block in 0..<blocks {
      let y = signs * raw.loadUnaligned(fromByteOffset: block * stride, as: SIMD4<Double>.self)
      low.replace(with: y, where: y .< low)
      high.replace(with: y, where: y .> high)
    }
    for lane in 0..<4 {
      bottom = low[lane] < bottom ? low[lane] : bottom
      top = high[lane] > top ? high[lane] : top
    }
    start = blocks * 4
  }
  for i in start..<x.count {
    let y = sign * x[i]
    bottom = y < bottom ? y : bottom
    top = y > top ? y : top
  }
  // The scalar loop keeps the first zero it meets when an extreme is zero: find it.
  if bottom == 0, let zero = x.first(where: { sign * $0 == 0 }) { bottom = sign * zero }
  if top == 0, let zero = x.first(where: { sign * $0 == 0 }) { top = sign * zero }
  return (bottom, top)
}
