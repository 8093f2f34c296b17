import Diagnostics
import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// Methodologies for the uncertainty tests: bundled files, or small ones in memory.
enum UncertaintyFixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A checked methodology: its plan, data and uncertainty model.
  struct Checked {
    var plan: Plan
    var table: DataTable
    var model: UncertaintyModel?
    var diagnostics: [Diagnostic]
  }

  /// A bundled methodology, by file name without `.idx`.
  static func bundled(_ name: String) throws -> Checked {
    let compilation = compile(
      path: root.appendingPathComponent("methodologies/\(name).idx").path,
      fileSystem: DiskFileSystem())
    return try checked(compilation)
  }

  /// A methodology from memory: `main.idx` and whatever else `files` holds.
  static func memory(_ files: [String: String], path: String = "main.idx") throws -> Checked {
    try checked(compile(path: path, fileSystem: MemoryFileSystem(files)))
  }

  private static func checked(_ compilation: Compilation) throws -> Checked {
    let messages = compilation.diagnostics.map { "\($0.code) \($0.message)" }
    let plan = try #require(compilation.plan, "\(messages)")
    let table = try #require(compilation.table, "\(messages)")
    return Checked(
      plan: plan, table: table, model: compilation.uncertainty,
      diagnostics: compilation.diagnostics)
  }

  /// Runs the analysis, failing the test if it cannot run.
  static func analyse(
    _ checked: Checked, model: UncertaintyModel? = nil, draws: Int? = nil, seed: UInt64? = nil,
    sensitivity: Bool = false, threads: Int = 2, pair: (String, String)? = nil
  ) throws -> UncertaintyResult {
    var options = UncertaintyOptions()
    options.draws = draws
    options.seed = seed
    options.sensitivity = sensitivity
    options.threads = threads
    options.pair = pair
    let used = try #require(model ?? checked.model, "no uncertainty model")
    switch UncertaintyAnalysis.run(
      plan: checked.plan, table: checked.table, model: used, options: options)
    {
    case .success(let result): return result
    case .failure(let failure):
      Issue.record("analysis failed: \(failure)")
      throw failure
    }
  }

  /// A methodology of two indicators over a CSV, with an uncertainty block.
  static func twoIndicators(
    csv: String, weights: String = "a, b", normalize: String = "none", block: String
  ) -> [String: String] {
    [
      "main.idx": """
      index t "Test" {
        members { \(weights) }
      }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.a, normalize: \(normalize) }
      indicator b { value: d.b, normalize: \(normalize) }
      uncertainty {
      \(block)
      }
      """,
      "d.csv": csv,
    ]
  }

  /// The share of values at or below `threshold`.
  static func share(_ values: [Double], atMost threshold: Double) -> Double {
    Double(values.filter { $0 <= threshold }.count) / Double(values.count)
  }

  /// The p-quantile of values, by R's type 7.
  static func quantile(_ values: [Double], _ p: Double) -> Double {
    Statistics.quantile(values, p)
  }
}

extension UncertaintyFailure: CustomStringConvertible {
  public var description: String {
    switch self {
    case .nominalFailed(let diagnostics): "nominal run failed: \(diagnostics.map(\.message))"
    case .periodNotScored(let period, _): "period \(period) not scored"
    case .unknownEntity(let code, _): "unknown entity \(code)"
    case .samePair(let code): "same pair \(code)"
    case .noPair: "no pair"
    }
  }
}
