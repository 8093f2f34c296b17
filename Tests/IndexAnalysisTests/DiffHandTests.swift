import Glibc
import IndexAnalysis
import ScoringEngine
import Testing

/// Attribution on cases small enough to work out by hand (the figures in the comments).
@Suite struct DiffHandTests {
  /// Entities P and Q; x and y given per period (2020, 2021), used as they are (no
  /// normalization), under a root with the given members, weights and mean.
  static func side(
    x: [Double], y: [Double], weights: [Double], aggregator: Aggregator = .arithmetic,
    scaling: Scaling = .none, members: [Int] = [0, 1], adjust: Plan.Adjustment? = nil
  ) -> (Plan, DataTable) {
    var table = DataTable(entities: [Entity(code: "P"), Entity(code: "Q")], periods: [2020, 2021])
    table.append(variable: "d.x", values: x)
    table.append(variable: "d.y", values: y)
    func leaf(_ name: String) -> Plan.Node {
      Plan.Node(name: name, kind: .indicator(.init(source: .formula(.variable("d." + name)))))
    }
    var dimension = Plan.Node(
      name: "dx", kind: .aggregate(.init(members: [.init(node: 0)])))
    if let adjust { dimension.adjustments = [adjust] }
    let root = Plan.Node(
      name: "root",
      kind: .aggregate(
        .init(
          members: zip(members, weights).map { Plan.Member(node: $0 == 0 ? 2 : 1, weight: $1) },
          aggregator: aggregator)))
    return (
      Plan(name: "t", nodes: [leaf("x"), leaf("y"), dimension, root], root: 3, scaling: scaling),
      table
    )
  }

  static func diff(
    _ a: (Plan, DataTable), _ b: (Plan, DataTable), periods: (Int, Int) = (2020, 2020)
  )
    -> ResultsDiff
  {
    ResultsDiff(
      a: .init(results: run(a.0, on: a.1), period: periods.0, table: a.1),
      b: .init(results: run(b.0, on: b.1), period: periods.1, table: b.1))
  }

  static func contribution(_ diff: ResultsDiff, _ code: String, _ member: String) throws -> Double {
    let entity = try #require(diff.entity(code))
    let m = try #require(diff.members.firstIndex(of: member))
    return entity.contributions[m]
  }

  /// Arithmetic, weights 1:1 → 3:1; P: x 0, y 100 and Q: x 50, y 0.
  ///
  /// P: S 50 → 25; c_x = Δw·x̄ = 0.25·0 = 0, c_y = −0.25·100 = −25.
  /// Q: S 25 → 37.5; c_x = 0.25·50 = 12.5, c_y = −0.25·0 = 0.
  @Test func arithmeticWeightChangeIsTheMidpointTerm() throws {
    let data = (x: [0.0, 50, 0, 50], y: [100.0, 0, 100, 0])
    let diff = Self.diff(
      Self.side(x: data.x, y: data.y, weights: [1, 1]),
      Self.side(x: data.x, y: data.y, weights: [3, 1]))
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") - 0) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "y") + 25) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "Q", "dx") - 12.5) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "Q", "y") - 0) < 1e-12)
  }

  /// Geometric, equal weights, P: x 4 → 9, y 1 → 4 (2020 → 2021), S 2 → 6.
  ///
  /// Δln S = ln 3, L = 4 / ln 3; c_x = L · ½ · ln(9/4) = 4 ln 1.5 / ln 3 ≈ 1.476280,
  /// c_y = L · ½ · ln 4 = 4 ln 2 / ln 3 ≈ 2.523719.
  @Test func geometricValueChangeIsTheLogMeanTerm() throws {
    let side = Self.side(
      x: [4, 1, 9, 1], y: [1, 1, 4, 1], weights: [1, 1], aggregator: .geometricStrict)
    let diff = Self.diff(side, side, periods: (2020, 2021))
    let delta = try #require(diff.entity("P")?.delta)
    #expect(Swift.abs(delta - 4) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") - 4 * log(1.5) / log(3.0)) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "y") - 4 * log(2.0) / log(3.0)) < 1e-12)
  }

