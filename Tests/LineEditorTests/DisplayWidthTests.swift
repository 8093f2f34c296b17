import Testing

@testable import LineEditor

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1), ("~", 1), ("é", 1), ("e\u{301}", 1), ("中", 2), ("한", 2), ("\u{1100}\u{1161}", 2),
    ("Ａ", 2), ("の", 2), ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇺🇸", 2), ("❤️", 2), ("❤", 1),
    ("©", 1), ("1️⃣", 2), ("\u{200D}", 0), ("\u{301}", 0), ("\u{200B}", 0), ("\u{7}", 0),
    ("\u{AD}", 1), ("\u{303F}", 1), ("\u{3000}", 2), ("𠀋", 2),
  ])
  func characterWidths(character: String, width: Int) {
    #expect(DisplayWidth.columns(of: Character(character)) == width, "\(character)")
  }

  @Test func stringWidthIsTheSumOfItsCharacters() {
    #expect(DisplayWidth.columns(of: "idx 指数 👍 e\u{301}") == 13)
    #expect(DisplayWidth.columns(of: "") == 0)
  }
}
