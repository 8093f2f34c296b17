/// The positions of the present values of `x`, in ascending order of value (ties by position),
/// so several statistics of one column (ranks, the correlation ratio's sort) share one sort.
///
/// NaN values are left out. The comparison reads the values through an unsafe buffer: this
/// sort runs once per node and column in an audit, and bounds checks in the comparator were
/// most of its cost.
public func ascendingOrder(_ x: [Double]) -> [Int] {
  var order: [Int] = []
  order.reserveCapacity(x.count)
  for i in x.indices where !x[i].isNaN { order.append(i) }
  x.withUnsafeBufferPointer { values in
    order.sort { a, b in
      let (va, vb) = (values[a], values[b])
      return va < vb || (va == vb && a < b)
    }
  }
  return order
}
