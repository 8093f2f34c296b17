import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx run` over several periods: selections, layouts, grouped warnings, `--strict`, and the
/// HDI over 1990–2022 against every published country-year.
@Suite struct PanelCommandTests {
  /// A geometric index over 2024–2025 in which one cell cannot be aggregated: B's x is 0 in
  /// 2025, so its `a` is 0 and the geometric mean cannot use it.
  static let files = MemoryFileSystem([
    "m.idx": """
    index t "Test" {
      period: [2024, 2025]
      aggregate: geometric
      members { a, b }
    }
    data s = csv("s.csv") { key: code, period: year }
    indicator a { value: s.x, normalize: goalposts(0, 10) }
    indicator b { value: s.y, normalize: goalposts(0, 10) }
    """,
    "s.csv":
      "code,year,x,y\nA,2024,1,2\nB,2024,2,4\nC,2024,3,3\nA,2025,2,2\nB,2025,0,5\nC,2025,4,4\n",
  ])

  static func idx(_ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  @Test func oneBadCellNeverSinksTheRun() {
    let outcome = Self.idx("run", "m.idx", "--period", "all", "--format", "csv")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let rows = outcome.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(rows.first == ["entity", "period", "score", "rank", "a", "b"])
    // 2 periods × 3 entities; B 2025 has no score and no rank, its members are shown.
    #expect(rows.count == 7)
    let b2025 = rows.first { $0.count == 6 && $0[0] == "B" && $0[1] == "2025" }
    #expect(b2025 == ["B", "2025", "", "", "0", "0.5"])
    let c2025 = rows.first { $0.count == 6 && $0[0] == "C" && $0[1] == "2025" }
    #expect(c2025?[2] == "0.4" && c2025?[3] == "1")
    #expect(
      outcome.stderr.contains(
        "warning[W0430]: the geometric mean of `t` meets a value ≤ 0 for B in 2025"))
    #expect(!outcome.stderr.contains("error"))
  }

  @Test func strictMakesWarningsErrors() {
    let outcome = Self.idx("run", "m.idx", "--strict")
    #expect(outcome.code == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.contains("error[W0430]"))
    #expect(outcome.stderr.contains("= note: an error because of `--strict`"))
    // Without warnings, --strict changes nothing.
    let clean = CLITests.idx("run", "methodologies/ai-capability.idx", "--strict", "--top", "1")
    #expect(clean.code == 0, "\(clean.stderr)")
    #expect(clean.stdout.contains("United States"))
  }

  @Test func periodSelections() {
    func periods(_ selection: String) -> [String] {
      let outcome = Self.idx("run", "m.idx", "--period", selection, "--format", "csv")
      return Array(
        Set(
          outcome.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").dropFirst().first.map(String.init) ?? ""
          })
      ).sorted()
    }
    #expect(periods("all") == ["2024", "2025"])
    #expect(periods("2024") == ["2024"])
    #expect(periods("2000..2024") == ["2024"])
    #expect(periods("2025,2024") == ["2024", "2025"])
    #expect(periods("2024..2025,2025") == ["2024", "2025"])
    let latest = Self.idx("run", "m.idx", "--format", "csv")
    #expect(latest.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains(",2025,") })
    let missing = Self.idx("run", "m.idx", "--period", "2023")
    #expect(missing.code == 2)
    #expect(missing.stderr.contains("error: period 2023 was not scored; scored: 2024, 2025"))
    let empty = Self.idx("run", "m.idx", "--period", "1990..2000")
    #expect(empty.code == 2)
    #expect(empty.stderr.contains("no scored period in 1990..2000"))
    #expect(Self.idx("run", "m.idx", "--period", "2025..2024").code == 2)
    #expect(Self.idx("run", "m.idx", "--period", "latest").code == 2)
    #expect(Self.idx("run", "m.idx", "--period", "2024,").code == 2)
  }

  @Test func tableHasAPeriodColumnOnlyForSeveralPeriods() {
    let one = Self.idx("run", "m.idx")
    #expect(one.stdout.hasPrefix("Test, 2025\n\nrank  entity"))
    let both = Self.idx("run", "m.idx", "--period", "2024..2025")
    let lines = both.stdout.split(separator: "\n")
    #expect(lines.first == "Test, 2024, 2025")
    #expect(lines.dropFirst().first?.hasPrefix("period  rank  entity") == true)
    // Period by period, in rank order within each; an unscored entity last, with "—".
    #expect(
      lines.dropFirst(3).map { String($0.prefix(16)) } == [
        "2024       1  C ", "2024       2  B ", "2024       3  A ",
        "2025       1  C ", "2025       2  A ", "2025       —  B ",
      ])
    let top = Self.idx("run", "m.idx", "--period", "all", "--top", "1", "--format", "md")
    #expect(top.stdout.contains("| 2024 | 1 | C |"))
    #expect(top.stdout.contains("| 2025 | 1 | C |"))
    #expect(!top.stdout.contains("| 2 |"))
  }

  @Test func jsonHasOneObjectPerPeriod() throws {
    let outcome = Self.idx("run", "m.idx", "--period", "all", "--format", "json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(json["methodology"] as? String == "t")
    let periods = try #require(json["periods"] as? [[String: Any]])
    #expect(periods.map { $0["period"] as? Int } == [2024, 2025])
    let last = try #require(periods.last?["entities"] as? [[String: Any]])
    #expect(last.map { $0["entity"] as? String } == ["C", "A", "B"])
    #expect(last.last?["score"] is NSNull)
    #expect(last.last?["rank"] is NSNull)
  }

  @Test func entityFilterKeepsRanksAmongAll() {
    let outcome = Self.idx("run", "m.idx", "--period", "all", "--entity", "A", "--format", "csv")
    #expect(
      outcome.stdout.split(separator: "\n").dropFirst()
        == ["A,2024,0.14142135623730953,3,0.1,0.2", "A,2025,0.2,2,0.2,0.2"])
    let unknown = Self.idx("run", "m.idx", "--entity", "A,BB")
    #expect(unknown.code == 2)
    #expect(unknown.stderr.contains("`BB` is not an entity of m.idx; did you mean `B`?"))
  }

  // MARK: - The HDI over time

  @Test func hdiTrendExitsZeroWithOneWarningPerProblem() {
    let outcome = CLITests.idx("run", "methodologies/hdi-trend.idx", "--period", "all")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.hasPrefix("Human Development Index, 1990–2022\n"))
    // 33 years of per-year coverage warnings are one warning per node, plus Rwanda 1994.
    #expect(outcome.stderr.hasSuffix("3 warnings\n"))
    #expect(
      outcome.stderr.contains(
        "warning[W0430]: the geometric mean of `hdi_trend` meets a value ≤ 0 for RWA in 1994"))
    #expect(outcome.stderr.contains("for PRK, MCO in"))
  }

  @Test func hdiTrendReproducesEveryPublishedCountryYear() throws {
    let outcome = CLITests.idx(
      "run", "methodologies/hdi-trend.idx", "--period", "1990..2022", "--format", "csv",
      "--depth", "0")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    var scores: [String: Double] = [:]
    for line in outcome.stdout.split(separator: "\n").dropFirst() {
      let fields = splitCSVLine(line)
      guard fields.count > 2, let score = Double(fields[2]) else { continue }
      scores[fields[0] + " " + fields[1]] = score
    }
    let data = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/hdi/hdi-timeseries.csv"),
      encoding: .utf8)
    var published = 0
    var matched = 0
    var publishedKeys = Set<String>()
    for line in data.split(separator: "\n").dropFirst() {
      let fields = splitCSVLine(line)
      guard fields.count == 8, let hdi = Double(fields[7]) else { continue }
      let key = fields[0] + " " + fields[2]
      published += 1
      publishedKeys.insert(key)
      let score = try #require(scores[key], "\(key) has no score")
      if (score * 1000).rounded() / 1000 == hdi {
        matched += 1
      } else {
        Issue.record("\(key): \(score) vs \(hdi)")
      }
    }
    #expect(published == 5808)
    #expect(matched == 5808)
    // Scored but not published: only Rwanda 1990–93 (1994 is below a goalpost: missing).
    let extra = Set(scores.keys).subtracting(publishedKeys).sorted()
    #expect(extra == ["RWA 1990", "RWA 1991", "RWA 1992", "RWA 1993"])
  }
}
