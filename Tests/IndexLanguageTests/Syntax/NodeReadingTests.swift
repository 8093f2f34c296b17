import Diagnostics
import ScoringEngine
import Testing

@testable import IndexLanguage

/// The checker's readings of an expression straight from its node (`isName(_:)`,
/// `plainColumnReference`, `hasMadeShape`) agree with what decoding it (`kind`) says, on every
/// node of every bundled and valid test file, on hand-written edge cases, and on expressions
/// made rather than parsed.
@Suite struct NodeReadingTests {
  /// The arena of a parsed file (each parse has one), nil when it has no expression.
  static func arena(_ syntax: SourceFileSyntax) -> ExprArena? {
    for statement in syntax.statements {
      guard case .declaration(let decl) = statement else { continue }
      if let source = decl.source { return source.arena }
      for item in decl.body?.items ?? [] {
        if case .property(let property) = item { return property.value.arena }
      }
    }
    return nil
  }

  /// Every expression of a file's arena.
  static func expressions(_ bytes: [UInt8]) -> [ExprSyntax] {
    let (syntax, _) = Parser.parse(SourceFile(path: "t.idx", bytes: bytes))
    guard let arena = arena(syntax) else { return [] }
    return (0..<arena.count).map { arena.expr(UInt32($0)) }
  }

  /// `isName` against `kind == .name(word)`.
  static func expectNameAgrees(_ expr: ExprSyntax, _ context: String) {
    for word: StaticString in ["higher", "lower", "d", "x", "é", "e\u{301}", "K", ""] {
      #expect(
        expr.isName(word) == (expr.kind == .name(word.description)), "\(context): \(word)")
    }
  }

  /// `plainColumnReference` against the source and column `kind` gives; the number it read.
  static func expectReferenceAgrees(_ expr: ExprSyntax, _ context: String) -> Int {
    guard let (source, qualified) = expr.plainColumnReference else { return 0 }
    guard case .member(let base, let column) = expr.kind, case .name(let name) = base.kind,
      !column.isQuoted
    else {
      Issue.record("\(context): a reference that is not an unquoted member of a name")
      return 1
    }
    #expect(source == name, "\(context)")
    #expect(qualified == name + "." + column.text, "\(context)")
    #expect(qualified.utf8.elementsEqual((name + "." + column.text).utf8), "\(context)")
    return 1
  }

  /// `hasMadeShape` against the shapes `TableRows.madeText` matched on `kind`.
  static func expectShapeAgrees(_ expr: ExprSyntax, _ context: String) {
    let made: Bool
    switch expr.kind {
    case .member(let base, let name): made = base.range == name.range
    case .binary(.divide, let opRange, _, _): made = opRange.isEmpty
    default: made = false
    }
    #expect(expr.hasMadeShape == made, "\(context)")
  }

  static func expectAllAgree(_ exprs: [ExprSyntax], _ context: String) -> Int {
    var references = 0
    for (id, expr) in exprs.enumerated() {
      expectNameAgrees(expr, "\(context) #\(id)")
      references += expectReferenceAgrees(expr, "\(context) #\(id)")
      expectShapeAgrees(expr, "\(context) #\(id)")
    }
    return references
  }

  @Test func everyNodeOfTheCorpusReadsAsItsKind() throws {
    var references = 0
    var nodes = 0
    for (name, bytes) in try SimpleExpressionTests.corpus() {
      let exprs = Self.expressions(bytes)
      nodes += exprs.count
      references += Self.expectAllAgree(exprs, name)
    }
    #expect(nodes > 1000)
    #expect(references > 100)
  }

  /// Names and references written in every way the parser takes: spaced, quoted, chained,
  /// called, non-ASCII, canonically equal but not byte-equal.
  @Test func editCasesReadAsTheirKind() {
    let text = """
      indicator a "A" {
        value: d.c1
        direction: higher
        unit: d . c2
        target: d."quoted col"
        impute: d.c3.c4
        treat: (d).c5
        transform: log(d.c6 + 1) * d.c7
        max_adjust: lower
        weights: Higher
        screen: hïgher
        coverage: e\u{301}
        label: é
        periods: K
        draws: \u{212A}
        seed: d.é
        noise: données.c8
        a1: higher.lower
        a2: [higher, d.c9]
        a3: x / y
      }
      """
    let exprs = Self.expressions(Array(text.utf8))
    #expect(exprs.count > 30)
    let references = Self.expectAllAgree(exprs, "edge cases")
    #expect(references >= 5)
  }

  /// Expressions a table makes keep their texts apart from the file: read through `kind`.
  @Test func madeExpressionsReadAsTheirKind() {
    let range = ByteRange(0, 4)
    let base = ExprSyntax(.name("d"), range)
    let made: [ExprSyntax] = [
      ExprSyntax(.name("higher"), range),
      ExprSyntax(.name("lower"), ByteRange(2, 2)),
      ExprSyntax(.member(base: base, name: NameSyntax(text: "c1", range: range)), range),
      ExprSyntax(.member(base: base, name: NameSyntax(text: "c2", range: ByteRange(2, 4))), range),
      ExprSyntax(
        .binary(op: .divide, opRange: .empty(at: 2), lhs: base, rhs: base), range),
      ExprSyntax(.binary(op: .divide, opRange: ByteRange(1, 2), lhs: base, rhs: base), range),
      ExprSyntax(.number(3), range),
    ]
    _ = Self.expectAllAgree(made, "made")
    #expect(made[0].isName("higher"))
    #expect(made[2].plainColumnReference == nil)
  }

  /// The checker's fast way through a formula gives the plan the general way gives: a
  /// reference written with spaces (never read from the node) and one written plainly make
  /// the same variable and the same column check.
  @Test func spacedAndPlainReferencesCompileAlike() {
    func plan(_ value: String) -> [String] {
      let text = """
        index t "T" {
          members { a }
        }
        data d = csv("d.csv") {
          key: iso
        }
        indicator a "A" {
          value: \(value)
          direction: lower
          normalize: minmax(0, 100)
        }
        """
      let files = MemoryFileSystem()
      files.set("t.idx", text)
      files.set("d.csv", "iso,c1,c2\nA,1,2\nB,3,4\n")
      let compilation = compile(path: "t.idx", fileSystem: files)
      let rendered = compilation.diagnostics.map { "\($0.code) \($0.message)" }
      guard case .indicator(let indicator)? = compilation.plan?.nodes.last?.kind,
        case .formula(let formula) = indicator.source
      else { return rendered }
      return rendered + ["\(formula)", "\(indicator.direction)"]
    }
    #expect(plan("d.c1") == plan("d . c1"))
    #expect(plan("d.c1 + d.c2") == plan("d .c1 + d. c2"))
    #expect(plan("d.nowhere") == plan("d . nowhere"))
    #expect(plan("d.c1").contains("lower"))
    #expect(plan("d.nowhere").contains { $0.hasPrefix("E") })
  }
}
