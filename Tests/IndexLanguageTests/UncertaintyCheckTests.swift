import Diagnostics
import Foundation
import IndexLanguage
import ScoringEngine
import Testing

/// The `uncertainty` block: what a correct one declares, and where a wrong one is wrong.
///
/// A correct block becomes the typed model; every mistake is an error at its place, and
/// nothing is skipped silently.
@Suite struct UncertaintyCheckTests {
  /// An index of two dimensions over four indicators and a soft one; `block` is the body.
  static func methodology(_ block: String) -> String {
    """
    index t "Test" {
      normalize: minmax
      members { research: 50%, patents: 30%, soft: 20% }
    }
    data d = csv("d.csv") { key: code }
    indicator papers { value: d.p }
    indicator citations { value: d.c, normalize: zscore }
    indicator grants { value: d.g, impute: mean }
    indicator families { value: d.f }
    dimension research { members { papers, citations } }
    dimension patents { aggregate: geometric(floor: 1), members { grants, families } }
    scale five "Five" ordinal 1..5 { 1: "low", 3: "mid", 5: "high" }
    soft panel {
      scale: five
      ratings { A 4 range 3.5..4.5, B 2, C 3 range 2..4 }
    }
    dimension soft { members { panel } }
    uncertainty {
      \(block)
    }
    """
  }

  static let csv = "code,p,c,g,f\nA,1,4,2,1\nB,2,2,2,3\nC,4,1,3,2\n"

  static func compileBlock(_ block: String) -> Compilation {
    compileFiles(["main.idx": methodology(block)])
  }

  static func compileFiles(_ files: [String: String], path: String = "main.idx") -> Compilation {
    var all = ["d.csv": csv]
    all.merge(files) { _, new in new }
    return compile(path: path, fileSystem: MemoryFileSystem(all))
  }

  /// The one error of a block, with its code and where it points.
  static func error(_ block: String) throws -> Diagnostic {
    let compilation = compileBlock(block)
    let errors = compilation.diagnostics.filter(\.isError)
    #expect(errors.count == 1, "\(errors.map { "\($0.code) \($0.message)" })")
    #expect(compilation.uncertainty == nil)
    return try #require(errors.first)
  }

