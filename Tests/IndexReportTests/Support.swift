import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine

@testable import IndexReport

/// Shared set-up: the repository's folders, compiled methodologies, reports.
enum Support {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata")

  /// Every bundled methodology, by file stem.
  static let bundled = [
    "ai-capability", "ai-2024", "ai-geometric", "ai-per-capita", "ai-soft", "asem", "hdi",
    "hdi-trend",
  ]

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Compiles a methodology and returns its plan and table.
  static func compiled(_ path: String, fileSystem: any FileSystem = DiskFileSystem()) throws
    -> (Plan, DataTable)
  {
    let compilation = compile(path: path, fileSystem: fileSystem)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      throw Failure(
        description: "\(path) does not compile: \(compilation.diagnostics.map(\.message))")
    }
    return (plan, table)
  }

  /// A methodology's plan, table and the analysis of its `uncertainty` block, with `draws`
  /// instead of the block's when given, as `idx report` runs it.
  static func uncertain(
    _ path: String, draws: Int? = nil, sensitivity: Bool = false, threads: Int = 2,
    fileSystem: any FileSystem = DiskFileSystem()
  ) throws -> (Plan, DataTable, UncertaintyResult) {
    let compilation = compile(path: path, fileSystem: fileSystem)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table,
      let block = compilation.uncertainty
    else {
      throw Failure(description: "\(path) does not compile with an uncertainty block")
    }
    var options = UncertaintyOptions()
    options.draws = draws
    options.sensitivity = sensitivity
    options.threads = threads
    switch UncertaintyAnalysis.run(plan: plan, table: table, model: block, options: options) {
    case .success(let result): return (plan, table, result)
    case .failure(let failure): throw Failure(description: "\(path): \(failure)")
    }
  }

  /// The path of a bundled methodology.
  static func methodology(_ name: String) -> String {
    repository.appendingPathComponent("methodologies/\(name).idx").path
  }

  /// A bundled methodology's results.
  static func results(_ name: String) throws -> Results {
    let (plan, table) = try compiled(methodology(name))
    return run(plan, on: table)
  }

  /// The report model of results over every scored period.
  static func model(
    _ results: Results, budget: Int = 150_000, source: String = "test.idx",
    table: DataTable? = nil, versus: ReportVersus? = nil, uncertainty: UncertaintyResult? = nil
  ) -> ReportModel {
    ReportModel(
      results: results, periods: results.periods,
      options: ReportOptions(sourceName: source, generator: "idx test", valueBudget: budget),
      table: table, versus: versus, uncertainty: uncertainty)
  }

  /// The report model of `testdata/small/coherence.idx`.
  static func smallCoherence() throws -> ReportModel {
    let (plan, table) = try compiled(testdata.appendingPathComponent("small/coherence.idx").path)
    return model(run(plan, on: table), source: "coherence.idx")
  }

  /// `testdata/small` against its fork, as `idx report small.idx --vs small-fork.idx`.
  static func smallComparison() throws -> (model: ReportModel, a: Results, b: Results) {
    let (plan, table) = try compiled(testdata.appendingPathComponent("small/small.idx").path)
    let (forkPlan, forkTable) = try compiled(
      testdata.appendingPathComponent("small/small-fork.idx").path)
    let (a, b) = (run(plan, on: table), run(forkPlan, on: forkTable))
    let versus = ReportVersus(results: b, table: forkTable, sourceName: "small-fork.idx")
    return (model(a, source: "small.idx", table: table, versus: versus), a, b)
  }
}

/// Files from memory first, then from disk: a fork written by a test next to a bundled
/// methodology, without writing into the repository.
struct OverlayFileSystem: FileSystem {
  let memory: MemoryFileSystem
  let disk = DiskFileSystem()

  func read(_ path: String) throws(FileError) -> [UInt8] {
    if let bytes = try? memory.read(path) { return bytes }
    return try disk.read(path)
  }

  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    try memory.writeAtomically(path, bytes: bytes)
  }
}
