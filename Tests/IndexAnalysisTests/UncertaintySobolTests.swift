import Foundation
import ScoringEngine
import Testing

@testable import IndexAnalysis

/// The sensitivity estimators against analytic values: the Ishigami function (a = 7,
/// b = 0.1, inputs uniform on [−π, π]) and linear models, through the same design, streams
/// and estimators the command uses, and one linear case through the whole pipeline.
@Suite struct UncertaintySobolTests {
  /// The output of a test function over every row of a Saltelli design.
  static func outputs(
    n: Int, d: Int, seed: UInt64, _ f: ([Double]) -> Double
  ) -> (SaltelliDesign, [Double]) {
    let design = SaltelliDesign(baseDraws: n, sourceCount: d, withSensitivity: true)
    let y = (0..<design.rowCount).map { row in
      f(
        (0..<d).map { source in
          let origin = design.origin(row: row, source: source)
          var stream = RandomStream(
            seed: seed, matrix: origin.matrix, row: origin.position, source: source)
          return stream.uniform()
        })
    }
    return (design, y)
  }

  @Test func ishigamiIndicesMatchTheirAnalyticValues() throws {
    let (a, b) = (7.0, 0.1)
    let (design, y) = Self.outputs(n: 20000, d: 3, seed: 42) { u in
      let x = u.map { -Double.pi + 2 * Double.pi * $0 }
      return sin(x[0]) + a * pow(sin(x[1]), 2) + b * pow(x[2], 4) * sin(x[0])
    }
    let pi4 = pow(Double.pi, 4)
    let pi8 = pow(Double.pi, 8)
    let variance = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
    let v1 = 0.5 * pow(1 + b * pi4 / 5, 2)
    let v2 = a * a / 8
    let v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50)
    let first = [v1 / variance, v2 / variance, 0]
    let total = [(v1 + v13) / variance, v2 / variance, v13 / variance]
    #expect(Swift.abs(first[0] - 0.3139) < 1e-4 && Swift.abs(total[2] - 0.2437) < 1e-4)
    let indices = try #require(
      SobolEstimator.indices(y, design: design, resamples: 200, seed: 1))
    for i in 0..<3 {
      #expect(Swift.abs(indices[i].firstOrder - first[i]) < 0.03, "S\(i + 1)")
      #expect(Swift.abs(indices[i].total - total[i]) < 0.02, "ST\(i + 1)")
      #expect(indices[i].firstOrderLow <= indices[i].firstOrder)
      #expect(indices[i].firstOrder <= indices[i].firstOrderHigh)
      #expect(indices[i].totalLow < indices[i].totalHigh || total[i] == 0)
    }
  }

  /// Y = X₁ + 2X₂ + 3X₃ with independent uniforms: S_i = ST_i = a_i² / Σ a².
  @Test func linearModelIndicesAreTheSquaredCoefficientShares() throws {
    let (design, y) = Self.outputs(n: 20000, d: 3, seed: 7) { u in u[0] + 2 * u[1] + 3 * u[2] }
    let indices = try #require(
      SobolEstimator.indices(y, design: design, resamples: 200, seed: 2))
    for (i, coefficient) in [1.0, 2.0, 3.0].enumerated() {
      let exact = coefficient * coefficient / 14
      #expect(Swift.abs(indices[i].firstOrder - exact) < 0.02, "S\(i + 1)")
      #expect(Swift.abs(indices[i].total - exact) < 0.02, "ST\(i + 1)")
      // The 90% interval is narrow at this N and lies around the estimate.
      #expect(indices[i].totalHigh - indices[i].totalLow < 0.05)
    }
  }

  @Test func aConstantOutputHasNoIndices() {
    let (design, y) = Self.outputs(n: 100, d: 2, seed: 1) { _ in 4 }
    #expect(SobolEstimator.indices(y, design: design, resamples: 10, seed: 1) == nil)
    var missing = Self.outputs(n: 100, d: 2, seed: 1) { $0[0] }.1
    missing[3] = .nan
    #expect(SobolEstimator.indices(missing, design: design, resamples: 10, seed: 1) == nil)
  }

  /// Through the pipeline: the gap X − Y of (a + 3b)/4 with relative noise ±10% on a and on
  /// b is linear in four uniforms; the variance each source adds is (1/16)(a_X² + a_Y²)p²/3
  /// and (9/16)(b_X² + b_Y²)p²/3, so with a = (10, 4) and b = (2, 1) the indices are
  /// 116/161 and 45/161, first order and total alike.
  @Test func gapIndicesThroughThePipeline() throws {
    let files = UncertaintyFixture.twoIndicators(
      csv: "code,a,b\nX,10,2\nY,4,1\n", weights: "a: 1, b: 3",
      block: "draws: 8000, seed: 5, a.noise: ±10%, b.noise: ±10%")
    let checked = try UncertaintyFixture.memory(files)
    let result = try UncertaintyFixture.analyse(checked, sensitivity: true)
    let sensitivity = try #require(result.sensitivity)
    #expect(sensitivity.runs == 8000 * 4)
    let gap = try #require(sensitivity.gap)
    #expect(gap.map { result.sources[$0.source].name } == ["a.noise", "b.noise"])
    let exact = [116.0 / 161, 45.0 / 161]
    for (entry, value) in zip(gap, exact) {
      #expect(Swift.abs(entry.index.firstOrder - value) < 0.03)
      #expect(Swift.abs(entry.index.total - value) < 0.03)
    }
  }
}