  /// Under leader(100), weights 1:1 → 3:1; P: x 10, y 30 and Q: x 30, y 10.
  ///
  /// A: S_P = S_Q = 20, factor 5; B: S_P = 15, S_Q = 25, factor 4. P: 100 → 60.
  /// Tree: ā · ΔS = 4.5 · (−5) = −22.5 (x +2.5 · 4.5, y −7.5 · 4.5); leader factor term
  /// Δa · S̄ = (4 − 5) · 17.5 = −17.5.
  @Test func leaderFactorIsItsOwnTerm() throws {
    let data = (x: [10.0, 30, 10, 30], y: [30.0, 10, 30, 10])
    let diff = Self.diff(
      Self.side(x: data.x, y: data.y, weights: [1, 1], scaling: .leader(100)),
      Self.side(x: data.x, y: data.y, weights: [3, 1], scaling: .leader(100)))
    let p = try #require(diff.entity("P"))
    #expect(Swift.abs((p.delta ?? 0) + 40) < 1e-12)
    #expect(Swift.abs(p.scaling + 17.5) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") - 11.25) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "y") + 33.75) < 1e-12)
    let q = try #require(diff.entity("Q"))
    #expect(q.status == .unchanged)
    #expect(Swift.abs(q.scaling + 22.5) < 1e-12)
  }

  /// Min, P: x 10, y 30 (x decides) → x 40, y 20 (y decides), Δ = 10.
  ///
  /// With the weights on the deciding member, c_x = −1 · 25 + ½ · 30 = −10 and c_y = 1 · 25 + ½ · (−10) = 20.
  @Test func minimumMovesItsWeightToTheDecidingMember() throws {
    let side = Self.side(
      x: [10, 1, 40, 1], y: [30, 1, 20, 1], weights: [1, 1], aggregator: .minimum)
    let diff = Self.diff(side, side, periods: (2020, 2021))
    let p = try #require(diff.entity("P"))
    #expect(p.weightsA == [1, 0])
    #expect(p.weightsB == [0, 1])
    #expect(p.decisions == [.init(path: [], a: "dx", b: "y")])
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") + 10) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "y") - 20) < 1e-12)
  }

  /// A member only B has gets w = 0 in A and its value from B.
  ///
  /// P: x 10, y 30; S 10 → 20: c_x = (½ − 1) · 10 = −5, c_y = (½ − 0) · 30 = 15.
  @Test func addedMemberHasOnlyAWeightTerm() throws {
    let data = (x: [10.0, 1, 10, 1], y: [30.0, 1, 30, 1])
    let diff = Self.diff(
      Self.side(x: data.x, y: data.y, weights: [1], members: [0]),
      Self.side(x: data.x, y: data.y, weights: [1, 1]))
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") + 5) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "y") - 15) < 1e-12)
    #expect(diff.members == ["dx", "y"])
  }

  /// An adjustment of +4 points on `dx` for P in B only, under weights 1:1: half of it reaches
  /// the score, and it is one term of its own.
  @Test func adjustmentOnAnAggregateIsOneTerm() throws {
    let data = (x: [10.0, 1, 10, 1], y: [30.0, 1, 30, 1])
    let diff = Self.diff(
      Self.side(x: data.x, y: data.y, weights: [1, 1]),
      Self.side(
        x: data.x, y: data.y, weights: [1, 1],
        adjust: Plan.Adjustment(entity: "P", delta: 4, because: "panel")))
    let p = try #require(diff.entity("P"))
    #expect(p.adjustments.count == 1)
    #expect(p.adjustments.first?.because == "panel")
    #expect(Swift.abs((p.adjustments.first?.effect ?? 0) - 2) < 1e-12)
    #expect(Swift.abs(try Self.contribution(diff, "P", "dx") - 2) < 1e-12)
    #expect(p.indicators.allSatisfy { Swift.abs($0) < 1e-12 })
  }
}
