import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx audit methodologies/asem.idx --format json` against COINr 1.1.14's own audit figures
/// (testdata/audit/README.md): descriptive statistics of the raw and treated data, correlations
/// of every member with its parent, Cronbach's α and the first principal component of every
/// aggregate, within 1e-9 (relative for values above 1 in magnitude; loadings up to sign).
@Suite struct AuditReferenceTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("testdata/audit")

  /// A reference CSV as rows of column → text.
  static func reference(_ name: String) throws -> [[String: String]] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    return lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
  }

  /// The audit's JSON, decoded.
  static func audit(_ outcome: CLI.Outcome) throws -> [String: Any] {
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let data = Data(outcome.stdout.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Objects of an array field by their "node".
  static func byNode(_ json: [String: Any], _ field: String) throws -> [String: [String: Any]] {
    let items = try #require(json[field] as? [[String: Any]])
    var out: [String: [String: Any]] = [:]
    for item in items { out[try #require(item["node"] as? String)] = item }
    return out
  }

  /// A JSON number as a double.
  static func number(_ value: Any?) -> Double? {
    if let value = value as? Double { return value }
    if let value = value as? Int { return Double(value) }
    return (value as? NSNumber)?.doubleValue
  }

  static func close(_ value: Any?, _ text: String?) -> Bool {
    guard let number = number(value), let text, let wanted = Double(text) else { return false }
    return abs(number - wanted) <= 1e-9 * max(1, abs(wanted))
  }

  /// COINr's statistics columns and the audit's JSON names for them.
  static let columns = [
    ("Min", "min"), ("Max", "max"), ("Mean", "mean"), ("Median", "median"), ("Std", "sd"),
    ("Skew", "skew"), ("Kurt", "kurtosis"), ("N.Avail", "available"),
    ("N.NonZero", "non_zero"), ("N.Unique", "unique"), ("N.Same", "same"),
    ("Frc.Avail", "availability"), ("Frc.NonZero", "non_zero_share"),
    ("Frc.Unique", "unique_share"), ("Frc.Same", "same_share"),
  ]
  static let flags = [
    ("Flag.Avail", "availability"), ("Flag.NonZero", "zeros"), ("Flag.Unique", "unique"),
    ("Flag.SkewKurt", "outliers"),
  ]

  /// Compares one indicator's statistics with a reference row; returns how many matched.
  static func compareStatistics(_ stats: [String: Any], _ row: [String: String]) -> Int {
    var matched = 0
    let code = row["iCode"] ?? "?"
    for (column, field) in columns {
      #expect(close(stats[field], row[column]), "\(code) \(column): \(stats[field] ?? "nil")")
      matched += close(stats[field], row[column]) ? 1 : 0
    }
    let raised = stats["flags"] as? [String: Bool] ?? [:]
    for (column, field) in flags {
      #expect(raised[field] == (row[column] != "ok"), "\(code) \(column)")
      matched += raised[field] == (row[column] != "ok") ? 1 : 0
    }
    return matched
  }

  @Test func treatedStatisticsMatchCOINr() throws {
    let indicators = try Self.byNode(
      try Self.audit(CLITests.idx("audit", "methodologies/asem.idx", "--format", "json")),
      "indicators")
    let rows = try Self.reference("stats-treated.csv")
    #expect(rows.count == 49)
    var matched = 0
    for row in rows {
      let indicator = try #require(indicators[row["iCode"] ?? ""], "\(row["iCode"] ?? "")")
      matched += Self.compareStatistics(try #require(indicator["treated"] as? [String: Any]), row)
    }
    #expect(matched == 49 * 19)
  }

  @Test func rawStatisticsMatchCOINrForPlainColumns() throws {
    // The 30 indicators without a denominator: their raw values are COINr's raw data.
    let indicators = try Self.byNode(
      try Self.audit(CLITests.idx("audit", "methodologies/asem.idx", "--format", "json")),
      "indicators")
    let meta = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/asem/indicators.csv"),
      encoding: .utf8)
    let plain = Set(
      meta.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false)
      }
      .filter { $0.count > 4 && $0[4].isEmpty }.map { String($0[0]) })
    #expect(plain.count == 30)
    var matched = 0
    for row in try Self.reference("stats-raw.csv") where plain.contains(row["iCode"] ?? "") {
      let indicator = try #require(indicators[row["iCode"] ?? ""])
      matched += Self.compareStatistics(indicator, row)
    }
    #expect(matched == 30 * 19)
  }

  @Test func rawStatisticsMatchCOINrForEveryIndicatorBeforeDenomination() throws {
    // The same methodology with every `x / denominator` replaced by `x`: COINr's raw data.
    let text = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/asem.idx"), encoding: .utf8)
    let raw = text.replacingOccurrences(
      of: #"value: asem\.(\w+) / asem\.Den_\w+"#, with: "value: asem.$1",
      options: .regularExpression)
    #expect(raw != text)
    let files = MemoryFileSystem()
    files.set("asem.idx", bytes: Array(raw.utf8))
    let data = try Data(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/asem/raw.csv"))
    files.set("data/asem/raw.csv", bytes: Array(data))
    let outcome = CLI(context: .init(fileSystem: files, color: false)).run(
      ["audit", "asem.idx", "--format", "json"])
    let indicators = try Self.byNode(try Self.audit(outcome), "indicators")
    var matched = 0
    for row in try Self.reference("stats-raw.csv") {
      matched += Self.compareStatistics(try #require(indicators[row["iCode"] ?? ""]), row)
    }
    #expect(matched == 49 * 19)
  }

  @Test func coherenceMatchesCOINr() throws {
    let aggregates = try Self.byNode(
      try Self.audit(CLITests.idx("audit", "methodologies/asem.idx", "--format", "json")),
      "aggregates")
    var compared = 0
    for row in try Self.reference("corr-with-parent.csv") {
      let aggregate = try #require(aggregates[row["parent"] ?? ""])
      let members = try #require(aggregate["members"] as? [[String: Any]])
      let member = try #require(members.first { $0["node"] as? String == row["member"] })
      #expect(Self.close(member["pearson"], row["pearson"]), "\(row)")
      #expect(Self.close(member["spearman"], row["spearman"]), "\(row)")
      compared += 2
    }
    for row in try Self.reference("cronbach.csv") {
      let aggregate = try #require(aggregates[row["parent"] ?? ""])
      #expect(Self.close(aggregate["cronbach_alpha"], row["alpha"]), "\(row)")
      #expect((aggregate["members"] as? [Any])?.count == Int(row["n_members"] ?? ""))
      compared += 1
    }
    var loadings: [String: [(member: String, value: String)]] = [:]
    for row in try Self.reference("pca-first-component.csv") {
      let parent = row["parent"] ?? ""
      let pca = try #require(aggregates[parent]?["pca"] as? [String: Any])
      #expect(Self.close(pca["variance_share"], row["pc1_variance_share"]), "\(parent)")
      #expect(Self.number(pca["complete_rows"]) == Double(row["complete_rows"] ?? ""))
      loadings[parent, default: []].append((row["member"] ?? "", row["pc1_loading"] ?? ""))
      compared += 1
    }
    for (parent, expected) in loadings.sorted(by: { $0.key < $1.key }) {
      let pca = try #require(aggregates[parent]?["pca"] as? [String: Any])
      let ours = try #require(pca["loadings"] as? [String: Any])
      // Up to sign: the whole vector may be flipped.
      let same = expected.allSatisfy { Self.close(ours[$0.member], $0.value) }
      let flipped = expected.allSatisfy {
        Self.close(Self.number(ours[$0.member]).map { -$0 }, $0.value)
      }
      #expect(same || flipped, "\(parent) loadings")
      compared += expected.count
    }
    #expect(compared == 59 * 2 + 11 + 59 + 59)
  }
}
