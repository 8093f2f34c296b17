import Glibc
import ScoringEngine

/// The random numbers of one source in one draw, from a generator of their own.
///
/// Reproducibility does not depend on who draws first: each (seed, matrix, row, source) gets
/// its own SplitMix64 whose state is a hash of those four numbers, so a draw's numbers are the
/// same whichever thread computes it, in whatever order, on whichever machine. No generator
/// is shared between draws. The matrix is the Saltelli design's A or B (the plain Monte Carlo
/// draws are matrix A); bootstrap resamples have a matrix of their own.
struct RandomStream {
  /// The matrices of the Saltelli design, and the bootstrap's.
  enum Matrix: UInt64 {
    case a = 1
    case b = 2
    case bootstrap = 3
  }

  private var generator: SplitMix64

  init(seed: UInt64, matrix: Matrix, row: Int, source: Int) {
    var h = Self.mix(seed ^ 0x5851_F42D_4C95_7F2D)
    h = Self.mix(h &+ matrix.rawValue &* 0x9E37_79B9_7F4A_7C15)
    h = Self.mix(h &+ UInt64(truncatingIfNeeded: row) &* 0xD1B5_4A32_D192_ED03)
    h = Self.mix(h &+ UInt64(truncatingIfNeeded: source) &* 0xAEF1_7502_108E_F2D9)
    generator = SplitMix64(seed: h)
  }

  /// SplitMix64's output function: a bijection that spreads every input bit over the word.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in (0, 1): 53 random bits, centred in their interval so 0 and 1 never occur.
  mutating func uniform() -> Double {
    (Double(generator.next() >> 11) + 0.5) * 0x1p-53
  }

  /// Uniform in [low, high].
  mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A whole number in 0..<count, uniformly.
  mutating func index(below count: Int) -> Int {
    min(count - 1, Int(uniform() * Double(count)))
  }

  /// Standard normal, by the inverse of its distribution function.
  mutating func normal() -> Double {
    Self.inverseNormal(uniform())
  }

  /// Triangular on [low, high] with its mode at `mode`, by inverting its distribution.
  mutating func triangular(_ low: Double, _ mode: Double, _ high: Double) -> Double {
    let u = uniform()
    let width = high - low
    guard width > 0 else { return mode }
    let split = (mode - low) / width
    if u < split { return low + (u * width * (mode - low)).squareRoot() }
    return high - ((1 - u) * width * (high - mode)).squareRoot()
  }

  /// Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error below 1.2e-9),
  /// which uses only `log` and square roots.
  static func inverseNormal(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00,
    ]
    let low = 0.02425
    if p < low || p > 1 - low {
      let q = (-2 * log(p < low ? p : 1 - p)).squareRoot()
      let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
      let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
      return p < low ? numerator / denominator : -numerator / denominator
    }
    let q = p - 0.5
    let r = q * q
    let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
    return numerator / denominator
  }
}
