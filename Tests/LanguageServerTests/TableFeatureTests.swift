import Foundation
import LanguageServer
import Testing

/// The editor features on indicators declared by a metadata table
/// (`methodologies/asem-table.idx`, its rows in `data/asem-meta.csv`).
@Suite struct TableFeatureTests {
  /// A fork of the table methodology, never saved: it names two of the table's indicators.
  static let fork = "methodologies/asem-table-fork.idx"
  static let forkText = """
    extends "asem-table.idx"
    index Fork "Fork" { }
    set Bord.direction = lower because "a test"
    set CPI.normalize = zscore because "a test"

    """

  /// Go to definition on a table indicator lands on its code cell in the table.
  @Test func definitionOfATableIndicatorIsItsCodeCell() throws {
    var session = BundledSession()
    _ = try session.open(Self.fork, text: Self.forkText)
    let (line, character) = try #require(BundledSession.find("Bord", in: Self.forkText, offset: 1))
    let answer = session.at("textDocument/definition", Self.fork, line, character)
    let location = try #require(answer)
    #expect(location["uri"]?.string == BundledSession.uri("methodologies/data/asem-meta.csv"))
    let rows = try BundledSession.text("methodologies/data/asem-meta.csv")
      .components(separatedBy: "\n")
    let row = try #require(location["range"]?["start"]?["line"]?.integer)
    let start = try #require(location["range"]?["start"]?["character"]?.integer)
    let end = try #require(location["range"]?["end"]?["character"]?.integer)
    #expect(rows[row].hasPrefix("Bord,"))
    #expect(Array(rows[row].utf16)[start..<end].count == 4 && start == 0)
  }

  /// Hover on a table indicator shows its label, the formula its row makes, and its row.
  @Test func hoverOnATableIndicatorShowsItsRow() throws {
    var session = BundledSession()
    _ = try session.open(Self.fork, text: Self.forkText)
    let (line, character) = try #require(BundledSession.find("CPI", in: Self.forkText, offset: 1))
    let hover = session.at("textDocument/hover", Self.fork, line, character)
    let text = hover?["contents"]?["value"]?.string ?? ""
    #expect(text.contains("`CPI`"), "\(text)")
    #expect(text.contains("Corruption Perceptions Index"), "\(text)")
    let rows = try BundledSession.text("methodologies/data/asem-meta.csv")
      .components(separatedBy: "\n")
    let number = try #require(rows.firstIndex(where: { $0.hasPrefix("CPI,") })) + 1
    #expect(text.contains("declared in `asem-meta.csv` line \(number)"), "\(text)")
  }

  /// The table methodology itself: no diagnostics, its symbols, and an answer (never an error)
  /// for every request on the mapping.
  @Test func theMappingIsServedWithoutErrors() throws {
    let path = "methodologies/asem-table.idx"
    var session = BundledSession()
    let opened = try session.open(path)
    let published = opened.filter {
      $0["method"]?.string == "textDocument/publishDiagnostics"
        && $0["params"]?["uri"]?.string == BundledSession.uri(path)
    }
    #expect(!published.isEmpty)
    #expect(published.allSatisfy { $0["params"]?["diagnostics"]?.array?.isEmpty ?? false })
    let text = try BundledSession.text(path)
    for needle in ["indicators from", "iCode", "asem.iCode", "Denominator", "Parent"] {
      let (line, character) = try #require(BundledSession.find(needle, in: text, offset: 1))
      for method in ["textDocument/hover", "textDocument/definition"] {
        let answer = session.at(method, path, line, character)
        #expect(answer?["code"] == nil, "\(method) at \(needle): \(String(describing: answer))")
      }
    }
    let symbols = session.request(
      "textDocument/documentSymbol",
      .object(["textDocument": .object(["uri": .string(BundledSession.uri(path))])]))
    #expect((symbols?.array?.count ?? 0) > 10)
  }
}
