// The last step of formatting: indentation, alignment padding and line endings.

extension Printer {
  /// The printed lines as bytes: values padded to their group's widest `name:`, trailing
  /// comments two spaces after their group's widest code, each line ended in the file's style.
  func layout() -> [UInt8] {
    var heads = [Int32](repeating: 0, count: Int(groupCount))
    for line in lines where line.alignGroup >= 0 {
      heads[Int(line.alignGroup)] = max(heads[Int(line.alignGroup)], line.headWidth)
    }
    func padding(_ line: Line) -> Int32 {
      line.alignGroup >= 0 ? heads[Int(line.alignGroup)] - line.headWidth : 0
    }
    var columns = [Int32](repeating: 0, count: Int(groupCount))
    for line in lines where line.commentStart >= 0 && line.commentGroup >= 0 {
      let width = line.indent + line.codeWidth + padding(line)
      columns[Int(line.commentGroup)] = max(columns[Int(line.commentGroup)], width)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(out.count + out.count / 4)
    out.withUnsafeBufferPointer { out in
      emitLines(into: &bytes, from: out, padding: padding, columns: columns)
    }
    return bytes
  }

  /// The lines of `out` into `bytes`, padded and indented.
  private func emitLines(
    into bytes: inout [UInt8], from out: UnsafeBufferPointer<UInt8>, padding: (Line) -> Int32,
    columns: [Int32]
  ) {
    func copy(_ start: Int, _ end: Int) {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: out[start..<end]))
    }
    if byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
    let ending = lineEnding.bytes
    for line in lines {
      let start = Int(line.start)
      let end = Int(line.end)
      let hasComment = line.commentStart >= 0
      guard end > start || hasComment else {
        bytes += ending
        continue
      }
      bytes.append(contentsOf: repeatElement(Ascii.space, count: Int(line.indent)))
      if line.alignAt >= 0 {
        copy(start, Int(line.alignAt))
        bytes.append(contentsOf: repeatElement(Ascii.space, count: Int(padding(line))))
        copy(Int(line.alignAt), end)
      } else {
        copy(start, end)
      }
      if hasComment {
        var gap: Int32 = end > start ? 2 : 0
        if line.commentGroup >= 0 && end > start {
          let width = line.indent + line.codeWidth + padding(line)
          gap = max(2, columns[Int(line.commentGroup)] + 2 - width)
        }
        bytes.append(contentsOf: repeatElement(Ascii.space, count: Int(gap)))
        copy(Int(line.commentStart), Int(line.commentEnd))
      }
      bytes += ending
    }
  }
}
