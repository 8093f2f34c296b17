import Diagnostics
import IndexLanguage
import Testing

/// Resolution builds each declaration once and frees its syntax as it goes: what it reports
/// and what the fork edits after the declarations see is what a resolution that kept the
/// whole tree would give.
@Suite struct ResolutionTests {
  static let data = "code,year,x,y\nA,2025,1,2\nB,2025,3,5\n"

  /// Nine lines: an index `t` of one indicator `x` (line 9) and its data `a`.
  static let head = """
    index t {
      period: 2025
      members { x }
    }
    data a = csv("a.csv") {
      key: code
      period: year
    }
    indicator x { value: a.x, normalize: minmax }

    """

  static func compiled(_ files: [String: String]) -> Compilation {
    var sources = files
    sources["a.csv"] = data
    return compile(path: "m.idx", fileSystem: MemoryFileSystem(sources))
  }

  /// The line of each diagnostic's primary span and of its first secondary one.
  static func lines(_ diagnostic: Diagnostic) -> (Int?, Int?) {
    let line = { (span: Span) in span.file.lineColumn(of: span.start).line }
    return (
      diagnostic.primary.map { line($0.span) }, diagnostic.secondary.first.map { line($0.span) }
    )
  }

  @Test func aNameTakenByTheIndexStaysTheIndexs() throws {
    // Each `t` after the index is a second declaration of the index's name, and each message
    // points back at the index, not at the previous duplicate.
    let compilation = Self.compiled([
      "m.idx": Self.head + """
        indicator t { value: a.y, normalize: minmax }
        indicator t { value: a.x, normalize: minmax }
        """
    ])
    let duplicates = compilation.diagnostics.filter { $0.code == "E0202" }
    #expect(duplicates.count == 2)
    #expect(duplicates.map { Self.lines($0).0 } == [10, 11])
    #expect(duplicates.map { Self.lines($0).1 } == [1, 1])
  }

  @Test func aSecondDeclarationPointsAtTheFirst() throws {
    let compilation = Self.compiled([
      "m.idx": Self.head + """
        indicator x { value: a.y, normalize: minmax }
        """
    ])
    let duplicates = compilation.diagnostics.filter { $0.code == "E0202" }
    #expect(duplicates.map { Self.lines($0).0 } == [10])
    #expect(duplicates.map { Self.lines($0).1 } == [9])
    // The first declaration is the one kept.
    let source = compilation.methodology?.node("x")?.property("value")?.valueText
    #expect(source == "a.x")
  }

  @Test func editsAfterTheDeclarationsStillApply() throws {
    // The fork's declarations are resolved (and their syntax freed) before its edits run; the
    // edits, written between and after them, still see every declaration.
    let compilation = Self.compiled([
      "base.idx": """
      index t {
        period: 2025
        members { g }
      }
      data a = csv("a.csv") {
        key: code
        period: year
      }
      dimension g { members { x, y } }
      indicator x { value: a.x, normalize: minmax }
      indicator y { value: a.y, normalize: minmax }
      """,
      "m.idx": """
      extends "base.idx"
      index fork {}
      set x.normalize = zscore
      indicator z { value: a.x + a.y, normalize: minmax }
      add indicator w to g { value: a.y, normalize: minmax }
      set z.direction = lower
      """,
    ])
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let methodology = try #require(compilation.methodology)
    #expect(methodology.node("x")?.property("normalize")?.valueText == "zscore")
    #expect(methodology.node("z")?.property("direction")?.valueText == "lower")
    #expect(methodology.node("w") != nil)
  }
}
