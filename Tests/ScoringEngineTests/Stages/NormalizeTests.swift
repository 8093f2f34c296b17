import Testing

@testable import ScoringEngine

extension Stages {
  @Suite struct NormalizeTests {
    let x: [Double] = [2, 4, nan, 10]

    func values(
      _ x: [Double], _ normalizer: Normalizer, _ direction: Direction = .higher,
      codes: [String] = []
    ) -> [Double] {
      let outcome = normalize(x, direction: direction, with: normalizer, entityCodes: codes)
      #expect(outcome.problem == nil)
      return outcome.values
    }

    func problem(_ x: [Double], _ normalizer: Normalizer, _ direction: Direction = .higher)
      -> NormalizeProblem?
    {
      let outcome = normalize(
        x, direction: direction, with: normalizer, entityCodes: ["A", "B", "C"])
      switch outcome.problem {
      case nil, .nonPositiveForLog: break
      default:
        #expect(outcome.values.allSatisfy { $0.isNaN }, "a problem leaves every value missing")
      }
      return outcome.problem
    }

    @Test func minmaxMapsOntoTheOutputRange() {
      #expect(same(values(x, .minmax100), [0, 25, nan, 100]))
      #expect(same(values(x, .minmax100, .lower), [100, 75, nan, 0]))
      #expect(same(values(x, .minmax(output: 1...10)), [1, 3.25, nan, 10]))
    }

    @Test func minmaxWithoutSpreadIsMissing() {
      #expect(problem([3, 3, nan], .minmax100) == .noSpread)
      #expect(problem([5], .minmax100) == .noSpread)
      #expect(problem([nan, nan], .minmax100) == .allMissing)
      #expect(normalize([], direction: .higher, with: .minmax100).problem == nil)
    }

    @Test func zscoreUsesTheSampleStandardDeviation() {
      #expect(same(values([1, 2, 3], .zscore(mean: 0, sd: 1)), [-1, 0, 1]))
      #expect(same(values([1, nan, 3, 2], .zscore(mean: 100, sd: 10)), [90, nan, 110, 100]))
      #expect(same(values([1, 2, 3], .zscore(mean: 0, sd: 1), .lower), [1, 0, -1]))
      #expect(problem([4, 4, 4], .zscore(mean: 0, sd: 1)) == .noSpread)
      #expect(problem([4], .zscore(mean: 0, sd: 1)) == .noSpread)
    }

    @Test func scaledUsesFixedBoundsWithoutClipping() {
      let scaled = Normalizer.scaled(low: 0, high: 20, factor: 100)
      #expect(same(values([2, 4, 30], scaled), [10, 20, 150]))
      #expect(same(values([2, 4, 30], scaled, .lower), [90, 80, -50]))
      #expect(problem([1, 2], .scaled(low: 5, high: 5, factor: 1)) == .invalidBounds)
    }

    @Test func goalpostsClipToTheOutputRange() {
      let posts = Normalizer.goalposts(low: 20, high: 85, output: 0...1, logarithmic: false)
      #expect(same(values([20, 52.5, 90, 10, nan], posts), [0, 0.5, 1, 0, nan]))
      // Lower is better: (u − x)/(u − l).
      #expect(same(values([20, 52.5, 90, 10, nan], posts, .lower), [1, 0.5, 0, 1, nan]))
      let percent = Normalizer.goalposts(low: 20, high: 85, output: 0...100, logarithmic: false)
      #expect(same(values([52.5], percent), [50]))
    }

    @Test func logarithmicGoalpostsFollowTheHDIIncomeRule() {
      let income = Normalizer.goalposts(low: 100, high: 75000, output: 0...1, logarithmic: true)
      let midpoint = (100.0 * 75000).squareRoot()
      let x: [Double] = [100, 75000, 100_000, midpoint, 50, nan]
      #expect(same(values(x, income), [0, 1, 1, 0.5, 0, nan]))
      #expect(same(values(x, income, .lower), [1, 0, 0, 0.5, 1, nan]))
      let outcome = normalize([0, 1000, -1], direction: .higher, with: income)
      #expect(outcome.problem == .nonPositiveForLog(entities: [0, 2]))
      #expect(outcome.values[0].isNaN && outcome.values[2].isNaN && !outcome.values[1].isNaN)
      let badPosts = Normalizer.goalposts(low: 0, high: 10, output: 0...1, logarithmic: true)
      #expect(problem([1, 2], badPosts) == .invalidBounds)
    }

