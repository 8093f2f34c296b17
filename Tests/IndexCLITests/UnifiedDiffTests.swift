import ScoringEngine
import Testing

@testable import IndexCLI

/// The line diff behind `idx fmt --diff`: a correct edit script, and a minimal one.
@Suite struct UnifiedDiffTests {
  /// The length of a longest common subsequence, by the textbook table.
  static func lcs(_ a: [String], _ b: [String]) -> Int {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    return table[0][0]
  }

  @Test func editScriptsRebuildBothTextsAndKeepALongestCommonPart() {
    var random = SplitMix64(seed: 99)
    for _ in 0..<300 {
      let words = ["a", "b", "c", "d"]
      let old = (0..<Int.random(in: 0...12, using: &random)).map { _ in
        words[Int.random(in: 0..<4, using: &random)]
      }
      let new = (0..<Int.random(in: 0...12, using: &random)).map { _ in
        words[Int.random(in: 0..<4, using: &random)]
      }
      let diff = UnifiedDiff(
        old: Array(old.map { $0 + "\n" }.joined().utf8),
        new: Array(new.map { $0 + "\n" }.joined().utf8))
      var rebuiltOld: [String] = []
      var rebuiltNew: [String] = []
      var kept = 0
      for edit in diff.edits() {
        switch edit {
        case .keep(let a, let b):
          #expect(old[a] == new[b])
          rebuiltOld.append(old[a])
          rebuiltNew.append(new[b])
          kept += 1
        case .remove(let a): rebuiltOld.append(old[a])
        case .add(let b): rebuiltNew.append(new[b])
        }
      }
      #expect(rebuiltOld == old)
      #expect(rebuiltNew == new)
      #expect(kept == Self.lcs(old, new), "\(old) → \(new)")
    }
  }

  @Test func hunksCountLinesLikeDiff() {
    let old = Array((1...10).map { "line \($0)\n" }.joined().utf8)
    var lines = (1...10).map { "line \($0)" }
    lines[4] = "changed"
    lines.insert("new", at: 9)
    let new = Array(lines.map { $0 + "\r\n" }.joined().utf8)
    let text = UnifiedDiff(old: old, new: new).render(path: "f")
    #expect(
      text == """
        --- a/f
        +++ b/f
        @@ -2,9 +2,10 @@
         line 2
         line 3
         line 4
        -line 5
        +changed
         line 6
         line 7
         line 8
         line 9
        +new
         line 10

        """)
    #expect(UnifiedDiff(old: old, new: old).render(path: "f") == "")
  }
}
