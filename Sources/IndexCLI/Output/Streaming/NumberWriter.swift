/// The numbers of `NumberFormat`, written as bytes: the same text, without a `String` each.
///
/// `NumberFormat.exact` (CSV and JSON) and `NumberFormat.fixed` (tables) are defined by these
/// functions, so the streamed outputs and the `String` ones cannot drift apart.
enum NumberWriter {
  /// The most bytes `exact` may touch: it writes at most `ShortestDecimal.maximumLength`, but
  /// its digits go out in whole 8-byte words.
  static let exactLength = ShortestDecimal.room

  /// A double as `NumberFormat.exact` prints it.
  ///
  /// An integer below 10¹⁵ without a fraction (`100`, `-3`; `-0.0` is `0`), anything else as
  /// Swift's `description` (`12.5`, `1e-05`, `1e+16`). Returns the number of bytes written.
  @inline(__always)
  static func exact(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
    // Below 10¹⁵ the conversion is exact, and faster than `rounded(.towardZero)` (a call).
    if value.magnitude < 1e15, case let whole = Int(value), Double(whole) == value {
      return integer(whole, to: out)
    }
    guard value.isFinite else { return nonFinite(value, to: out) }
    return ShortestDecimal.write(value, to: out)
  }

  /// `nan`, `inf` or `-inf`, as `description` has them: no output prints them (missing cells
  /// are empty fields, `null` or `—`), but a caller that passes one gets its text, not garbage.
  private static func nonFinite(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
    let text = Array(value.description.utf8)
    for (i, byte) in text.enumerated() { out[i] = byte }
    return text.count
  }

  /// The most bytes `integer` may touch: a sign, then up to 24 (`DigitPairs.room`).
  static let integerLength = 1 + DigitPairs.room

  /// An integer in decimal, `-` first when negative.
  @inline(__always)
  static func integer(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
    guard value < 0 else { return DigitPairs.write(UInt64(value), to: out) }
    out[0] = UInt8(ascii: "-")
    return 1 + DigitPairs.write(UInt64(value.magnitude), to: out + 1)
  }

  /// The most bytes `fixed` writes with `decimals` decimals.
  static func fixedLength(decimals: Int) -> Int {
    max(exactLength, 1 + 16 + 1 + decimals + DigitPairs.room)
  }

  /// A number with fixed decimals, as `NumberFormat.fixed` prints it.
  ///
  /// Rounded half away from zero; 10¹⁵ and beyond as `description`. `decimals` is at most 17
  /// (a double has no more).
  static func fixed(_ value: Double, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
    guard value.isFinite else { return nonFinite(value, to: out) }
    guard value.magnitude < 1e15 else { return ShortestDecimal.write(value, to: out) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    // The same operations as the `String` version had, so the same roundings.
    let rounded = (value.magnitude * scale).rounded() / scale
    var length = 0
    if value < 0 && rounded != 0 {
      out[0] = UInt8(ascii: "-")
      length = 1
    }
    let whole = Int(rounded)
    length += DigitPairs.write(UInt64(whole), to: out + length)
    guard decimals > 0 else { return length }
    let fraction = UInt64(((rounded - Double(whole)) * scale).rounded())
    out[length] = UInt8(ascii: ".")
    length += 1
    let digits = DigitPairs.count(fraction)
    for _ in 0..<max(0, decimals - digits) {
      out[length] = UInt8(ascii: "0")
      length += 1
    }
    return length + DigitPairs.write(fraction, to: out + length)
  }

  /// `exact` as a `String`.
  static func exactText(_ value: Double) -> String {
    text(capacity: exactLength) { exact(value, to: $0) }
  }

  /// `fixed` as a `String`.
  static func fixedText(_ value: Double, decimals: Int) -> String {
    text(capacity: fixedLength(decimals: decimals)) { fixed(value, decimals: decimals, to: $0) }
  }

  private static func text(
    capacity: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int
  ) -> String {
    String(unsafeUninitializedCapacity: capacity) { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      return write(base)
    }
  }
}

extension OutputBuffer {
  /// A number of a CSV field: `NumberFormat.exact`, or nothing when missing or not finite.
  @inline(__always)
  mutating func appendCSVNumber(_ value: Double) {
    guard value.isFinite else { return }
    let out = reserve(NumberWriter.exactLength)
    commit(NumberWriter.exact(value, to: out))
  }

  /// A separator, then a CSV number: one reservation for both, since a row has hundreds.
  @inline(__always)
  mutating func appendCSVNumber(_ value: Double, after separator: UInt8) {
    let out = reserve(1 + NumberWriter.exactLength)
    out[0] = separator
    guard value.isFinite else { return commit(1) }
    commit(1 + NumberWriter.exact(value, to: out + 1))
  }

  /// A JSON number: `NumberFormat.exact`, or `null` when missing or not finite.
  @inline(__always)
  mutating func appendJSONNumber(_ value: Double) {
    guard value.isFinite else { return append(Self.null) }
    let out = reserve(NumberWriter.exactLength)
    commit(NumberWriter.exact(value, to: out))
  }

  /// An integer in decimal.
  @inline(__always)
  mutating func appendInteger(_ value: Int) {
    let out = reserve(NumberWriter.integerLength)
    commit(NumberWriter.integer(value, to: out))
  }

  /// A finite number with fixed decimals (`NumberFormat.fixed`), for tables.
  mutating func appendFixed(_ value: Double, decimals: Int) {
    let out = reserve(NumberWriter.fixedLength(decimals: decimals))
    commit(NumberWriter.fixed(value, decimals: decimals, to: out))
  }

  private static let null = Array("null".utf8)
}
