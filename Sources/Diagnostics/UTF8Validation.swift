/// Strict UTF-8 validation, shared by the CSV loader, the lexer and the renderer.
///
/// Rejects what the Unicode standard rejects: stray continuation bytes, overlong forms,
/// surrogates, and code points past U+10FFFF. Runs of ASCII are read 32 bytes at a time
/// (`asciiRun`), so a pass over a valid file costs far less than parsing it.
public enum UTF8Validation {
  /// What one pass over a file learns: where UTF-8 first breaks, and how many lines it has.
  public struct Scan: Equatable, Sendable {
    /// The offset of the first byte that does not start or continue a valid sequence.
    public var firstInvalid: Int?
    /// Line feeds before `firstInvalid`, or in the whole file when it is valid.
    public var lineFeeds: Int

    public init(firstInvalid: Int?, lineFeeds: Int) {
      self.firstInvalid = firstInvalid
      self.lineFeeds = lineFeeds
    }
  }

  /// Validates from `start` up to the first invalid byte, counting line feeds on the way.
  ///
  /// Counting lines in the same pass spares the CSV loader another read of the file.
  public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Scan {
    guard let base = bytes.baseAddress else { return Scan(firstInvalid: nil, lineFeeds: 0) }
    let count = bytes.count
    var index = start
    var lineFeeds = 0
    while index < count {
      let (asciiEnd, asciiLineFeeds) = asciiRun(base, from: index, count: count)
      index = asciiEnd
      lineFeeds += asciiLineFeeds
      while index + 8 <= count {
        let word = UInt64(
          littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        if word & 0x8080_8080_8080_8080 != 0 { break }
        lineFeeds += lineFeedCount(word)
        index += 8
      }
      guard index < count else { break }
      let lead = base[index]
      if lead < 0x80 {
        if lead == UInt8(ascii: "\n") { lineFeeds += 1 }
        index += 1
        continue
      }
      let length = sequenceLength(base, at: index, count: count)
      guard length > 0 else { return Scan(firstInvalid: index, lineFeeds: lineFeeds) }
      index += length
    }
    return Scan(firstInvalid: nil, lineFeeds: lineFeeds)
  }

  /// Every run of bytes that is not valid UTF-8, in order; adjacent bad bytes form one run.
  ///
  /// Empty for a valid file, after one fast pass.
  public static func invalidRuns(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0)
    -> [Range<Int>]
  {
    var runs: [Range<Int>] = []
    var index = start
    while let bad = scan(UnsafeBufferPointer(rebasing: bytes[index...])).firstInvalid {
      let runStart = index + bad
      var runEnd = runStart + 1
      while runEnd < bytes.count && bytes[runEnd] >= 0x80,
        sequenceLength(bytes, at: runEnd) == 0
      {
        runEnd += 1
      }
      runs.append(runStart..<runEnd)
      index = runEnd
    }
    return runs
  }

  /// The length of the valid sequence starting at `index` (1 for ASCII), or 0 if none does.
  public static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    guard let base = bytes.baseAddress, index < bytes.count else { return 0 }
    return base[index] < 0x80 ? 1 : sequenceLength(base, at: index, count: bytes.count)
  }

