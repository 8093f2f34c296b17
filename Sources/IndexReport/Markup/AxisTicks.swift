#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A numeric axis with round tick steps (1, 2 or 5 times a power of ten).
///
/// The page's script has the same function (`ticks` in the script), so an axis it redraws
/// after a weight change lands on the same kind of values.
struct AxisTicks: Equatable {
  var low: Double
  var high: Double
  var step: Double

  /// An axis covering `low...high` with about `count` steps; a flat or empty range gets a
  /// unit-wide axis around it.
  init(covering low: Double, _ high: Double, count: Int = 5) {
    var (low, high) = (low.isFinite ? low : 0, high.isFinite ? high : 1)
    if high <= low {
      let pad = Swift.abs(low) > 0 ? Swift.abs(low) / 2 : 1
      (low, high) = (low - pad, high + pad)
    }
    let raw = (high - low) / Double(max(1, count))
    let magnitude = pow(10, floor(log10(raw)))
    let normalized = raw / magnitude
    let factor: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
    step = factor * magnitude
    self.low = floor(low / step) * step
    self.high = ceil(high / step) * step
  }

  /// The tick values from low to high.
  var values: [Double] {
    let count = Int(((high - low) / step).rounded())
    return (0...max(0, count)).map { low + Double($0) * step }
  }

  /// Decimals that show every tick exactly.
  var decimals: Int {
    max(0, Int(-floor(log10(step) + 1e-9)))
  }

  /// Position of `value` on an axis drawn from `start` over `length`.
  func position(_ value: Double, start: Double, length: Double) -> Double {
    start + (value - low) / (high - low) * length
  }
}
