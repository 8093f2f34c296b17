import Diagnostics
import IndexImport
import IndexLanguage
import ScoringEngine

// The import case times `idx import coinr` on COINr tables the size of a big real index (the
// Global Innovation Index has 80 indicators; this has 500): an iMeta of 500 indicators → 50
// pillars → 5 dimensions → the index, with denominators and groups, and an iData of 200
// units; then `compile` of the methodology it writes (what `idx check` does), in a
// `MemoryFileSystem` so that disk speed does not count.

/// Synthetic COINr tables: iMeta and iData as CSV text.
struct SyntheticCOINrTables {
  var indicators = 500
  var pillars = 50
  var dimensions = 5
  var units = 200
  var period = 2024

  func iMeta() -> String {
    var lines = ["Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type"]
    let perPillar = indicators / pillars
    for i in 0..<indicators {
      let direction = i % 5 == 4 ? "-1" : "1"
      let denominator = i % 7 == 0 ? "Population" : ""
      lines.append(
        "1,i\(i + 1),\"Indicator \(i + 1), synthetic\",\(direction),1,Score,\(100 + i),"
          + "\(denominator),p\(i / perPillar + 1),Indicator")
    }
    let perDimension = pillars / dimensions
    for p in 0..<pillars {
      lines.append(
        "2,p\(p + 1),Pillar \(p + 1),1,\(p % 3 + 1),Score,,,D\(p / perDimension + 1),Aggregate")
    }
    for d in 0..<dimensions {
      lines.append("3,D\(d + 1),Dimension \(d + 1),1,1,Score,,,Index,Aggregate")
    }
    lines.append("4,Index,Synthetic index,1,1,Score,,,,Aggregate")
    lines.append(",Region_group,Region,,,,,,,Group")
    lines.append(",Population,Population,,,Thousands,,,,Denominator")
    return lines.joined(separator: "\n") + "\n"
  }

  func iData() -> String {
    let header =
      ["uCode", "uName", "Region_group", "Time", "Population"]
      + (0..<indicators).map { "i\($0 + 1)" }
    var text = header.joined(separator: ",") + "\n"
    for u in 0..<units {
      var random = SplitMix64.row(entity: u, period: period)
      var row = "U\(u + 1),Unit \(u + 1),R\(u % 4 + 1),\(period),\(1000 + random.next() % 100_000)"
      for _ in 0..<indicators { row += ",\(random.next() % 10_000)" }
      text += row + "\n"
    }
    return text
  }
}

/// Imports the synthetic tables and checks the result: median of 11 after a warm-up.
func importCase(_ context: BenchContext) -> Bool {
  let tables = SyntheticCOINrTables()
  let report = Report(caseName: "import", peaks: context.peaks)
  let meta = tables.iMeta()
  let data = tables.iData()
  let metaFile = SourceFile(path: "bench/iMeta.csv", text: meta)
  let dataFile = SourceFile(path: "bench/iData.csv", text: data)
  report.begin()
  var text = ""
  var importErrors = 0
  let imported = timing(runs: 11, warmUps: 1) {
    let outcome = COINrImport.methodology(iData: dataFile, iMeta: metaFile, dataPath: "iData.csv")
    text = outcome.text ?? ""
    importErrors = outcome.diagnostics.filter(\.isError).count
  }
  let lineCount = text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  report.phase(
    "import", imported,
    "iMeta \(megabytes(meta.utf8.count)), iData \(megabytes(data.utf8.count)) → "
      + "\(lineCount) lines, \(importErrors) errors")
  guard !text.isEmpty else {
    report.note("the import failed: nothing to check")
    return false
  }
  let fileSystem = MemoryFileSystem(["bench/official.idx": text, "bench/iData.csv": data])
  report.begin()
  var errors = 0
  let checked = timing(runs: 11, warmUps: 1) {
    let compilation = compile(path: "bench/official.idx", fileSystem: fileSystem)
    errors = compilation.diagnostics.filter(\.isError).count + (compilation.isRunnable ? 0 : 1)
  }
  report.phase("check", checked, "\(errors) errors")
  report.target(
    "import + check of 500 indicators", measured: (imported.median + checked.median) * 1000,
    target: 500, unit: "ms", higherIsBetter: false)
  let tableErrors = tableCase(tables, meta: meta, data: data, report: report)
  return errors == 0 && importErrors == 0 && tableErrors == 0
}

/// Times `idx check` of the same iMeta read directly by `indicators from csv(…)`.
///
/// The structure above the indicators is written in the `.idx`, the 500 indicator rows come
/// from the table; median of 11 after a warm-up. Returns the number of errors.
private func tableCase(
  _ tables: SyntheticCOINrTables, meta: String, data: String, report: Report
) -> Int {
  let fileSystem = MemoryFileSystem([
    "bench/table.idx": tables.tableMethodology(), "bench/iMeta.csv": meta,
    "bench/iData.csv": data,
  ])
  report.begin()
  var errors = 0
  let checked = timing(runs: 11, warmUps: 1) {
    let compilation = compile(path: "bench/table.idx", fileSystem: fileSystem)
    errors = compilation.diagnostics.filter(\.isError).count + (compilation.isRunnable ? 0 : 1)
    if compilation.plan?.nodes.count != tables.indicators + tables.pillars + tables.dimensions + 1 {
      errors += 1
    }
  }
  report.phase("table", checked, "\(tables.indicators) rows of iMeta, \(errors) errors")
  report.target(
    "check of a 500-indicator metadata table", measured: checked.median * 1000, target: 500,
    unit: "ms", higherIsBetter: false)
  return errors
}

extension SyntheticCOINrTables {
  /// The index, dimensions and pillars of `iMeta()` written out, its indicators from the table.
  func tableMethodology() -> String {
    let perDimension = pillars / dimensions
    var text = """
      index Index "Synthetic index" {
        period:    \(period)
        normalize: minmax(0, 100)
        members { \((0..<dimensions).map { "D\($0 + 1)" }.joined(separator: ", ")) }
      }
      data coinr = csv("iData.csv") { key: uCode, names: uName, period: Time, group: Region_group }

      """
    for d in 0..<dimensions {
      let members = (0..<perDimension).map { offset -> String in
        let p = d * perDimension + offset
        return "p\(p + 1): \(p % 3 + 1)"
      }
      text += "dimension D\(d + 1) \"Dimension \(d + 1)\" { members { "
      text += members.joined(separator: ", ") + " } }\n"
    }
    for p in 0..<pillars { text += "dimension p\(p + 1) \"Pillar \(p + 1)\"\n" }
    text += """
      indicators from csv("iMeta.csv") {
        code: iCode, label: iName, value: coinr.iCode, denominator: Denominator
        direction: Direction, parent: Parent, weight: Weight, target: Target, unit: Unit
        type: Type
      }

      """
    return text
  }
}
