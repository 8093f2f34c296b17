/// Decimal digits of unsigned integers, two at a time from a table of "00" to "99".
///
/// A shortest decimal has up to 17 digits. Taken off two at a time by dividing by 100, each
/// division waits for the one before; perf put the digit loop at a fifth of `idx run --format
/// csv`. Here the number is cut into blocks of eight digits (one 64-bit division by 10⁸
/// each), and a block is cut into four pairs with 32-bit arithmetic whose steps do not depend
/// on each other, so the processor runs them side by side.
enum DigitPairs {
  /// "00", "01", …, "99" as 200 bytes.
  private static let table: [UInt8] = {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(200)
    for n in 0..<100 {
      bytes.append(UInt8(ascii: "0") + UInt8(n / 10))
      bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }
    return bytes
  }()

  /// 10⁰ … 10¹⁹.
  private static let powersOfTen: [UInt64] = {
    var powers: [UInt64] = [1]
    for _ in 1..<20 { powers.append(powers[powers.count - 1] * 10) }
    return powers
  }()

  /// The number of decimal digits of `value` (1 for 0).
  @inline(__always)
  static func count(_ value: UInt64) -> Int {
    // log₁₀ 2 ≈ 1233 / 4096: from the bit length, the digit count or one less.
    let bits = 64 - (value | 1).leadingZeroBitCount
    let guess = (bits * 1233) >> 12
    return powersOfTen.withUnsafeBufferPointer { max(1, guess + (value >= $0[guess] ? 1 : 0)) }
  }

  /// Writes the digits of `value` and returns how many there are.
  @inline(__always)
  static func write(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
    let count = count(value)
    table.withUnsafeBufferPointer { pairs in
      var end = count
      var rest = value
      while rest >= 100_000_000 {
        let (high, low) = rest.quotientAndRemainder(dividingBy: 100_000_000)
        writeEight(UInt32(low), to: out + end - 8, pairs)
        rest = high
        end -= 8
      }
      var small = UInt32(rest)
      while small >= 100 {
        let (high, low) = small.quotientAndRemainder(dividingBy: 100)
        copyPair(low, to: out + end - 2, pairs)
        small = high
        end -= 2
      }
      if small >= 10 {
        copyPair(small, to: out + end - 2, pairs)
      } else {
        out[end - 1] = UInt8(ascii: "0") + UInt8(small)
      }
    }
    return count
  }

  /// Eight digits, leading zeros included, of a value below 10⁸.
  @inline(__always)
  private static func writeEight(
    _ value: UInt32, to out: UnsafeMutablePointer<UInt8>, _ pairs: UnsafeBufferPointer<UInt8>
  ) {
    let (high, low) = value.quotientAndRemainder(dividingBy: 10_000)
    let (a, b) = high.quotientAndRemainder(dividingBy: 100)
    let (c, d) = low.quotientAndRemainder(dividingBy: 100)
    copyPair(a, to: out, pairs)
    copyPair(b, to: out + 2, pairs)
    copyPair(c, to: out + 4, pairs)
    copyPair(d, to: out + 6, pairs)
  }

  @inline(__always)
  private static func copyPair(
    _ pair: UInt32, to out: UnsafeMutablePointer<UInt8>, _ pairs: UnsafeBufferPointer<UInt8>
  ) {
    out[0] = pairs[Int(pair) * 2]
    out[1] = pairs[Int(pair) * 2 + 1]
  }
}
