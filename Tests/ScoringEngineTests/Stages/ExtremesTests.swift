import Testing

@testable import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

/// The four-lane extremes of min-max must be the scalar loop's, bit for bit: missing values
/// skipped, signed zeros decided by the first zero, any length, either direction.
@Suite struct ExtremesTests {
  /// The plain loop the vector version replaces.
  static func scalar(_ x: [Double], sign: Double) -> (Double, Double) {
    var bottom = Double.infinity
    var top = -Double.infinity
    for v in x {
      let y = sign * v
      bottom = y < bottom ? y : bottom
      top = y > top ? y : top
    }
    return (bottom, top)
  }

  @Test func matchesTheScalarLoopBitForBit() {
    var random = SplitMix64(seed: 42)
    let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, 1e308, -1e-320]
    for length in 0..<70 {
      for _ in 0..<50 {
        let x = (0..<length).map { _ -> Double in
          let bits = random.next()
          if bits % 4 == 0 { return specials[Int(bits >> 8) % specials.count] }
          return Double(Int64(bitPattern: bits) % 1000) / 7
        }
        for sign in [1.0, -1.0] {
          let (bottom, top) = x.withUnsafeBufferPointer { signedExtremes($0, sign: sign) }
          let expected = Self.scalar(x, sign: sign)
          #expect(bottom.bitPattern == expected.0.bitPattern, "\(x) \(sign)")
          #expect(top.bitPattern == expected.1.bitPattern, "\(x) \(sign)")
        }
      }
    }
  }

  @Test func handComputedCases() {
    let x: [Double] = [3, .nan, -2, 7, 0.5, .nan, 4, 1, 9, -5]
    let up = x.withUnsafeBufferPointer { signedExtremes($0, sign: 1) }
    #expect(up.bottom == -5 && up.top == 9)
    let down = x.withUnsafeBufferPointer { signedExtremes($0, sign: -1) }
    #expect(down.bottom == -9 && down.top == 5)
    let missing = [Double](repeating: .nan, count: 12)
    let none = missing.withUnsafeBufferPointer { signedExtremes($0, sign: 1) }
    #expect(none.bottom == .infinity && none.top == -.infinity)
    // -0 comes first among the zeros: the scalar loop keeps it, so must the vector one.
    let zeros: [Double] = [5, 6, 7, 8, 1, 2, -0.0, 0, 3, 4]
    let z = zeros.withUnsafeBufferPointer { signedExtremes($0, sign: 1) }
    #expect(z.bottom.sign == .minus && z.bottom == 0)
  }

  /// When an extreme is zero its sign is that of the first zero, wherever that zero is (the
  /// search goes sixteen values at a time): positive values with a zero of either sign at each
  /// position and zeros of the other sign after it.
  @Test func theFirstZeroDecidesTheSignAtEveryPosition() {
    for length in 1...70 {
      for position in 0..<length {
        let first = position % 2 == 0 ? -0.0 : 0.0
        var x = (0..<length).map { Double($0 % 9 + 1) }
        x[position] = first
        for later in stride(from: position + 3, to: length, by: 5) { x[later] = -first }
        for sign in [1.0, -1.0] {
          let (bottom, top) = x.withUnsafeBufferPointer { signedExtremes($0, sign: sign) }
          let expected = Self.scalar(x, sign: sign)
          #expect(bottom.bitPattern == expected.0.bitPattern, "\(length) \(position) \(sign)")
          #expect(top.bitPattern == expected.1.bitPattern, "\(length) \(position) \(sign)")
        }
      }
    }
  }

  /// The overflow check finds an infinity of either sign wherever it is, and nothing else.
  @Test func containsInfinityMatchesAScan() {
    var random = SplitMix64(seed: 7)
    let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, .greatestFiniteMagnitude]
    for length in 0..<40 {
      for _ in 0..<50 {
        let x = (0..<length).map { _ -> Double in
          let bits = random.next()
          if bits % 9 == 0 { return specials[Int(bits >> 8) % specials.count] }
          return Double(Int64(bitPattern: bits) % 1000) / 7
        }
        #expect(containsInfinity(x) == x.contains(where: \.isInfinite), "\(x)")
      }
    }
    var late = [Double](repeating: 1, count: 13)
    #expect(!containsInfinity(late))
    late[12] = -.infinity
    #expect(containsInfinity(late))
    late[12] = .nan
    late[5] = .infinity
    #expect(containsInfinity(late))
  }

  /// Reading ahead past the end of a column never faults.
  ///
  /// The scan asks for memory ahead of what it reads (`prefetchDistance`), past the end of the
  /// column. The column here ends where a page that may not be
  /// read begins, so a read ahead that was a load instead of a hint would crash the test.
  @Test func readingAheadPastTheEndNeverFaults() throws {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = 2 * page + prefetchDistance
    let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    let region = try #require(mapped == MAP_FAILED ? nil : mapped)
    defer { munmap(region, length) }
    // Everything after the first two pages may not be touched at all.
    #expect(mprotect(region + 2 * page, prefetchDistance, PROT_NONE) == 0)
    let count = 2 * page / MemoryLayout<Double>.stride
    let values = region.bindMemory(to: Double.self, capacity: count)
    for i in 0..<count { values[i] = Double(i % 97) - 40 }
    values[count - 1] = 200
    let column = UnsafeBufferPointer(start: values, count: count)
    let up = signedExtremes(column, sign: 1)
    #expect(up.bottom == -40 && up.top == 200)
    let down = signedExtremes(column, sign: -1)
    #expect(down.bottom == -200 && down.top == 40)
    // The last block of the column alone, with the guarded page straight after it.
    let tail = UnsafeBufferPointer(start: values + count - 16, count: 16)
    #expect(signedExtremes(tail, sign: 1).top == 200)
  }
}
