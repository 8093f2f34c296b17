/// The shortest decimal of most doubles with one 64 × 128-bit product, after Junekey Jeon's
/// Dragonbox ("Dragonbox: A New Floating-Point Binary-to-Decimal Conversion Algorithm", 2020).
///
/// Schubfach (`ShortestDecimal.interval`) scales the value and both ends of its rounding
/// interval, three products, and then chooses. Dragonbox scales only the upper end, by a
/// power of ten chosen so that the interval is 100 to 1,000 units of the result wide (κ = 2),
/// reads the width from the power itself, and decides from the remainder of one division by
/// 1,000: when the remainder is below the width, the upper end rounded down to a multiple of
/// 1,000 lies in the interval and gives the digits with three fewer; above it, the nearest
/// value at one digit more is the upper end minus half the width, to within one, and the
/// parity of the two possible results says which. Only a few cases need more arithmetic: a
/// remainder equal to the width, an upper end that is an exact integer, and a distance that is a
/// multiple of 100 (where the parity must be computed exactly). Those return nil here and take
/// Schubfach, as do powers of two and subnormals, whose intervals are not symmetric. Both
/// methods give the shortest decimal in the interval and the closest such (the even one on a
/// tie), so the digits are the same; `ShortestDecimalTests` compares them on millions of
/// values, and both with `description`.
extension ShortestDecimal {
  /// The digits `significand` · 10^`exponent` of c · 2^q (c < 2⁵³ with its top bit set, not a
  /// power of two, q > −1074), not yet stripped of trailing zeros; nil when only Schubfach
  /// decides.
  @inline(__always)
  static func nearestByOneProduct(c: UInt64, q: Int) -> (UInt64, Int)? {
    let kappa = 2
    // 10^k scales the interval [2c − 1, 2c + 1] · 2^(q−1) to units of 10^(kappa − ⌊q·log₁₀2⌋).
    let k = kappa - floorLog10Pow2(q)
    let beta = q + floorLog2Pow10(k)
    let entry = 2 * (k - smallestPowerOfTen)
    let (high, low) = powersOfTen.withUnsafeBufferPointer { ($0[entry], $0[entry + 1]) }
    // The interval's width in those units, rounded down.
    // β is 6…9 for every q (c below 2⁵³), so the shifts below stay within the word: masking
    // shifts, without the checks for 64 and more.
    let width = high &>> UInt64(63 - beta)
    // The upper end, (2c + 1) · 2^(q−1) · 10^k: the top 64 of the product's 192 bits, and
    // whether the bits below them are all zero (an exact integer).
    let upper = ((c &<< 1) | 1) &<< UInt64(beta)
    let (productHigh, productLow) = upper.multipliedFullWidth(by: high)
    let (fraction, carry) = productLow.addingReportingOverflow(
      upper.multipliedFullWidth(by: low).high)
    let z = productHigh &+ (carry ? 1 : 0)
    let thousands = z / 1000
    let remainder = z &- thousands &* 1000
    // Both answers are computed and one is selected without branching: which one applies
    // (three digits fewer, or one more) changes from value to value, unpredictably.
    //
    // Three fewer: z − remainder is in the interval when the remainder is below the width,
    // unless it is the interval's upper end (an exact integer), which an odd c excludes.
    let fewer = bit(remainder < width)
    let excludedEnd = bit(remainder == 0) & bit(fraction == 0) & (c & 1)
    // One more: the value, half the width below the upper end, in hundreds of units rounded
    // to the nearest. Off by one at most, and only when `distance` divides by 100.
    let distance = remainder &- (width >> 1) &+ 50
    let hundreds = distance / 100
    let ambiguous = bit(distance &- hundreds &* 100 == 0)
    // A remainder equal to the width needs the exact lower end: Schubfach decides.
    let handBack = fewer & excludedEnd | bit(remainder == width) | (1 &- fewer) & ambiguous
    guard handBack == 0 else { return nil }
    let useFewer = 0 &- fewer
    let significand = thousands & useFewer | (thousands &* 10 &+ hundreds) & ~useFewer
    return (significand, kappa - k + Int(fewer))
  }
}
