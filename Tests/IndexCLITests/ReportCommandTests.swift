import IndexCLI
import IndexLanguage
import Synchronization
import Testing

/// `idx report`: where the page goes, how it is written, and what is refused.
@Suite struct ReportCommandTests {
  /// Files in memory that remember every atomic write, and can be told to fail writing.
  final class RecordingFileSystem: FileSystem, Sendable {
    let files: MemoryFileSystem
    let failWrites: Bool
    private let writes = Mutex<[String]>([])

    init(_ files: [String: String], failWrites: Bool = false) {
      self.files = MemoryFileSystem(files)
      self.failWrites = failWrites
    }

    var written: [String] { writes.withLock { $0 } }

    func read(_ path: String) throws(FileError) -> [UInt8] {
      try files.read(path)
    }

    func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
      if failWrites { throw FileError(path: path, reason: "read-only file system") }
      writes.withLock { $0.append(path) }
      try files.writeAtomically(path, bytes: bytes)
    }
  }

  static let sources = [
    "m.idx": """
    /// A two-period test index.
    index t "Test" {
      period: [2024, 2025]
      normalize: minmax(0, 100)
      members { a: 70%, b: 30% }
    }
    data s = csv("s.csv") { key: code, period: year }
    indicator a { value: s.x }
    indicator b { value: s.y }
    """,
    "s.csv":
      "code,year,x,y\nA,2024,1,2\nB,2024,2,4\nC,2024,3,3\nA,2025,2,2\nB,2025,1,5\nC,2025,4,4\n",
    "bad.idx": "index t { members { nothing } }\n",
    "fork.idx": """
    extends "m.idx"
    index fork "Fork" { }
    weights { a: 40%, rest: pro_rata } because "test"
    """,
  ]

  static func idx(_ files: RecordingFileSystem, _ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  static func text(_ files: RecordingFileSystem, _ path: String) -> String? {
    (try? files.read(path)).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func writesThePageAtomicallyWhereAsked() {
    let files = RecordingFileSystem(Self.sources)
    let outcome = Self.idx(files, "report", "m.idx", "-o", "out/r.html")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(files.written == ["out/r.html"])
    #expect(outcome.stdout.hasPrefix("wrote out/r.html ("))
    #expect(outcome.stdout.contains("weights, ranking, framework"))
    let page = Self.text(files, "out/r.html") ?? ""
    #expect(page.hasPrefix("<!doctype html>"))
    #expect(page.hasSuffix("</html>\n"))
    #expect(page.contains("<h1>Test</h1>"))
  }

  @Test func defaultNameIsTheMethodologysStem() {
    let files = RecordingFileSystem(Self.sources)
    let outcome = Self.idx(files, "report", "m.idx")
    #expect(outcome.code == 0)
    #expect(files.written == ["m-report.html"])
  }

  @Test func dashWritesToStandardOutput() {
    let files = RecordingFileSystem(Self.sources)
    let outcome = Self.idx(files, "report", "m.idx", "--output", "-")
    #expect(outcome.code == 0)
    #expect(files.written.isEmpty)
    #expect(outcome.stdout.hasPrefix("<!doctype html>"))
  }

  @Test func everyPeriodAddsTheTimeline() {
    let files = RecordingFileSystem(Self.sources)
    let latest = Self.idx(files, "report", "m.idx", "-o", "-")
    let all = Self.idx(files, "report", "m.idx", "--period", "all", "-o", "a.html")
    #expect(!latest.stdout.contains("id=\"panel-timeline\""))
    #expect(all.stdout.contains("over time"))
    #expect(Self.text(files, "a.html")?.contains("id=\"panel-timeline\"") == true)
  }

  /// `--vs` adds the comparison panel; an other file that does not score writes nothing.
  @Test func comparisonAddsItsPanel() {
    let files = RecordingFileSystem(Self.sources)
    let outcome = Self.idx(files, "report", "m.idx", "--vs", "fork.idx", "-o", "c.html")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("comparison with another methodology"))
    let page = Self.text(files, "c.html") ?? ""
    #expect(page.contains("id=\"comparison-slope\""))
    #expect(page.contains("A&#58; m.idx, 2025 · B&#58; fork.idx, 2025"))
    #expect(!Self.idx(files, "report", "m.idx", "-o", "-").stdout.contains("panel-comparison"))
    let bad = RecordingFileSystem(Self.sources)
    #expect(Self.idx(bad, "report", "m.idx", "--vs", "bad.idx").code == 1)
    #expect(Self.idx(bad, "report", "m.idx", "--vs", "missing.idx").code == 2)
    #expect(Self.idx(bad, "report", "m.idx", "--vs", "").code == 2)
    #expect(bad.written.isEmpty)
  }

  @Test func usageAndInputErrors() {
    let files = RecordingFileSystem(Self.sources)
    #expect(Self.idx(files, "report").code == 2)
    #expect(Self.idx(files, "report", "m.idx", "--period", "1900").stderr.contains("not scored"))
    #expect(Self.idx(files, "report", "m.idx", "--colour").stderr.contains("unknown option"))
    #expect(Self.idx(files, "report", "missing.idx").code == 2)
    #expect(Self.idx(files, "report", "bad.idx").code == 1)
    #expect(files.written.isEmpty)
  }

  @Test func aFailedWriteIsAnIOError() {
    let files = RecordingFileSystem(Self.sources, failWrites: true)
    let outcome = Self.idx(files, "report", "m.idx", "-o", "r.html")
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("cannot write `r.html`: read-only file system"))
  }

  @Test func helpTeachesTheCommand() {
    let files = RecordingFileSystem(Self.sources)
    let help = Self.idx(files, "help", "report").stdout
    #expect(help.contains("idx report FILE"))
    #expect(help.contains("--vs OTHER.idx"))
    #expect(!help.contains("not yet available"))
    #expect(Self.idx(files, "--help").stdout.contains("report FILE"))
  }
}
