import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// The model the panels draw from: the tree in pre-order, the roles the value budget gives,
/// weights, and explain's terms summed by segment and by row.
@Suite struct ReportModelTests {
  @Test(arguments: Support.bundled)
  func treeIsPreOrderWithTheEnginesEffectiveWeights(_ name: String) throws {
    let results = try Support.results(name)
    let tree = Support.model(results).tree
    #expect(tree.nodes.first?.plan == results.plan.root)
    for (t, node) in tree.nodes.enumerated() {
      if let parent = node.parent {
        #expect(parent < t)
        #expect(tree.nodes[parent].depth + 1 == node.depth)
      }
      let planMembers = results.plan.nodes[node.plan].aggregate?.members.map(\.node) ?? []
      #expect(node.members.map { tree.nodes[$0].plan } == planMembers)
    }
    for (t, weight) in tree.effectiveWeights.enumerated() {
      #expect(Swift.abs(weight - results.effectiveWeights[tree.nodes[t].plan]) < 1e-12)
    }
  }

  @Test func budgetKeepsUpperLevelsLive() throws {
    let results = try Support.results("asem")
    let tree = Support.model(results, budget: 500).tree
    let roles = Dictionary(
      uniqueKeysWithValues: tree.nodes.map { (results.plan.nodes[$0.plan].name, $0) })
    #expect(roles["Index"]?.role == .live)
    #expect(roles["Conn"]?.role == .live)
    #expect(roles["Sust"]?.role == .live)
    #expect(roles["Physical"]?.role == .embedded)
    #expect(roles["Physical"]?.fixedReason?.contains("at most 500 values") == true)
    #expect(roles["LPI"]?.role == .below)
    let full = Support.model(results).tree
    #expect(full.nodes.filter { $0.role == .live }.count == 11)
    #expect(full.nodes.filter { $0.role == .below }.isEmpty)
  }

  @Test func copelandIsFixed() throws {
    let path = Support.testdata.appendingPathComponent("aggregators/aggregators.idx").path
    let (plan, table) = try Support.compiled(path)
    let tree = Support.model(run(plan, on: table)).tree
    let cope = try #require(tree.nodes.first { plan.nodes[$0.plan].name == "cope" })
    #expect(cope.role == .embedded)
    #expect(cope.fixedReason?.contains("Copeland") == true)
    let member = try #require(tree.nodes.first { plan.nodes[$0.plan].name == "cope_h" })
    #expect(member.role == .below)
  }

  /// Derived weights, benefit of the doubt and Mazziotta–Pareto are the engine's to recompute:
  /// the page holds those nodes' scores and recomputes the index above them.
  @Test func nodesWithTheirOwnWeightsAreFixed() throws {
    let path = Support.testdata.appendingPathComponent("aggregators/data-weights.idx").path
    let (plan, table) = try Support.compiled(path)
    let tree = Support.model(run(plan, on: table)).tree
    func node(_ name: String) throws -> ReportTree.Node {
      try #require(tree.nodes.first { plan.nodes[$0.plan].name == name })
    }
    #expect(try node("derived").role == .live)
    #expect(try node("plain").role == .live)
    for (name, reason) in [
      ("pca_node", "derived from the data"), ("bod", "benefit of the doubt"),
      ("mpi_node", "takes no weights"),
    ] {
      #expect(try node(name).role == .embedded, "\(name)")
      #expect(try node(name).fixedReason?.contains(reason) == true, "\(name)")
    }
    #expect(try node("pca_a").role == .below)
  }

  /// A Copeland index has no additive parts: one segment, the whole score, and no live node.
  @Test func copelandIndexIsOneSegment() throws {
    let path = Support.testdata.appendingPathComponent("aggregators/copeland-root.idx").path
    let (plan, table) = try Support.compiled(path)
    let model = Support.model(run(plan, on: table))
    #expect(model.segments.map(\.kind) == [.whole, .scalingOffset])
    #expect(!model.tree.nodes.contains { $0.role == .live })
    let sums = RankingPanel.sums(model)
    for e in model.scoredInOrder {
      let score = model.score(entity: e, period: model.initialPeriod)
      #expect(Swift.abs(sums[e].reduce(0, +) - score) <= 1e-9)
    }
  }

  /// Bars add up to the scores and gaps to the gaps, for every entity of every bundled
  /// methodology; with every node held, the gap's rows are explain's.
  @Test(arguments: Support.bundled)
  func breakdownsAddUp(_ name: String) throws {
    let results = try Support.results(name)
    let model = Support.model(results)
    let breakdown = Breakdown(model)
    let p = model.initialPeriod
    let order = model.scoredInOrder
    for e in order {
      let sum = breakdown.segmentSums(entity: e, period: p).reduce(0, +)
      #expect(Swift.abs(sum - model.score(entity: e, period: p)) <= 1e-9)
    }
    let (a, b) = (order[0], order[order.count - 1])
    let rows = breakdown.rows(a, b, period: p)
    let gap = model.score(entity: a, period: p) - model.score(entity: b, period: p)
    #expect(Swift.abs(rows.reduce(0) { $0 + $1.gap } - gap) <= 1e-9)
    let comparison = try Comparison(
      #require(Explanation(results, entity: a, period: p)),
      #require(Explanation(results, entity: b, period: p)))
    #expect(rows.count == comparison.rows.count)
    let byNode = Dictionary(grouping: comparison.rows, by: \.node).mapValues {
      $0.reduce(0) { $0 + $1.gap }
    }
    for row in rows where !row.isOffset {
      let node = model.tree.nodes[row.node].plan
      #expect(
        Swift.abs(
          (byNode[node] ?? .nan) - rows.filter { $0.node == row.node }.reduce(0) { $0 + $1.gap })
          <= 1e-12)
    }
  }
}
