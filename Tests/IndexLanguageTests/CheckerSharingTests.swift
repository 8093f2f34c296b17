import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

/// What the checker reads once and shares between nodes (normalizers written alike, the text
/// of an origin after the value, members' nodes found by the tree walk) gives each node what
/// reading it on its own would.
@Suite struct CheckerSharingTests {
  static let files = [
    "a.csv": "code,year,x,y\nA,2025,1,2\nB,2025,3,5\nC,2025,4,9\n",
    "b.csv": "code,year,z\nA,2025,7\nB,2025,8\nC,2025,6\n",
  ]

  /// Compiles `body` after an index of `members` and two data sources, `a` and `b`.
  static func compiled(_ body: String, members: String, index extra: String = "")
    -> Compilation
  {
    let text = """
      index t {
        period: 2025
      \(extra)  members { \(members) }
      }
      data a = csv("a.csv") {
        key: code
        period: year
      }
      data b = csv("b.csv") {
        key: code
        period: year
      }
      \(body)
      """
    var sources = files
    sources["m.idx"] = text
    return compile(path: "m.idx", fileSystem: MemoryFileSystem(sources))
  }

  /// The plan node with the given name.
  static func node(_ name: String, in compilation: Compilation) -> Plan.Node? {
    compilation.plan?.nodes.first { $0.name == name }
  }

  @Test func eachOriginNamesTheFilesItsValueReads() throws {
    let compilation = Self.compiled(
      """
      indicator p { value: a.x, normalize: minmax }
      indicator q { value: b.z, normalize: minmax }
      indicator r { value: a.y / b.z, normalize: minmax }
      indicator s { value: a.y, normalize: minmax }
      indicator u { value: 3, normalize: none }
      """, members: "p, q, r, s, u")
    #expect(compilation.isRunnable, "\(compilation.diagnostics.map(\.message))")
    let origins = ["p", "q", "r", "s", "u"].map { Self.node($0, in: compilation)?.origin }
    #expect(
      origins == [
        #"a.x (a = csv("a.csv"))"#, #"b.z (b = csv("b.csv"))"#,
        #"a.y / b.z (a = csv("a.csv"), b = csv("b.csv"))"#, #"a.y (a = csv("a.csv"))"#, "3",
      ])
  }

  @Test func normalizersWrittenAlikeAreReadAlike() throws {
    let compilation = Self.compiled(
      """
      indicator p { value: a.x, normalize: minmax(0, 100) }
      indicator q { value: a.y, normalize: minmax(0, 100%) }
      indicator r { value: a.x, normalize: minmax(0, 100) }
      indicator s { value: a.y, target: 5, normalize: dist2target }
      indicator u { value: a.x, target: 8, normalize: dist2target }
      indicator v { value: b.z, normalize: minmax() }
      indicator w { value: b.z, normalize: minmax }
      """, members: "p, q, r, s, u, v, w")
    #expect(compilation.isRunnable, "\(compilation.diagnostics.map(\.message))")
    let normalizers = ["p", "q", "r", "s", "u", "v", "w"].map {
      Self.node($0, in: compilation)?.indicator?.normalizer
    }
    // `100%` is 1: the same method with another number is another normalizer.
    #expect(normalizers[0] == .minmax(output: 0...100))
    #expect(normalizers[1] == .minmax(output: 0...1))
    #expect(normalizers[2] == .minmax(output: 0...100))
    // A bare `dist2target` takes each indicator's own target.
    #expect(normalizers[3] == .dist2target(target: 5, cap: false, output: 0...1))
    #expect(normalizers[4] == .dist2target(target: 8, cap: false, output: 0...1))
    #expect(normalizers[5] == .minmax(output: 0...100))
    #expect(normalizers[6] == .minmax(output: 0...100))
  }

  @Test func aTableCellIsNotReadAsTheSameTextWrittenBefore() throws {
    // `normalize: a.Norm` makes each row's normalizer the column `a.<cell>`, an expression the
    // table made, spanning a cell that reads `minmax`: not the `minmax` written just before it.
    var sources = Self.files
    sources["meta.csv"] = "iCode,Col,Norm\nq,y,minmax\n"
    sources["m.idx"] = """
      index t {
        period: 2025
        members { p, q }
      }
      data a = csv("a.csv") {
        key: code
        period: year
      }
      indicator p { value: a.x, normalize: minmax }
      indicators from csv("meta.csv") {
        code: iCode, value: a.Col, normalize: a.Norm
      }
      """
    let compilation = compile(path: "m.idx", fileSystem: MemoryFileSystem(sources))
    let problems = compilation.diagnostics.filter(\.isError)
    #expect(
      problems.count == 1,
      "\(compilation.diagnostics.map { "\($0.code) \($0.message) \($0.primary?.span.location ?? "")" })"
    )
    #expect(problems.first?.primary?.span.file.path == "meta.csv")
  }

  @Test func aMistakeInASharedDefaultIsReportedForEveryIndicator() throws {
    let compilation = Self.compiled(
      """
      indicator p { value: a.x }
      indicator q { value: a.y }
      indicator r { value: b.z, normalize: minmax(5, 5) }
      """, members: "p, q, r", index: "  normalize: minmax(100, 0)\n")
    let emptyRanges = compilation.diagnostics.filter { $0.code == "E0313" }
    // Once for each indicator that reads the index's default, and once for `r`'s own.
    #expect(emptyRanges.count == 3)
    let lines = emptyRanges.compactMap {
      $0.primary.map { $0.span.file.lineColumn(of: $0.span.start).line }
    }
    #expect(lines == [3, 3, 16])
  }

  @Test func membersAreTheNodesTheirNamesName() throws {
    let compilation = Self.compiled(
      """
      dimension g { members { q: 1, s: 3 } }
      dimension h { members { r, p } }
      indicator p { value: a.x, normalize: minmax }
      indicator q { value: a.y, normalize: minmax }
      indicator r { value: b.z, normalize: minmax }
      indicator s { value: b.z, normalize: minmax }
      indicator alone { value: a.x, normalize: minmax }
      """, members: "h, g")
    let plan = try #require(compilation.plan, "\(compilation.diagnostics.map(\.message))")
    // The tree in pre-order (each node's members listed when it is reached), then the rest.
    #expect(plan.nodes.map(\.name) == ["t", "h", "g", "r", "p", "q", "s", "alone"])
    let members = { (name: String) in
      Self.node(name, in: compilation)?.aggregate?.members.map {
        (plan.nodes[$0.node].name, $0.weight)
      }
    }
    #expect(members("t")?.map(\.0) == ["h", "g"])
    #expect(members("h")?.map(\.0) == ["r", "p"])
    #expect(members("g")?.map(\.0) == ["q", "s"])
    #expect(members("g")?.map(\.1) == [1, 3])
  }
}
