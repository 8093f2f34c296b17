import Foundation
import Glibc
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexCLI

/// The streamed `idx run` outputs against the straightforward `String`-building ones they
/// replaced (`StraightforwardResults`, kept here as the reference), on every bundled
/// methodology and every period (the HDI panel's 33 years included), at several depths; and
/// through a small buffer to a file descriptor, so that flushing in the middle of a number or
/// a name cannot change a byte.
@Suite struct StreamingOutputTests {
  static let methodologies = [
    "ai-2024", "ai-capability", "ai-geometric", "ai-per-capita", "ai-soft", "asem", "hdi",
    "hdi-trend",
  ]

  /// A bundled methodology, compiled and run, and reports of all its periods.
  static func reports(_ name: String) throws -> [ResultsReport] {
    let context = CLI.Context(
      fileSystem: RootedFileSystem(root: CLITests.root.path), color: false)
    let (compilation, _) = Frontend(context: context).compile("methodologies/\(name).idx")
    let plan = try #require(compilation.plan)
    let table = try #require(compilation.table)
    let results = ScoringEngine.run(plan, on: table)
    return [
      ResultsReport(results: results, periods: results.periods, depth: nil, top: nil),
      ResultsReport(results: results, periods: results.periods, depth: 1, top: nil),
      ResultsReport(results: results, periods: [results.periods.last ?? 0], depth: 2, top: 7),
      ResultsReport(results: results, periods: results.periods, depth: 0, top: 3),
    ]
  }

  @Test(arguments: methodologies)
  func streamedBytesEqualTheStraightforwardOnes(name: String) throws {
    for report in try Self.reports(name) {
      let reference = StraightforwardResults(report: report)
      #expect(Self.text(report, .csv) == reference.csv(), "\(name) csv")
      #expect(Self.text(report, .json) == reference.json(), "\(name) json")
      #expect(Self.text(report, .md) == reference.markdown(), "\(name) md")
    }
  }

  /// The largest output (every period of the HDI panel as JSON, 1.5 MB) through a 64-byte
  /// buffer into a file: hundreds of thousands of flushes, the same bytes.
  @Test func smallBuffersToADescriptorGiveTheSameBytes() throws {
    let report = try #require(Self.reports("hdi-trend").first)
    let reference = StraightforwardResults(report: report)
    for (format, expected) in [(OutputFormat.json, reference.json()), (.csv, reference.csv())] {
      #expect(try Self.writtenToAFile(report, format, test: "stream") == expected, "\(format)")
    }
  }

  /// What the report streams through a 64-byte buffer into a file named after `test` (tests
  /// run in parallel).
  static func writtenToAFile(
    _ report: ResultsReport, _ format: OutputFormat, test: String
  ) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("idx-\(test)-\(getpid())-\(format.rawValue)").path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    try #require(descriptor >= 0)
    var buffer = OutputBuffer(.descriptor(descriptor), capacity: 64)
    try #require(report.stream(format)).write(&buffer)
    #expect(buffer.finish() == .written)
    close(descriptor)
    defer { unlink(path) }
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  /// The report of every period of a methodology `text` (`m.idx`) on the data file `csv`
  /// (`s.csv`), compiled in memory and run.
  static func report(_ text: String, csv: String) throws -> ResultsReport {
    let files = MemoryFileSystem(["m.idx": text, "s.csv": csv + "\n"])
    let context = CLI.Context(fileSystem: files, color: false)
    let (compilation, rendered) = Frontend(context: context).compile("m.idx")
    let plan = try #require(compilation.plan, "\(rendered)")
    let table = try #require(compilation.table)
    let results = ScoringEngine.run(plan, on: table)
    return ResultsReport(results: results, periods: results.periods, depth: nil, top: nil)
  }

  /// Node names longer than a 64-byte buffer holds with a number: JSON members then go one by
  /// one through `append` instead of in one reservation per row, with the same bytes, and so
  /// do CSV rows, missing cells included.
  @Test func keysLongerThanTheBuffer() throws {
    let long = String(repeating: "a_rather_long_name_", count: 4)
    let text = """
      index t {
        members { \(long)x, short }
      }
      data s = csv("s.csv") { key: code }
      indicator \(long)x { value: s.x, normalize: minmax }
      indicator short { value: s.y, normalize: minmax }
      """
    let rows = (0..<40).map { "E\($0),\(Double($0) / 7),\($0 % 5 == 0 ? "" : String($0 * 3))" }
    var report = try Self.report(text, csv: "code,x,y\n" + rows.joined(separator: "\n"))
    let reference = StraightforwardResults(report: report)
    #expect(reference.json().contains("null"))
    for threads in [1, 2] {
      report.threads = threads
      report.valuesPerBlock = 9
      for (format, expected) in [(OutputFormat.json, reference.json()), (.csv, reference.csv())] {
        let written = try Self.writtenToAFile(report, format, test: "long-keys-\(threads)")
        #expect(written == expected, "\(format), \(threads) threads")
        #expect(Self.text(report, format) == expected, "\(format) in memory")
      }
    }
  }

  /// Names that need quoting, escaping or both, and missing cells.
  @Test func awkwardNamesAndMissingCells() throws {
    let text = """
      index t {
        members { a, d }
      }
      data s = csv("s.csv") { key: code, names: name }
      indicator a { value: s.x, normalize: minmax }
      dimension d {
        members { c }
      }
      indicator c { value: s.y, normalize: minmax }
      """
    let csv = """
      code,name,x,y
      A,"Comma, Inc.",1,2
      "B""q",Pipe | bar,2,
      C,"Esc \u{1B}[31m red",3,3
      Dé,"line\u{2028}sep",4,1e-7
      """
    let report = try Self.report(text, csv: csv)
    let reference = StraightforwardResults(report: report)
    let streamed = Self.text(report, .csv)
    #expect(streamed == reference.csv())
    #expect(streamed.contains("\"B\"\"q\""))
    #expect(streamed.contains(",,"), "a missing cell is an empty field")
    #expect(Self.text(report, .json) == reference.json())
    #expect(Self.text(report, .json).contains("null"))
    #expect(Self.text(report, .md) == reference.markdown())
    #expect(Self.text(report, .md).contains("Pipe \\| bar"))
  }

  /// A write that fails is kept, and nothing after it is written.
  @Test func aFailedWriteIsReportedOnce() throws {
    let descriptor = open("/dev/full", O_WRONLY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var buffer = OutputBuffer(.descriptor(descriptor), capacity: 64)
    for _ in 0..<100 { buffer.append("0123456789") }
    #expect(buffer.result != .written)
    guard case .failed(let reason) = buffer.finish() else {
      Issue.record("a write to /dev/full must fail")
      return
    }
    #expect(reason.contains("space"))
  }

  /// A reader that goes away (`idx run … | head`) stops the output quietly.
  @Test func aClosedPipeStopsQuietly() throws {
    signal(SIGPIPE, SIG_IGN)  // as the executable does
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    close(ends[0])
    defer { close(ends[1]) }
    var buffer = OutputBuffer(.descriptor(ends[1]), capacity: 64)
    for _ in 0..<100 { buffer.append("0123456789") }
    #expect(buffer.finish() == .closedPipe)
  }

  static func text(_ report: ResultsReport, _ format: OutputFormat) -> String {
    report.stream(format)?.text() ?? ""
  }
}
