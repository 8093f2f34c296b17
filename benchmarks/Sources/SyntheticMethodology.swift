import ScoringEngine

// The methodology of the language, fmt, editor and memory cases: far larger than any real one,
// with doc comments, section comments and a few formulas. It is written in pieces, one
// dimension or pillar at a time, so that the memory case can stream hundreds of megabytes of it
// to a file without holding the text; `text()` joins the same pieces, byte for byte.

/// A synthetic methodology and its data, sized by the counts below.
struct SyntheticMethodology {
  var indicators = 10_000
  var pillars = 500
  var dimensions = 20
  var entities = 8
  var period = 2025
  /// Distinct data columns the indicators read (indicator `i` reads column `i % columns`);
  /// nil: one column per indicator.
  var columns: Int? = nil

  /// A methodology of about `bytes` bytes, 20 indicators a pillar, 20 dimensions, and
  /// `columns` data columns shared by the indicators (so the data stays small).
  static func sized(bytes: Int, columns: Int) -> SyntheticMethodology {
    // The 10,000-indicator text takes about 152 bytes per indicator, pillars included.
    let indicators = max(400, bytes / 152 / 400 * 400)
    return SyntheticMethodology(
      indicators: indicators, pillars: indicators / 20, dimensions: 20,
      columns: min(columns, indicators))
  }

  var columnCount: Int { columns ?? indicators }

  func indicatorName(_ i: Int) -> String { "i" + zeroPadded(i + 1, 5) }
  func columnName(_ i: Int) -> String { "c" + zeroPadded(i % columnCount + 1, 5) }
  func pillarName(_ p: Int) -> String { "p" + zeroPadded(p + 1, 4) }
  func dimensionName(_ d: Int) -> String { "D" + zeroPadded(d + 1, 2) }

  /// The methodology text.
  func text() -> String {
    var text = ""
    write { text += $0 }
    return text
  }

  /// Hands the methodology text to `sink` in pieces of a few kilobytes, in order.
  func write(_ sink: (String) -> Void) {
    var lines: [String] = [
      "// A synthetic methodology for the language benchmark (benchmarks/Sources).",
      "// \(indicators) indicators → \(pillars) pillars → \(dimensions) dimensions → index.",
      "",
      "/// Synthetic index: every indicator min-max onto 0..100, arithmetic means above.",
      "index synthetic \"Synthetic benchmark index\" {",
      "  version:   \"2026.1\"",
      "  period:    \(period)",
      "  aggregate: arithmetic",
      "  members {",
    ]
    lines += memberLines((0..<dimensions).map(dimensionName), perLine: 10)
    lines += [
      "  }", "}", "", "/// One row per entity, one column per indicator.",
      "data d = csv(\"data.csv\") {", "  key:    entity", "  period: year", "}",
    ]
    sink(lines.joined(separator: "\n"))
    let pillarsPerDimension = pillars / dimensions
    for d in 0..<dimensions {
      let members = (0..<pillarsPerDimension).map { pillarName(d * pillarsPerDimension + $0) }
      lines = [
        "", "// ── dimension \(d + 1) " + String(repeating: "─", count: 60),
        "/// Dimension \(d + 1): \(pillarsPerDimension) pillars with equal weights.",
        "dimension \(dimensionName(d)) \"Dimension \(d + 1)\" {", "  members {",
      ]
      lines += memberLines(members, perLine: 5) + ["  }", "}"]
      sink("\n" + lines.joined(separator: "\n"))
    }
    let perPillar = indicators / pillars
    for p in 0..<pillars {
      let members = (0..<perPillar).map { indicatorName(p * perPillar + $0) }
      lines = [
        "", "// pillar \(p + 1): indicators \(p * perPillar + 1)–\((p + 1) * perPillar)",
        "// (one in ten is a formula, one in five is lower-is-better)",
        "dimension \(pillarName(p)) \"Pillar \(p + 1)\" {", "  members {",
      ]
      lines += memberLines(members, perLine: 10) + ["  }", "}"]
      for i in (p * perPillar)..<((p + 1) * perPillar) { lines += indicatorLines(i) }
      sink("\n" + lines.joined(separator: "\n"))
    }
    sink("\n")
  }

  /// One indicator: a doc comment on about half, a formula on every tenth, one in five lower.
  private func indicatorLines(_ i: Int) -> [String] {
    var lines: [String] = []
    if i % 2 == 0 || i % 40 == 1 {
      lines.append("/// Synthetic indicator \(i + 1), from column \(columnName(i)).")
    }
    lines.append("indicator \(indicatorName(i)) \"Indicator \(i + 1)\" {")
    let column = "d." + columnName(i)
    lines.append("  value:     " + (i % 10 == 9 ? "log(\(column) + 1) * 10" : column))
    lines.append(
      "  direction: \(i % 5 == 4 ? "lower" : "higher"), normalize: minmax(0, 100)")
    lines.append("}")
    return lines
  }

  /// A members list, indented, a few names a line.
  private func memberLines(_ names: [String], perLine: Int) -> [String] {
    stride(from: 0, to: names.count, by: perLine).map { start in
      "    " + names[start..<min(start + perLine, names.count)].joined(separator: ", ")
    }
  }

  /// The data: one row per entity, one column per data column, in the scored period.
  func csv() -> String {
    var text = "entity,year," + (0..<columnCount).map(columnName).joined(separator: ",") + "\n"
    for e in 0..<entities {
      var random = SplitMix64.row(entity: e, period: period)
      var row = "E\(e + 1),\(period)"
      for _ in 0..<columnCount {
        let value = random.next() % 100_000
        row += ",\(value / 100)." + zeroPadded(Int(value % 100), 2)
      }
      text += row + "\n"
    }
    return text
  }
}
