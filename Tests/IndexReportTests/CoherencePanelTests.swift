import Foundation
import IndexAnalysis
import ScoringEngine
import Testing

@testable import IndexReport

/// The coherence panel shows the audit's numbers, draws the upper levels first within its
/// budget and says when it stopped, and escapes what it writes.
@Suite struct CoherencePanelTests {
  /// The panel's correlations, α and first component are the audit's, on ASEM.
  @Test func numbersAreTheAudits() throws {
    let results = try Support.results("asem")
    let period = try #require(results.periods.last)
    let audit = try #require(Audit(results, period: period))
    let coherence = try #require(Support.model(results).coherence)
    #expect(coherence.aggregates.map(\.node) == audit.aggregates.map(\.node))
    for (mine, theirs) in zip(coherence.aggregates, audit.aggregates) {
      #expect(mine.correlations == theirs.correlations)
      #expect(mine.cronbachAlpha == theirs.cronbachAlpha)
      #expect(mine.firstComponentShare == theirs.components?.varianceShares.first)
      #expect(mine.members == theirs.members.map(\.node))
    }
    #expect(coherence.aggregates.map(\.depth) == [0, 1, 2, 2, 2, 2, 2, 1, 2, 2, 2])
  }

  /// A cell's colour is its class of the diverging scale, and its number is printed.
  @Test func cellsShowTheirClassAndValue() throws {
    #expect(Palette.divergingClass(-1) == 0)
    #expect(Palette.divergingClass(0.05) == 5)
    #expect(Palette.divergingClass(0.11) == 6)
    #expect(Palette.divergingClass(1) == 10)
    let model = try Support.smallCoherence()
    let four = try #require(model.coherence?.aggregates[1])
    let r = try #require(four.correlations[1][0])
    #expect(r < 0, "cost of energy runs against output")
    let body = CoherencePanel().body(model)
    let cell =
      "fill=\"\(Palette.diverging[Palette.divergingClass(r)])\"/><text"
    #expect(body.contains(cell))
    #expect(body.contains(">" + NumberText.fixed(r, decimals: 2) + "</text>"))
    #expect(body.contains("Output &lt;per&gt; person"))
    #expect(body.contains("Schooling &amp; &quot;years&quot;"))
    #expect(!body.contains("<per>"))
  }

  /// Three dimensions of 20 indicators: 3 + 3 × 190 correlations do not fit the budget of
  /// 400, so the index and the first two dimensions are drawn and the page says so.
  @Test func largeIndexIsCappedAndSaysSo() throws {
    var nodes: [Plan.Node] = []
    var table = DataTable(entities: (0..<12).map { Entity(code: "E\($0)") }, periods: [2025])
    var random = SplitMix64(seed: 7)
    var dimensions: [Plan.Member] = []
    for d in 0..<3 {
      var members: [Plan.Member] = []
      for i in 0..<20 {
        let name = "x\(d)_\(i)"
        table.append(
          variable: "v." + name,
          values: (0..<12).map { _ in Double.random(in: 0...100, using: &random) })
        members.append(Plan.Member(node: nodes.count))
        nodes.append(
          Plan.Node(name: name, kind: .indicator(.init(source: .formula(.variable("v." + name))))))
      }
      dimensions.append(Plan.Member(node: nodes.count))
      nodes.append(Plan.Node(name: "d\(d)", kind: .aggregate(.init(members: members))))
    }
    nodes.append(Plan.Node(name: "index", kind: .aggregate(.init(members: dimensions))))
    let results = run(Plan(name: "big", nodes: nodes, root: nodes.count - 1), on: table)
    let model = Support.model(results)
    let coherence = try #require(model.coherence)
    #expect(CoherencePanel.drawn(coherence) == [0, 1, 2])
    let body = CoherencePanel().body(model)
    #expect(body.contains("Heat maps for 3 of the 4 aggregates"))
    #expect(body.contains("<svg id=\"coherence-2\""))
    #expect(!body.contains("<svg id=\"coherence-3\""))
    #expect(body.contains("not drawn"))
  }
}