    @Test func fracmaxDividesByTheLeader() {
      #expect(same(values(x, .fracmax(output: 0...1)), [0.2, 0.4, nan, 1]))
      #expect(same(values(x, .fracmax(output: 0...100)), [20, 40, nan, 100]))
      // Lower is better negates: the leader is −2, and a ratio to a negative leader is refused.
      #expect(problem(x, .fracmax(output: 0...1), .lower) == .nonPositiveReference)
      #expect(problem([0, 0], .fracmax(output: 0...1)) == .nonPositiveReference)
    }

    @Test func dist2maxIsOneMinusTheShareOfTheRange() {
      #expect(same(values(x, .dist2max(output: 0...1)), [0, 0.25, nan, 1]))
      #expect(same(values(x, .dist2max(output: 0...1), .lower), [1, 0.75, nan, 0]))
      #expect(problem([1, 1], .dist2max(output: 0...1)) == .noSpread)
    }

    @Test func dist2refMeasuresFromTheReferenceEntity() {
      let codes = ["A", "B", "C"]
      let toB = Normalizer.dist2ref(entity: "B", cap: false, output: 0...1)
      let toBCapped = Normalizer.dist2ref(entity: "B", cap: true, output: 0...1)
      #expect(same(values([2, 4, 10], toB, codes: codes), [0, 1, 4]))
      #expect(same(values([2, 4, 10], toBCapped, codes: codes), [0, 1, 1]))
      #expect(same(values([2, 4, 10], toB, .lower, codes: codes), [4.0 / 3, 1, 0]))
      #expect(same(values([2, 4, 10], toBCapped, .lower, codes: codes), [1, 1, 0]))
      let toZ = Normalizer.dist2ref(entity: "Z", cap: false, output: 0...1)
      #expect(problem([2, 4, 10], toZ) == .referenceUnknown("Z"))
      #expect(problem([2, nan, 10], toB) == .referenceMissing("B"))
      let toA = Normalizer.dist2ref(entity: "A", cap: false, output: 0...1)
      #expect(problem([2, 4, 10], toA) == .targetNotAboveMinimum)
    }

    @Test func dist2targetMeasuresFromTheMinimumToTheTarget() {
      let six = Normalizer.dist2target(target: 6, cap: false, output: 0...1)
      let sixCapped = Normalizer.dist2target(target: 6, cap: true, output: 0...100)
      #expect(same(values([2, 4, 10], six), [0, 0.5, 2]))
      #expect(same(values([2, 4, 10], sixCapped), [0, 50, 100]))
      // Lower is better, target 3: (max − x)/(max − t), COINr's direction −1 formula.
      let three = Normalizer.dist2target(target: 3, cap: true, output: 0...1)
      #expect(same(values([2, 4, 10], three, .lower), [1, 6.0 / 7, 0]))
      #expect(
        problem([2, 4, 10], .dist2target(target: 2, cap: false, output: 0...1))
          == .targetNotAboveMinimum)
    }

    @Test func rankBordaAndPercentileGiveTiesTheLowestRank() {
      let x: [Double] = [3, 1, 3, nan, 2]
      #expect(same(values(x, .rank), [3, 1, 3, nan, 2]))
      #expect(same(values(x, .borda), [2, 0, 2, nan, 1]))
      #expect(same(values(x, .percentile(output: 0...1)), [2.0 / 3, 0, 2.0 / 3, nan, 1.0 / 3]))
      #expect(same(values(x, .rank, .lower), [1, 4, 1, nan, 3]))
      #expect(same(values([5, 5], .percentile(output: 0...100)), [0, 0]))
      #expect(problem([5], .percentile(output: 0...1)) == .noSpread)
    }

    @Test func identityOnlyAppliesTheDirection() {
      #expect(same(values(x, .identity), x))
      #expect(same(values(x, .identity, .lower), [-2, -4, nan, -10]))
    }

    @Test(arguments: [
      Normalizer.minmax(output: 1...100), .dist2max(output: 1...100), .percentile(output: 1...100),
      .goalposts(low: 0, high: 40, output: 1...100, logarithmic: false),
      .fracmax(output: 1...100),
    ])
    func outputStaysWithinTheRange(normalizer: Normalizer) {
      let x = (0..<50).map { Double(($0 * 37) % 50) + 0.5 }
      let y = normalize(x, direction: .higher, with: normalizer).values
      #expect(y.allSatisfy { $0 >= 1 - 1e-12 && $0 <= 100 + 1e-12 })
      let top = normalize(x, direction: .higher, with: normalizer).values.max() ?? 0
      #expect(abs(top - 100) < 1e-9)
    }
  }
}
