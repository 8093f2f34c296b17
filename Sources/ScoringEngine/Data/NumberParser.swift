import Glibc

/// Reads decimal numbers from bytes with the result a correctly rounded parser gives.
///
/// Most data cells have few digits, so the fast path is Clinger's: when the significant digits
/// fit in 53 bits and the power of ten is at most 22, both are exact doubles and one
/// multiplication or division rounds correctly. Anything else (long mantissas, large
/// exponents) goes to the C library's `strtod`, which glibc rounds correctly. The syntax is
/// checked here first, `[+-] digits [. digits] [e [+-] digits]` with `.5` and `5.` allowed, so
/// `strtod` never sees hex, `inf` or `nan`, and a cell is either wholly a number or not one.
///
/// `strtod` reads the decimal point from the thread's locale: call it inside
/// `withCNumericLocale`.
struct NumberParser {
  /// 10⁰ through 10²², every one exactly representable as a double.
  let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// The number in `bytes`, or nil when they are not a decimal number.
  ///
  /// Magnitudes beyond the double range come back infinite, for the caller to reject.
  func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let base = bytes.baseAddress else { return nil }
    let end = bytes.count
    var decimal = scanDecimal(base, from: 0, to: end)
    guard decimal.sawDigit else { return nil }
    var index = decimal.end
    if index < end && base[index] | 0x20 == UInt8(ascii: "e") {
      guard let written = parseExponent(base, from: index + 1, to: end) else { return nil }
      decimal.exponent += written
      index = end
    }
    guard index == end else { return nil }
    if let value = decimal.exactValue(powersOfTen) { return value }
    return parseWithStrtod(bytes)
  }

  /// The plain decimal number (`[+-] digits [. digits]`, no exponent) that starts at `start`,
  /// read up to the first byte that cannot continue it: where that is, and its value when
  /// `parse` would compute it on the fast path, with the same arithmetic (so the same bits).
  ///
  /// The loader calls this at the start of every field, straight on the file's bytes: when the
  /// number ends where the field does, the field needs no other pass. The value is nil when
  /// there is no digit, or when only `strtod` rounds it correctly.
  @inline(__always)
  func scanPlainNumber(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> (end: Int, value: Double?) {
    let decimal = scanDecimal(base, from: start, to: end)
    return (decimal.end, decimal.sawDigit ? decimal.exactValue(powersOfTen) : nil)
  }

  /// The sign, digits and point of a decimal number from `start`, up to the first byte that
  /// is not one of them.
  @inline(__always)
  private func scanDecimal(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> ScannedDecimal {
    var index = start
    var negative = false
    if index < end && (base[index] == plus || base[index] == minus) {
      negative = base[index] == minus
      index += 1
    }
    // Leading zeros carry no information; without them, 19 digits always fit a UInt64. The
    // arithmetic wraps past that, and such numbers go to `strtod`.
    let integerStart = index
    while index < end && base[index] == zero { index += 1 }
    let significantStart = index
    var mantissa: UInt64 = 0
    while index < end, case let digit = base[index] &- zero, digit <= 9 {
      mantissa = mantissa &* 10 &+ UInt64(digit)
      index += 1
    }
    var significantDigits = index - significantStart
    var sawDigit = index > integerStart
    var exponent = 0
    if index < end && base[index] == dot {
      index += 1
      let fractionStart = index
      if significantDigits == 0 {
        // In `0.00123` the zeros after the point only scale the number.
        while index < end && base[index] == zero { index += 1 }
      }
      let fractionDigitsStart = index
      while index < end, case let digit = base[index] &- zero, digit <= 9 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
        index += 1
      }
      significantDigits += index - fractionDigitsStart
      exponent = fractionStart - index
      sawDigit = sawDigit || index > fractionStart
    }
    return ScannedDecimal(
      end: index, negative: negative, mantissa: mantissa, significantDigits: significantDigits,
      exponent: exponent, sawDigit: sawDigit)
  }

  /// The exponent after an `e`, clamped far beyond any double's range; nil without digits.
  private func parseExponent(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var index = start
    var negative = false
    if index < end && (base[index] == plus || base[index] == minus) {
      negative = base[index] == minus
      index += 1
    }
    guard index < end else { return nil }
    var value = 0
    while index < end {
      let digit = base[index] &- zero
      guard digit <= 9 else { return nil }
      if value < 100_000 { value = value * 10 + Int(digit) }
      index += 1
    }
    return negative ? -value : value
  }

  /// The slow path: `strtod` on a NUL-terminated copy of the bytes.
  private func parseWithStrtod(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
      guard let chars = buffer.baseAddress, let source = bytes.baseAddress else { return nil }
      UnsafeMutableRawPointer(chars).copyMemory(from: source, byteCount: bytes.count)
      chars[bytes.count] = 0
      var stop: UnsafeMutablePointer<CChar>?
      let value = strtod(chars, &stop)
      // Only a locale with another decimal point could stop early; never trust half a number.
      guard stop == chars + bytes.count else { return nil }
      return value
    }
  }

  /// An integer such as a year: optional sign and up to 18 digits, or nil.
  func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = 0
    var negative = false
    if bytes.count > 0 && (base[0] == plus || base[0] == minus) {
      negative = base[0] == minus
      index = 1
    }
    let digits = bytes.count - index
    guard digits > 0 && digits <= 18 else { return nil }
    var value = 0
    while index < bytes.count {
      let digit = base[index] &- zero
      guard digit <= 9 else { return nil }
      value = value * 10 + Int(digit)
      index += 1
    }
    return negative ? -value : value
  }
}

