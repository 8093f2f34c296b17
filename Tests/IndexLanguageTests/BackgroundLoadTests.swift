import Diagnostics
import Foundation
import ScoringEngine
import Testing

@testable import IndexLanguage

/// The data read while the checker runs (`BackgroundLoad`) is what reading it after the check
/// gave: the same table, the same diagnostics, and nothing at all when checking fails.
@Suite struct BackgroundLoadTests {
  static let text = """
    index t {
      period: 2021
      members { a }
    }
    data s = csv("s.csv") { key: code }
    indicator a { value: s.x, normalize: minmax }
    """

  /// Rows without a period column are read as the index's one period, which the background
  /// read works out before the checker does.
  @Test func rowsWithoutAPeriodColumnAreReadAsTheIndexPeriod() {
    let files = MemoryFileSystem(["m.idx": Self.text, "s.csv": "code,x\nA,1\nB,2\n"])
    let compilation = compile(path: "m.idx", fileSystem: files)
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
    #expect(compilation.table?.periods == [2021])
    #expect(compilation.table?.hasPeriods == true)
    #expect(compilation.isRunnable)
  }

  /// A mistake the checker finds hides what the data would say, as when the data was read
  /// only after a successful check: an unreadable file is not reported.
  @Test func aFailedCheckReportsNothingAboutTheData() {
    let broken = Self.text.replacingOccurrences(of: "normalize: minmax", with: "direction: up")
    let files = MemoryFileSystem(["m.idx": broken])
    let compilation = compile(path: "m.idx", fileSystem: files)
    #expect(compilation.diagnostics.hasErrors)
    #expect(compilation.table == nil)
    let mentionsData = compilation.diagnostics.contains { $0.message.contains("s.csv") }
    #expect(!mentionsData, "\(compilation.diagnostics.map(\.message))")
  }

  /// What loading reports (an unreadable file, a cell that is not a number) comes back as it
  /// did, once, after the checker's diagnostics.
  @Test func loadingDiagnosticsComeBackOnce() {
    let files = MemoryFileSystem(["m.idx": Self.text, "s.csv": "code,x\nA,1\nB,n.a.\n"])
    let compilation = compile(path: "m.idx", fileSystem: files)
    let fromData = compilation.diagnostics.filter { $0.primary?.span.file.path == "s.csv" }
    #expect(fromData.count == 1, "\(compilation.diagnostics.map(\.message))")
    let missing = compile(path: "m.idx", fileSystem: MemoryFileSystem(["m.idx": Self.text]))
    #expect(missing.diagnostics.filter(\.isError).count == 1)
    #expect(missing.diagnostics.first?.message.contains("s.csv") == true)
  }

  /// An unknown column is named as written, dots and all, and its source is the part before
  /// the first dot of the qualified name the check keeps (`s.a.b`: source `s`, column `a.b`).
  @Test func anUnknownQuotedColumnWithDotsIsNamedAsWritten() {
    let text = Self.text.replacingOccurrences(of: "value: s.x", with: "value: s.\"a.b\" + s.x")
    let files = MemoryFileSystem(["m.idx": text, "s.csv": "code,x,a\nA,1,2\nB,2,3\n"])
    let compilation = compile(path: "m.idx", fileSystem: files)
    let messages = compilation.diagnostics.filter(\.isError).map(\.message)
    #expect(messages == ["data source `s` has no column `a.b`"], "\(messages)")
    let known = compile(
      path: "m.idx", fileSystem: MemoryFileSystem(["m.idx": text, "s.csv": "code,x,a.b\nA,1,2\n"]))
    #expect(!known.diagnostics.hasErrors, "\(known.diagnostics.map(\.message))")
  }

  /// Data kept from an earlier compilation of the same declarations is used, not read again
  /// in the background.
  @Test func reusedDataIsNotReadAgain() {
    let files = MemoryFileSystem(["m.idx": Self.text, "s.csv": "code,x\nA,1\nB,2\n"])
    let first = compile(path: "m.idx", fileSystem: files)
    guard let methodology = first.methodology, let data = first.data else {
      Issue.record("the first compilation has no data")
      return
    }
    let access = FileAccess(fileSystem: files, file: "m.idx")
    #expect(BackgroundLoad.start(methodology, access: access, reusing: data) == nil)
    #expect(BackgroundLoad.start(methodology, access: access, reusing: nil) != nil)
    files.set("s.csv", "code,x\nA,5\n")
    let second = compile(path: "m.idx", fileSystem: files, reusing: data)
    #expect(second.table?.entities.count == 2)
  }
}
