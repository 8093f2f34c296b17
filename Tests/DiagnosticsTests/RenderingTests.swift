import Testing

@testable import Diagnostics

@Suite struct RenderingTests {
  let file = SourceFile(
    path: "m.idx", text: "index x {\n  members { helth: 1 }\n}\n")

  @Test func rendersLikeRustc() {
    let start = 22
    let diagnostic = Diagnostic.error(
      "E0201", "unknown member `helth`", at: Span(file: file, start: start, end: start + 5),
      label: "not declared in this methodology", help: ["did you mean `health`?"])
    let text = DiagnosticRenderer().render(diagnostic)
    #expect(
      text == """
        error[E0201]: unknown member `helth`
         --> m.idx:2:13
          |
        2 |   members { helth: 1 }
          |             ^^^^^ not declared in this methodology
          |
          = help: did you mean `health`?

        """)
  }

  @Test func colourOnlyWhenAsked() {
    let diagnostic = Diagnostic.warning("W0001", "something")
    #expect(!DiagnosticRenderer(color: false).render(diagnostic).contains("\u{1B}["))
    #expect(DiagnosticRenderer(color: true).render(diagnostic).contains("\u{1B}["))
  }

  @Test func summaryCountsErrorsAndWarnings() {
    let text = DiagnosticRenderer().render([
      .error("E0101", "a"), .error("E0102", "b"), .warning("W0101", "c"),
    ])
    #expect(text.hasSuffix("2 errors, 1 warning\n"))
  }

  @Test func lineColumnCountsCharactersNotBytes() {
    let source = SourceFile(path: "u.idx", text: "x\n\"Côte\" y")
    let offset = Array("x\n\"Côte\" ".utf8).count
    #expect(source.lineColumn(of: offset) == (2, 8))
  }

  @Test func jsonCarriesLocation() {
    let diagnostic = Diagnostic.error(
      "E0101", "bad \"thing\"", at: Span(file: file, start: 0, end: 5), label: "here")
    #expect(
      diagnostic.json
        == #"{"severity":"error","code":"E0101","message":"bad \"thing\"","location":{"file":"m.idx","line":1,"column":1,"endLine":1,"endColumn":6,"label":"here"},"notes":[],"help":[]}"#
    )
  }

  @Test func crlfLinesRenderWithoutCarriageReturn() {
    let source = SourceFile(path: "w.csv", text: "a,b\r\n1,x\r\n")
    #expect(source.lineText(2) == "1,x")
  }
}

@Suite struct SuggestionTests {
  @Test func findsCloseNames() {
    let found = Suggestions.closest(to: "helth", among: ["health", "wealth", "income"])
    #expect(found.first == "health")
    #expect(Suggestions.closest(to: "talnet", among: ["talent", "patents"]) == ["talent"])
    #expect(Suggestions.closest(to: "x", among: ["health"]).isEmpty)
  }

  @Test func transpositionIsOneEdit() {
    #expect(Suggestions.editDistance(Array("ab"), Array("ba")) == 1)
    #expect(Suggestions.editDistance(Array("kitten"), Array("sitting")) == 3)
  }

  @Test func atMostFour() {
    let names = ["aa1", "aa2", "aa3", "aa4", "aa5"]
    #expect(Suggestions.closest(to: "aa", among: names).count == 4)
  }
}

@Suite struct LineIndexTests {
  @Test func linesAndColumns() {
    let file = SourceFile(path: "x", text: "ab\r\nc\n\nd é f\nlast")
    #expect(file.lineColumn(of: 0) == (1, 1))
    #expect(file.lineColumn(of: 4) == (2, 1))
    #expect(file.lineColumn(of: 6) == (3, 1))
    #expect(file.lineColumn(of: 7) == (4, 1))
    #expect(file.lineColumn(of: 12) == (4, 5))
    #expect(file.lineColumn(of: 1000) == (5, 5))
    #expect(file.lineText(1) == "ab")
    #expect(file.lineText(4) == "d é f")
    #expect(file.lineText(5) == "last")
    #expect(file.lineRange(9) == file.bytes.count..<file.bytes.count)
  }

  @Test func manyDiagnosticsAreCapped() {
    let file = SourceFile(path: "x", text: String(repeating: "a\n", count: 200))
    let diagnostics = (0..<120).map {
      Diagnostic.error("E0101", "bad", at: Span(file: file, start: $0 * 2, end: $0 * 2 + 1))
    }
    let text = DiagnosticRenderer(limit: 10).render(diagnostics)
    #expect(text.contains("… and 110 more not shown"))
    #expect(text.hasSuffix("120 errors\n"))
  }
}

@Suite struct SortingTests {
  @Test func sortsByFileThenPositionThenOriginalOrder() {
    let a = SourceFile(path: "a.idx", text: String(repeating: "x", count: 20))
    let b = SourceFile(path: "b.idx", text: String(repeating: "x", count: 20))
    func at(_ file: SourceFile, _ start: Int, _ name: String) -> Diagnostic {
      .error("E0101", name, at: Span(file: file, start: start, end: start + 1))
    }
    let diagnostics = [
      Diagnostic.error("E0420", "no place 1"), at(b, 3, "b3"), at(a, 9, "a9 first"),
      at(a, 2, "a2"), Diagnostic.error("E0420", "no place 2"), at(a, 9, "a9 second"),
    ]
    #expect(
      diagnostics.sortedByLocation().map(\.message) == [
        "a2", "a9 first", "a9 second", "b3", "no place 1", "no place 2",
      ])
  }
}
