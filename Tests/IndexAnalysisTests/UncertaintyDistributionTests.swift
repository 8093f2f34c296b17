import Foundation
import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// The Monte Carlo draws against distributions known exactly: nothing declared gives the
/// nominal result bit for bit; one perturbed weight, relative noise, a standard error and a
/// triangular rating give the quantiles their formulas give, within Monte Carlo error.
@Suite struct UncertaintyDistributionTests {
  typealias Fixture = UncertaintyFixture

  /// With no source, every draw is the nominal run, bit for bit, in every bundled
  /// methodology, panels and imputation included (a draw scores only the analysed period).
  @Test(arguments: ["ai-capability", "ai-soft", "asem", "hdi", "hdi-trend"])
  func noSpreadGivesTheNominalResultExactly(_ name: String) throws {
    let checked = try Fixture.bundled(name)
    let nominal = run(checked.plan, on: checked.table)
    let period = try #require(nominal.periods.last)
    let p = try #require(nominal.periodIndex(period))
    let result = try Fixture.analyse(
      checked, model: UncertaintyModel(draws: 3, seed: 5), draws: 3)
    for (e, entity) in nominal.entities.enumerated() {
      let expected = nominal.index[nominal.cell(entity: e, period: p)]
      let draws = try #require(result.drawScores(of: entity.code))
      #expect(draws.count == 3)
      for value in draws {
        #expect(value.bitPattern == expected.bitPattern, "\(name) \(entity.code)")
      }
    }
    let scored = result.entities.filter { $0.nominalScore != nil }
    #expect(scored.allSatisfy { $0.rank?.low == Double($0.nominalRank ?? 0) })
    #expect(scored.allSatisfy { $0.rank?.high == Double($0.nominalRank ?? 0) })
    #expect(result.pair?.gap?.low == result.pair?.nominalGap)
  }

