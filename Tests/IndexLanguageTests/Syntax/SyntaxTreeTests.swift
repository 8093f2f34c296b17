import Testing

@testable import IndexLanguage

@Test func byteRangeUnion() {
  let range = ByteRange(3, 5).union(ByteRange(1, 4))
  #expect(range == ByteRange(1, 5))
  #expect(ByteRange.empty(at: 7).isEmpty)
}
