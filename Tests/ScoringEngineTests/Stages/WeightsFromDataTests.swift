import Testing

@testable import ScoringEngine

extension Stages {
  /// Benefit of the doubt, Mazziotta–Pareto and weights derived from the data.
  @Suite struct WeightsFromDataTests {
    /// Pairs as comparable strings, since tuples are not Equatable.
    func pairs(_ list: [(entity: Int, member: Int)]) -> [String] {
      list.map { "\($0.entity):\($0.member)" }
    }

    /// The two-output restaurant example of Anderson's "Data Envelopment Analysis Using R".
    ///
    /// Chapter 5, "The Two Output, No Input Model", as its linear programs are written: Alfred,
    /// Barb, Chris, Don, Ed, Fran.
    let restaurants: [[Double]] = [
      [25, 14, 42, 28, 19, 14], [3500, 2100, 1050, 4200, 2500, 1500],
    ]

    @Test func benefitOfTheDoubtSolvesTheRestaurantExample() {
      // The frontier is the segment from Chris (42, 1050) to Don (28, 4200): weights
      // w = (3/140, 1/10500) on it. Scores: Alfred 25·3/140 + 3500/10500 = 73/84, Barb 1/2
      // (on the ray through Don), Chris and Don 1, Ed 271/420, Fran 31/70.
      let outcome = aggregate(restaurants, weights: [1, 1], with: .benefitOfDoubt(.free))
      let expected = [73.0 / 84, 0.5, 1, 1, 271.0 / 420, 31.0 / 70]
      #expect(same(outcome.values, expected))
      // Alfred's own weights are the facet's.
      #expect(abs(outcome.entityWeights[0][0] - 3.0 / 140) < 1e-15)
      #expect(abs(outcome.entityWeights[1][0] - 1.0 / 10500) < 1e-15)
      // Under its own weights nobody scores above 1.
      for j in 0..<6 {
        for k in 0..<6 {
          let other =
            outcome.entityWeights[0][j] * restaurants[0][k] + outcome.entityWeights[1][j]
            * restaurants[1][k]
          #expect(other <= 1 + 1e-12)
        }
      }
    }

    @Test func shareBoundsLimitTheMostFavourableWeights() {
      // Chris alone is best on the first output. With at most 60% of a score from one member,
      // a = 42w₁ ≤ 1.5·b = 1.5·1050w₂; Don's row (2/3)a + 4b ≤ 1 binds at a = 0.3, b = 0.2:
      // score 1/2, w = (1/140, 1/5250).
      let bounds = ShareBounds(minimum: 0, maximum: 0.6)
      let outcome = aggregate(restaurants, weights: [1, 1], with: .benefitOfDoubt(bounds))
      #expect(abs(outcome.values[2] - 0.5) < 1e-12)
      #expect(abs(outcome.entityWeights[0][2] - 1.0 / 140) < 1e-15)
      #expect(abs(outcome.entityWeights[1][2] - 1.0 / 5250) < 1e-15)
      // Bounds never raise a score.
      let free = aggregate(restaurants, weights: [1, 1], with: .benefitOfDoubt(.free))
      #expect(zip(outcome.values, free.values).allSatisfy { $0 <= $1 + 1e-12 })
    }

    @Test func benefitOfTheDoubtDropsMissingMembersAndRejectsNegativeValues() {
      let members: [[Double]] = [[2, 1, nan, -1], [1, 2, 1, 1]]
      let outcome = aggregate(members, weights: [1, 1], with: .benefitOfDoubt(.free))
      #expect(pairs(outcome.nonPositive) == ["3:0"])
      // Entity 3 is missing and out of the other programs; entity 2 has only member 1, where
      // entity 1 has 2: its score is 1/2.
      #expect(same(outcome.values, [1, 1, 0.5, nan]))
    }

    @Test func mazziottaParetoPenalizesUnevenProfiles() {
      // [110, 90, 100]: M = 100, sample S² = 100, MPI = 100 − 100/100 = 99; population
      // S² = 200/3, AMPI = 100 − 2/3. [120, 80]: MPI = 100 − 800/100 = 92, AMPI = 96.
      // An even profile has no penalty.
      let members: [[Double]] = [[110, 120, 100], [90, 80, 100], [100, nan, 100]]
      let mpi = aggregate(members, weights: [1, 1, 1], with: .mazziottaPareto)
      #expect(same(mpi.values, [99, 92, 100]))
      let ampi = aggregate(members, weights: [1, 1, 1], with: .adjustedMazziottaPareto)
      #expect(same(ampi.values, [100 - 2.0 / 3, 96, 100]))
      let negative = aggregate([[10, -1], [5, 5]], weights: [1, 1], with: .mazziottaPareto)
      #expect(
        same(negative.values, [7.5 - 12.5 / 7.5, nan]) && pairs(negative.nonPositive) == ["1:0"])
    }

    @Test func principalComponentWeightsOfTwoMembersAreEqual() throws {
      // Any two correlated variables: the first component is (1, 1)/√2, so weights ½ and ½.
      let outcome = deriveWeights(
        [[1, 2, 3, 5, 4], [2, 1, 4, 4, 6]], with: .principalComponent, aggregator: .arithmetic,
        coverage: nil)
      let weights = try #require(outcome.weights)
      #expect(same(weights, [0.5, 0.5]))
    }

    @Test func principalComponentWeightsNeedCompleteRowsWithSpread() {
      let short = deriveWeights(
        [[1, nan, 3, nan], [2, 1, nan, nan]], with: .principalComponent, aggregator: .arithmetic,
        coverage: nil)
      #expect(short.weights == nil && short.problem == .tooFewCompleteRows)
      let flat = deriveWeights(
        [[1, 1, 1, 1], [2, 1, 4, 3]], with: .principalComponent, aggregator: .arithmetic,
        coverage: nil)
      #expect(flat.weights == nil && flat.problem == .noSpread)
    }

    @Test func equalInfluenceWeightsOfIndependentMembersAreInverseSpreads() throws {
      // Arithmetic node of independent uniforms with spreads 1, 2 and 4: Sᵢ ∝ wᵢ²σᵢ², so
      // equal influence needs wᵢ ∝ 1/σᵢ: (4, 2, 1)/7.
      var random = SplitMix64(seed: 5)
      let spreads = [1.0, 2, 4]
      let members = spreads.map { s in
        (0..<3000).map { _ in s * Double.random(in: 0...1, using: &random) }
      }
      let outcome = deriveWeights(
        members, with: .equalInfluence, aggregator: .arithmetic, coverage: nil)
      let weights = try #require(outcome.weights)
      #expect(outcome.unconverged == nil)
      for (w, expected) in zip(weights, [4.0 / 7, 2.0 / 7, 1.0 / 7]) {
        #expect(abs(w - expected) < 0.03, "\(weights)")
      }
      // Under those weights the influences are equal within the stopping rule.
      let score = aggregate(members, weights: weights, with: .arithmetic).values
      let ratios = members.compactMap { CorrelationRatio.estimate(score, given: $0) }
      let total = ratios.reduce(0, +)
      #expect(ratios.allSatisfy { abs($0 / total - 1.0 / 3) <= 0.005 })
    }
  }
}
