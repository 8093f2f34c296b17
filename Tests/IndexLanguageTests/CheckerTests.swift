import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

/// The checker and lowering on small methodologies written inline, one rule per test.
@Suite struct CheckerTests {
  static let csv = """
    code,year,x,d,region
    A,2025,10,1,north
    B,2025,20,0,north
    C,2025,40,2,south
    D,2025,,4,south

    """

  /// Compiles `body` (declarations after a standard index and data block) and runs it.
  static func compileAndRun(_ body: String, members: String = "a", index extra: String = "")
    -> (Compilation, Results?)
  {
    let text = """
      index t {
        period: 2025
      \(extra)  members { \(members) }
      }
      data s = csv("s.csv") {
        key: code
        period: year
        group: region
      }
      \(body)
      """
    let files = MemoryFileSystem(["m.idx": text, "s.csv": csv])
    let compilation = compile(path: "m.idx", fileSystem: files)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table else {
      return (compilation, nil)
    }
    return (compilation, run(plan, on: table))
  }

  static func codes(_ body: String, members: String = "a", index: String = "") -> [String] {
    let (compilation, results) = compileAndRun(body, members: members, index: index)
    return (compilation.diagnostics + (results?.diagnostics ?? [])).map(\.code)
  }

  @Test func guardedDivisionDoesNotWarn() throws {
    let (compilation, results) = Self.compileAndRun(
      "indicator a { value: if s.d > 0 then s.x / s.d else 0, normalize: none }")
    #expect(compilation.diagnostics.isEmpty)
    let run = try #require(results)
    #expect(run.diagnostics.isEmpty)
    #expect(run.nodes[1].raw[1] == 0)
  }

  @Test func unguardedDivisionWarnsForThatEntityOnly() throws {
    let (_, results) = Self.compileAndRun("indicator a { value: s.x / s.d, normalize: none }")
    let warning = try #require(results?.diagnostics.first { $0.code == "W0420" })
    #expect(warning.message.contains("for B in 2025"))
  }

  @Test func sumOfNothingIsMissing() throws {
    let (_, results) = Self.compileAndRun(
      "indicator a { value: sum(s.x * 0 + s.d / 0), normalize: none }")
    let run = try #require(results)
    #expect(run.nodes[1].raw.allSatisfy { $0.isMissing })
  }

  @Test func indicatorTransformWinsOverIndexTreatment() throws {
    let (compilation, _) = Self.compileAndRun(
      "indicator a { value: s.x, transform: log, normalize: none }", index: "  treat: winsorize\n")
    let plan = try #require(compilation.plan)
    #expect(plan.nodes[1].indicator?.treatment == .log)
  }

  @Test func reversedBoundsAreRejected() {
    #expect(
      Self.codes("indicator a { value: s.x, normalize: goalposts(100, 0) }").contains("E0313"))
  }

  @Test func unweightedMemberWithNoShareLeftIsAnError() {
    let codes = Self.codes(
      "indicator a { value: s.x, normalize: minmax }\nindicator b { value: s.d, normalize: minmax }",
      members: "a: 100%, b")
    #expect(codes.contains("E0304"))
  }

  @Test func bareMembersShareWhatPercentagesLeave() throws {
    let (compilation, _) = Self.compileAndRun(
      """
      indicator a { value: s.x, normalize: minmax }
      indicator b { value: s.d, normalize: minmax }
      indicator c { value: s.d, normalize: minmax }
      """, members: "a: 50%, b, c")
    let plan = try #require(compilation.plan)
    let weights = plan.nodes[0].aggregate?.members.map(\.weight)
    #expect(weights == [0.5, 0.25, 0.25])
  }

  @Test func groupImputationFillsFromTheRegion() throws {
    let (_, results) = Self.compileAndRun(
      "indicator a { value: s.x, impute: mean(by: region), normalize: none }")
    let run = try #require(results)
    #expect(run.nodes[1].imputed[3] == 40)
    #expect(run.nodes[1].flags[3].contains(.imputed))
  }

  @Test func adjustmentsNeedAKnownEntity() {
    let codes = Self.codes(
      """
      indicator a {
        value: s.x
        normalize: none
        adjust ZZ +1 because "typo"
      }
      """)
    #expect(codes.contains("E0209"))
  }

  @Test func adjustmentInRawUnitsIsApplied() throws {
    let (_, results) = Self.compileAndRun(
      """
      indicator a {
        value: s.x
        normalize: none
        adjust A +5 because "revised figure" source "ministry note"
      }
      """)
    let run = try #require(results)
    #expect(run.nodes[1].raw[0] == 10)
    #expect(run.nodes[1].score[0] == 15)
    #expect(run.nodes[1].flags[0].contains(.adjusted))
  }

  @Test func softRatingsByLabelAndNumber() throws {
    let (compilation, results) = Self.compileAndRun(
      """
      scale q "Quality" ordinal 1..5 { 1: "low", 3: "mid", 5: "high" }
      soft a {
        scale: q
        ratings { A 4.5 range 4..5, B "mid", C 2, D "high" }
      }
      """)
    #expect(!compilation.diagnostics.hasErrors)
    let run = try #require(results)
    #expect(run.nodes[1].raw == [4.5, 3, 2, 5])
    #expect(run.nodes[1].score[1] == 50)
    // Given ranges are kept; labels and bare numbers get half a step (levels 1, 3, 5) around.
    let ranges = run.plan.nodes[1].indicator?.ratingRanges ?? [:]
    #expect(ranges["A"] == 4...5)
    #expect(ranges["B"] == 2...4)
    #expect(ranges["C"] == 1...3)
    #expect(ranges["D"] == 4...5)
  }

  @Test func unratedEntityIsAnError() {
    let codes = Self.codes(
      "soft a { normalize: goalposts(1, 5), ratings { A 4, B 3, C 2 } }")
    #expect(codes.contains("E0432"))
  }

  @Test func scaleLevelOutsideItsRange() {
    let codes = Self.codes(
      "scale q ordinal 1..5 { 1: \"low\", 7: \"off\" }\nsoft a { scale: q, ratings { A 1, B 1, C 1, D 1 } }"
    )
    #expect(codes.contains("E0319"))
  }

  @Test func missingTokensKeepEmptyCellsMissing() throws {
    let text = """
      index t {
        members { a }
      }
      data s = csv("s.csv") {
        key: code
        missing: ["n.a."]
      }
      indicator a { value: s.x, normalize: none }
      """
    let files = MemoryFileSystem(["m.idx": text, "s.csv": "code,x\nA,1\nB,\nC,n.a.\n"])
    let compilation = compile(path: "m.idx", fileSystem: files)
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
  }

  @Test func softRatingsApplyToTheirPeriodsOnly() throws {
    let text = """
      index t {
        period: [2024, 2025]
        members { a, b }
      }
      data s = csv("s.csv") { key: code, period: year }
      indicator a { value: s.x, normalize: minmax }
      soft b {
        normalize: goalposts(1, 5)
        periods: 2025
        ratings { A 4, B 3 }
      }
      """
    let files = MemoryFileSystem([
      "m.idx": text, "s.csv": "code,year,x\nA,2024,1\nB,2024,2\nA,2025,1\nB,2025,3\n",
    ])
    let compilation = compile(path: "m.idx", fileSystem: files)
    let plan = try #require(compilation.plan)
    let table = try #require(compilation.table)
    let results = run(plan, on: table)
    let soft = try #require(plan.nodeIndex("b"))
    #expect(results.nodes[soft].raw[0].isMissing)
    #expect(results.nodes[soft].raw[2] == 4)
  }
}
