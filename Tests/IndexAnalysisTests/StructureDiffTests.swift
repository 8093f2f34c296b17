import IndexAnalysis
import IndexLanguage
import ScoringEngine
import Testing

/// The structure diff compares resolved methodologies: layout, comments, declaration order and
/// equivalent spellings are no change; each fork edit is reported with its reason and place.
@Suite struct StructureDiffTests {
  static let base = """
    index base "Base" {
      period:    2025
      normalize: minmax
      members { d1: 60%, d2: 40% }
    }
    data s = csv("s.csv") { key: code }
    indicator a { value: s.x }
    indicator b { value: s.y, direction: lower }
    indicator c { value: s.z / s.x }
    dimension d1 { members { a, b } }
    dimension d2 { members { c } }
    """

  /// The same methodology, laid out and ordered differently, with comments, and its weights
  /// written as relative numbers with the same shares.
  static let reformatted = """
    // Reordered: dimensions first, the index last.
    dimension d2 {
      members {
        c
      }
    }
    dimension d1 { members { a , b } }   /* same members */

    indicator c {
      value: s.z/s.x
    }
    indicator b {
      direction: lower
      value: s.y
    }
    indicator a { value: s.x }
    data s = csv( "s.csv" ) {
      key: code
    }
    index base "Base" {
      members { d1: 3, d2: 2 }
      normalize: minmax(0, 100)
      period: [2025]
    }
    """

  static let fork = """
    extends "base.idx"
    index fork { }
    set b.normalize = zscore because "heavy tails" source "memo 3" by "JRC"
    weights { d1: 50%, rest: pro_rata } because "balance"
    add indicator e to d2 { value: s.y } because "new evidence"
    remove indicator a because "not comparable"
    adjust d2 P +2 because "panel" by "experts"
    """

  static let files = MemoryFileSystem([
    "base.idx": base, "again.idx": reformatted, "fork.idx": fork,
    "s.csv": "code,x,y,z\nP,1,4,9\nQ,2,3,5\nR,4,1,6\n",
  ])

  static func compiled(_ path: String) throws -> (Compilation, Results) {
    let compilation = compile(path: path, fileSystem: files)
    guard let plan = compilation.plan, let table = compilation.table else {
      throw Failure(messages: compilation.diagnostics.map(\.message))
    }
    return (compilation, run(plan, on: table))
  }

  static func structure(_ a: String, _ b: String) throws -> StructureDiff {
    let (ca, ra) = try compiled(a)
    let (cb, rb) = try compiled(b)
    return StructureDiff(a: ra.plan, ca.methodology, b: rb.plan, cb.methodology)
  }

  struct Failure: Error {
    var messages: [String]
  }

  @Test func reformattingIsNoChange() throws {
    let structure = try Self.structure("base.idx", "again.idx")
    #expect(structure.changes.isEmpty, "\(structure.changes.map(\.path))")
    #expect(structure.isEmpty)
    let (_, a) = try Self.compiled("base.idx")
    let (_, b) = try Self.compiled("again.idx")
    let results = ResultsDiff(
      a: .init(results: a, period: 2025), b: .init(results: b, period: 2025))
    #expect(results.entities.count == 3)
    #expect(results.entities.allSatisfy { $0.status == .unchanged && $0.delta == 0 })
  }

  @Test func everyEditIsReportedWithItsReasonAndPlace() throws {
    let structure = try Self.structure("base.idx", "fork.idx")
    func change(_ path: String) -> StructureDiff.Change? {
      structure.changes.first { $0.path == path }
    }
    let normalize = try #require(change("b.normalize"))
    #expect(normalize.op == .change)
    #expect(normalize.from == "minmax(0, 100)")
    #expect(normalize.to == "zscore(0, 1)")
    #expect(normalize.because == "heavy tails")
    #expect(normalize.source == "memo 3")
    #expect(normalize.by == "JRC")
    #expect(normalize.spanB?.location == "fork.idx:3:1")
    #expect(normalize.spanA?.location == "base.idx:3:14")

    let weight = try #require(change("d1.weight"))
    #expect((weight.from, weight.to) == ("60%", "50%"))
    #expect(weight.because == "balance")
    #expect(weight.spanB?.location == "fork.idx:4:1")

    let added = try #require(change("e"))
    #expect(added.op == .add && added.isDeclaration && added.kind == "indicator")
    #expect(added.because == "new evidence")
    #expect(change("e.parent")?.to == "d2")
    #expect(change("e.value")?.to == "s.y")

    let removed = try #require(change("a"))
    #expect(removed.op == .remove && removed.because == "not comparable")
    #expect(removed.spanA?.location == "base.idx:7:11")

    let adjustment = try #require(change("d2.adjust.P"))
    #expect(adjustment.op == .add)
    #expect(adjustment.to == "+2 because \"panel\"")
    #expect(adjustment.by == "experts")

    #expect(change("index.name")?.to == "fork")
    // Removing `a` doubles `b`'s share of d1: an effective weight that follows.
    let effective = try #require(change("b.effective_weight"))
    #expect(effective.isDerived)
    #expect((effective.from, effective.to) == ("30%", "50%"))
    // Changed: the index (its name), b (normalizer, and its share of d1), d1 and d2 (their
    // weights), and c (half of d2 now that e joins it).
    #expect(structure.summary == .init(add: 1, change: 5, remove: 1, derived: 0))
    let owners = Set(structure.changes.filter { $0.op == .change }.map(\.owner))
    #expect(owners == ["index", "b", "d1", "d2", "c"])
  }

  @Test func formulasPrintWithTheParenthesesPrecedenceNeeds() {
    let formula = Formula.binary(
      .divide, .binary(.add, .variable("s.x"), .constant(1)),
      .binary(.power, .variable("s.y"), .binary(.power, .constant(2), .constant(3))))
    #expect(MethodText.formula(formula) == "(s.x + 1) / s.y ^ 2 ^ 3")
    let left = Formula.binary(
      .subtract, .variable("a.b"), .binary(.subtract, .indicator("c"), .constant(2)))
    #expect(MethodText.formula(left) == "a.b - (c - 2)")
    let call = Formula.call(
      .max,
      [.negate(.variable("a.col name")), .conditional(.constant(1), .constant(2), .constant(3))])
    #expect(MethodText.formula(call) == "max(-a.\"col name\", if 1 then 2 else 3)")
  }
}