  /// `a.weight: ±50%` with a's weight 1 and b's 1: X scores 10·w/(w + 1), increasing in w,
  /// so its q-quantile is 10·w_q/(w_q + 1) with w_q = 0.5 + q; Y scores 10/(w + 1).
  @Test func oneWeightInARangeGivesTheExactQuantiles() throws {
    let files = Fixture.twoIndicators(
      csv: "code,a,b\nX,10,0\nY,0,10\n", block: "draws: 20000, seed: 7, a.weight: ±50%")
    let checked = try Fixture.memory(files)
    let model = try #require(checked.model)
    #expect(model.sources.count == 1)
    let result = try Fixture.analyse(checked)
    let x = try #require(result.drawScores(of: "X"))
    let y = try #require(result.drawScores(of: "Y"))
    for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
      let w = 0.5 + q
      // The quantile of w has a standard error of about √(q(1 − q)/N) ≈ 0.0035 at most; the
      // scores move at most 4.2 points per unit of w, so 0.05 is over three standard errors.
      #expect(Swift.abs(Fixture.quantile(x, q) - 10 * w / (w + 1)) < 0.05, "X at \(q)")
      #expect(Swift.abs(Fixture.quantile(y, 1 - q) - 10 / (w + 1)) < 0.05, "Y at \(1 - q)")
      // The share of draws below the exact quantile is q, within four binomial errors.
      let limit = 4 * (q * (1 - q) / 20000).squareRoot()
      #expect(Swift.abs(Fixture.share(x, atMost: 10 * w / (w + 1)) - q) < limit)
    }
    // X is ahead exactly when w > 1: half the time.
    let pair = try #require(result.pair)
    #expect(Swift.abs((pair.probabilityAhead ?? 0) - 0.5) < 4 * (0.25 / 20000).squareRoot())
    #expect(x.allSatisfy { $0 >= 10 * 0.5 / 1.5 - 1e-12 && $0 <= 10 * 1.5 / 2.5 + 1e-12 })
  }

  /// Relative noise ±20% on the only indicator: the score is x·(1 + u), linear in a uniform
  /// u, so its q-quantile is x·(0.8 + 0.4q) and its mean is x.
  @Test func relativeNoiseIsUniformAroundTheValue() throws {
    let files = Fixture.twoIndicators(
      csv: "code,a,b\nX,10,0\nY,5,0\n", weights: "a",
      block: "draws: 20000, seed: 11, a.noise: ±20%")
    let result = try Fixture.analyse(try Fixture.memory(files))
    for (code, value) in [("X", 10.0), ("Y", 5.0)] {
      let draws = try #require(result.drawScores(of: code))
      for q in [0.05, 0.5, 0.95] {
        let exact = value * (0.8 + 0.4 * q)
        // The quantile's standard error is √(q(1 − q)/N) · 0.4x: 0.006 for x = 10.
        #expect(Swift.abs(Fixture.quantile(draws, q) - exact) < 0.03 * value / 10 + 0.02)
      }
      let mean = draws.reduce(0, +) / Double(draws.count)
      #expect(Swift.abs(mean - value) < 4 * 0.4 * value / (12 * 20000.0).squareRoot())
    }
  }

  /// Noise on an indicator that only a formula reads reaches the indicator that reads it:
  /// b = 2a, so b's score is 2a·(1 + u).
  @Test func noiseReachesTheFormulasThatReadIt() throws {
    let files: [String: String] = [
      "main.idx": """
      index t { members { b } }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.a, normalize: none }
      indicator b { value: a * 2, normalize: none }
      uncertainty { draws: 20000, seed: 13, a.noise: ±20% }
      """,
      "d.csv": "code,a\nX,10\nY,5\n",
    ]
    let result = try Fixture.analyse(try Fixture.memory(files))
    let draws = try #require(result.drawScores(of: "X"))
    for q in [0.05, 0.5, 0.95] {
      #expect(Swift.abs(Fixture.quantile(draws, q) - 20 * (0.8 + 0.4 * q)) < 0.1, "at \(q)")
    }
  }

  /// A standard error of 2 on the only indicator: the score is x + 2z, z standard normal,
  /// so its quantiles are x + 2·Φ⁻¹(q).
  @Test func standardErrorIsNormal() throws {
    let files = Fixture.twoIndicators(
      csv: "code,a,b\nX,10,0\nY,5,0\n", weights: "a",
      block: "draws: 20000, seed: 3, a.noise: se(2)")
    let result = try Fixture.analyse(try Fixture.memory(files))
    let draws = try #require(result.drawScores(of: "X"))
    for (q, z) in [(0.05, -1.6448536), (0.16, -0.9944579), (0.5, 0.0), (0.95, 1.6448536)] {
      #expect(Swift.abs(Fixture.quantile(draws, q) - (10 + 2 * z)) < 0.08, "at \(q)")
    }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
    #expect(Swift.abs(variance - 4) < 0.2)
  }

  /// A rating of 3 with range 1..4, drawn triangular: P(r ≤ 3) = (3 − 1)/(4 − 1) = 2/3 and the
  /// mean is (1 + 3 + 4)/3; the score is (r − 1)/4 · 100.
  @Test func triangularRatingsPeakAtTheRating() throws {
    let files: [String: String] = [
      "main.idx": """
      index t { members { q, a } }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.a, normalize: none }
      scale five "Five" ordinal 1..5 { 1: "low", 5: "high" }
      soft q {
        scale: five
        ratings { X 3 range 1..4, Y 2 }
      }
      uncertainty { draws: 20000, seed: 9, ratings: triangular }
      """,
      "d.csv": "code,a\nX,0\nY,0\n",
    ]
    let checked = try Fixture.memory(files)
    let result = try Fixture.analyse(checked)
    let x = try #require(result.drawScores(of: "X"))
    // The index is the mean of q's score (r − 1)/4 · 100 and a's 0: r = 1 + index / 12.5.
    let ratings = x.map { 1 + $0 / 12.5 }
    #expect(
      Swift.abs(Fixture.share(ratings, atMost: 3) - 2.0 / 3) < 4 * (2.0 / 9 / 20000).squareRoot())
    let mean = ratings.reduce(0, +) / Double(ratings.count)
    #expect(Swift.abs(mean - 8.0 / 3) < 0.01)
    #expect(ratings.allSatisfy { $0 >= 1 - 1e-12 && $0 <= 4 + 1e-12 })
    // Y's rating has the scale's default range: half the step between its levels (1 and 5)
    // either side of 2, within the scale: 1 to 4.
    let y = try #require(result.drawScores(of: "Y")).map { 1 + $0 / 12.5 }
    #expect(y.allSatisfy { $0 >= 1 - 1e-12 && $0 <= 4 + 1e-12 })
    #expect(Set(y.map { ($0 * 1e6).rounded() }).count > 1000)
  }
}
