/// Substring tests for the origin text of plan nodes (`value` as written, and the data files
/// it reads), which the checker makes for every indicator against every data source.
///
/// `String.contains` compares characters, which is correct for any text but costs far more
/// than the bytes it reads; on ASCII text, where a character is a byte (the line ending
/// `\r\n` aside, and a needle without `\r` or `\n` cannot match half of one), comparing
/// bytes gives the same answer, so only non-ASCII text pays for characters.
enum OriginText {
  /// A string looked for in many texts, with its bytes kept.
  struct Needle {
    let text: String
    let bytes: [UInt8]
    /// Whether the bytes can be compared alone: ASCII without line-ending bytes.
    let isPlain: Bool

    init(_ text: String) {
      self.text = text
      bytes = Array(text.utf8)
      isPlain = bytes.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }
    }

    /// Whether `haystack` contains the needle, with the meaning of `String.contains`.
    func occurs(in haystack: String) -> Bool {
      guard isPlain else { return haystack.contains(text) }
      var haystack = haystack
      let found = haystack.withUTF8 { OriginText.plainSearch(bytes, in: $0) }
      switch found {
      case .some(let result): return result
      case .none: return haystack.contains(text)
      }
    }
  }

  /// Whether `needle` occurs in `haystack`, or nil when the haystack is not ASCII (then the
  /// answer depends on characters, not bytes).
  static func plainSearch(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool? {
    var found = needle.isEmpty
    let count = needle.count
    var start = 0
    while start < haystack.count {
      let byte = haystack[start]
      if byte >= 0x80 { return nil }
      if !found && byte == needle.first && haystack.count - start >= count {
        var matched = 1
        while matched < count && haystack[start + matched] == needle[matched] { matched += 1 }
        found = matched == count
      }
      start += 1
    }
    return found
  }
}
