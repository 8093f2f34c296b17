import Testing

@testable import IndexCLI

/// A CSV row's numbers as the writer lays them out (`OutputBuffer.appendCSVNumbers`, where
/// `ShortestDecimal.write` and its digit search are inlined), against the straightforward
/// text: `description` for every number but whole ones below 10¹⁵, a separator before each,
/// nothing for a missing one; and every field reads back as the same double.
@Suite struct CSVNumbersTests {
  /// The row written through `appendCSVNumbers` into a buffer of `capacity` bytes.
  static func written(_ values: [Double], capacity: Int) -> String {
    var out = OutputBuffer(.memory, capacity: capacity)
    values.withUnsafeBufferPointer { out.appendCSVNumbers($0, after: UInt8(ascii: ",")) }
    return out.finishText()
  }

  /// The same row with `String`s.
  static func straightforward(_ values: [Double]) -> String {
    values.map { "," + ($0.isFinite ? ShortestDecimalTests.straightforwardExact($0) : "") }
      .joined()
  }

  /// Rows of every kind of value: scores of 16 and 17 digits, short decimals, whole numbers,
  /// every binade, subnormals, zeros of both signs, and missing values.
  static func rows(seed: UInt64, count: Int, width: Int) -> [[Double]] {
    var random = ShortestDecimalTests.Generator(state: seed)
    return (0..<count).map { _ in
      (0..<width).map { _ -> Double in
        switch random.next() % 8 {
        case 0: return Double.random(in: 0..<100, using: &random)
        case 1: return Double.random(in: -1..<1, using: &random)
        case 2: return Double(random.next() % 1_000_000) / 1000
        case 3: return Double(Int64(bitPattern: random.next()) >> (random.next() % 64))
        case 4: return Double(bitPattern: random.next())
        case 5: return Double(bitPattern: random.next() & ((1 << 52) - 1))
        case 6:
          return [0.0, -0.0, .nan, .infinity, 1e15, 1e16, 0x1p53, 1e-5][Int(random.next() % 8)]
        default: return Double.random(in: 0..<1e-3, using: &random)
        }
      }
    }
  }

  @Test(arguments: [64, 1 << 10, OutputBuffer.defaultCapacity])
  func rowsMatchTheStraightforwardText(capacity: Int) {
    var wrong: [String] = []
    for row in Self.rows(seed: UInt64(capacity), count: 2_000, width: 97) {
      let text = Self.written(row, capacity: capacity)
      if text != Self.straightforward(row) && wrong.count < 5 { wrong.append(text) }
      let fields = text.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
      for (field, value) in zip(fields, row) where value.isFinite {
        // `-0.0` is written `0`; everything else reads back bit for bit.
        if Double(field)?.bitPattern != (value == 0 ? 0.0 : value).bitPattern && wrong.count < 5 {
          wrong.append("\(value) written as \(field)")
        }
      }
    }
    #expect(wrong == [])
  }
}
