import ScoringEngine

// Synthetic data must be the same on every run and every machine, so that figures taken on
// different days compare like with like. Every value comes from SplitMix64 seeded by where the
// value sits (entity, period), never from the system's random source.

extension SplitMix64 {
  /// A generator for one row of data, independent of every other row, so any row of
  /// synthetic data can be regenerated from its coordinates.
  static func row(entity: Int, period: Int) -> SplitMix64 {
    SplitMix64(seed: 0x1D8 &* 1_000_003 &+ UInt64(entity) &* 7919 &+ UInt64(period))
  }
}

/// The shape of a synthetic dataset and of the tree that scores it.
struct SyntheticShape {
  var entities: Int
  var periods: Int
  var indicators: Int
  /// Node counts of each aggregate level below the root, leaves first: `[100, 10]`.
  var levels: [Int]
  /// One cell in `missingEvery` is missing (0: none).
  var missingEvery: UInt64

  var cells: Int { entities * periods * indicators }
  var firstPeriod: Int { 2011 }

  func entityCode(_ e: Int) -> String { "E" + zeroPadded(e + 1, 5) }
  func variableName(_ i: Int) -> String { "i" + zeroPadded(i + 1, 4) }

  /// One cell as thousandths: indicators cycle through magnitudes (0–9.999 up to
  /// 0–99999.999) so number parsing sees short and long fields alike; nil is a missing cell.
  static func cell(_ random: inout SplitMix64, indicator: Int, missingEvery: UInt64) -> Int? {
    let bits = random.next()
    if missingEvery > 0 && bits % missingEvery == 0 { return nil }
    var limit = 10_000
    for _ in 0..<(indicator % 5) { limit *= 10 }
    return Int((bits >> 16) % UInt64(limit))
  }

  /// The whole dataset as a table, built in memory (no CSV).
  func table() -> DataTable {
    var columns = [[Double]](
      repeating: [Double](repeating: 0, count: entities * periods), count: indicators)
    for p in 0..<periods {
      for e in 0..<entities {
        var random = SplitMix64.row(entity: e, period: p)
        for i in 0..<indicators {
          let thousandths = Self.cell(&random, indicator: i, missingEvery: missingEvery)
          columns[i][p * entities + e] = thousandths.map { Double($0) / 1000 } ?? .nan
        }
      }
    }
    return DataTable(
      entities: (0..<entities).map { Entity(code: entityCode($0)) },
      periods: (0..<periods).map { firstPeriod + $0 },
      variables: (0..<indicators).map(variableName), columns: columns)
  }

  /// The scoring tree: min-max 0..100 on every indicator (one in five lower-is-better), then
  /// arithmetic means with equal weights up each level to the index.
  ///
  /// `prefix` qualifies the column names the way a merged table does (`d.`), or is empty.
  func plan(prefix: String) -> Plan {
    var nodes: [Plan.Node] = []
    for i in 0..<indicators {
      let indicator = Plan.Indicator(
        source: .formula(.variable(prefix + variableName(i))),
        direction: i % 5 == 4 ? .lower : .higher, normalizer: .minmax100)
      nodes.append(Plan.Node(name: variableName(i), kind: .indicator(indicator)))
    }
    var below = 0..<indicators
    for (depth, count) in (levels + [1]).enumerated() {
      let start = nodes.count
      let perNode = below.count / count
      for n in 0..<count {
        let first = below.lowerBound + n * perNode
        let last = n == count - 1 ? below.upperBound : first + perNode
        let members = (first..<last).map { Plan.Member(node: $0) }
        let name = depth == levels.count ? "index" : "L\(depth + 1)_" + zeroPadded(n + 1, 4)
        nodes.append(Plan.Node(name: name, kind: .aggregate(Plan.Aggregate(members: members))))
      }
      below = start..<nodes.count
    }
    return Plan(name: "synthetic", nodes: nodes, root: nodes.count - 1)
  }
}

/// A non-negative integer with leading zeros to at least `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
  let digits = String(value)
  return digits.count >= width
    ? digits : String(repeating: "0", count: width - digits.count) + digits
}
