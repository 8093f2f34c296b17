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

  /// CSV numbers, each after `separator`: the fields of a row.
  ///
  /// One reservation for as many numbers as the buffer holds at their longest (a whole row of
  /// a few hundred), so the loop keeps its position in a register instead of checking and
  /// counting the buffer for every number.
  mutating func appendCSVNumbers(_ values: UnsafeBufferPointer<Double>, after separator: UInt8) {
    let longest = 1 + NumberWriter.exactLength
    let perReservation = max(1, capacity / longest)
    var index = 0
    while index < values.count {
      let end = min(values.count, index + perReservation)
      let start = reserve((end - index) * longest)
      var out = start
      for value in values[index..<end] {
        out[0] = separator
        out += 1
        if value.isFinite { out += NumberWriter.exact(value, to: out) }
      }
      commit(out - start)
      index = end
    }
  }

  /// JSON members, `key` then the number (or `null`) for each value in turn: the nodes of an
  /// entity, with one reservation for as many as the buffer holds at their longest.
  mutating func appendJSONMembers(_ values: UnsafeBufferPointer<Double>, keys: JSONKeys) {
    let longest = keys.longest + NumberWriter.exactLength
    keys.bytes.withUnsafeBufferPointer { bytes in
      guard let keyBase = bytes.baseAddress else { return }
      guard longest <= capacity else {
        // A key longer than the buffer: member by member, each key through `append`.
        for (column, value) in values.enumerated() {
          let keyStart = keys.starts[column]
          append(
            UnsafeRawBufferPointer(
              rebasing: UnsafeRawBufferPointer(bytes)[
                keyStart..<keys.starts[column + 1]]))
          appendJSONNumber(value)
        }
        return
      }
      let perReservation = capacity / longest
      var index = 0
      while index < values.count {
        let end = min(values.count, index + perReservation)
        let start = reserve((end - index) * longest)
        var out = start
        for column in index..<end {
          let keyStart = keys.starts[column]
          let keyLength = keys.starts[column + 1] - keyStart
          out.update(from: keyBase + keyStart, count: keyLength)
          out += keyLength
          let value = values[column]
          if value.isFinite {
            out += NumberWriter.exact(value, to: out)
          } else {
            // `null`, in one store.
            UnsafeMutableRawPointer(out).storeBytes(
              of: UInt32(0x6C6C_756E).littleEndian, as: UInt32.self)
            out += 4
          }
        }
        commit(out - start)
        index = end
      }
    }
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

/// The member keys of a JSON object written for every entity (`"name":`, then `,"name":`),
/// prepared once as one run of bytes.
struct JSONKeys: Sendable {
  /// Every key's bytes, one after the other.
  let bytes: [UInt8]
  /// Where each key starts in `bytes`, and `bytes.count` last.
  let starts: [Int]
  /// The longest key's length.
  let longest: Int

  init(_ keys: [[UInt8]]) {
    bytes = keys.flatMap { $0 }
    starts = keys.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
    longest = keys.map(\.count).max() ?? 0
  }
}
