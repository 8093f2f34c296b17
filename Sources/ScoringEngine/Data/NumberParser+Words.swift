// The loader reads a million cells such as `7815.663` in a file of 2,000 × 500. Scanned a byte
// at a time, each digit run ends at a length the branch predictor cannot guess (half of all
// mispredicted branches of a whole `idx run` were there). Eight bytes at a time, the length
// of a run is the position of its first non-digit byte, found with a few word operations, and
// its value comes from three multiplications on all eight lanes at once (after Daniel Lemire's
// "Fast float parsing in practice", 2020): no branch depends on a length.

extension NumberParser {
  /// The plain decimal number (`[+-] digits [. digits]`) at `start`, read eight bytes at a
  /// time: where it ends and its value, exactly what `scanPlainNumber` gives, or nil when this
  /// shortcut cannot tell and `scanPlainNumber` must read it.
  ///
  /// Reads up to 18 bytes from `start` whatever the number's length: the caller guarantees
  /// them (`start + NumberParser.wordScanReach <= end of the buffer`). Nil when either digit
  /// run fills its eight bytes, when there is no digit, or when the value is not on Clinger's
  /// fast path; the value then comes from the byte-at-a-time scan, the same bits either way.
  @inline(__always)
  func scanShortNumber(_ base: UnsafePointer<UInt8>, from start: Int) -> (end: Int, value: Double)?
  {
    var index = start
    let first = base[index]
    let negative = first == UInt8(ascii: "-")
    if negative || first == UInt8(ascii: "+") { index += 1 }
    let integer = Self.digitRun(base + index)
    index += integer.count
    guard integer.count < 8 else { return nil }
    var mantissa = integer.value
    var fractionDigits = 0
    if base[index] == UInt8(ascii: ".") {
      let fraction = Self.digitRun(base + index + 1)
      guard fraction.count < 8 else { return nil }
      fractionDigits = fraction.count
      mantissa = mantissa &* Self.integerPowersOfTen[fraction.count] &+ fraction.value
      index += 1 + fraction.count
    }
    guard integer.count + fractionDigits > 0 else { return nil }
    // At most 14 digits: `significantDigits` only matters as zero or not (at most 19 always).
    let decimal = ScannedDecimal(
      end: index, negative: negative, mantissa: mantissa,
      significantDigits: mantissa == 0 ? 0 : 1, exponent: -fractionDigits, sawDigit: true)
    guard let value = decimal.exactValue(powersOfTen) else { return nil }
    return (index, value)
  }

  /// How many bytes `scanShortNumber` and `scanShortCell` may read from their start: a sign,
  /// seven digits, a point and eight bytes more.
  static let wordScanReach = 18

  /// The commonest cell, a plain decimal of at most eight digits in all (`7815.663`, `-0.5`,
  /// `42`; fewer than eight on either side), read with one conversion of eight lanes: where it
  /// ends and its value, exactly what `scanPlainNumber` gives, or nil when it is anything else
  /// (then `scanShortNumber` reads it).
  ///
  /// The digits before the point are the first run of the first word, those after it the first
  /// run of the word after the point; both are moved into one word, the point squeezed out, so
  /// a single `eightDigitsValue` gives the mantissa (below 10⁸, so exact), and the value is
  /// Clinger's one division by 10^(fraction digits), as `ScannedDecimal.exactValue` computes
  /// it. Reads up to 17 bytes from `start`, which the caller guarantees
  /// (`start + NumberParser.wordScanReach <= end of the buffer`).
  @inline(__always)
  static func scanShortCell(_ base: UnsafePointer<UInt8>, from start: Int) -> (
    end: Int, value: Double
  )? {
    var index = start
    let first = base[index]
    let negative = first == UInt8(ascii: "-")
    if negative || first == UInt8(ascii: "+") { index += 1 }
    let integer = digitLanes(base + index)
    guard integer.count < 8 else { return nil }
    index += integer.count
    // The integer digits in the top lanes, zeros below them.
    var digits = integer.count == 0 ? 0 : integer.lanes &<< UInt64(64 - 8 * integer.count)
    var fractionDigits = 0
    if base[index] == UInt8(ascii: ".") {
      let fraction = digitLanes(base + index + 1)
      fractionDigits = fraction.count
      // A full word of fraction digits may go on past it.
      guard fractionDigits < 8, integer.count + fractionDigits <= 8 else { return nil }
      // The integer digits move down by the fraction's lanes; the fraction fills the top.
      digits =
        digits >> UInt64(8 * fractionDigits) | fraction.lanes << UInt64(64 - 8 * fractionDigits)
      index += 1 + fractionDigits
    }
    guard integer.count + fractionDigits > 0 else { return nil }
    let mantissa = Double(eightDigitsValue(digits))
    let value = shortPowersOfTen.withUnsafeBufferPointer { mantissa / $0[fractionDigits] }
    return (index, negative ? -value : value)
  }

  /// 10⁰ through 10⁸ as doubles, all exact: literals, so constant data.
  private static let shortPowersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]

  /// The number of leading ASCII digits in the eight bytes at `bytes` (8 when all are), and
  /// the eight bytes with each digit turned into its value 0–9 (other bytes garbage).
  @inline(__always)
  static func digitLanes(_ bytes: UnsafePointer<UInt8>) -> (count: Int, lanes: UInt64) {
    let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
    let lanes = word ^ 0x3030_3030_3030_3030
    let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let notDigits = (((lanes & lowBits) &+ 0x7676_7676_7676_7676) | lanes) & ~lowBits
    return (notDigits.trailingZeroBitCount >> 3, lanes)
  }

  /// 10⁰ through 10⁸.
  private static let integerPowersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
  ]

  /// The number of leading ASCII digits in the eight bytes at `bytes` (8 when all are), and
  /// the value of those digits when fewer than eight.
  @inline(__always)
  static func digitRun(_ bytes: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
    let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
    // Digits become 0–9 in their lanes; every other byte becomes 10 or more.
    let lanes = word ^ 0x3030_3030_3030_3030
    let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    // A lane's high bit: set when the lane is 10 or more (adding 118 to its low seven bits
    // reaches 128 without carrying out of the lane), or was already set.
    let notDigits = (((lanes & lowBits) &+ 0x7676_7676_7676_7676) | lanes) & ~lowBits
    let count = notDigits.trailingZeroBitCount >> 3
    // The digits moved to the top lanes, zeros (leading zero digits) below them; the first
    // digit, the lowest byte in memory, is the most significant.
    let digits = count == 0 ? 0 : lanes &<< UInt64(64 - 8 * count)
    return (count, eightDigitsValue(digits))
  }

  /// The value of eight lanes of digits 0–9, the lowest lane the most significant.
  @inline(__always)
  static func eightDigitsValue(_ lanes: UInt64) -> UInt64 {
    // Pairs, then quadruples, then the whole: each step multiplies a lane by its base and
    // adds its neighbour, on every lane at once.
    let pairs = ((lanes &* (10 << 8 + 1)) >> 8) & 0x00FF_00FF_00FF_00FF
    let quads = ((pairs &* (100 << 16 + 1)) >> 16) & 0x0000_FFFF_0000_FFFF
    return (quads &* (10_000 << 32 + 1)) >> 32
  }
}
