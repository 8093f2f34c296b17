import Testing

@testable import IndexCLI

/// The project's shortest round-trip formatting against Swift's own.
///
/// `ShortestDecimal.write` must give the bytes of `Double.description` for every finite double, and what it writes must
/// read back as the same double. Millions of values from a seeded generator (every binade,
/// subnormals, the kinds of numbers scores are), and the special values one by one.
@Suite struct ShortestDecimalTests {
  /// What `ShortestDecimal.write` writes for a value; nil when it wrote more than
  /// `maximumLength` bytes or touched a byte past its `room` (a guard zone checks).
  static func written(_ value: Double) -> String? {
    guardedWrite(room: ShortestDecimal.room, maximum: ShortestDecimal.maximumLength) {
      ShortestDecimal.write(value, to: $0)
    }
  }

  /// Runs a writer on a buffer of `room` bytes followed by a guard zone, and returns the text
  /// it wrote; nil when it wrote more than `maximum` bytes or touched the guard zone.
  static func guardedWrite(
    room: Int, maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int
  ) -> String? {
    let guardBytes = 32
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: room + guardBytes)
    defer { buffer.deallocate() }
    buffer.initialize(repeating: 0xA5, count: room + guardBytes)
    let count = write(buffer)
    let untouched = (room..<(room + guardBytes)).allSatisfy { buffer[$0] == 0xA5 }
    guard untouched, count <= maximum else { return nil }
    return String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
  }

  /// The values among `values` that are written differently from `description`, or do not read
  /// back as themselves (the first ten, as text for the failure message).
  static func mismatches(_ values: some Sequence<Double>) -> [String] {
    var found: [String] = []
    for value in values where value.isFinite {
      let text = written(value)
      let readBack = text.flatMap { Double($0) }
      if text != value.description || readBack?.bitPattern != value.bitPattern {
        found.append(
          "\(value.description) (bits \(value.bitPattern)) written as \(text ?? "(overflow)")")
        if found.count == 10 { break }
      }
    }
    return found
  }

  /// SplitMix64: the same values on every run.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// One million random bit patterns per seed: every exponent equally often, both signs.
  @Test(arguments: [1, 2] as [UInt64])
  func randomBitPatterns(seed: UInt64) {
    var random = Generator(state: seed)
    let values = (0..<1_000_000).lazy.map { _ in Double(bitPattern: random.next()) }
    #expect(Self.mismatches(values) == [])
  }

  /// Numbers like the ones scores are: uniform in [0, 100), and decimals with few digits
  /// (k / 10ⁿ, the kind that land near a tie between two shortest candidates).
  @Test func scoreLikeValues() {
    var random = Generator(state: 3)
    let uniform = (0..<500_000).lazy.map { _ in Double.random(in: 0..<100, using: &random) }
    #expect(Self.mismatches(uniform) == [])
    let decimals = (0..<500_000).lazy.map { _ -> Double in
      let digits = Double(random.next() % 10_000_000)
      var scale = 1.0
      for _ in 0..<Int(random.next() % 9) { scale *= 10 }
      return (random.next() & 1 == 0 ? 1 : -1) * digits / scale
    }
    #expect(Self.mismatches(decimals) == [])
  }

  /// Subnormals: a random fraction with a zero exponent, and the smallest ones in order.
  @Test func subnormals() {
    var random = Generator(state: 4)
    let randomOnes = (0..<300_000).lazy.map { _ in
      Double(bitPattern: random.next() & ((1 << 52) - 1))
    }
    #expect(Self.mismatches(randomOnes) == [])
    #expect(Self.mismatches((1...10_000).lazy.map { Double(bitPattern: UInt64($0)) }) == [])
    #expect(Self.written(.leastNonzeroMagnitude) == "5e-324")
    #expect(Self.written(Double(bitPattern: 2)) == "1e-323")
  }

  /// Every power of ten and of two, each with its two neighbours.
  @Test func powersAndTheirNeighbours() {
    var values: [Double] = []
    for exponent in -323...308 {
      guard let power = Double("1e\(exponent)") else { continue }
      values += [power, power.nextUp, power.nextDown, -power]
    }
    for exponent in -1074...1023 {
      let power = Double(sign: .plus, exponent: exponent, significand: 1)
      values += [power, power.nextUp, power.nextDown]
    }
    #expect(Self.mismatches(values) == [])
  }

  /// Integers, where `description` switches to an exponent (above 2⁵³), and the other
  /// thresholds of the layout (10⁻⁴, 10¹⁶).
  @Test func integersAndLayoutThresholds() {
    var values = (0...100_000).map(Double.init)
    let twoTo53 = 9_007_199_254_740_992.0
    for offset in -1000...1000 { values.append(twoTo53 + Double(offset) * 2) }
    for exponent in 14...17 {
      let power = Self.pow10(exponent)
      for offset in -100...100 { values.append(power + Double(offset)) }
    }
    values += [0.0001, 0.0001.nextDown, 0.00012345, 0.00009999, 123_456.789, 1.5, 0.1, 0.2, 0.3]
    values += [0.0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
    values += [.leastNormalMagnitude, .leastNormalMagnitude.nextDown, .ulpOfOne, .pi]
    #expect(Self.mismatches(values) == [])
    #expect(Self.mismatches(values.map { -$0 }) == [])
    #expect(Self.written(-0.0) == "-0.0")
    #expect(Self.written(1e-5) == "1e-05")
    #expect(Self.written(1.2345e16) == "1.2345e+16")
  }

  /// `NumberFormat.exact`: integers below 10¹⁵ without a fraction, the rest as `description`;
  /// the text it had before it was written for the project.
  @Test func exactKeepsItsIntegerRule() {
    var random = Generator(state: 5)
    var values: [Double] = [0, -0.0, 1, -1, 100, 999_999_999_999_999, 1e15, 1e15 + 2, 2.5, -7.25]
    values += (0..<200_000).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
    values += (0..<200_000).map { _ in Double(Int64(bitPattern: random.next()) >> 12) }
    let wrong = values.filter { NumberFormat.exact($0) != Self.straightforwardExact($0) }
    #expect(wrong.prefix(10).map(\.description) == [])
    #expect(NumberFormat.exact(-0.0) == "0")
    #expect(NumberFormat.exact(1e15) == "1000000000000000.0")
    #expect(NumberFormat.exact(.nan) == "nan")
    #expect(NumberFormat.exact(-.infinity) == "-inf")
  }

  /// `NumberFormat.fixed` against the `String` arithmetic it replaced.
  @Test func fixedKeepsItsRounding() {
    var random = Generator(state: 6)
    var values: [Double] = [0, -0.0, 0.0005, -0.0005, 0.9995, 1.05, 2.675, 99.95, -0.04, 1e15]
    values += (0..<200_000).map { _ in Double.random(in: -1000..<1000, using: &random) }
    values += (0..<50_000).map { _ in Double(random.next() % 100_000) / 1000 }
    for decimals in [0, 1, 2, 3] {
      let wrong = values.filter {
        NumberFormat.fixed($0, decimals: decimals) != Self.straightforwardFixed($0, decimals)
      }
      #expect(wrong.prefix(10).map(\.description) == [], "decimals \(decimals)")
    }
  }

  /// Integers' digits against `String(_:)`: every power of ten and its neighbours, random
  /// ones of every length.
  @Test func digitsOfIntegers() {
    var values: [UInt64] = [0, 1, 9, 10, 99, 100, .max, .max - 1]
    var power: UInt64 = 1
    for _ in 0..<19 {
      power *= 10
      values += [power - 1, power, power + 1]
    }
    var random = Generator(state: 7)
    values += (0..<100_000).map { _ in random.next() >> (random.next() % 64) }
    let wrong = values.filter { value in
      let text = Self.guardedWrite(room: DigitPairs.room, maximum: 20) {
        DigitPairs.write(value, to: $0)
      }
      return text != String(value) || DigitPairs.count(value) != String(value).count
    }
    #expect(wrong.prefix(10) == [])
  }

  /// The significands' digits (`Digits(significand:)`, below 10¹⁷, scaled to 17 digits)
  /// against `String(_:)`, stored plainly and with a point after every possible digit.
  @Test func digitsOfSignificands() {
    var values: [UInt64] = [0, 1, 9, 10, 99, 100, 99_999_999_999_999_999]
    var power: UInt64 = 1
    for _ in 0..<16 {
      power *= 10
      values += [power - 1, power, power + 1]
    }
    var random = Generator(state: 11)
    values += (0..<200_000).map { _ in
      (random.next() >> (random.next() % 64)) % 100_000_000_000_000_000
    }
    let wrong = values.filter { value in
      let digits = DigitPairs.Digits(significand: value)
      let expected = String(value)
      let plain = Self.guardedWrite(room: DigitPairs.room, maximum: 17) {
        digits.store(to: $0)
        return digits.count
      }
      guard plain == expected, digits.count == expected.count else { return true }
      return (1...min(16, digits.count)).contains { point in
        let text = Self.guardedWrite(room: DigitPairs.room, maximum: 18) {
          digits.storeWithPoint(after: point, to: $0)
          return digits.count + 1
        }
        let split = expected.index(expected.startIndex, offsetBy: point)
        return text != expected[..<split] + "." + expected[split...]
      }
    }
    #expect(wrong.prefix(10) == [])
  }

  private static func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// `NumberFormat.exact` as it was written before (`description` for non-integers).
  static func straightforwardExact(_ value: Double) -> String {
    if value == value.rounded() && Swift.abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  /// `NumberFormat.fixed` as it was written before, with `String`s.
  static func straightforwardFixed(_ value: Double, _ decimals: Int) -> String {
    guard Swift.abs(value) < 1e15 else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (Swift.abs(value) * scale).rounded() / scale
    let negative = value < 0 && rounded != 0
    let whole = Int(rounded)
    var text = String(whole)
    if decimals > 0 {
      let fraction = Int(((rounded - Double(whole)) * scale).rounded())
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return negative ? "-" + text : text
  }
}
