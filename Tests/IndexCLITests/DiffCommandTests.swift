import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx diff` as a user runs it, on the bundled AI methodologies.
@Suite struct DiffCommandTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata/diff")

  static let pair = ["diff", "methodologies/ai-capability.idx", "methodologies/ai-soft.idx"]

  static func idx(
    _ arguments: [String], files: any FileSystem = RootedFileSystem(root: CLITests.root.path)
  )
    -> CLI.Outcome
  {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test func theAIPairTellsWhatChangedAndWhy() {
    let outcome = Self.idx(Self.pair)
    #expect(outcome.code == 1, "\(outcome.stderr)")
    let text = outcome.stdout
    #expect(text.contains("+ dimension soft"))
    #expect(text.contains("    ~ weight: 30% → 24% (effective 30% → 24%)"))
    #expect(text.contains("B methodologies/ai-soft.idx:84:1"))
    #expect(text.contains("because \"Soft evidence capped at one fifth\""))
    #expect(text.contains("6 to change, 5 to add, 0 to remove."))
    #expect(text.contains("11 changed, 1 unchanged, 0 only in A, 0 only in B"))
    #expect(text.contains("gap US − CN: 2.70 → 4.99 (+2.29)"))
    #expect(text.contains("7 → 6 ↑    KR"))
    #expect(text.contains("passed SG: soft +1.91"))
    #expect(
      text.contains("4 rank changes · Spearman's ρ 0.986 · mean |Δrank| 0.33 · max |Δrank| 1"))
  }

  @Test func explainShowsOneEntityAgainstAnother() {
    let outcome = Self.idx(Self.pair + ["--explain", "CN", "--vs", "US"])
    #expect(outcome.code == 1)
    let text = outcome.stdout
    #expect(text.contains("CN: 97.30 → 95.01 (-2.29), rank 2 → 2"))
    #expect(text.contains("soft                        — → 20%        — → 80.83        +20.58"))
    #expect(text.contains("(scaling)    factor 1.2981 → 1.2480"))
    #expect(text.contains("soft › ecosystem"))
  }

  /// The same file, and the same methodology rewritten (comments dropped, indentation
  /// changed, declarations in reverse order), are no difference: exit 0, no structure.
  @Test func reformattingIsNoDifference() throws {
    let same = Self.idx([
      "diff", "methodologies/ai-capability.idx", "methodologies/ai-capability.idx",
    ])
    #expect(same.code == 0, "\(same.stderr)")
    #expect(same.stdout.contains("No differences."))
    let original = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/ai-capability.idx"),
      encoding: .utf8)
    let rewritten = Self.rewrite(original)
    #expect(rewritten != original)
    let files = OverlayFileSystem(
      overrides: ["methodologies/rewritten.idx": rewritten],
      fallback: RootedFileSystem(root: CLITests.root.path))
    let outcome = Self.idx(
      [
        "diff", "methodologies/ai-capability.idx", "methodologies/rewritten.idx", "--format",
        "json",
      ], files: files)
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    #expect((json?["structure"] as? [Any])?.isEmpty == true)
  }

  /// Blocks (separated by blank lines) in reverse order, `//` comments dropped, two-space
  /// indentation made four.
  static func rewrite(_ text: String) -> String {
    let blocks = text.components(separatedBy: "\n\n").map { block in
      block.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
        var line = String(line)
        if line.hasPrefix("//") && !line.hasPrefix("///") { return nil }
        if let comment = line.range(of: "  //"), !line.hasPrefix("///") {
          line = String(line[..<comment.lowerBound])
        }
        return line.hasPrefix("  ") ? "  " + line : line
      }.joined(separator: "\n")
    }
    return blocks.reversed().joined(separator: "\n\n\n") + "\n"
  }

  @Test func twoPeriodsOfOneMethodology() {
    let outcome = Self.idx(["diff", "methodologies/ai-capability.idx", "--period", "2024", "2025"])
    #expect(outcome.code == 1, "\(outcome.stderr)")
    #expect(
      outcome.stdout.contains("2024 → 2025 (one methodology in two periods: only the data differs)")
    )
    #expect(outcome.stdout.contains("gap US − CN: 5.84 → 2.70 (-3.14)"))
    #expect(!outcome.stdout.contains("Structure"))
  }

  @Test func troubleExitsTwoWithItsDiagnostics() {
    let files = MemoryFileSystem([
      "a.idx":
        "index a { members { x } }\ndata s = csv(\"s.csv\") { key: code }\nindicator x { value: s.x, normalize: minmax }\n",
      "b.idx": "index b { members { x } }\nindicator x { value: s.nope }\n",
      "s.csv": "code,x\nP,1\nQ,2\n",
    ])
    let broken = Self.idx(["diff", "a.idx", "b.idx"], files: files)
    #expect(broken.code == 2)
    #expect(broken.stderr.contains("error["))
    #expect(broken.stderr.contains("b.idx has errors; nothing compared"))
    #expect(broken.stdout.isEmpty)
    #expect(Self.idx(["diff", "a.idx", "missing.idx"], files: files).code == 2)
    #expect(Self.idx(["diff", "methodologies/ai-capability.idx"]).code == 2)
    #expect(Self.idx(Self.pair + ["--vs", "US"]).code == 2)
    #expect(Self.idx(Self.pair + ["--sort", "name"]).code == 2)
    let unknown = Self.idx(Self.pair + ["--explain", "CM"])
    #expect(unknown.code == 2)
    #expect(unknown.stderr.contains("did you mean `CN`?"))
    #expect(Self.idx(Self.pair + ["--period", "2019"]).code == 2)
  }

  @Test func selectionSortsAndLimits() {
    let two = Self.idx(Self.pair + ["--entity", "US", "CN", "--format", "csv"])
    let rows = two.stdout.split(separator: "\n").dropFirst().map { splitCSVLine($0)[0] }
    #expect(rows == ["US", "CN"])
    let top = Self.idx(Self.pair + ["--sort", "abs-delta", "--top", "3", "--format", "csv"])
    #expect(
      top.stdout.split(separator: "\n").dropFirst().map { splitCSVLine($0)[0] } == [
        "IL", "GB", "KR",
      ])
  }

  @Test func explainCSVHasASCIIPathsAndSumsToTheDelta() throws {
    let outcome = Self.idx(Self.pair + ["--explain", "CN", "--vs", "US", "--format", "csv"])
    let rows = outcome.stdout.split(separator: "\n").dropFirst().map { splitCSVLine($0) }
    #expect(rows.contains { $0[0] == "indicator" && $0[1] == "soft/innovation" })
    let parts = rows.filter { ["member", "scaling", "index"].contains($0[0]) }
      .reduce(0.0) { $0 + (Double($1[6]) ?? .nan) }
    let total = try #require(rows.first { $0[0] == "total" }.flatMap { Double($0[6]) })
    #expect(Swift.abs(parts - total) < 1e-9)
    #expect(Swift.abs(total - (95.01121576324039 - 97.29984993416058)) < 1e-9)
  }

  /// The JSON's shape is documented (docs/diff.md) and scripts rely on it: the keys, their
  /// order, and sums that hold in the numbers.
  @Test func jsonHasTheDocumentedShape() throws {
    let outcome = Self.idx(Self.pair + ["--format", "json"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(Set(json.keys) == ["a", "b", "structure", "summary", "entities"])
    let a = try #require(json["a"] as? [String: Any])
    #expect(Set(a.keys) == ["file", "methodology", "period"])
    let structure = try #require(json["structure"] as? [[String: Any]])
    for item in structure {
      #expect(
        Set(item.keys) == [
          "op", "path", "kind", "from", "to", "at", "because", "source", "by", "derived",
        ])
      #expect(["+", "~", "-"].contains(item["op"] as? String))
      #expect(Set((item["at"] as? [String: Any])?.keys ?? [:].keys) == ["a", "b"])
    }
    let entities = try #require(json["entities"] as? [[String: Any]])
    #expect(entities.count == 12)
    for entity in entities {
      #expect(
        Set(entity.keys) == [
          "entity", "name", "status", "score", "rank", "delta", "contributions", "indicators",
          "scaling",
          "adjustments", "vs_field", "driver",
        ])
      let delta = try #require(entity["delta"] as? Double)
      let contributions = try #require(entity["contributions"] as? [String: Double])
      let indicators = try #require(entity["indicators"] as? [String: Double])
      let scaling = try #require(entity["scaling"] as? Double)
      #expect(Swift.abs(contributions.values.reduce(0, +) + scaling - delta) < 1e-9)
      #expect(Swift.abs(indicators.values.reduce(0, +) + scaling - delta) < 1e-9)
      #expect(indicators.keys.allSatisfy { $0.allSatisfy(\.isASCII) && $0.contains("/") })
    }
  }

  /// The whole JSON for the AI pair, byte for byte (`IDX_UPDATE_GOLDEN=1` rewrites it).
  @Test func jsonGolden() throws {
    let outcome = Self.idx(Self.pair + ["--format", "json", "--explain", "CN", "--vs", "US"])
    #expect(outcome.code == 1)
    let url = Self.folder.appendingPathComponent("ai-capability-ai-soft.json")
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try outcome.stdout.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "updated \(url.lastPathComponent): review it, then run again without IDX_UPDATE_GOLDEN")
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(outcome.stdout == expected)
  }

  /// The README's `idx diff` examples are real output: every line shown (but `…`) is a line
  /// of what the command prints, in the same order.
  @Test func readmeShowsRealOutput() throws {
    #expect(try ReadmeExamples.check(prefix: "$ idx diff ") { Self.idx($0) } == 2)
  }

  @Test func explainMachineFormatsCarryTheWholeExplanation() throws {
    let outcome = Self.idx([
      "explain", "methodologies/ai-capability.idx", "CN", "--vs", "US", "--format", "json",
    ])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let scaling = try #require(json["scaling"] as? [String: Any])
    #expect(scaling["method"] as? String == "leader(100)")
    #expect(Swift.abs((scaling["factor"] as? Double ?? 0) - 1.298139979926092) < 1e-12)
    let gap = try #require(json["gap"] as? [String: Any])
    let members = try #require(gap["members"] as? [String: Double])
    #expect(Swift.abs(members.values.reduce(0, +) - (gap["value"] as? Double ?? 0)) < 1e-9)
    let explanations = try #require(json["explanations"] as? [[String: Any]])
    #expect(explanations.first?["rank"] as? Int == 2)
    #expect((explanations.first?["members"] as? [String: Double])?.count == 5)
    #expect(((json["provenance"] as? [[String: Any]])?.count ?? 0) == 22)
    let table = Self.idx(["explain", "methodologies/ai-capability.idx", "CN"])
    #expect(table.stdout.contains("final scaling leader(100): every term × 1.2981"))
  }
}

/// Some files from memory, the others from a fallback.
struct OverlayFileSystem: FileSystem {
  let overrides: [String: String]
  let fallback: any FileSystem

  func read(_ path: String) throws(FileError) -> [UInt8] {
    if let text = overrides[path] { return Array(text.utf8) }
    return try fallback.read(path)
  }

  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    throw FileError(path: path, reason: "read-only in tests")
  }
}
