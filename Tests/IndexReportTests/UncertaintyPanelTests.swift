import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The uncertainty panel: its histogram on hand-computed bins, its marks carrying the
/// analysis's exact figures, the same bytes for the same seed, and no panel without a block.
@Suite struct UncertaintyPanelTests {
  @Test func histogramBinsByHand() throws {
    // Range −3 to 4.9 in about 4 bins: a step of 2 from −4, so 0 is an edge.
    let histogram = try #require(
      UncertaintyFigures.histogram(of: [-3, -0.5, 0, 0.5, 1.2, 4.9], marks: [0, 2], bins: 4))
    #expect(histogram.start == -4 && histogram.width == 2)
    #expect(histogram.counts == [1, 1, 3, 0, 1])
    // A value on the top edge gets a bin of its own; the marks widen the range.
    let edge = try #require(UncertaintyFigures.histogram(of: [0, 2], marks: [], bins: 2))
    #expect(edge.start == 0 && edge.width == 1 && edge.counts == [1, 0, 1])
    let marked = try #require(UncertaintyFigures.histogram(of: [5, 6], marks: [0], bins: 3))
    #expect(marked.start == 0 && marked.width == 2 && marked.counts == [0, 0, 1, 1])
    #expect(UncertaintyFigures.histogram(of: [], marks: [0], bins: 4) == nil)
  }

  @Test func sharesNeverRoundToCertainty() {
    #expect(UncertaintyFigures.share(0.9996) == ">99.9%")
    #expect(UncertaintyFigures.share(0.0004) == "<0.1%")
    #expect(UncertaintyFigures.share(1) == "100%")
    #expect(UncertaintyFigures.share(0.8883) == "88.8%")
    #expect(UncertaintyFigures.count(10_000) == "10,000")
    #expect(UncertaintyFigures.rank(4.5) == "4.5" && UncertaintyFigures.rank(3) == "3")
  }

  /// The attributes `name="value"` of every element of `tag` with `class="klass"`.
  static func marks(_ html: String, _ prefix: String) -> [[String: String]] {
    html.components(separatedBy: prefix).dropFirst().map { chunk in
      let element = chunk.prefix { $0 != ">" }
      var attributes: [String: String] = [:]
      for piece in element.components(separatedBy: "\" ") {
        let parts = piece.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { continue }
        attributes[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1]
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"/"))
      }
      return attributes
    }
  }

  static func page(_ path: String, draws: Int, threads: Int = 2) throws -> (
    String, Results, UncertaintyResult
  ) {
    let (plan, table, result) = try Support.uncertain(path, draws: draws, threads: threads)
    let results = run(plan, on: table)
    let html = HTMLReport(
      results: results, periods: results.periods.suffix(1),
      options: ReportOptions(sourceName: "test.idx", generator: "idx test"), table: table,
      uncertainty: result
    ).render()
    return (html, results, result)
  }

  @Test(arguments: ["asem-uncertain", "ai-capability"])
  func marksCarryTheAnalysisFigures(_ name: String) throws {
    let (html, _, result) = try Self.page(Support.methodology(name), draws: 400)
    #expect(html.contains("<section class=\"panel\" id=\"panel-uncertainty\""))
    let rows = Self.marks(html, "<g class=\"ri\" ")
    let charted = result.entities.filter { $0.rank != nil }.prefix(UncertaintyFigures.chartRows)
    try #require(rows.count == charted.count)
    for (row, entity) in zip(rows, charted) {
      #expect(row["data-entity"] == entity.code)
      #expect(row["data-rank"].flatMap { Int($0) } == entity.nominalRank)
      #expect(row["data-low"].flatMap(Double.init) == entity.rank?.low)
      #expect(row["data-median"].flatMap(Double.init) == entity.rank?.median)
      #expect(row["data-high"].flatMap(Double.init) == entity.rank?.high)
    }
    let pair = try #require(result.pair)
    let lead = try #require(Self.marks(html, "<p class=\"lead\" id=\"uncertainty-pair\" ").first)
    #expect(lead["data-first"] == pair.first && lead["data-second"] == pair.second)
    #expect(lead["data-probability"].flatMap(Double.init) == pair.probabilityAhead)
    #expect(lead["data-nominal-gap"].flatMap(Double.init) == pair.nominalGap)
    #expect(lead["data-low"].flatMap(Double.init) == pair.gap?.low)
    #expect(lead["data-high"].flatMap(Double.init) == pair.gap?.high)

    // The histogram counts every compared draw once, and its bins at or above 0 hold the
    // draws with A ahead plus the ties.
    let gaps = zip(
      try #require(result.drawScores(of: pair.first)),
      try #require(result.drawScores(of: pair.second))
    ).map { $0 - $1 }.filter(\.isFinite)
    let figures = UncertaintyFigures(result, decimals: 1)
    let histogram = try #require(figures.histogram)
    let bars = Self.marks(html, "<rect ").compactMap { $0["data-count"].flatMap { Int($0) } }
    #expect(bars.reduce(0, +) == pair.comparedDraws && gaps.count == pair.comparedDraws)
    let above = histogram.counts.indices.filter { histogram.low($0) >= 0 }
      .map { histogram.counts[$0] }.reduce(0, +)
    let ahead = gaps.filter { $0 > 0 }.count
    #expect(above == ahead + gaps.filter { $0 == 0 }.count)
    #expect(Double(ahead) / Double(gaps.count) == pair.probabilityAhead)
    #expect(html.contains("the weight sliders and the period menu do not change this panel"))
  }

  @Test func theSameSeedGivesTheSameBytes() throws {
    let path = Support.methodology("ai-capability")
    let (one, _, _) = try Self.page(path, draws: 300, threads: 1)
    let (two, _, _) = try Self.page(path, draws: 300, threads: 2)
    #expect(one == two)
    let (plan, table) = try Support.compiled(path)
    let results = run(plan, on: table)
    let plain = HTMLReport(
      results: results, periods: results.periods.suffix(1),
      options: ReportOptions(sourceName: "test.idx", generator: "idx test"), table: table
    ).render()
    #expect(!plain.contains("panel-uncertainty") && one.contains("panel-uncertainty"))
  }

  @Test func sensitivityTableWhenTheAnalysisHasIt() throws {
    let path = Support.methodology("ai-capability")
    let (plan, table, result) = try Support.uncertain(path, draws: 200, sensitivity: true)
    let results = run(plan, on: table)
    let model = Support.model(results, table: table, uncertainty: result)
    let body = UncertaintyPanel().body(model)
    let rows = Self.marks(body, "<tr data-source=")
    let gap = try #require(result.sensitivity?.gap)
    #expect(rows.count == gap.count)
    #expect(body.contains("drives the uncertainty of the gap US − CN most"))
    let plainBody = UncertaintyPanel().body(
      Support.model(results, table: table, uncertainty: try Support.uncertain(path, draws: 200).2))
    #expect(plainBody.contains("were not computed for this page"))
    #expect(!plainBody.contains("uncertainty-sobol"))
  }
}
