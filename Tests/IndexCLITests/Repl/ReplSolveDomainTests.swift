import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// `:solve … by AGGREGATE` stays within the scores the aggregate can take, and the answer's
/// scores are printed with the digits that show the condition holding.
@Suite struct ReplSolveDomainTests {
  static let weights = [
    "performance": 0.30, "research": 0.20, "patents": 0.15, "investment": 0.20, "talent": 0.15,
  ]

  /// The AI index's weighted mean of `entity`'s dimensions (its score before the leader
  /// scaling, which keeps the order).
  static func mean(_ entity: String, _ scores: [String: [String: Double]]) throws -> Double {
    let dimensions = try #require(scores[entity])
    return weights.reduce(0) { $0 + $1.value * (dimensions[$1.key] ?? .nan) }
  }

  /// A dimension's points move the index by its weight: CN passes the US by research when
  /// research gains the gap over research's 20%.
  @Test func theResearchThatLetsChinaPassAgreesWithTheWeightedMean() throws {
    let scores = try ReplSaveSolveTests.dimensions()
    let research = try #require(scores["CN"]?["research"])
    let expected = try research + (Self.mean("US", scores) - Self.mean("CN", scores)) / 0.20
    #expect(expected < 100, "the answer is inside research's 0..100")
    let solved = try ReplSaveSolveTests.answer(":solve CN > US by research")
    #expect(abs(solved - expected) <= 2e-6 * expected, "solved \(solved), by hand \(expected)")
  }

  /// The United Kingdom would need more research points than min-maxed indicators on 0..100
  /// can give: no value in the aggregate's range does it.
  @Test func anAggregateIsNotPushedPastItsRange() throws {
    let scores = try ReplSaveSolveTests.dimensions()
    let research = try #require(scores["GB"]?["research"])
    let needed = try research + (Self.mean("US", scores) - Self.mean("GB", scores)) / 0.20
    #expect(needed > 100, "by hand, GB needs \(needed) research points")
    let ran = try ReplTranscriptTests.run(
      ["methodologies/ai-capability.idx"], input: ":solve GB > US by research\n")
    #expect(ran.status == 0, "\(ran.stderr)")
    #expect(
      ran.stdout.contains("no value of research from 0 to 100 makes GB > US"), "\(ran.stdout)")
  }

  /// An answer's scores, as printed, show the condition holding: the two entities' scores at
  /// the answer differ in the text, in the direction the condition asks.
  @Test(arguments: ["capital", "investment.weight", "research", "patents.weight"])
  func theScoresPrintedShowTheConditionHolding(_ input: String) throws {
    let ran = try ReplTranscriptTests.run(
      ["methodologies/ai-capability.idx"], input: ":solve CN > US by \(input)\n")
    let line = try #require(ran.stdout.split(separator: "\n").first { $0.contains("score CN") })
    // `  score CN 97.29985 → 100.00000, US 100.00000 → 99.99999`
    let after = line.split(separator: ",").map { $0.split(separator: " ").last.map(String.init) }
    let (cn, us) = (try #require(after.first ?? nil), try #require(after.last ?? nil))
    #expect(cn != us, "\(line)")
    #expect(try #require(Double(cn)) > (try #require(Double(us))), "\(line)")
    #expect(ran.stdout.contains("CN > US holds there by 0.0000"), "\(ran.stdout)")
  }

  /// The ranges by hand: min-max onto 0..100 and a mean of them; a sum of two 0..1 percentiles
  /// weighted 2 and 3; a z-score has no bound, nor does a mean over it.
  @Test func scoreRangesFollowTheNormalizersAndAggregators() {
    func indicator(_ name: String, _ normalizer: Normalizer) -> Plan.Node {
      Plan.Node(
        name: name,
        kind: .indicator(.init(source: .formula(.variable("d.x")), normalizer: normalizer)))
    }
    func group(_ name: String, _ members: [Int], _ aggregator: Aggregator, _ weights: [Double])
      -> Plan.Node
    {
      let list = zip(members, weights).map { Plan.Member(node: $0, weight: $1) }
      return Plan.Node(name: name, kind: .aggregate(.init(members: list, aggregator: aggregator)))
    }
    let plan = Plan(
      name: "ranges",
      nodes: [
        indicator("a", .minmax100), indicator("b", .minmax(output: 0...10)),
        indicator("c", .percentile(output: 0...1)), indicator("d", .percentile(output: 0...1)),
        indicator("z", .zscore(mean: 0, sd: 1)),
        group("mean", [0, 1], .arithmetic, [1, 1]), group("sum", [2, 3], .sum, [2, 3]),
        group("open", [0, 4], .arithmetic, [1, 1]), group("rank", [5, 6], .minimum, [1, 1]),
      ], root: 8)
    #expect(BreakEven.scoreRange(of: 5, in: plan, entities: 10) == 0...100)
    #expect(BreakEven.scoreRange(of: 6, in: plan, entities: 10) == 0...5)
    #expect(BreakEven.scoreRange(of: 7, in: plan, entities: 10) == nil)
    #expect(BreakEven.scoreRange(of: 8, in: plan, entities: 10) == 0...100)
  }
}
