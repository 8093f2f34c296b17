import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

/// The methods added to match COINr (issue 12), written in `.idx` and run on CheckerTests'
/// table: x = 10, 20, 40, missing; d = 1, 0, 2, 4 (entities A, B, C, D).
@Suite struct COINrMethodsCheckTests {
  func run(_ body: String, members: String = "a", index: String = "") throws -> Results {
    let (compilation, results) = CheckerTests.compileAndRun(body, members: members, index: index)
    #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty)
    return try #require(results)
  }

  func raw(_ formula: String) throws -> [Double] {
    try run("indicator a { value: \(formula), normalize: none }").nodes[1].raw
  }

  /// NaN-aware equality: missing must match missing.
  func same(_ a: some Collection<Double>, _ b: [Double]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || abs(x - y) <= 1e-12 * max(1, abs(y))
      }
  }

  func codes(_ body: String, members: String = "a", index: String = "") -> [String] {
    CheckerTests.codes(body, members: members, index: index)
  }

  @Test func minAndMaxOfOneArgumentAreTheFieldsExtremes() throws {
    // The present x are 10, 20, 40.
    #expect(same(Array(try raw("s.x - min(s.x)").prefix(3)), [0, 10, 30]))
    #expect(same(Array(try raw("s.x / max(s.x)").prefix(3)), [0.25, 0.5, 1]))
    // Two or more arguments stay element-wise.
    #expect(same(Array(try raw("max(s.x, 15)").prefix(3)), [15, 20, 40]))
  }

  @Test func sdIsTheSampleStandardDeviation() throws {
    // mean 70/3; squared deviations 1600/9 + 100/9 + 2500/9 = 4200/9; over n − 1 = 2: 700/3.
    #expect(
      same(
        Array(try raw("sd(s.x)").prefix(3)), Array(repeating: (700.0 / 3).squareRoot(), count: 3)))
  }

  @Test func quantileIsRsTypeSeven() throws {
    // Sorted 10, 20, 40; h = (n − 1)q: q = ¼ → h = ½ → 10 + ½·10 = 15; q = 75% → h = 1.5 → 30.
    #expect(same(Array(try raw("quantile(s.x, 0.25)").prefix(3)), [15, 15, 15]))
    #expect(same(Array(try raw("quantile(s.x, 75%)").prefix(3)), [30, 30, 30]))
    #expect(codes("indicator a { value: quantile(s.x, 2), normalize: none }").contains("E0313"))
    #expect(codes("indicator a { value: quantile(s.x, s.d), normalize: none }").contains("E0313"))
  }

  @Test func rankTiesAreWrittenAsAnArgument() throws {
    // round(x/30) = 0, 1, 1, missing: the two 1s share places 2 and 3.
    let body = "indicator a { value: round(s.x / 30), normalize: rank(ties: average) }"
    #expect(same(try run(body).nodes[1].score, [1, 2.5, 2.5, .nan]))
    let percentile =
      "indicator a { value: round(s.x / 30), normalize: percentile(ties: max, to: 0..100) }"
    #expect(same(try run(percentile).nodes[1].score, [0, 100, 100, .nan]))
    #expect(codes("indicator a { value: s.x, normalize: rank(ties: middle) }") == ["E0313"])
  }

  @Test func sumAddsTheWeightedMembers() throws {
    let body = """
      indicator a { value: s.x, normalize: none }
      indicator b { value: s.d, normalize: none }
      """
    // A: 10 + 1, B: 20 + 0, C: 40 + 2; D: only b is present, 4.
    let bare = try run(body, members: "a, b", index: "  aggregate: sum\n")
    #expect(same(bare.nodes[0].score, [11, 20, 42, 4]))
    let weighted = try run(body, members: "a: 2, b: 3", index: "  aggregate: sum\n")
    #expect(same(weighted.nodes[0].score, [23, 40, 86, 12]))
  }

  @Test func winsorizeTakesForceFallbackAndCombine() throws {
    let (compilation, _) = CheckerTests.compileAndRun(
      "indicator a { value: s.x, treat: winsorize(winmax: 3, force: true, fallback: boxcox(0.5), combine: true), normalize: none }"
    )
    let plan = try #require(compilation.plan)
    let expected = Winsorization(
      winmax: 3, force: true, fallback: .boxCox(lambda: 0.5), combine: true)
    #expect(plan.nodes[1].indicator?.treatment == .winsorize(expected))
    let defaults = CheckerTests.compileAndRun(
      "indicator a { value: s.x, treat: winsorize, normalize: none }")
    #expect(defaults.0.plan?.nodes[1].indicator?.treatment == .winsorize(Winsorization()))
  }

  @Test func badWinsorizeOptionsAreReported() {
    func treat(_ text: String) -> [String] {
      codes("indicator a { value: s.x, treat: \(text), normalize: none }")
    }
    #expect(treat("winsorize(fallback: winsorize)") == ["E0313"])
    #expect(treat("winsorize(combine: true, fallback: none)") == ["E0313"])
    #expect(treat("winsorize(fallback: cube_root)").contains("E0207"))
    #expect(treat("boxcox") != [])
  }

  @Test func everyTransformIsATreatmentAndAFallback() throws {
    let names: [(String, Treatment)] = [
      ("shifted_log_plus", .signedShiftedLog), ("log_plus_one", .logPlusOne),
      ("gii_log", .giiLog), ("boxcox(0)", .boxCox(lambda: 0)),
    ]
    for (name, treatment) in names {
      let (compilation, _) = CheckerTests.compileAndRun(
        "indicator a { value: s.x, treat: \(name), normalize: none }")
      #expect(compilation.plan?.nodes[1].indicator?.treatment == treatment, "\(name)")
      let (fallback, _) = CheckerTests.compileAndRun(
        "indicator a { value: s.x, treat: winsorize(fallback: \(name)), normalize: none }")
      #expect(
        fallback.plan?.nodes[1].indicator?.treatment
          == .winsorize(Winsorization(fallback: treatment)), "\(name)")
    }
  }

  @Test func aBareDist2TargetUsesTheIndicatorsTarget() throws {
    // (x − 10)/(50 − 10) = 0, ¼, ¾.
    let own = try run("indicator a { value: s.x, target: 50, normalize: dist2target }")
    #expect(same(own.nodes[1].score, [0, 0.25, 0.75, .nan]))
    // The index's default method, with each indicator's own target.
    let byDefault = try run(
      "indicator a { value: s.x, target: 50 }", index: "  normalize: dist2target\n")
    #expect(same(byDefault.nodes[1].score, [0, 0.25, 0.75, .nan]))
    // A written target wins over the property.
    let written = try run("indicator a { value: s.x, target: 50, normalize: dist2target(30) }")
    #expect(same(written.nodes[1].score, [0, 0.5, 1.5, .nan]))
    #expect(codes("indicator a { value: s.x, normalize: dist2target }") == ["E0313"])
  }

  @Test func constantIsAPanelImputation() throws {
    let (compilation, _) = CheckerTests.compileAndRun(
      "indicator a { value: s.x, impute: constant, normalize: none }")
    #expect(compilation.plan?.nodes[1].indicator?.imputation == .constant)
  }
}
