import Testing

@testable import IndexCLI

/// Every multiplier of `ShortestDecimal` recomputed with exact integers: for k from −324 to
/// 292, g = ⌊10⁻ᵏ · 2¹²⁵⁻ʳ⌋ + 1 with r = ⌊−k · log₂10⌋ (a floor of a division when the power
/// of two is negative), stored as its top 63 bits and its low 63 bits.
@Suite struct ShortestDecimalTableTests {
  /// A non-negative integer of any size: 32-bit limbs, least significant first.
  struct Natural: Equatable {
    var limbs: [UInt32]

    init(powerOfTwo exponent: Int) {
      limbs = [UInt32](repeating: 0, count: exponent / 32 + 1)
      limbs[exponent / 32] = 1 << UInt32(exponent % 32)
    }

    init(_ value: UInt32) { limbs = [value] }

    /// The number times a small factor.
    mutating func multiply(by factor: UInt32) {
      var carry: UInt64 = 0
      for i in limbs.indices {
        let product = UInt64(limbs[i]) * UInt64(factor) + carry
        limbs[i] = UInt32(truncatingIfNeeded: product)
        carry = product >> 32
      }
      if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// ⌊number / divisor⌋ for a small divisor.
    mutating func divide(by divisor: UInt32) {
      var remainder: UInt64 = 0
      for i in limbs.indices.reversed() {
        let part = remainder << 32 | UInt64(limbs[i])
        limbs[i] = UInt32(part / UInt64(divisor))
        remainder = part % UInt64(divisor)
      }
    }

    /// The number shifted left (positive) or right (negative, dropping bits).
    func shifted(by amount: Int) -> Natural {
      var out = Natural(0)
      out.limbs = []
      let bits = bitCount
      let newBits = max(0, bits + amount)
      for position in 0..<newBits {
        let source = position - amount
        if source >= 0 && source < bits && bit(source) { out.setBit(position) }
      }
      if out.limbs.isEmpty { out.limbs = [0] }
      return out
    }

    var bitCount: Int { limbs.count * 32 }

    func bit(_ position: Int) -> Bool {
      position / 32 < limbs.count && limbs[position / 32] >> UInt32(position % 32) & 1 == 1
    }

    mutating func setBit(_ position: Int) {
      while limbs.count <= position / 32 { limbs.append(0) }
      limbs[position / 32] |= 1 << UInt32(position % 32)
    }

    /// The bits from `low` up to (not including) `low + count`, count ≤ 64.
    func bits(from low: Int, count: Int) -> UInt64 {
      var out: UInt64 = 0
      for i in 0..<count where bit(low + i) { out |= 1 << UInt64(i) }
      return out
    }

    /// The position of the highest set bit, plus one.
    var significantBits: Int {
      for position in stride(from: bitCount - 1, through: 0, by: -1) where bit(position) {
        return position + 1
      }
      return 0
    }
  }

  @Test func everyMultiplierIsExact() {
    let table = ShortestDecimal.multipliers
    #expect(table.count == 2 * (292 - ShortestDecimal.minimumExponent + 1))
    var wrong: [Int] = []
    for k in ShortestDecimal.minimumExponent...292 {
      let e = -k
      let r = (e * 913_124_641_741) >> 38  // ⌊e · log₂10⌋, as the formatter computes it
      let s = 125 - r
      var g: Natural
      if e >= 0 {
        g = Natural(1)
        for _ in 0..<e { g.multiply(by: 10) }
        g = g.shifted(by: s)
      } else {
        g = Natural(powerOfTwo: s)
        for _ in 0..<(-e) { g.divide(by: 10) }
      }
      // + 1: no carry reaches past the lowest limb unless it is all ones.
      var carried = g
      var i = 0
      while true {
        if i == carried.limbs.count { carried.limbs.append(0) }
        let (sum, overflow) = carried.limbs[i].addingReportingOverflow(1)
        carried.limbs[i] = sum
        if !overflow { break }
        i += 1
      }
      let entry = 2 * (k - ShortestDecimal.minimumExponent)
      let high = carried.bits(from: 63, count: 63)
      let low = carried.bits(from: 0, count: 63)
      if carried.significantBits != 126 || table[entry] != high || table[entry + 1] != low {
        wrong.append(k)
      }
    }
    #expect(wrong == [])
  }
}
