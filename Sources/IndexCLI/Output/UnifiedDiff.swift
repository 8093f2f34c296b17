/// A unified diff of two texts, line by line, as `diff -u` prints it.
///
/// Myers' O(ND) algorithm on the lines between the common head and tail; when more than
/// `maximumEdits` lines differ it gives up on a minimal diff and replaces the whole middle, so
/// the time and memory stay bounded on any input.
struct UnifiedDiff {
  static let context = 3
  static let maximumEdits = 2_000

  /// One line of the diff: kept, removed or added.
  enum Edit: Equatable {
    case keep(Int, Int)
    case remove(Int)
    case add(Int)
  }

  let old: [String]
  let new: [String]

  init(old: [UInt8], new: [UInt8]) {
    self.old = Self.lines(old)
    self.new = Self.lines(new)
  }

  /// The lines of a text, without their line endings.
  static func lines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
        let pair =
          byte == UInt8(ascii: "\r") && index + 1 < bytes.count
          && bytes[index + 1] == UInt8(ascii: "\n")
        index += pair ? 2 : 1
        start = index
      } else {
        index += 1
      }
    }
    if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
    return lines
  }

  /// The diff text with `--- a/PATH` and `+++ b/PATH` headers, or "" when nothing differs.
  func render(path: String) -> String {
    let edits = self.edits()
    guard edits.contains(where: { if case .keep = $0 { false } else { true } }) else { return "" }
    var out = "--- a/\(path)\n+++ b/\(path)\n"
    var index = 0
    while index < edits.count {
      guard case .keep = edits[index] else {
        let (hunk, next) = self.hunk(edits, from: index)
        out += hunk
        index = next
        continue
      }
      index += 1
    }
    return out
  }

  /// The hunk around the change at `start`, and the index of the edit after it.
  ///
  /// A hunk is context, the changes closer to each other than twice the context, context.
  private func hunk(_ edits: [Edit], from start: Int) -> (String, Int) {
    let first = max(0, start - Self.context)
    var end = start
    var lastChange = start
    while end < edits.count {
      if case .keep = edits[end] {
        if end - lastChange > 2 * Self.context { break }
      } else {
        lastChange = end
      }
      end += 1
    }
    let last = min(edits.count, lastChange + 1 + Self.context)
    var body = ""
    var oldStart = -1
    var newStart = -1
    var oldCount = 0
    var newCount = 0
    for edit in edits[first..<last] {
      switch edit {
      case .keep(let a, let b):
        if oldStart < 0 { oldStart = a }
        if newStart < 0 { newStart = b }
        oldCount += 1
        newCount += 1
        body += " " + old[a] + "\n"
      case .remove(let a):
        if oldStart < 0 { oldStart = a }
        oldCount += 1
        body += "-" + old[a] + "\n"
      case .add(let b):
        if newStart < 0 { newStart = b }
        newCount += 1
        body += "+" + new[b] + "\n"
      }
    }
    let oldLine = oldCount == 0 ? oldPosition(edits, first) : oldStart + 1
    let newLine = newCount == 0 ? newPosition(edits, first) : newStart + 1
    return ("@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@\n" + body, last)
  }

  /// The old line count before edit `index` (the position of an empty side of a hunk).
  private func oldPosition(_ edits: [Edit], _ index: Int) -> Int {
    edits[..<index].filter { if case .add = $0 { false } else { true } }.count
  }

  private func newPosition(_ edits: [Edit], _ index: Int) -> Int {
    edits[..<index].filter { if case .remove = $0 { false } else { true } }.count
  }

  /// Every line of both texts as kept, removed or added, in order.
  func edits() -> [Edit] {
    var head = 0
    while head < old.count && head < new.count && old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head && tail < new.count - head
      && old[old.count - 1 - tail] == new[new.count - 1 - tail]
    {
      tail += 1
    }
    var edits = (0..<head).map { Edit.keep($0, $0) }
    let oldMiddle = head..<(old.count - tail)
    let newMiddle = head..<(new.count - tail)
    edits += middle(oldMiddle, newMiddle)
    for offset in 0..<tail {
      edits.append(.keep(old.count - tail + offset, new.count - tail + offset))
    }
    return edits
  }

  /// Myers' shortest edit script between two ranges of lines, or a replacement of the whole
  /// range past `maximumEdits`.
  private func middle(_ a: Range<Int>, _ b: Range<Int>) -> [Edit] {
    let n = a.count
    let m = b.count
    let limit = min(n + m, Self.maximumEdits)
    let offset = limit + 1
    var frontier = [Int](repeating: 0, count: 2 * limit + 3)
    var trace: [[Int]] = []
    var found = -1
    search: for d in 0...limit {
      trace.append(Array(frontier[(offset - d)...(offset + d)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
          x = frontier[offset + k + 1]
        } else {
          x = frontier[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && old[a.lowerBound + x] == new[b.lowerBound + y] {
          x += 1
          y += 1
        }
        frontier[offset + k] = x
        if x >= n && y >= m {
          found = d
          break search
        }
      }
    }
    guard found >= 0 else {
      return a.map { Edit.remove($0) } + b.map { Edit.add($0) }
    }
    var script: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: found, to: 0, by: -1) {
      let previous = trace[d]
      let k = x - y
      let value = { (k: Int) in previous[k + d] }
      let down = k == -d || (k != d && value(k - 1) < value(k + 1))
      let previousK = down ? k + 1 : k - 1
      let previousX = value(previousK)
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        script.append(.keep(a.lowerBound + x, b.lowerBound + y))
      }
      if down {
        y -= 1
        script.append(.add(b.lowerBound + y))
      } else {
        x -= 1
        script.append(.remove(a.lowerBound + x))
      }
    }
    while x > 0 && y > 0 {
      x -= 1
      y -= 1
      script.append(.keep(a.lowerBound + x, b.lowerBound + y))
    }
    return script.reversed()
  }
}
