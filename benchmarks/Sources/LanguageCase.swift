import Diagnostics
import IndexLanguage
import ScoringEngine

// The language case times the front end on a methodology far larger than any real one: about
// 50,000 lines, 10,000 indicators under 500 pillars and 20 dimensions, with doc comments,
// section comments and a few formulas, in a `MemoryFileSystem` next to a small CSV with one
// column per indicator. `compile` is the whole front end (read, parse, check, lower, load the
// data and check it against the plan); `Parser.parse` alone shows how much of it is syntax.

/// A synthetic methodology and its data, sized by the counts below.
struct SyntheticMethodology {
  var indicators = 10_000
  var pillars = 500
  var dimensions = 20
  var entities = 8
  var period = 2025

  func indicatorName(_ i: Int) -> String { "i" + zeroPadded(i + 1, 5) }
  func columnName(_ i: Int) -> String { "c" + zeroPadded(i + 1, 5) }
  func pillarName(_ p: Int) -> String { "p" + zeroPadded(p + 1, 4) }
  func dimensionName(_ d: Int) -> String { "D" + zeroPadded(d + 1, 2) }

  /// The methodology text.
  func text() -> String {
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
    let pillarsPerDimension = pillars / dimensions
    for d in 0..<dimensions {
      let members = (0..<pillarsPerDimension).map { pillarName(d * pillarsPerDimension + $0) }
      lines += [
        "", "// ── dimension \(d + 1) " + String(repeating: "─", count: 60),
        "/// Dimension \(d + 1): \(pillarsPerDimension) pillars with equal weights.",
        "dimension \(dimensionName(d)) \"Dimension \(d + 1)\" {", "  members {",
      ]
      lines += memberLines(members, perLine: 5) + ["  }", "}"]
    }
    let perPillar = indicators / pillars
    for p in 0..<pillars {
      let members = (0..<perPillar).map { indicatorName(p * perPillar + $0) }
      lines += [
        "", "// pillar \(p + 1): indicators \(p * perPillar + 1)–\((p + 1) * perPillar)",
        "// (one in ten is a formula, one in five is lower-is-better)",
        "dimension \(pillarName(p)) \"Pillar \(p + 1)\" {", "  members {",
      ]
      lines += memberLines(members, perLine: 10) + ["  }", "}"]
      for i in (p * perPillar)..<((p + 1) * perPillar) { lines += indicatorLines(i) }
    }
    return lines.joined(separator: "\n") + "\n"
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

  /// The data: one row per entity, one column per indicator, in the scored period.
  func csv() -> String {
    var text = "entity,year," + (0..<indicators).map(columnName).joined(separator: ",") + "\n"
    for e in 0..<entities {
      var random = SplitMix64.row(entity: e, period: period)
      var row = "E\(e + 1),\(period)"
      for _ in 0..<indicators {
        let value = random.next() % 100_000
        row += ",\(value / 100)." + zeroPadded(Int(value % 100), 2)
      }
      text += row + "\n"
    }
    return text
  }
}

/// Seconds after which a phase stops repeating: a front end slower than expected should still
/// give a figure in reasonable time.
private let budget = 20.0

/// Compiles the synthetic methodology: median of 5 after a warm-up, and the parser alone.
func languageCase(_ context: BenchContext) -> Bool {
  let methodology = SyntheticMethodology()
  let report = Report(caseName: "language", peaks: context.peaks)
  report.begin()
  let fileSystem = MemoryFileSystem()
  var text = ""
  var csv = ""
  let generated = timing {
    text = methodology.text()
    csv = methodology.csv()
  }
  let lineCount = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  let textBytes = text.utf8.count
  fileSystem.set("bench/synthetic.idx", text)
  fileSystem.set("bench/data.csv", csv)
  report.phase(
    "generate", generated,
    "\(lineCount) lines, \(megabytes(textBytes)); csv \(megabytes(csv.utf8.count))")

  report.begin()
  let file = SourceFile(path: "bench/synthetic.idx", text: text)
  var statements = 0
  var parseErrors = 0
  let parsed = timing(runs: 5, warmUps: 1, budget: budget) {
    let (syntax, diagnostics) = Parser.parse(file)
    statements = syntax.statements.count
    parseErrors = diagnostics.filter(\.isError).count
  }
  report.phase(
    "Parser.parse", parsed,
    "\(statements) statements, \(parseErrors) errors; \(parsed.wall.count) timed runs")

  report.begin()
  var compilation: Compilation?
  let compiled = timing(runs: 5, warmUps: 1, budget: budget) {
    compilation = compile(path: "bench/synthetic.idx", fileSystem: fileSystem)
  }
  let errors = compilation?.diagnostics.filter(\.isError) ?? []
  report.phase(
    "compile", compiled,
    "runnable: \(compilation?.isRunnable ?? false), \(errors.count) errors; "
      + "\(compiled.wall.count) timed runs")

  if let first = errors.first {
    report.note("first error: \(first.code) \(first.message)")
  }
  if statements == 0 {
    report.note("Parser.parse returned no statements: this build has the parser stub, so")
    report.note("there is nothing to measure yet; rerun after the parser is merged")
    report.note("target compile ≥ 1 M lines/s: not measured (parser stub)")
    return true
  }
  let lines = Double(lineCount)
  report.figure("parse: lines per second", format(lines / parsed.median / 1e6, 2) + " M lines/s")
  report.figure(
    "parse: bytes per second", format(Double(textBytes) / parsed.median / 1e6, 1) + " MB/s")
  report.figure(
    "compile: lines per second", format(lines / compiled.median / 1e6, 2) + " M lines/s")
  report.target(
    "compile (parse + check + lower + data)", measured: lines / compiled.median / 1e6,
    target: 1, unit: "M lines/s", higherIsBetter: true, digits: 2)
  return true
}