/// What `NumberParser` read of a decimal number before its exponent.
struct ScannedDecimal {
  /// Where the number's digits and point end.
  var end: Int
  var negative: Bool
  /// The significant digits as an integer (wrapped when there are more than 19).
  var mantissa: UInt64
  var significantDigits: Int
  /// The power of ten the mantissa is scaled by.
  var exponent: Int
  var sawDigit: Bool

  /// The value when Clinger's fast path computes it exactly (and zero), else nil.
  @inline(__always)
  func exactValue(_ powersOfTen: [Double]) -> Double? {
    if significantDigits == 0 { return negative ? -0.0 : 0.0 }
    guard significantDigits <= 19, let value = exactProduct(powersOfTen) else { return nil }
    return negative ? -value : value
  }

  /// `mantissa × 10^exponent` when Clinger's fast path computes it exactly, else nil.
  @inline(__always)
  private func exactProduct(_ powersOfTen: [Double]) -> Double? {
    let limit: UInt64 = 1 << 53
    guard mantissa <= limit else { return nil }
    if exponent >= 0 && exponent <= 22 { return Double(mantissa) * powersOfTen[exponent] }
    if exponent < 0 && exponent >= -22 { return Double(mantissa) / powersOfTen[-exponent] }
    // `12e30` is still exact as (12 × 10⁸) × 10²² while the integer part stays below 2⁵³.
    if exponent > 22 && exponent <= 22 + 15 {
      let (scaled, overflow) = mantissa.multipliedReportingOverflow(
        by: UInt64(powersOfTen[exponent - 22]))
      if !overflow && scaled <= limit { return Double(scaled) * powersOfTen[22] }
    }
    return nil
  }
}

/// Runs `body` with the C numeric locale on this thread, so `strtod` reads `.` as the point
/// whatever locale the host program chose.
func withCNumericLocale<R>(_ body: () -> R) -> R {
  guard let locale = newlocale(LC_NUMERIC_MASK, "C", nil) else { return body() }
  let previous = uselocale(locale)
  defer {
    uselocale(previous)
    freelocale(locale)
  }
  return body()
}

private let plus = UInt8(ascii: "+")
private let minus = UInt8(ascii: "-")
private let dot = UInt8(ascii: ".")
private let zero = UInt8(ascii: "0")
