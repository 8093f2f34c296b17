/// Which stages a rescoring actually reran, read from the results themselves.
///
/// A `Rescorer` shares the arrays of every node it does not rerun with the results it started
/// from; a node it reruns gets new ones. So whether a node's scores are the same storage as
/// before tells, from outside the engine, whether it was recomputed: the benchmark prints it
/// beside a weight edit and a normalizer edit, and a test holds that a weight edit
/// normalizes nothing again.
extension Results {
  /// The nodes whose scores were computed anew rather than shared with `previous`, split into
  /// indicators (normalized again) and aggregates (aggregated again), in plan order.
  public func recomputed(since previous: Results) -> (indicators: [Int], aggregates: [Int]) {
    var indicators: [Int] = []
    var aggregates: [Int] = []
    for (index, (now, was)) in zip(nodes, previous.nodes).enumerated()
    where !Self.sameStorage(now.score, was.score) {
      if plan.nodes.indices.contains(index), plan.nodes[index].aggregate != nil {
        aggregates.append(index)
      } else {
        indicators.append(index)
      }
    }
    return (indicators, aggregates)
  }

  /// Whether two score columns are one buffer read the same way (not merely equal values).
  static func sameStorage(_ a: ScoreColumn, _ b: ScoreColumn) -> Bool {
    ScoreColumn.sameStorage(a, b)
  }

  /// Whether two arrays are one buffer (not merely equal values).
  static func sameStorage(_ a: [Double], _ b: [Double]) -> Bool {
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count }
    }
  }
}
