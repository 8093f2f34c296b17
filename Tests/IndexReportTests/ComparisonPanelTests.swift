import Foundation
import IndexAnalysis
import ScoringEngine
import Testing

@testable import IndexReport

/// The comparison panel (`--vs`) shows `idx diff`'s numbers: parts that add up to each Δ,
/// both sides' ranks, every entity in its table, user text escaped.
@Suite struct ComparisonPanelTests {
  @Test func partsAddUpToEachDifference() throws {
    let (model, a, b) = try Support.smallComparison()
    let comparison = try #require(model.comparison)
    #expect(
      comparison.parts.map(\.label) == ["Economy", "Society", "the index itself", "final scaling"])
    for entity in comparison.diff.entities {
      let delta = try #require(entity.delta)
      let scoreA = try #require(a.indexScore(entity: entity.code, period: 2025))
      let scoreB = try #require(b.indexScore(entity: entity.code, period: 2025))
      #expect(Swift.abs(delta - (scoreB - scoreA)) <= 1e-12)
      #expect(Swift.abs(comparison.terms(entity).reduce(0, +) - delta) <= 1e-9, "\(entity.code)")
      #expect(entity.rankA == a.rank(entity: entity.code, period: 2025))
      #expect(entity.rankB == b.rank(entity: entity.code, period: 2025))
    }
  }

  @Test func tableListsEveryEntityAndTextIsEscaped() throws {
    let model = try Support.smallComparison().model
    let html = ComparisonPanel().body(model)
    let table = try #require(html.range(of: "<table id=\"comparison-table\">"))
    let rows = html[table.upperBound...].components(separatedBy: "<tr>").count - 2
    #expect(rows == model.results.entityCount)
    #expect(html.contains("Gamma &lt;C&gt;"))
    #expect(!html.contains("<C>"))
    #expect(html.contains("B&#58; small-fork.idx, 2025"))
    // B rose from 2 to 1: a blue solid line; A fell: a dashed vermillion one.
    #expect(html.contains("<title>B — Beta &amp; Sons&#58; rank 2 → 1"))
    #expect(html.contains("stroke=\"#D55E00\" stroke-width=\"2\" stroke-dasharray=\"5 3\""))
  }

  /// Beyond 300 entities the table lists the charted ones and then the best by B's rank.
  @Test func largeComparisonTableIsCappedAndSaysSo() throws {
    var table = DataTable(entities: (0..<320).map { Entity(code: "E\($0)") }, periods: [2025])
    var random = SplitMix64(seed: 3)
    for name in ["x", "y"] {
      table.append(
        variable: "v." + name,
        values: (0..<320).map { _ in Double.random(in: 0...100, using: &random) })
    }
    func plan(_ weight: Double) -> Plan {
      let leaves = ["x", "y"].map {
        Plan.Node(name: $0, kind: .indicator(.init(source: .formula(.variable("v." + $0)))))
      }
      let root = Plan.Node(
        name: "index",
        kind: .aggregate(.init(members: [.init(node: 0, weight: weight), .init(node: 1)])))
      return Plan(name: "t", nodes: leaves + [root], root: 2)
    }
    let a = run(plan(1), on: table)
    let versus = ReportVersus(results: run(plan(3), on: table), sourceName: "b.idx")
    let model = Support.model(a, versus: versus)
    let html = ComparisonPanel().body(model)
    #expect(html.contains("The table lists 300 of the 320 entities"))
    let body = try #require(html.range(of: "<table id=\"comparison-table\">"))
    #expect(html[body.upperBound...].components(separatedBy: "<tr>").count - 2 == 300)
    let comparison = try #require(model.comparison)
    for entity in ComparisonPanel.attributionEntities(comparison) {
      #expect(html.contains("<td>\(entity.code)</td>"), "\(entity.code) is charted, so listed")
    }
  }

  /// The panel is there with `--vs` only, and the report without it does not compute a diff.
  @Test func panelOnlyWithAComparison() throws {
    let (model, a, _) = try Support.smallComparison()
    #expect(ComparisonPanel().applies(to: model))
    #expect(!ComparisonPanel().applies(to: Support.model(a)))
    let page = HTMLReport(results: a, periods: a.periods, options: model.options).render()
    #expect(!page.contains("panel-comparison"))
  }
}
