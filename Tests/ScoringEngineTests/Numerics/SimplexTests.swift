import Testing

@testable import ScoringEngine

/// Textbook linear programs with their published optima.
@Suite struct SimplexTests {
  func optimum(_ program: LinearProgram) -> (x: [Double], value: Double)? {
    if case .optimal(let x, let value) = program.solve() { return (x, value) }
    return nil
  }

  @Test func chvatalsFirstExample() throws {
    // Chvátal, Linear Programming (1983), ch. 2: z = 13 at x = (2, 0, 1).
    let program = LinearProgram(
      maximize: [5, 4, 3], constraints: [[2, 3, 1], [4, 1, 2], [3, 4, 2]], bounds: [5, 11, 8])
    let solution = try #require(optimum(program))
    #expect(abs(solution.value - 13) < 1e-12)
    #expect(zip(solution.x, [2, 0, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test func wyndorGlass() throws {
    // Hillier & Lieberman, Introduction to Operations Research, §3.1: z = 36 at (2, 6).
    let program = LinearProgram(
      maximize: [3, 5], constraints: [[1, 0], [0, 2], [3, 2]], bounds: [4, 12, 18])
    let solution = try #require(optimum(program))
    #expect(abs(solution.value - 36) < 1e-12)
    #expect(abs(solution.x[0] - 2) < 1e-12 && abs(solution.x[1] - 6) < 1e-12)
  }

  @Test func degenerateProgramsThatCycleUnderTheTextbookRuleTerminate() throws {
    // Chvátal's cycling example (ch. 3): optimum z = 1 at x = (1, 0, 1, 0).
    let chvatal = LinearProgram(
      maximize: [10, -57, -9, -24],
      constraints: [[0.5, -5.5, -2.5, 9], [0.5, -1.5, -0.5, 1], [1, 0, 0, 0]], bounds: [0, 0, 1])
    let first = try #require(optimum(chvatal))
    #expect(abs(first.value - 1) < 1e-12)
    #expect(zip(first.x, [1, 0, 1, 0]).allSatisfy { abs($0 - $1) < 1e-12 })
    // Beale (1955): optimum 5/4.
    let beale = LinearProgram(
      maximize: [0.75, -20, 0.5, -6],
      constraints: [[0.25, -8, -1, 9], [0.5, -12, -0.5, 3], [0, 0, 1, 0]], bounds: [0, 0, 1])
    let second = try #require(optimum(beale))
    #expect(abs(second.value - 1.25) < 1e-12)
  }

  @Test func unboundedAndRejectedPrograms() {
    let unbounded = LinearProgram(maximize: [1, 0], constraints: [[-1, 1]], bounds: [1])
    #expect(unbounded.solve() == .unbounded)
    let negative = LinearProgram(maximize: [1], constraints: [[1]], bounds: [-1])
    #expect(negative.solve() == .rejected)
    let ragged = LinearProgram(maximize: [1, 1], constraints: [[1]], bounds: [1])
    #expect(ragged.solve() == .rejected)
  }

  @Test func nothingToGainStaysAtTheOrigin() throws {
    let program = LinearProgram(maximize: [-1, 0], constraints: [[1, 1]], bounds: [3])
    let solution = try #require(optimum(program))
    #expect(solution.value == 0 && solution.x == [0, 0])
  }
}
