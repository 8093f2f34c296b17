import Testing

@testable import ScoringEngine

@Suite struct SymmetricEigenTests {
  /// |a − b| within a tolerance, for every element.
  func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  /// The same vector, or its opposite (a tie in the largest magnitude decides the sign by
  /// rounding).
  func closeUpToSign(_ a: [Double], _ b: [Double]) -> Bool {
    close(a, b) || close(a, b.map { -$0 })
  }

  @Test func twoByTwo() throws {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
    let eigen = try #require(SymmetricEigen([[2, 1], [1, 2]]))
    let r = 0.5.squareRoot()
    #expect(close(eigen.values, [3, 1]))
    #expect(close(eigen.vectors[0], [r, r]))
    #expect(closeUpToSign(eigen.vectors[1], [r, -r]))
  }

  @Test func tridiagonalWithKnownSpectrum() throws {
    // The second-difference matrix: eigenvalues 2 − 2cos(kπ/4) for k = 1, 2, 3.
    let eigen = try #require(SymmetricEigen([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]))
    let s = 2.0.squareRoot()
    #expect(close(eigen.values, [2 + s, 2, 2 - s]))
    // Sign rule: the largest-magnitude component is positive.
    #expect(close(eigen.vectors[0], [-0.5, s / 2, -0.5]))
    #expect(closeUpToSign(eigen.vectors[1], [s / 2, 0, -s / 2]))
    #expect(close(eigen.vectors[2], [0.5, s / 2, 0.5]))
  }

  @Test func diagonalMatrixNeedsNoSweepAndIsSorted() throws {
    let eigen = try #require(SymmetricEigen([[1, 0, 0], [0, 5, 0], [0, 0, 3]]))
    #expect(eigen.sweeps == 0)
    #expect(eigen.values == [5, 3, 1])
    #expect(eigen.vectors == [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
  }

  @Test func randomSymmetricMatricesAreDecomposedToMachinePrecision() throws {
    var random = SplitMix64(seed: 13)
    for n in [4, 8, 15] {
      var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
      for i in 0..<n {
        for j in i..<n {
          let x = Double.random(in: -1...1, using: &random)
          a[i][j] = x
          a[j][i] = x
        }
      }
      let eigen = try #require(SymmetricEigen(a))
      var trace = 0.0
      for i in 0..<n { trace += a[i][i] }
      #expect(abs(eigen.values.reduce(0, +) - trace) < 1e-12)
      #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
      for k in 0..<n {
        let v = eigen.vectors[k]
        let av = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i][$1] * v[$1] } }
        #expect(close(av, v.map { eigen.values[k] * $0 }, 1e-12), "A v = λ v for k = \(k)")
        for l in 0..<n {
          let dot = (0..<n).reduce(0.0) { $0 + v[$1] * eigen.vectors[l][$1] }
          #expect(abs(dot - (k == l ? 1 : 0)) < 1e-12, "orthonormal \(k), \(l)")
        }
      }
    }
  }

  @Test func rejectsWhatIsNotASquareFiniteMatrix() {
    #expect(SymmetricEigen([[1, 2]]) == nil)
    #expect(SymmetricEigen([[1, .nan], [.nan, 1]]) == nil)
    #expect(SymmetricEigen([])?.values == [])
  }
}
