import Testing

@testable import ScoringEngine

#if canImport(Glibc)
  import Glibc
#endif

/// The correlation ratio recovers known first-order indices.
@Suite struct CorrelationRatioTests {
  /// n draws of each of `count` independent uniforms on `range`.
  func uniforms(_ count: Int, _ n: Int, _ range: ClosedRange<Double>, seed: UInt64) -> [[Double]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in (0..<n).map { _ in Double.random(in: range, using: &random) } }
  }

  @Test func linearIndexOfIndependentUniformsGivesSquaredWeightShares() throws {
    // y = Σ wᵢxᵢ with independent xᵢ of equal variance: Sᵢ = wᵢ²/Σwⱼ² = 1/14, 4/14, 9/14.
    let weights = [1.0, 2, 3]
    let x = uniforms(3, 4000, 0...1, seed: 7)
    let y = (0..<4000).map { e in (0..<3).reduce(0.0) { $0 + weights[$1] * x[$1][e] } }
    for i in 0..<3 {
      let expected = weights[i] * weights[i] / 14
      let s = try #require(CorrelationRatio.estimate(y, given: x[i]))
      // Sampling error of the estimate is about 0.01 at n = 4,000; bias below 0.005.
      #expect(abs(s - expected) < 0.03, "S\(i) = \(s), expected \(expected)")
    }
  }

  @Test func geometricIndexMatchesTheAnalyticIndices() throws {
    // y = Π xᵢ^aᵢ with aᵢ = wᵢ/Σw and xᵢ ~ U(l, u) independent:
    // E[y | xᵢ] = xᵢ^aᵢ Π_{j≠i} E[xⱼ^aⱼ], so Sᵢ = (Π_{j≠i} E[xⱼ^aⱼ])² V(xᵢ^aᵢ) / V(y),
    // with E[x^p] = (u^{p+1} − l^{p+1}) / ((p + 1)(u − l)).
    let (l, u) = (0.1, 1.0)
    let a = [1.0 / 6, 2.0 / 6, 3.0 / 6]
    func moment(_ p: Double) -> Double { (pow(u, p + 1) - pow(l, p + 1)) / ((p + 1) * (u - l)) }
    let first = a.map { moment($0) }
    let second = a.map { moment(2 * $0) }
    let varianceY = second.reduce(1, *) - pow(first.reduce(1, *), 2)
    let n = 4000
    let x = uniforms(3, n, l...u, seed: 11)
    let y = (0..<n).map { e in (0..<3).reduce(1.0) { $0 * pow(x[$1][e], a[$1]) } }
    for i in 0..<3 {
      let others = (0..<3).filter { $0 != i }.reduce(1.0) { $0 * first[$1] }
      let expected = others * others * (second[i] - first[i] * first[i]) / varianceY
      let s = try #require(CorrelationRatio.estimate(y, given: x[i]))
      #expect(abs(s - expected) < 0.03, "S\(i) = \(s), expected \(expected)")
    }
  }

  @Test func seesDependenceThatPearsonMisses() throws {
    // y = x² + e, x ~ U(−1, 1), e ~ U(−0.2, 0.2): r ≈ 0 but S = V(x²)/(V(x²) + V(e))
    // = (4/45)/(4/45 + 0.04/3) ≈ 0.870.
    let n = 4000
    let draws = uniforms(2, n, -1...1, seed: 3)
    let x = draws[0]
    let y = (0..<n).map { x[$0] * x[$0] + 0.2 * draws[1][$0] }
    let s = try #require(CorrelationRatio.estimate(y, given: x))
    let expected = (4.0 / 45) / (4.0 / 45 + 0.04 / 3)
    #expect(abs(s - expected) < 0.03, "S = \(s), expected \(expected)")
  }

  @Test func aTwoValuedInputGivesTheBetweenGroupShareExactly() throws {
    // Group means 2 and 5: V(E[y|x]) = 2.25, V(y) = 17.5/6, S = 27/35.
    let s = try #require(CorrelationRatio.estimate([1, 2, 3, 4, 5, 6], given: [0, 0, 0, 1, 1, 1]))
    #expect(abs(s - 27.0 / 35) < 1e-12)
  }

  @Test func degenerateInputs() {
    #expect(
      CorrelationRatio.estimate([1, 2, 3], given: [4, 4, 4]) == 0, "constant x explains nothing")
    #expect(
      CorrelationRatio.estimate([5, 5, 5], given: [1, 2, 3]) == nil, "constant y: undefined")
    #expect(CorrelationRatio.estimate([1, 2], given: [1, 2]) == nil, "fewer than three pairs")
    let withGaps = CorrelationRatio.estimate(
      [1, .nan, 2, 3, 4, 5, 6], given: [0, 1, 0, 0, 1, .nan, 1])
    // Pairs kept: (0,1) (0,2) (0,3) (1,4) (1,6): group means 2 and 5.
    let y = [1.0, 2, 3, 4, 6]
    let mean = y.reduce(0, +) / 5
    let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let between = 3 * (2 - mean) * (2 - mean) + 2 * (5 - mean) * (5 - mean)
    #expect(withGaps.map { abs($0 - between / total) < 1e-12 } == true)
  }
}