  @Test func aFullBlockBecomesItsModel() throws {
    let compilation = Self.compileBlock(
      """
        draws: 5000, seed: 9
        weights: ±25%
        research.weight: ±40%
        normalize: one of minmax, zscore(50, 10), rank
        aggregate: one of arithmetic, geometric(floor: 1)
        impute: one of none, median
        treat: one of none, winsorize
        ratings: triangular
        papers.noise: se(5%)
        exclude: one of none, patents, citations
      """)
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let model = try #require(compilation.uncertainty)
    let plan = try #require(compilation.plan)
    func node(_ name: String) -> Int { plan.nodeIndex(name) ?? -1 }
    #expect(model.draws == 5000 && model.seed == 9)
    #expect(
      model.sources.map(\.name) == [
        "weights", "research.weight", "normalize", "aggregate", "impute", "treat", "ratings",
        "papers.noise", "exclude",
      ])
    #expect(model.sources[2].summary == "one of minmax, zscore(50, 10), rank")
    for source in model.sources {
      switch source.kind {
      case .weights(let spreads) where source.name == "weights":
        // Every weight in a group of two or more, but research's own (it has a line).
        #expect(spreads.count == 6)
        #expect(
          !spreads.contains {
            plan.nodes[$0.parent].aggregate?.members[$0.member].node == node("research")
          })
        #expect(spreads.allSatisfy { $0.spread == 0.25 })
      case .weights(let spreads):
        #expect(spreads == [.init(parent: plan.root, member: 0, spread: 0.4)])
      case .normalizer(let nodes, let choices):
        // citations sets its own; the soft indicator never takes the index's default.
        #expect(nodes == [node("papers"), node("grants"), node("families")])
        #expect(choices.values == [.minmax100, .zscore(mean: 50, sd: 10), .rank])
      case .aggregator(let nodes, let choices):
        #expect(nodes == [plan.root, node("research"), node("soft")])
        #expect(choices.values == [.arithmetic, .geometric(.floor(1))])
      case .imputation(let nodes, _):
        #expect(nodes == [node("papers"), node("citations"), node("families")])
      case .treatment(let nodes, _):
        #expect(nodes.count == 4)
      case .ratings(let nodes, let shape):
        #expect(nodes == [node("panel")] && shape == .triangular)
      case .noise(let nodes, let noise):
        #expect(nodes == [node("papers")] && noise == .relativeError(0.05))
      case .exclusion(let choices):
        #expect(choices.values == [nil, node("patents"), node("citations")])
        #expect(choices.labels == ["none", "patents", "citations"])
      }
    }
  }

  @Test func softRatingsWithRangesAreSampledWithoutALine() throws {
    let model = try #require(Self.compileBlock("draws: 100").uncertainty)
    #expect(model.sources.map(\.name) == ["ratings"])
    guard case .ratings(_, .uniform) = model.sources[0].kind else {
      Issue.record("expected uniform ratings")
      return
    }
    let fixed = Self.compileBlock("draws: 100, ratings: fixed")
    #expect(fixed.diagnostics.map(\.code) == ["W0303"])
    #expect(
      fixed.diagnostics.first?.message == "the `uncertainty` block declares nothing uncertain")
    #expect(fixed.uncertainty?.sources.isEmpty == true)
  }

  @Test(arguments: [
    ("weights: 25%", "E0310", "expected a spread such as `±25%` for `weights`", "19:12"),
    ("weights: ±100%", "E0360", "the spread of `weights` must be above 0% and below 100%", "19:12"),
    ("draws: 0.5", "E0360", "`draws` is a whole number from 2 to 10000000", "19:10"),
    ("seed: -1", "E0360", "`seed` is a whole number from 0 to 2^53", "19:9"),
    ("normalize: minmax", "E0362", "`normalize` needs at least two alternatives", "19:14"),
    (
      "normalize: one of minmax, minmax(0, 100)", "E0362", "`minmax(0, 100)` is `minmax` again",
      "19:29"
    ),
    ("normalize: one of minmax, zscroe", "E0207", "unknown normalize method `zscroe`", "19:29"),
    ("patnets.weight: ±10%", "E0363", "unknown node `patnets` in `uncertainty`", "19:3"),
    ("patents.wieght: ±10%", "E0206", "`uncertainty` cannot vary `patents.wieght`", "19:3"),
    (
      "papers.aggregate: one of arithmetic, min", "E0361", "`papers.aggregate` varies nothing",
      "19:3"
    ),
    ("panel.weight: ±10%", "E0361", "`panel.weight` varies nothing", "19:3"),
    ("panel.noise: ±10%", "E0361", "`panel.noise` varies nothing", "19:3"),
    ("exclude: one of none, panel", "E0364", "`panel` cannot be left out", "19:25"),
    ("exclude: one of none, reserch", "E0363", "unknown node `reserch` in `uncertainty`", "19:25"),
    (
      "papers.noise: se(0)", "E0360", "the standard error of `papers.noise` must be above 0",
      "19:17"
    ),
    ("ratings: normal", "E0310", "`ratings` is `uniform`, `triangular` or `fixed`", "19:12"),
    ("draw: 100", "E0206", "`uncertainty` has no property `draw`", "19:3"),
  ])
  func mistakesAreLocatedErrors(_ block: String, _ code: String, _ message: String, _ at: String)
    throws
  {
    let error = try Self.error(block)
    #expect(error.code == code, "\(block): \(error.code) \(error.message)")
    #expect(error.message == message)
    #expect(error.primary?.span.location == "main.idx:" + at, "\(block)")
  }

  @Test func aTypoGetsADidYouMean() throws {
    let node = try Self.error("patnets.weight: ±10%")
    #expect(node.help == ["did you mean `patents`?"])
    let property = try Self.error("patents.wieght: ±10%")
    #expect(property.help == ["did you mean `patents.weight`?"])
  }

  @Test func anAlternativeThatReachesNoNodeSaysWhy() throws {
    let files = [
      "main.idx": """
      index t { members { a, b } }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.p, normalize: minmax }
      indicator b { value: d.c, normalize: zscore }
      uncertainty { normalize: one of minmax, rank }
      """
    ]
    let compilation = Self.compileFiles(files)
    let error = try #require(compilation.diagnostics.first { $0.code == "E0361" })
    #expect(error.message == "`normalize` varies nothing")
    #expect(error.notes.first?.hasPrefix("every indicator sets its own `normalize`") == true)
    #expect(error.primary?.span.location == "main.idx:5:15")
    let ratings = Self.compileFiles([
      "main.idx": files["main.idx", default: ""].replacingOccurrences(
        of: "normalize: one of minmax, rank", with: "ratings: triangular")
    ])
    #expect(ratings.diagnostics.first { $0.isError }?.code == "E0361")
  }

  @Test func dottedPropertiesBelongOnlyInUncertainty() throws {
    let files = [
      "main.idx": """
      index t { members { a } }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.p, normalize: minmax, a.weight: 2 }
      """
    ]
    let error = try #require(Self.compileFiles(files).diagnostics.first { $0.isError })
    #expect(error.code == "E0206")
    #expect(error.message == "`indicator` has no property `a.weight`")
  }

  /// A fork changes the block like anything else, and a misspelt path is an error.
  @Test func forksEditTheBlock() throws {
    let base = Self.methodology("draws: 100, weights: ±25%")
    let fork = """
      extends "main.idx"
      index fork {}
      set uncertainty.draws = 20000 because "more draws"
      set uncertainty.research.weight = ±40% because "less sure of research"
      set uncertainty.exclude = one of none, soft because "with and without the panel"
      """
    let compilation = Self.compileFiles(["main.idx": base, "fork.idx": fork], path: "fork.idx")
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let model = try #require(compilation.uncertainty)
    #expect(model.draws == 20000)
    // Edits replace or add lines at the end; implicit rating sampling comes last.
    #expect(model.sources.map(\.name) == ["weights", "research.weight", "exclude", "ratings"])
    let edits = compilation.methodology?.edits.flatMap(\.paths) ?? []
    #expect(edits.contains("uncertainty.research.weight"))
    let typo = Self.compileFiles(
      [
        "main.idx": base,
        "fork.idx": "extends \"main.idx\"\nindex fork {}\nset uncertainty.drawz = 5\n",
      ],
      path: "fork.idx")
    let error = try #require(typo.diagnostics.first { $0.isError })
    #expect(error.code == "E0206")
    #expect(error.help == ["did you mean `draws`?"])
    let withoutBlock = base.components(separatedBy: "uncertainty {")[0]
    let none = Self.compileFiles(
      [
        "main.idx": withoutBlock,
        "fork.idx": "extends \"main.idx\"\nindex fork {}\nset uncertainty.draws = 5\n",
      ], path: "fork.idx")
    #expect(none.diagnostics.contains { $0.code == "E0328" })
  }
}
