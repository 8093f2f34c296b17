import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The SVG of each chart for a small fixed methodology (`testdata/small`), byte for byte.
///
/// The goldens are in `testdata/golden/`. Run with `IDX_UPDATE_GOLDEN=1` to rewrite them
/// (the run still fails, so an update is always looked at before it is committed).
@Suite struct GoldenChartTests {
  static let charts: [(panel: any ReportPanel, id: String)] = [
    (RankingPanel(), "ranking-chart"), (FrameworkPanel(), "framework-chart"),
    (ProfilePanel(), "profile-chart"), (GapPanel(), "gap-members"), (GapPanel(), "gap-nodes"),
    (TimelinePanel(), "timeline-score"), (TimelinePanel(), "timeline-rank"),
  ]

  static func model() throws -> ReportModel {
    let path = Support.testdata.appendingPathComponent("small/small.idx").path
    let (plan, table) = try Support.compiled(path)
    return Support.model(run(plan, on: table), source: "small.idx")
  }

  /// The `<svg id="ID" …>…</svg>` element in some markup.
  static func element(_ id: String, in markup: String) -> String? {
    guard let start = markup.range(of: "<svg id=\"\(id)\"") else { return nil }
    guard let end = markup.range(of: "</svg>", range: start.upperBound..<markup.endIndex) else {
      return nil
    }
    return String(markup[start.lowerBound..<end.upperBound]) + "\n"
  }

  static func compare(_ text: String, golden name: String) throws {
    let url = Support.testdata.appendingPathComponent("golden/\(name)")
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("updated golden/\(name): review it, then run again without IDX_UPDATE_GOLDEN")
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "golden/\(name) differs")
  }

  @Test(arguments: charts.indices)
  func chartMatchesItsGolden(_ index: Int) throws {
    let (panel, id) = Self.charts[index]
    let model = try Self.model()
    let svg = try #require(Self.element(id, in: panel.body(model)), "no svg #\(id)")
    try Self.compare(svg, golden: id + ".svg")
  }

  /// The comparison panel's charts, `small.idx --vs small-fork.idx`.
  @Test(arguments: ["comparison-slope", "comparison-attribution"])
  func comparisonChartMatchesItsGolden(_ id: String) throws {
    let model = try Support.smallComparison().model
    let svg = try #require(Self.element(id, in: ComparisonPanel().body(model)), "no svg #\(id)")
    try Self.compare(svg, golden: id + ".svg")
  }

  /// The coherence panel's heat maps and summary for `testdata/small/coherence.idx`: the
  /// index's two members (one cell) and a dimension of four (a triangle of six).
  @Test(arguments: ["coherence-0", "coherence-1"])
  func heatMapMatchesItsGolden(_ id: String) throws {
    let body = CoherencePanel().body(try Support.smallCoherence())
    let svg = try #require(Self.element(id, in: body), "no svg #\(id)")
    try Self.compare(svg, golden: id + ".svg")
  }

  @Test func coherenceSummaryMatchesItsGolden() throws {
    let body = CoherencePanel().body(try Support.smallCoherence())
    let start = try #require(body.range(of: "<table id=\"coherence-summary\">"))
    let end = try #require(body.range(of: "</table>", range: start.upperBound..<body.endIndex))
    try Self.compare(
      String(body[start.lowerBound..<end.upperBound]) + "\n", golden: "coherence-summary.html")
  }

  /// The uncertainty panel's charts for `testdata/small/uncertain.idx` (200 draws, seed 7).
  @Test(arguments: ["uncertainty-ranks", "uncertainty-gap"])
  func uncertaintyChartMatchesItsGolden(_ id: String) throws {
    let path = Support.testdata.appendingPathComponent("small/uncertain.idx").path
    let (plan, table, result) = try Support.uncertain(path)
    let model = Support.model(
      run(plan, on: table), source: "uncertain.idx", table: table, uncertainty: result)
    let svg = try #require(Self.element(id, in: UncertaintyPanel().body(model)), "no svg #\(id)")
    try Self.compare(svg, golden: id + ".svg")
  }

  @Test func weightsPanelMatchesItsGolden() throws {
    try Self.compare(WeightsPanel().body(try Self.model()), golden: "weights.html")
  }

  /// What the goldens must show, checked apart from their bytes: the bars are explain's
  /// parts and add up to the score, names are escaped, the missing value is drawn as missing.
  @Test func rankingBarsAddUpToTheScores() throws {
    let model = try Self.model()
    let sums = RankingPanel.sums(model)
    for e in model.results.entities.indices {
      let score = model.score(entity: e, period: model.initialPeriod)
      #expect(Swift.abs(sums[e].reduce(0, +) - score) <= 1e-9, "\(e)")
    }
    let svg = try #require(Self.element("ranking-chart", in: RankingPanel().body(model)))
    #expect(svg.contains("Gamma &lt;C&gt;"))
    #expect(svg.contains("Beta &amp; Sons"))
    #expect(!svg.contains("<C>"))
  }
}
