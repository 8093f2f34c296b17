import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

/// `global: true`, `row_mean`/`row_median` and `screen:` written in `.idx`, on CheckerTests'
/// table: x = 10, 20, 40, missing; d = 1, 0, 2, 4 (entities A, B, C, D; one period, 2025).
@Suite struct COINrStagesCheckTests {
  let twoIndicators = """
    indicator a { value: s.x, normalize: minmax }
    indicator b { value: s.d, normalize: minmax }
    """

  func compile(_ body: String, members: String = "a, b", index: String = "")
    -> (Compilation, Results?)
  {
    CheckerTests.compileAndRun(body, members: members, index: index)
  }

  func codes(_ body: String, members: String = "a, b", index: String = "") -> [String] {
    CheckerTests.codes(body, members: members, index: index)
  }

  func messages(_ body: String, members: String = "a, b", index: String = "") -> [String] {
    let (compilation, results) = compile(body, members: members, index: index)
    return (compilation.diagnostics + (results?.diagnostics ?? [])).map {
      $0.message + " " + $0.help.joined(separator: " ")
    }
  }

  @Test func globalIsANamedOptionOfDataDependentNormalizers() throws {
    let (compilation, _) = compile(
      "indicator a { value: s.x, normalize: minmax(0, 10, global: true) }", members: "a")
    let plan = try #require(compilation.plan)
    #expect(plan.nodes[1].indicator?.normalizer == .global(.minmax(output: 0...10)))
    // One scored period pools nothing: a warning, the scores are those of per-period minmax.
    #expect(compilation.diagnostics.map(\.code) == ["W0380"])
    let (_, results) = compile(
      "indicator a { value: s.x, normalize: rank(global: yes) }", members: "a")
    #expect(results?.plan.nodes[1].indicator?.normalizer == .global(.rank))
  }

  @Test func globalIsRefusedWhereItMeansNothing() {
    let goalposts = codes(
      "indicator a { value: s.x, normalize: goalposts(0, 50, global: true) }", members: "a")
    #expect(goalposts == ["E0313"])
    let reference = codes(
      "indicator a { value: s.x, normalize: dist2ref(A, global: true) }", members: "a")
    #expect(reference == ["E0313"])
    #expect(
      codes("indicator a { value: s.x, normalize: minmax(global: 2) }", members: "a").count == 1)
    // `global: false` is the default, written out.
    #expect(
      codes("indicator a { value: s.x, normalize: minmax(global: false) }", members: "a") == [])
  }

  @Test func rowMeanFillsFromTheSiblings() throws {
    // D has no x. Its d = 4 is the top of d's 0..4, so z = 1 → x = 1·(40 − 10) + 10 = 40.
    let (_, results) = compile(twoIndicators, index: "impute: row_mean\n")
    let run = try #require(results)
    #expect(run.nodes[1].imputed[3] == 40)
    #expect(run.nodes[1].flags[3].contains(.imputed))
    // Without normalizing first, the raw d: 4.
    let (_, raw) = compile(twoIndicators, index: "impute: row_median(normalize_first: false)\n")
    #expect(raw?.nodes[1].imputed[3] == 4)
  }

  @Test func rowImputationIsChecked() {
    // The index's default is read by each indicator, which each report it.
    #expect(Set(codes(twoIndicators, index: "impute: row_men\n")) == ["E0207"])
    #expect(messages(twoIndicators, index: "impute: row_men\n").first?.contains("row_mean") == true)
    #expect(
      Set(codes(twoIndicators, index: "impute: row_mean(normalise_first: false)\n")) == ["E0215"])
    // Alone under its parent, there is nothing to impute from.
    let alone = """
      indicator a { value: s.x, normalize: minmax, impute: row_mean }
      """
    #expect(codes(alone, members: "a") == ["E0381"])
  }

  @Test func screeningDropsAndExplains() throws {
    // D has one of its two values (50%), the others both.
    let (compilation, results) = compile(twoIndicators, index: "screen: availability(75%)\n")
    #expect(compilation.plan?.screening?.rules.first?.availability == 0.75)
    let run = try #require(results)
    #expect(run.entities.map(\.code) == ["A", "B", "C"])
    #expect(run.screened.map(\.code) == ["D"])
    // B's d is 0: half its values are zero.
    let (_, zeros) = compile(twoIndicators, index: "screen: nonzero(60%)\n")
    #expect(zeros?.screened.map(\.code) == ["B"])
    let (_, both) = compile(
      twoIndicators, index: "screen: availability(75%, nonzero: 60%, include: [D])\n")
    #expect(both?.screened.map(\.code) == ["B"])
    // COINr's defaults: 2/3 available, 5% non-zero.
    let (defaults, _) = compile(twoIndicators, index: "screen: availability\n")
    #expect(defaults.plan?.screening?.rules.first?.availability == 2.0 / 3)
  }

  @Test func screeningIsChecked() {
    #expect(codes(twoIndicators, index: "screen: availabilty(75%)\n") == ["E0207"])
    #expect(codes(twoIndicators, index: "screen: availability(150%)\n") == ["E0313"])
    #expect(codes(twoIndicators, index: "screen: nonzero(-5%)\n") == ["E0313"])
    let unknown = messages(twoIndicators, index: "screen: none(exclude: [CC])\n")
    #expect(unknown.count == 1 && unknown[0].contains("`C`"))
    #expect(
      codes(twoIndicators, index: "screen: availability(50%, include: [A], exclude: [A])\n")
        == ["E0380"])
    let dimension = """
      dimension both {
        screen: availability(50%, include: [A])
        members { a, b }
      }

      """ + twoIndicators
    #expect(codes(dimension, members: "both") == ["E0313"])
    #expect(codes(twoIndicators, index: "screen: availability(75%, keep: [A])\n") == ["E0215"])
  }

  @Test func uncertaintyCanVaryTheNewMethods() throws {
    let body =
      twoIndicators + """

        uncertainty {
          draws: 10
          normalize: one of minmax, minmax(global: true)
          impute: one of mean, row_mean
        }
        """
    let (compilation, _) = compile(
      body.replacingOccurrences(of: ", normalize: minmax }", with: " }"),
      index: "normalize: minmax\n")
    #expect(!compilation.diagnostics.contains { $0.severity == .error })
    #expect(compilation.uncertainty?.sources.count == 2)
  }
}
