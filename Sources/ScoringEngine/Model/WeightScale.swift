/// Relative weights brought near 1 by a power of two, so sums of them cannot overflow.
///
/// Weights are relative: multiplying all of a group's weights by one factor changes no
/// score. A power of two changes no bit either (every product and sum scales exactly), so
/// `{ a: 1e308, b: 1e308 }` aggregates exactly like `{ a: 1, b: 1 }` instead of summing to
/// infinity. Weights of ordinary size are returned untouched.
public enum WeightScale {
  /// Beyond these magnitudes the weights are rescaled.
  static let large = 0x1p64
  static let small = 0x1p-64

  /// The weights multiplied by the power of two that puts the largest in [1, 2), when the
  /// largest is above 2⁶⁴ or below 2⁻⁶⁴; otherwise unchanged.
  public static func normalized(_ weights: [Double]) -> [Double] {
    var largest = 0.0
    for weight in weights where weight.isFinite { largest = Swift.max(largest, Swift.abs(weight)) }
    guard largest > 0, largest > large || largest < small else { return weights }
    let factor = Double(sign: .plus, exponent: -largest.exponent, significand: 1)
    return weights.map { $0 * factor }
  }

  /// A power of two that brings the largest magnitude of `values` near 1 when sums of their
  /// squares, cubes or fourth powers could overflow (above 2²⁰⁰), else 1.
  public static func factor(forSumsOf values: [Double]) -> Double {
    var largest = 0.0
    for value in values where value.isFinite { largest = Swift.max(largest, Swift.abs(value)) }
    guard largest > 0x1p200 else { return 1 }
    return Double(sign: .plus, exponent: -largest.exponent, significand: 1)
  }
}
