// The last step of formatting: indentation, alignment padding and line endings.

extension Printer {
  /// The printed lines as bytes: values padded to their group's widest `name:`, trailing
  /// comments two spaces after their group's widest code, each line ended in the file's style.
  ///
  /// Two passes over the lines: the first sums the output's size, the second writes it
  /// through a pointer into an array of exactly that size.
  func layout() -> [UInt8] {
    var heads = [Int32](repeating: 0, count: Int(groupCount))
    for line in lines where line.alignGroup >= 0 {
      heads[Int(line.alignGroup)] = max(heads[Int(line.alignGroup)], line.headWidth)
    }
    var columns = [Int32](repeating: 0, count: Int(groupCount))
    for line in lines where line.commentStart >= 0 && line.commentGroup >= 0 {
      let padding = line.alignGroup >= 0 ? heads[Int(line.alignGroup)] - line.headWidth : 0
      let width = line.indent + line.codeWidth + padding
      columns[Int(line.commentGroup)] = max(columns[Int(line.commentGroup)], width)
    }
    return heads.withUnsafeBufferPointer { heads in
      columns.withUnsafeBufferPointer { columns in
        let shapes = LineShapes(heads: heads, columns: columns)
        let ending = lineEnding.bytes
        var total = byteOrderMark ? 3 : 0
        for line in lines { total += shapes.size(of: line) + ending.count }
        return [UInt8](unsafeUninitializedCapacity: total) { bytes, initialized in
          initialized = emitLines(into: bytes, shapes: shapes, ending: ending)
        }
      }
    }
  }

  /// The blanks each line gets: padding after `name:`, the gap before a trailing comment.
  private struct LineShapes {
    let heads: UnsafeBufferPointer<Int32>
    let columns: UnsafeBufferPointer<Int32>

    func padding(_ line: Line) -> Int {
      line.alignGroup >= 0 ? Int(heads[Int(line.alignGroup)] - line.headWidth) : 0
    }

    /// Whether the line has neither code nor comment: it is printed as a bare line end.
    func isEmpty(_ line: Line) -> Bool {
      line.end <= line.start && line.commentStart < 0
    }

    /// Spaces between a line's code and its trailing comment.
    func commentGap(_ line: Line) -> Int {
      guard line.end > line.start else { return 0 }
      guard line.commentGroup >= 0 else { return 2 }
      let width = Int(line.indent + line.codeWidth) + padding(line)
      return max(2, Int(columns[Int(line.commentGroup)]) + 2 - width)
    }

    /// Bytes of a line without its line end.
    func size(of line: Line) -> Int {
      guard !isEmpty(line) else { return 0 }
      var size = Int(line.indent) + Int(line.end - line.start)
      if line.alignAt >= 0 { size += padding(line) }
      if line.commentStart >= 0 {
        size += commentGap(line) + Int(line.commentEnd - line.commentStart)
      }
      return size
    }
  }

  /// Writes the lines of `out` into `bytes`, padded and indented; returns the bytes written.
  private func emitLines(
    into bytes: UnsafeMutableBufferPointer<UInt8>, shapes: LineShapes, ending: [UInt8]
  ) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var cursor = base
    func copy(_ start: Int32, _ end: Int32) {
      let count = Int(end - start)
      guard count > 0 else { return }
      cursor.initialize(from: out + Int(start), count: count)
      cursor += count
    }
    func spaces(_ count: Int) {
      guard count > 0 else { return }
      cursor.initialize(repeating: Ascii.space, count: count)
      cursor += count
    }
    func lineEnd() {
      for byte in ending {
        cursor.initialize(to: byte)
        cursor += 1
      }
    }
    if byteOrderMark {
      for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
        cursor.initialize(to: byte)
        cursor += 1
      }
    }
    for line in lines {
      guard !shapes.isEmpty(line) else {
        lineEnd()
        continue
      }
      spaces(Int(line.indent))
      if line.alignAt >= 0 {
        copy(line.start, line.alignAt)
        spaces(shapes.padding(line))
        copy(line.alignAt, line.end)
      } else {
        copy(line.start, line.end)
      }
      if line.commentStart >= 0 {
        spaces(shapes.commentGap(line))
        copy(line.commentStart, line.commentEnd)
      }
      lineEnd()
    }
    return cursor - base
  }
}
