import Foundation
import IndexCLI
import Testing

/// The AI Capability example against reference figures computed independently of idx
/// (`methodologies/data/ai-expected.md`), to 4 decimals, for every entity and dimension.
@Suite struct AIExpectedTests {
  /// The rows of the table under `## section` in the expected file: entity → column → value.
  static func expected(_ section: String) throws -> [String: [String: Double]] {
    let text = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/ai-expected.md"),
      encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: "## " + section) else { return [:] }
    var header: [String] = []
    var rows: [String: [String: Double]] = [:]
    for line in lines[(start + 1)...] {
      if line.hasPrefix("## ") { break }
      guard line.hasPrefix("|"), !line.hasPrefix("|---") else { continue }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      if header.isEmpty {
        header = cells
        continue
      }
      var row: [String: Double] = [:]
      for (name, cell) in zip(header, cells) { row[name] = Double(cell) }
      rows[cells[1]] = row
    }
    return rows
  }

  /// Each variant: its section in the expected file, the methodology and the period shown.
  static let variants: [(String, String, Int)] = [
    ("base-2025", "ai-capability", 2025), ("base-2024", "ai-capability", 2024),
    ("base-2024", "ai-2024", 2024), ("soft-2025", "ai-soft", 2025),
    ("geometric-2025", "ai-geometric", 2025), ("percapita-2025", "ai-per-capita", 2025),
  ]

  @Test(arguments: 0..<6)
  func variantMatches(_ variant: Int) throws {
    let (section, file, period) = Self.variants[variant]
    let expected = try Self.expected(section)
    #expect(expected.count == 12)
    let outcome = CLITests.idx(
      "run", "methodologies/\(file).idx", "--period", String(period), "--format", "csv",
      "--depth", "1")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    var compared = 0
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let reference = try #require(expected[fields[0]], "\(fields[0])")
      #expect(fields[1] == String(period))
      #expect(Int(fields[3]) == reference["rank"].map { Int($0) })
      for (name, text) in zip(header, fields) where !["entity", "period", "rank"].contains(name) {
        let value = try #require(Double(text))
        let wanted = try #require(reference[name], "\(name)")
        #expect((value * 10_000).rounded() / 10_000 == wanted, "\(fields[0]) \(name)")
        compared += 1
      }
    }
    #expect(compared == 12 * (header.count - 3), "\(section)")
  }
}
