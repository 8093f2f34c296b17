import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx diff` between a methodology and a fork that screens units out: the entities the
/// fork drops are named as screened out, with the screening's reason, not just "only in A".
@Suite struct DiffScreenTests {
  /// ASEM, and ASEM screened at 85 % availability (COINr's vignette drops BRN, LAO and MMR).
  static func files() throws -> MemoryFileSystem {
    let root = CLITests.root
    let asem = try String(
      contentsOf: root.appendingPathComponent("methodologies/asem.idx"), encoding: .utf8)
    let raw = try String(
      contentsOf: root.appendingPathComponent("methodologies/data/asem/raw.csv"), encoding: .utf8)
    let screened = asem.replacingOccurrences(
      of: "  period:    2018\n", with: "  period:    2018\n  screen:    availability(85%)\n")
    #expect(screened != asem)
    return MemoryFileSystem([
      "asem.idx": asem, "screened.idx": screened, "data/asem/raw.csv": raw,
    ])
  }

  static func diff(_ extra: [String]) throws -> CLI.Outcome {
    CLI(context: .init(fileSystem: try files(), color: false))
      .run(["diff", "asem.idx", "screened.idx", "--top", "100"] + extra)
  }

  @Test func theTableNamesTheScreenedEntitiesAndWhy() throws {
    let outcome = try Self.diff([])
    let text = outcome.stdout
    #expect(text.contains("3 only in A"), "\(text)\n\(outcome.stderr)")
    for code in ["BRN", "LAO", "MMR"] {
      let line = text.split(separator: "\n").first { $0.contains(" \(code) ") }
      #expect(line?.contains("screened out in B") == true, "\(line ?? "no line for \(code)")")
      #expect(line?.contains("below the 85% the screening asks for") == true, "\(line ?? "")")
    }
    // An entity scored on both sides keeps its Δ.
    let austria = text.split(separator: "\n").first { $0.contains(" AUT ") }
    #expect(austria?.contains("screened") == false)
  }

  @Test func theJSONSaysWhereAndWhy() throws {
    let json = try Self.diff(["--format", "json"]).stdout
    let data = try #require(json.data(using: .utf8))
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let entities = try #require(document["entities"] as? [[String: Any]])
    let screened = entities.filter { $0["screened_out"] != nil }
    #expect(screened.compactMap { $0["entity"] as? String }.sorted() == ["BRN", "LAO", "MMR"])
    let first = try #require(screened.first?["screened_out"] as? [String: Any])
    #expect(first["in"] as? String == "B")
    #expect((first["reason"] as? String)?.contains("85") == true)
  }
}
