import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The page's data: the tree, the roles and the engine's values, exactly.
@Suite struct PageDataTests {
  /// The page's data as the tests read it (`JSONDecoder` reads numbers exactly; Foundation's
  /// `JSONSerialization` on Linux rounds some 17-digit numbers).
  struct Page: Decodable {
    struct Node: Decodable {
      var name: String
      var label: String
      var doc: String?
      var role: String
      var members: [Int]?
      var weights: [Double]?
      var values: [Double?]?
    }
    struct Segment: Decodable {
      var kind: String
      var label: String
    }
    struct Scaling: Decodable {
      var kind: String
    }
    var title: String
    var source: String
    var entities: [[String]]
    var periods: [Int]
    var nodes: [Node]
    var segments: [Segment]
    var scaling: Scaling
  }

  /// The JSON of a page's `<script type="application/json">` block.
  static func dataBlock(_ html: String) throws -> Page {
    let open = "<script type=\"application/json\" id=\"idx-data\">"
    let start = try #require(html.range(of: open))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    return try JSONDecoder().decode(
      Page.self, from: Data(html[start.upperBound..<end.lowerBound].utf8))
  }

  @Test(arguments: ["asem", "hdi-trend", "ai-soft"])
  func embeddedValuesAreTheEnginesBitForBit(_ name: String) throws {
    let results = try Support.results(name)
    let model = Support.model(results)
    let page = try Self.dataBlock(PageData(model: model).wrappedForTest)
    #expect(page.nodes.count == model.tree.nodes.count)
    var embedded = 0
    var compared = 0
    for (t, node) in page.nodes.enumerated() {
      let plan = model.tree.nodes[t].plan
      #expect(node.name == results.plan.nodes[plan].name)
      #expect(node.role == model.tree.nodes[t].role.rawValue)
      guard let values = node.values else { continue }
      embedded += 1
      var k = 0
      for p in model.periods {
        for value in results.slice(results.nodes[plan].score, period: p) {
          let shown = values[k]
          #expect(
            value.isNaN ? shown == nil : shown?.bitPattern == value.bitPattern, "\(node.name)")
          k += 1
          compared += 1
        }
      }
      #expect(k == values.count)
    }
    #expect(embedded == model.tree.nodes.filter { $0.role == .embedded }.count)
    #expect(compared > 0)
  }

  @Test func weightsAndMembersFollowThePlan() throws {
    let results = try Support.results("ai-soft")
    let page = try Self.dataBlock(PageData(model: Support.model(results)).wrappedForTest)
    let root = page.nodes[0]
    #expect(root.name == "ai_soft")
    let members = try #require(root.members)
    #expect(
      members.map { page.nodes[$0].name } == [
        "performance", "research", "patents", "investment", "talent", "soft",
      ])
    let weights = try #require(root.weights)
    #expect(
      zip(weights, [0.24, 0.16, 0.12, 0.16, 0.12, 0.2]).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
    #expect(page.segments.map(\.kind) == Array(repeating: "member", count: 6))
    #expect(page.scaling.kind == "leader")
    #expect(page.periods == [2024, 2025])
  }
}

extension PageData {
  /// The JSON inside the block the page holds it in, so tests read it the same way.
  var wrappedForTest: String {
    "<script type=\"application/json\" id=\"idx-data\">" + json() + "</script>"
  }
}
