/// Decimal digits of unsigned integers, eight at a time in one 64-bit word.
///
/// A shortest decimal has up to 17 digits. Taken off two at a time by dividing by 100, each
/// division waits for the one before, and the loop's length changes with the number, which
/// the processor cannot predict. Here the number is cut into blocks of eight digits (two
/// divisions by 10⁸, as multiplications), and each block becomes eight bytes in one register
/// with a few multiplications that work on all its lanes at once (`eightDigits`); the leading
/// zeros are shifted out and the words stored whole, 8 bytes at a time.
enum DigitPairs {
  /// How many bytes `write` may touch from its pointer: the digits, and after them the rest
  /// of its last 8-byte store.
  static let room = 24

  /// 10⁰ … 10¹⁹, as literals: a table the compiler emits as constant data, with no lazy
  /// initialization to check (`swift_once`) on every number.
  fileprivate static let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
    100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
    100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
  ]

  /// The number of decimal digits of `value` (1 for 0).
  @inline(__always)
  static func count(_ value: UInt64) -> Int {
    // log₁₀ 2 ≈ 1233 / 4096: from the bit length, the digit count or one less.
    let bits = 64 - (value | 1).leadingZeroBitCount
    let guess = (bits * 1233) >> 12
    return powersOfTen.withUnsafeBufferPointer { max(1, guess + (value >= $0[guess] ? 1 : 0)) }
  }

  /// Writes the digits of `value` and returns how many there are; may touch `room` bytes.
  @inline(__always)
  static func write(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
    let digits = Digits(value)
    digits.store(to: out)
    return digits.count
  }

  /// The eight digits of `value` < 10⁸, leading zeros included, one per byte with the first
  /// digit in the lowest byte (the values 0–9, not yet characters).
  ///
  /// The halves `value / 10⁴` and `value % 10⁴` go into the two 32-bit lanes of one word;
  /// each lane is split into hundreds and the rest, giving four 16-bit lanes, and each of
  /// those into tens and units. `(x · 10486) >> 20` is x / 100 for x < 10⁴ and
  /// `(x · 103) >> 10` is x / 10 for x < 100, and no lane's product reaches the next lane.
  @inline(__always)
  static func eightDigits(_ value: UInt32) -> UInt64 {
    let high = value / 10_000
    var word = UInt64(high) | (UInt64(value &- high &* 10_000) << 32)
    let hundreds = ((word &* 10486) >> 20) & 0x0000_007F_0000_007F
    word = hundreds | ((word &- hundreds &* 100) << 16)
    let tens = ((word &* 103) >> 10) & 0x000F_000F_000F_000F
    return tens | ((word &- tens &* 10) << 8)
  }

  /// The digits of a number as characters in three words, without leading zeros: byte `i` of
  /// `a`, `b`, `c` taken in turn is the number's `i`-th digit, for `i < count`; the bytes after
  /// the last digit are not specified.
  struct Digits {
    var a: UInt64
    var b: UInt64
    var c: UInt64
    var count: Int

    @inline(__always)
    init(_ value: UInt64) {
      let upper = value / 100_000_000
      let low = eightDigits(UInt32(truncatingIfNeeded: value &- upper &* 100_000_000)) | zeros
      // The first word holds the first 1–8 digits, the others 8 each.
      let first: UInt64
      let second: UInt64
      let third: UInt64
      if upper == 0 {
        (first, second, third) = (eightDigits(UInt32(truncatingIfNeeded: value)), 0, 0)
      } else if upper < 100_000_000 {
        (first, second, third) = (eightDigits(UInt32(truncatingIfNeeded: upper)), low, 0)
      } else {
        let top = upper / 100_000_000
        let middle = UInt32(truncatingIfNeeded: upper &- top &* 100_000_000)
        (first, second, third) = (
          eightDigits(UInt32(truncatingIfNeeded: top)), eightDigits(middle) | zeros, low
        )
      }
      // Leading zero digits are the low zero bytes of the first word (a 0 keeps one digit).
      let leading = min(7, first.trailingZeroBitCount >> 3)
      let length = 8 - leading
      let head = (first | zeros) >> UInt64(8 * leading)
      // Smart shifts: by 64 (a first word of eight digits) they give 0, as wanted here.
      a = head | (second << UInt64(8 * length))
      b = (second >> UInt64(8 * leading)) | (third << UInt64(8 * length))
      c = third >> UInt64(8 * leading)
      count = length + (upper == 0 ? 0 : upper < 100_000_000 ? 8 : 16)
    }

    /// The digits of a significand of at most 17 digits (below 10¹⁷), without a branch.
    ///
    /// Shortest decimals of scores have 16 or 17 digits about equally often, and `init`'s
    /// branch on the length was mispredicted every other number. Here the significand is first
    /// scaled by a power of ten to exactly 17 digits, so its first digit and the 16 after it
    /// (two blocks of eight) are always in the same places; the zeros the scaling appends come
    /// after the `count` digits, where the bytes are not specified.
    @inline(__always)
    init(significand value: UInt64) {
      let count = DigitPairs.count(value)
      let scaled = value &* powersOfTen.withUnsafeBufferPointer { $0[17 - count] }
      let first = scaled / 10_000_000_000_000_000
      let rest = scaled &- first &* 10_000_000_000_000_000
      let upper = rest / 100_000_000
      let high = eightDigits(UInt32(truncatingIfNeeded: upper)) | zeros
      let low = eightDigits(UInt32(truncatingIfNeeded: rest &- upper &* 100_000_000)) | zeros
      a = (first | 0x30) | (high << 8)
      b = (high >> 56) | (low << 8)
      c = low >> 56
      self.count = count
    }

    /// Stores the three words: the digits, then up to 24 − `count` unspecified bytes.
    @inline(__always)
    func store(to out: UnsafeMutablePointer<UInt8>) {
      Self.store(a, b, c, to: out)
    }

    /// Stores the digits with a point after the first `integerDigits` (1…16, at most `count`,
    /// and `count` at most 23): `count + 1` bytes, then unspecified ones up to 24.
    @inline(__always)
    func storeWithPoint(after integerDigits: Int, to out: UnsafeMutablePointer<UInt8>) {
      if integerDigits < 8 {
        Self.store(
          Self.insertPoint(a, at: integerDigits), (a >> 56) | (b << 8), (b >> 56) | (c << 8),
          to: out)
      } else if integerDigits < 16 {
        Self.store(a, Self.insertPoint(b, at: integerDigits - 8), (b >> 56) | (c << 8), to: out)
      } else {
        Self.store(a, b, point | (c << 8), to: out)
      }
    }

    /// The first eight bytes of `word` with a point inserted before its byte `index` (< 8).
    @inline(__always)
    private static func insertPoint(_ word: UInt64, at index: Int) -> UInt64 {
      let kept: UInt64 = (1 << UInt64(8 * index)) &- 1
      return (word & kept) | (point << UInt64(8 * index)) | ((word & ~kept) << 8)
    }

    @inline(__always)
    private static func store(
      _ a: UInt64, _ b: UInt64, _ c: UInt64, to out: UnsafeMutablePointer<UInt8>
    ) {
      let raw = UnsafeMutableRawPointer(out)
      raw.storeBytes(of: a.littleEndian, as: UInt64.self)
      raw.storeBytes(of: b.littleEndian, toByteOffset: 8, as: UInt64.self)
      raw.storeBytes(of: c.littleEndian, toByteOffset: 16, as: UInt64.self)
    }
  }
}

/// Eight `0` characters: or-ed into eight digit values, their characters.
private let zeros: UInt64 = 0x3030_3030_3030_3030
/// `.` in the lowest byte.
private let point: UInt64 = 0x2E
