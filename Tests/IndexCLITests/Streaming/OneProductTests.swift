import Testing

@testable import IndexCLI

/// `ShortestDecimal.nearestByOneProduct` (Dragonbox's path) against Schubfach
/// (`ShortestDecimal.interval`), the straightforward one, and its table against big integers.
///
/// `ShortestDecimalTests` checks what `write` prints against `description`; here each value's
/// digits from the two methods must be equal, and the fast path must actually be taken for
/// most values (a path that always gave up would pass the comparison and be useless).
@Suite struct OneProductTests {
  typealias Natural = ShortestDecimalTableTests.Natural

  /// The digits of both methods for `value` (positive, normal, not a power of two), trailing
  /// zeros stripped; nil for the fast path's when it gives up.
  static func bothDigits(_ value: Double) -> (fast: (UInt64, Int)?, schubfach: (UInt64, Int)) {
    let bits = value.bitPattern
    let c = (1 << 52) | (bits & (1 << 52 - 1))
    let q = Int((bits >> 52) & 0x7FF) - 1075
    return (
      ShortestDecimal.nearestByOneProduct(c: c, q: q).map(stripped),
      stripped(ShortestDecimal.interval(q: q, c: c))
    )
  }

  static func stripped(_ digits: (UInt64, Int)) -> (UInt64, Int) {
    var (significand, exponent) = digits
    while significand % 10 == 0 {
      significand /= 10
      exponent += 1
    }
    return (significand, exponent)
  }

  /// Values where the two methods disagree (the first ten), and how many the fast path took.
  static func compare(_ values: some Sequence<Double>) -> (wrong: [String], fast: Int, all: Int) {
    var wrong: [String] = []
    var fast = 0
    var all = 0
    for value in values {
      let magnitude = value.magnitude
      guard magnitude.isNormal, magnitude.significandBitPattern != 0 else { continue }
      all += 1
      let (one, schubfach) = bothDigits(magnitude)
      guard let one else { continue }
      fast += 1
      if one != schubfach && wrong.count < 10 {
        wrong.append("\(magnitude): \(one) against Schubfach's \(schubfach)")
      }
    }
    return (wrong, fast, all)
  }

  @Test func randomBitPatterns() {
    var random = ShortestDecimalTests.Generator(state: 11)
    let result = Self.compare((0..<2_000_000).lazy.map { _ in Double(bitPattern: random.next()) })
    #expect(result.wrong == [])
    #expect(result.fast > result.all * 98 / 100)
  }

  /// Scores in [0, 100), and short decimals (k / 10ⁿ), whose upper ends and ties are the cases
  /// the fast path hands on.
  @Test func scoreLikeValuesAndShortDecimals() {
    var random = ShortestDecimalTests.Generator(state: 12)
    let uniform = Self.compare(
      (0..<1_000_000).lazy.map { _ in Double.random(in: 0..<100, using: &random) })
    #expect(uniform.wrong == [])
    #expect(uniform.fast > uniform.all * 98 / 100)
    let decimals = Self.compare(
      (0..<1_000_000).lazy.map { _ -> Double in
        let digits = Double(random.next() % 100_000_000)
        var scale = 1.0
        for _ in 0..<Int(random.next() % 12) { scale *= 10 }
        return digits / scale
      })
    #expect(decimals.wrong == [])
    #expect(decimals.fast > decimals.all / 2)
  }

  /// Every binade's first and last few significands, where the interval meets a power of two.
  @Test func edgesOfEveryBinade() {
    var values: [Double] = []
    for biased in 1..<2047 as Range<UInt64> {
      for fraction in [1, 2, 3, (1 << 52) - 2, (1 << 52) - 1] as [UInt64] {
        values.append(Double(bitPattern: biased << 52 | fraction))
      }
    }
    let result = Self.compare(values)
    #expect(result.wrong == [])
    #expect(result.fast > result.all / 2)
  }

  /// Every φ recomputed: ⌈10ᵏ · 2¹²⁷⁻ᵉ⌉ with e = ⌊k · log₂10⌋, 128 bits with the top one set.
  @Test func everyPowerOfTenIsExact() {
    let table = ShortestDecimal.powersOfTen
    #expect(table.count == 2 * (326 - ShortestDecimal.smallestPowerOfTen + 1))
    var wrong: [Int] = []
    for k in ShortestDecimal.smallestPowerOfTen...326 {
      let e = ShortestDecimal.floorLog2Pow10(k)
      let shift = 127 - e
      var phi: Natural
      var roundedDown: Bool
      if k >= 0 {
        var power = Natural(1)
        for _ in 0..<k { power.multiply(by: 10) }
        phi = power.shifted(by: shift)
        // A right shift drops bits; the floor is exact when shifting back gives the power.
        roundedDown = shift < 0 && !phi.shifted(by: -shift).hasValue(of: power)
      } else {
        phi = Natural(powerOfTwo: shift)
        for _ in 0..<(-k) { phi.divide(by: 10) }
        // 2^s is never a multiple of 10^-k: the division always drops a remainder.
        roundedDown = true
      }
      if roundedDown { phi.increment() }
      let entry = 2 * (k - ShortestDecimal.smallestPowerOfTen)
      if phi.significantBits != 128 || table[entry] != phi.bits(from: 64, count: 64)
        || table[entry + 1] != phi.bits(from: 0, count: 64)
      {
        wrong.append(k)
      }
    }
    #expect(wrong == [])
  }
}

extension ShortestDecimalTableTests.Natural {
  /// Whether both are the same number, whatever their count of zero limbs on top.
  func hasValue(of other: Self) -> Bool {
    let count = max(limbs.count, other.limbs.count)
    return (0..<count).allSatisfy { i in
      (i < limbs.count ? limbs[i] : 0) == (i < other.limbs.count ? other.limbs[i] : 0)
    }
  }

  /// Adds one.
  mutating func increment() {
    var i = 0
    while true {
      if i == limbs.count { limbs.append(0) }
      let (sum, overflow) = limbs[i].addingReportingOverflow(1)
      limbs[i] = sum
      if !overflow { return }
      i += 1
    }
  }
}
