import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// The diff of bundled methodologies: every entity's terms add up to its Δscore, and the
/// figures agree with what the two runs say.
@Suite struct DiffBundledTests {
  static func side(_ name: String, period: Int? = nil) throws -> ResultsDiff.Side {
    let compilation = compile(
      path: ExplainTests.root.appendingPathComponent("methodologies/\(name).idx").path,
      fileSystem: DiskFileSystem())
    let plan = try #require(compilation.plan, "\(compilation.diagnostics.map(\.message))")
    let table = try #require(compilation.table)
    let results = run(plan, on: table)
    let shown = try #require(period ?? results.periods.last)
    return .init(results: results, period: shown, table: table)
  }

  @Test(arguments: [
    ("ai-capability", "ai-soft"), ("ai-capability", "ai-geometric"),
    ("ai-capability", "ai-per-capita"), ("ai-soft", "ai-capability"), ("ai-2024", "ai-capability"),
    ("ai-geometric", "ai-soft"),
  ])
  func termsSumToEachDelta(_ pair: (String, String)) throws {
    let diff = ResultsDiff(
      a: try Self.side(pair.0), b: try Self.side(pair.1), keepChecks: true)
    #expect(diff.fallbacks == 0)
    var checked = 0
    for entity in diff.entities {
      guard let delta = entity.delta else { continue }
      let sums = diff.sums(entity)
      #expect(Swift.abs(sums.byMember - delta) <= 1e-9, "\(pair) \(entity.code) members")
      #expect(Swift.abs(sums.byIndicator - delta) <= 1e-9, "\(pair) \(entity.code) indicators")
      for check in diff.checks[entity.code] ?? [] {
        #expect(Swift.abs(check.sum - check.delta) <= 1e-9, "\(pair) \(entity.code) \(check.node)")
      }
      checked += 1
    }
    #expect(checked == 12)
  }
}

extension ResultsDiff {
  /// An entity's terms summed the two documented ways: by member of the index (with the
  /// index's own adjustments and the scaling), and by indicator (with every adjustment).
  func sums(_ entity: EntityChange) -> (byMember: Double, byIndicator: Double) {
    let byMember = entity.contributions.reduce(0, +) + entity.scaling + indexLevel(entity)
    let byIndicator =
      entity.indicators.reduce(0, +) + entity.scaling + entity.indexTerm
      + entity.adjustments.reduce(0) { $0 + $1.effect }
    return (byMember, byIndicator)
  }
}
