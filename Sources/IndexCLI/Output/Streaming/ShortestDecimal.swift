/// The shortest decimal that reads back as the same double, written as Swift writes it.
///
/// `idx run --format csv` prints a million numbers for a 2,000 × 500 methodology, and
/// `"\(value)"` builds a `String` for each, which was a tenth of the whole process. This is
/// Raffaello Giulietti's Schubfach ("The Schubfach way to render doubles", 2020), written for
/// the project from the paper: for a double v = c · 2^q it takes the decimal exponent k with
/// 10^k near the spacing of doubles around v, computes the scaled interval of decimals that
/// round to v with one 126-bit multiplier per k (`multipliers`, with round-to-odd so the few
/// exact cases stay exact), and picks, in that order, the one shorter candidate s′·10^(k+1)
/// in the interval, else the one of s·10^k and (s+1)·10^k in it, else the closer of the two
/// (the even one on a tie). That is the shortest decimal in the rounding interval and the
/// closest such, as Swift's `description` prints, so the bytes do not change. Most values
/// first try Dragonbox's path, one product instead of three (`nearestByOneProduct`), which
/// gives the same digits or hands the value back to Schubfach.
///
/// The digits are then laid out as `Double.description` lays them out: `123.456`, `0.00123`,
/// `1e-05`, `1.2345e+16` (exponential below 10⁻⁴ and above 2⁵³), with at least two exponent
/// digits and a sign. `ShortestDecimalTests` compares both with `description` on millions of
/// random doubles of every binade, and checks that each reads back as the same double.
enum ShortestDecimal {
  /// A positive finite double's shortest digits: `significand` · 10^`exponent`, where the
  /// significand has no trailing zero.
  ///
  /// Inlined into `write`: a call of its own cost a tenth of the writing (the registers saved
  /// and restored around it, the pair returned through them), and only the one-product path
  /// is common; Schubfach (`interval`) stays a call.
  @inline(__always)
  static func decompose(_ value: Double) -> (significand: UInt64, exponent: Int) {
    let bits = value.bitPattern
    let fraction = bits & (1 << 52 - 1)
    let biased = Int((bits >> 52) & 0x7FF)
    var (significand, exponent): (UInt64, Int)
    if biased != 0 {
      let c = (1 << 52) | fraction
      let shift = 1075 - biased  // −q
      // An integer below 2⁵³ is its own shortest decimal.
      if shift > 0 && shift < 53 && (c >> UInt64(shift)) << UInt64(shift) == c {
        (significand, exponent) = (c >> UInt64(shift), 0)
      } else if c != 1 << 52, let nearest = nearestByOneProduct(c: c, q: -shift) {
        (significand, exponent) = nearest
      } else {
        (significand, exponent) = interval(q: -shift, c: c)
      }
    } else if fraction < 3 {
      // The two tiniest subnormals have too few bits for the interval arithmetic (the paper
      // scales them by ten, which gives two digits); their shortest decimals are 5e-324 and
      // 1e-323.
      (significand, exponent) = fraction == 1 ? (5, -324) : (1, -323)
    } else {
      (significand, exponent) = interval(q: -1074, c: fraction)
    }
    while significand % 10 == 0 {
      significand /= 10
      exponent += 1
    }
    return (significand, exponent)
  }

  /// Schubfach proper (the paper's figure 7, with the computations of its figure 9).
  @inline(never)
  static func interval(q: Int, c: UInt64) -> (UInt64, Int) {
    let odd: UInt64 = c & 1
    let cb = c << 2
    let cbr = cb + 2
    let cbl: UInt64
    let k: Int
    if c != 1 << 52 || q == -1074 {
      cbl = cb - 2
      k = floorLog10Pow2(q)
    } else {
      // At a power of two the interval below is half as wide.
      cbl = cb - 1
      k = floorLog10ThreeQuartersPow2(q)
    }
    let h = UInt64(truncatingIfNeeded: q + floorLog2Pow10(-k) + 2)
    let entry = 2 * (k - minimumExponent)
    let (g1, g0) = multipliers.withUnsafeBufferPointer { ($0[entry], $0[entry + 1]) }
    let vb = roundToOdd(g1, g0, cb &<< h)
    let vbl = roundToOdd(g1, g0, cbl &<< h)
    let vbr = roundToOdd(g1, g0, cbr &<< h)
    let s = vb >> 2
    let t = s &+ 1
    // The three choices below are computed alike and one is selected without branching:
    // which one applies depends on the value's last bits, which no predictor guesses.
    //
    // s′ = ⌊s/10⌋ as a multiplication: is one of s′·10 and (s′+1)·10 in the interval? (The
    // paper asks this only from s ≥ 100, since Java prints at least two digits; Swift prints
    // the shortest, which for the smallest subnormals has one: 5e-323, not 4.9e-323.)
    let sp10 = 10 &* s.multipliedFullWidth(by: 1_844_674_407_370_955_168).high
    let tp10 = sp10 &+ 10
    let low = vbl &+ odd
    let upin = bit(low <= sp10 &<< 2)
    let wpin = bit((tp10 &<< 2) &+ odd <= vbr)
    // Else is one of s·10^k and t·10^k in it?
    let uin = bit(low <= s &<< 2)
    let win = bit((t &<< 2) &+ odd <= vbr)
    // Else both are: the closer one, the even one on a tie (vb = 2(s + t) is the tie).
    let closerIsS = bit(vb < ((s &+ t) &<< 1) &+ (~s & 1))
    let one = t &- ((uin ^ win) & uin | ~(uin ^ win) & closerIsS)
    let shortest = tp10 &- 10 &* upin
    let useShortest = 0 &- (bit(s >= 10) & (upin ^ wpin))
    return ((shortest & useShortest) | (one & ~useShortest), k)
  }

