import Foundation
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexReport

/// User strings (entity names, labels, doc comments, reasons) come from files: each is
/// escaped for where it lands, and the JSON block gives them back exactly.
@Suite struct EscapingTests {
  static let hostile = [
    "</script><script>alert(1)</script>", "<!-- comment", "\"quoted\" & 'single'",
    "back\\slash", "https://example.org/x", "line\u{2028}separator", "tab\there",
    "bell\u{07}char", "Ünïcode 🇨🇭",
  ]

  @Test func htmlEscapesMarkupAndColons() {
    #expect(Escaping.html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
    #expect(Escaping.html("https://x") == "https&#58;//x")
    #expect(Escaping.html("bell\u{07}") == "bell\u{FFFD}")
    #expect(Escaping.html("plain text") == "plain text")
  }

  @Test(arguments: hostile)
  func jsonStringReadsBackExactly(_ text: String) throws {
    let literal = Escaping.jsonString(text)
    #expect(!literal.contains("<"))
    #expect(!literal.lowercased().contains("http:") && !literal.lowercased().contains("https:"))
    let data = Data("[\(literal)]".utf8)
    let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
    let expected = text.replacingOccurrences(of: "\u{07}", with: "\u{FFFD}")
    #expect(decoded == [expected])
  }

  /// A methodology whose names try to break out of every context the report writes them in.
  static let files = MemoryFileSystem([
    "m.idx": """
    /// Doc with a link https://evil.example/x and </script><script>alert(2)</script>.
    index m "Title \\"><img src=x onerror=alert(3)>" {
      period: 2025
      normalize: minmax(0, 100)
      members { a, b }
    }
    data s = csv("s.csv") { key: code, names: name, period: year }
    /// A's doc: <b>bold</b> & "quotes".
    indicator a "Label </title><script>alert(4)</script>" { value: s.x }
    indicator b { value: s.y }
    uncertainty {
      draws:   50
      seed:    3
      weights: ±20%
    }
    """,
    "s.csv": """
    code,name,year,x,y
    A,"</script><script>alert(1)</script>",2025,1,2
    B,"Q ""quote"" & <amp>",2025,2,1
    C,javascript:alert(5),2025,3,3

    """,
  ])

  /// The page, with the comparison panel (against a copy under a hostile file name and its
  /// index's first member weighted double, so scores move), the coherence panel and the
  /// uncertainty panel.
  static func report() throws -> (String, Results) {
    let (plan, table, uncertainty) = try Support.uncertain("m.idx", fileSystem: files)
    let results = run(plan, on: table)
    var fork = plan
    if case .aggregate(var aggregate) = fork.nodes[fork.root].kind {
      aggregate.members[0].weight = 2
      fork.nodes[fork.root].kind = .aggregate(aggregate)
    }
    let versus = ReportVersus(
      results: run(fork, on: table), table: table,
      sourceName: "b</script><img src=x>https://evil.idx")
    let html = HTMLReport(
      results: results, periods: results.periods,
      options: ReportOptions(sourceName: "m\"<x>.idx", generator: "idx test"), table: table,
      versus: versus, uncertainty: uncertainty
    ).render()
    return (html, results)
  }

  static func occurrences(_ needle: String, in text: String) -> Int {
    text.lowercased().components(separatedBy: needle).count - 1
  }

  @Test func hostileNamesStayText() throws {
    let (html, _) = try Self.report()
    #expect(Self.occurrences("<script", in: html) == 2)
    #expect(Self.occurrences("</script", in: html) == 2)
    #expect(Self.occurrences("<img", in: html) == 0)
    #expect(Self.occurrences("<b>", in: html) == 0)
    #expect(Self.occurrences("</title><script", in: html) == 0)
    #expect(Self.occurrences("http:", in: html) == 0 && Self.occurrences("https:", in: html) == 0)
    #expect(Self.occurrences("javascript:", in: html) == 0)
    #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    // The comparison and coherence panels wrote the names too, escaped.
    #expect(html.contains("id=\"comparison-slope\"") && html.contains("id=\"coherence-0\""))
    #expect(html.contains("B&#58; b&lt;/script&gt;&lt;img src=x&gt;https&#58;//evil.idx"))
    #expect(html.contains("Label &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
    // The uncertainty panel names entities in its charts, tables and sentence.
    #expect(html.contains("id=\"uncertainty-ranks\"") && html.contains("id=\"uncertainty-gap\""))
    #expect(html.contains("javascript&#58;alert(5) stays ahead of &lt;/script&gt;&lt;script&gt;"))
    #expect(html.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#58; rank"))
  }

  @Test func dataBlockGivesTheStringsBack() throws {
    let (html, results) = try Self.report()
    let page = try PageDataTests.dataBlock(html)
    #expect(page.entities.map { $0[1] } == results.entities.map(\.name))
    #expect(page.entities[0][1] == "</script><script>alert(1)</script>")
    #expect(page.source == "m\"<x>.idx")
    #expect(page.nodes[0].doc?.contains("https://evil.example/x") == true)
    #expect(page.nodes[0].label == "Title \"><img src=x onerror=alert(3)>")
  }
}
