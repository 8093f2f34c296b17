import Diagnostics
import IndexLanguage

// The text case times what a hostile or broken file can make the front end do with many
// diagnostics on one long line: a methodology line of N invalid characters (N E0103s on line
// 1), and a CSV header of N unnamed columns (N W0403s on line 1), each compiled and rendered
// as `idx check --format json` and as text does. Both used to cost time quadratic in N, because
// every column was counted from the start of the line; the figure to read is the time per
// diagnostic, which stays flat as N doubles when the cost is linear.

/// One size of the two inputs: the methodology text and the files a compile reads.
private struct LongLineInput {
  let name: String
  let files: MemoryFileSystem

  static func invalidCharacters(_ count: Int) -> LongLineInput {
    let files = MemoryFileSystem()
    files.set("bench/line.idx", String(repeating: "§ ", count: count) + "\n")
    return LongLineInput(name: "line.idx", files: files)
  }

  static func unnamedColumns(_ count: Int) -> LongLineInput {
    let files = MemoryFileSystem()
    files.set(
      "bench/headers.idx",
      """
      index i { period: 2025, members { x } }
      data d = csv("headers.csv") { key: code, period: year }
      indicator x { value: d.v, normalize: minmax }
      """)
    let commas = String(repeating: ",", count: count)
    files.set("bench/headers.csv", "code,year,v\(commas)\nA,2025,1\(commas)\nB,2025,2\(commas)\n")
    return LongLineInput(name: "headers.idx", files: files)
  }
}

/// Compiles and renders each input at four sizes: median of 3.
func textCase(_ context: BenchContext) -> Bool {
  let report = Report(caseName: "text", peaks: context.peaks)
  var perDiagnostic: [String: [Double]] = [:]
  for count in [20_000, 40_000, 80_000, 160_000] {
    for input in [LongLineInput.invalidCharacters(count), .unnamedColumns(count)] {
      report.begin()
      var diagnostics = 0
      var jsonBytes = 0
      var textBytes = 0
      let timed = timing(runs: 3, budget: 60) {
        let compilation = compile(path: "bench/" + input.name, fileSystem: input.files)
        diagnostics = compilation.diagnostics.count
        jsonBytes = compilation.diagnostics.map(\.json).joined(separator: ",\n").utf8.count
        textBytes = DiagnosticRenderer().render(compilation.diagnostics).utf8.count
      }
      report.phase(
        "\(input.name.dropLast(4)) \(count / 1000)k", timed,
        "\(diagnostics) diagnostics; json \(megabytes(jsonBytes)), text \(textBytes) bytes")
      perDiagnostic[String(input.name.dropLast(4)), default: []].append(
        timed.median / Double(max(1, diagnostics)))
    }
  }
  for (name, times) in perDiagnostic.sorted(by: { $0.key < $1.key }) {
    let shown = times.map { format($0 * 1e6, 2) }.joined(separator: ", ")
    report.figure("\(name): µs per diagnostic at 20k/40k/80k/160k", shown)
  }
  return true
}