  /// 1 for true, 0 for false.
  @inline(__always)
  static func bit(_ condition: Bool) -> UInt64 { condition ? 1 : 0 }

  /// ⌊cp · g · 2⁻¹²⁷⌋ with its lowest bit set when the product is not exact (round to odd).
  @inline(__always)
  private static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
    let x1 = g0.multipliedFullWidth(by: cp).high
    let (y1, y0) = g1.multipliedFullWidth(by: cp)
    let z = (y0 >> 1) &+ x1
    let vbp = y1 &+ (z >> 63)
    let mask: UInt64 = (1 << 63) - 1
    return vbp | (((z & mask) &+ mask) >> 63)
  }

  /// ⌊q · log₁₀2⌋ for |q| ≤ 5,456 (fixed-point, exact in that range).
  static func floorLog10Pow2(_ q: Int) -> Int { (q * 661_971_961_083) >> 41 }

  /// ⌊log₁₀(¾ · 2^q)⌋.
  private static func floorLog10ThreeQuartersPow2(_ q: Int) -> Int {
    (q * 661_971_961_083 - 274_743_187_321) >> 41
  }

  /// ⌊e · log₂10⌋ for |e| ≤ 1,233.
  static func floorLog2Pow10(_ e: Int) -> Int { (e * 913_124_641_741) >> 38 }

  /// The most bytes `write` produces: a sign, 17 digits, a point, and `e-324`.
  static let maximumLength = 26

  /// How many bytes `write` may touch from its pointer: its digits go out in whole 8-byte
  /// words, whose last bytes are overwritten by what follows or left beyond the end.
  static let room = 40

  /// Writes a finite double as `Double.description` does (`-0.0`, `1.5`, `1e-05`); returns the
  /// number of bytes written, at most `maximumLength`, and may touch up to `room` bytes.
  @inline(__always)
  static func write(_ value: Double, to start: UnsafeMutablePointer<UInt8>) -> Int {
    var out = start
    if value.sign == .minus {
      out[0] = UInt8(ascii: "-")
      out += 1
    }
    if value == 0 {
      out[0] = UInt8(ascii: "0")
      out[1] = UInt8(ascii: ".")
      out[2] = UInt8(ascii: "0")
      return out + 3 - start
    }
    let (significand, exponent) = decompose(value.magnitude)
    let digits = DigitPairs.Digits(significand: significand)
    let count = digits.count
    // Swift's "decimal exponent": value = 0.d₁d₂…dₙ · 10^e.
    let e = exponent + count
    if e > 0 && e < count && value.magnitude <= 0x1p53 {
      // dd.ddd: the common case.
      digits.storeWithPoint(after: e, to: out)
      return out + count + 1 - start
    }
    return writeRare(digits, e, value.magnitude > 0x1p53, to: out) + (out - start)
  }

  /// The layouts other than `dd.ddd`: `d.ddde±XX`, `0.000ddd` and `ddd00.0`.
  private static func writeRare(
    _ digits: DigitPairs.Digits, _ e: Int, _ large: Bool, to out: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let count = digits.count
    if e < -3 || large {
      // d.ddde±XX: the point after the first digit, unless it is the only one.
      digits.storeWithPoint(after: 1, to: out)
      let length = count > 1 ? count + 1 : 1
      return length + writeExponent(e - 1, to: out + length)
    }
    if e <= 0 {
      // 0.000ddd: "0." and up to three zeros, then the digits.
      let zeros = 0x3030_3030_3030_2E30 as UInt64
      UnsafeMutableRawPointer(out).storeBytes(of: zeros.littleEndian, as: UInt64.self)
      digits.store(to: out + 2 - e)
      return 2 - e + count
    }
    // ddd00.0
    digits.store(to: out)
    for i in count..<e { out[i] = UInt8(ascii: "0") }
    out[e] = UInt8(ascii: ".")
    out[e + 1] = UInt8(ascii: "0")
    return e + 2
  }

  /// `e+XX`, `e-XX` or `e-XXX`: at least two digits and a sign.
  private static func writeExponent(_ exponent: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
    out[0] = UInt8(ascii: "e")
    out[1] = exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
    var magnitude = exponent.magnitude
    var position = 2
    if magnitude > 99 {
      out[2] = UInt8(ascii: "0") + UInt8(magnitude / 100)
      position = 3
      magnitude %= 100
    }
    out[position] = UInt8(ascii: "0") + UInt8(magnitude / 10)
    out[position + 1] = UInt8(ascii: "0") + UInt8(magnitude % 10)
    return position + 2
  }
}
