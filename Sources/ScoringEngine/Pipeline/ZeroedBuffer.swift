extension Array where Element == Double {
  /// Makes `buffer` `cells` zeros, keeping its storage: the running sums of a mean start
  /// each aggregate from zero without allocating again.
  static func zeroed(_ buffer: inout [Double], _ cells: Int) {
    if buffer.count == cells {
      buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    } else {
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: repeatElement(0, count: cells))
    }
  }
}