  /// The character encoded at `index` and its length in bytes, or nil if the bytes there are
  /// not valid UTF-8.
  public static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int)
    -> (scalar: Unicode.Scalar, length: Int)?
  {
    let length = sequenceLength(bytes, at: index)
    guard length > 0 else { return nil }
    var value = UInt32(bytes[index]) & (length == 1 ? 0x7F : 0x7F >> UInt32(length))
    for next in 1..<max(1, length) { value = value << 6 | UInt32(bytes[index + next] & 0x3F) }
    return Unicode.Scalar(value).map { ($0, length) }
  }

  private static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int)
    -> Int
  {
    let length: Int
    switch base[index] {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return 0
    }
    guard index + length <= count else { return 0 }
    var scalar = UInt32(base[index]) & (0x7F >> UInt32(length))
    for next in 1..<length {
      let byte = base[index + next]
      guard byte & 0xC0 == 0x80 else { return 0 }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    let tooShort = (length == 3 && scalar < 0x800) || (length == 4 && scalar < 0x1_0000)
    let surrogate = (0xD800...0xDFFF).contains(scalar)
    return tooShort || surrogate || scalar > 0x10_FFFF ? 0 : length
  }

  /// The line feeds in some bytes, whatever they are, 32 bytes a step.
  ///
  /// The CSV loader counts the lines of each part of a file it reads on several threads.
  public static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var (index, lineFeeds) = lineFeedSteps(base, from: 0, count: bytes.count, asciiOnly: false)
    while index < bytes.count {
      if base[index] == UInt8(ascii: "\n") { lineFeeds += 1 }
      index += 1
    }
    return lineFeeds
  }

  /// The end of the run of ASCII from `start`, in steps of 32 bytes (it stops at the first
  /// step with a byte ≥ 0x80, or fewer than 32 bytes before the end), and its line feeds.
  @inline(__always)
  private static func asciiRun(_ base: UnsafePointer<UInt8>, from start: Int, count: Int)
    -> (end: Int, lineFeeds: Int)
  {
    lineFeedSteps(base, from: start, count: count, asciiOnly: true)
  }

  /// Counts line feeds 32 bytes a step from `start` while 32 bytes remain (and, if
  /// `asciiOnly`, until a step has a byte ≥ 0x80): where it stopped, and the count.
  ///
  /// Each step or-s four words to test their high bits at once, and adds the line-feed
  /// marks of each word (`lineFeedMarks`: 1 in every byte that is a line feed) into the byte
  /// lanes of one counter, which holds up to 63 steps (4 · 63 < 256) before it is summed: no
  /// population count per word (without `popcnt` in the target, that is a dozen instructions).
  @inline(__always)
  private static func lineFeedSteps(
    _ base: UnsafePointer<UInt8>, from start: Int, count: Int, asciiOnly: Bool
  ) -> (end: Int, lineFeeds: Int) {
    let raw = UnsafeRawPointer(base)
    var index = start
    var lineFeeds = 0
    while index + 32 <= count {
      var lanes: UInt64 = 0
      var steps = 0
      while steps < 63 && index + 32 <= count {
        let a = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let b = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
        let c = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
        let d = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
        if asciiOnly && (a | b | c | d) & 0x8080_8080_8080_8080 != 0 { break }
        lanes &+= lineFeedMarks(a) &+ lineFeedMarks(b) &+ lineFeedMarks(c) &+ lineFeedMarks(d)
        index += 32
        steps += 1
      }
      lineFeeds += laneSum(lanes)
      if steps < 63 { break }
    }
    return (index, lineFeeds)
  }

  /// 1 in each byte of `word` that is a line feed, 0 in the others.
  ///
  /// See `lineFeedCount`: the same high bits, moved down to the lowest bit of their bytes.
  @inline(__always)
  private static func lineFeedMarks(_ word: UInt64) -> UInt64 {
    let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
    return (~(((x & lowBits) &+ lowBits) | x | lowBits)) >> 7
  }

  /// The sum of the eight byte lanes of `lanes`.
  @inline(__always)
  private static func laneSum(_ lanes: UInt64) -> Int {
    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
    return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
  }

  /// Line feeds among eight bytes.
  ///
  /// A byte of `x` is zero exactly where `word` has a line feed. Adding 0x7F to the low seven
  /// bits sets the high bit of every byte that has one of them set, without carrying into the
  /// next byte; or-ing in the byte itself covers its own high bit.
  @inline(__always)
  private static func lineFeedCount(_ word: UInt64) -> Int {
    let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
    return (~(((x & lowBits) &+ lowBits) | x | lowBits)).nonzeroBitCount
  }
}
