import Diagnostics
import Testing

/// Did-you-mean stays helpful for real typos and cheap for hostile names.
@Suite struct SuggestionsTests {
  @Test func typosFindTheirNames() {
    #expect(Suggestions.closest(to: "helth", among: ["health", "wealth", "talent"]) == ["health"])
    #expect(Suggestions.closest(to: "Tlent", among: ["health", "talent"]) == ["talent"])
    #expect(Suggestions.closest(to: "x", among: ["yy", "xyz"]) == [])
  }

  @Test func candidatesOfAnotherLengthAreNotClose() {
    // `abc` is within one edit of `abcd` but three characters from `abcdefg`.
    #expect(
      Suggestions.closest(to: "abcd", among: ["abcdefg", "abc", "abcde"]) == ["abc", "abcde"])
  }

  @Test func longNamesGetNoSuggestionAndCostLittle() {
    // Found by fuzzing the CSV loader: a 2.6 KB header of 200-character names made every
    // missing-key message compare each pair character by character (0.3 s per file).
    let long = String(repeating: "column", count: 40)
    let candidates = (0..<2_000).map { long + String($0) }
    #expect(Suggestions.closest(to: long + "x", among: candidates) == [])
    let edge = String(repeating: "a", count: Suggestions.longestName)
    #expect(Suggestions.closest(to: edge, among: [edge + "b"]) == [edge + "b"])
  }
}
