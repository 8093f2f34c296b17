import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx diff` on methodologies whose weights come from the data: the structure shows the
/// weights each run applied, marked derived, and the attribution splits those nodes.
@Suite struct DiffDerivedCommandTests {
  /// The report tests' methodology with `pca`, benefit of the doubt and `mpi` nodes, and a
  /// fork that changes the first's method and the last's variance.
  static func files() throws -> MemoryFileSystem {
    let folder = CLITests.root.appendingPathComponent("Tests/IndexReportTests/testdata/aggregators")
    let files = MemoryFileSystem()
    for name in ["data-weights.idx", "aggregators.csv"] {
      files.set(name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }
    files.set(
      "fork.idx",
      """
      extends "data-weights.idx"
      index fork { }
      set pca_node.weights = equal_influence because "try influence"
      set mpi_node.aggregate = ampi because "population variance"
      """)
    return files
  }

  @Test func derivedWeightsAreShownAsApplied() throws {
    let outcome = CLI(context: .init(fileSystem: try Self.files(), color: false)).run([
      "diff", "data-weights.idx", "fork.idx",
    ])
    #expect(outcome.code == 1, "\(outcome.stderr)")
    let text = outcome.stdout
    #expect(text.contains("    ~ weights: pca → equal_influence"))
    #expect(
      text.contains(
        "    ~ weight: derived (pca) 29.4% → derived (equal_influence) 49.3% (effective 11.8% → 19.7%)"
      ))
    #expect(text.contains("3 to change, 0 to add, 0 to remove."))
  }

  /// JSON marks the derived weights, and every entity's terms add up to its Δ with the
  /// Mazziotta–Pareto node split between its two members, not kept whole.
  @Test func jsonMarksThemDerivedAndSplitsEveryNode() throws {
    let outcome = CLI(context: .init(fileSystem: try Self.files(), color: false)).run([
      "diff", "data-weights.idx", "fork.idx", "--format", "json",
    ])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let structure = try #require(json["structure"] as? [[String: Any]])
    let weight = try #require(structure.first { $0["path"] as? String == "pca_b.weight" })
    #expect(weight["derived"] as? Bool == true)
    #expect(weight["from"] as? String == "derived (pca) 31.4%")
    let entities = try #require(json["entities"] as? [[String: Any]])
    #expect(entities.count == 8)
    for entity in entities {
      let delta = try #require(entity["delta"] as? Double)
      let indicators = try #require(entity["indicators"] as? [String: Double])
      #expect(Swift.abs(indicators.values.reduce(0, +) - delta) < 1e-9)
      #expect(indicators.keys.allSatisfy { $0.contains("/") }, "no node kept whole")
    }
    let f = try #require(entities.first { $0["entity"] as? String == "F" })
    let terms = try #require(f["indicators"] as? [String: Double])
    #expect((terms["mpi_node/mpi_c"] ?? 0) > 0)
  }
}
