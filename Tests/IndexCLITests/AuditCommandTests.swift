import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx audit` as a user runs it, and weights from the data through the language.
@Suite struct AuditCommandTests {
  static func json(_ outcome: CLI.Outcome) throws -> [String: Any] {
    #expect(outcome.code == 0, "\(outcome.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
  }

  static func number(_ value: Any?) -> Double? {
    AuditReferenceTests.number(value)
  }

  /// A CSV's rows as column name → field, read by the header (so a column added to the
  /// format does not break the test).
  static func rows(_ csv: String) -> [[String: String]] {
    let lines = csv.split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
    return lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first })
    }
  }

  @Test func tableHasFindingsDataCoherenceAndInfluence() {
    let outcome = CLITests.idx("audit", "methodologies/asem.idx")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let text = outcome.stdout
    #expect(
      text.hasPrefix(
        "Audit of Sustainable Connectivity, 2018: 51 entities, 49 indicators, 11 aggregates"))
    for heading in [
      "findings", "data (raw values, before imputation)", "aggregates",
      "coherence (correlations with the aggregate and with the index)",
      "influence on the index (shares within each aggregate)",
      "entities with missing data (lowest coverage first)",
    ] {
      #expect(text.contains("\n\(heading)\n"), "\(heading)")
    }
    // COINr's availability, uniqueness and outlier flags, and the coherence findings.
    #expect(text.contains("`TIRcon` takes 2 distinct values over 51 entities (4%, below 50%)"))
    #expect(text.contains("`TBTs` correlates negatively with `Instit` (r = -0.62)"))
    #expect(text.contains("`Instit`: Cronbach's α = 0.28 (below 0.7)"))
    #expect(text.contains("`Services`: skew 3.95, kurtosis 17.65"))
    // One influence sentence per aggregate.
    #expect(text.components(separatedBy: "  In `").count - 1 == 11)
    #expect(text.contains("In `Sust`, the influence departs most from the weights for `Social`"))
  }

  @Test func sharesOfInfluenceAndWeightSumToOnePerAggregate() throws {
    let audit = try Self.json(CLITests.idx("audit", "methodologies/asem.idx", "--format", "json"))
    let aggregates = try #require(audit["aggregates"] as? [[String: Any]])
    #expect(aggregates.count == 11)
    for aggregate in aggregates {
      let members = try #require(aggregate["members"] as? [[String: Any]])
      let influence = members.compactMap { Self.number($0["influence"]) }.reduce(0, +)
      let weight = members.compactMap { Self.number($0["weight"]) }.reduce(0, +)
      #expect(abs(influence - 1) < 1e-12 && abs(weight - 1) < 1e-12, "\(aggregate["node"] ?? "")")
      for member in members {
        let s = try #require(Self.number(member["correlation_ratio"]))
        #expect(s >= 0 && s <= 1)
      }
    }
    // The index's members: effective weight is the weight; a pillar member's is 1/2 · 1/5 · 1/5.
    let index = try #require(aggregates.first { $0["node"] as? String == "Index" })
    let conn = try #require((index["members"] as? [[String: Any]])?.first)
    #expect(Self.number(conn["effective_weight"]) == 0.5)
    let conEcFin = try #require(aggregates.first { $0["node"] as? String == "ConEcFin" })
    let goods = try #require((conEcFin["members"] as? [[String: Any]])?.first)
    #expect(abs((Self.number(goods["effective_weight"]) ?? 0) - 0.02) < 1e-15)
  }

  @Test func nodeLimitsTheAuditToASubtree() throws {
    let audit = try Self.json(
      CLITests.idx("audit", "methodologies/asem.idx", "--node", "Sust", "--format", "json"))
    let aggregates = try #require(audit["aggregates"] as? [[String: Any]])
    #expect(aggregates.map { $0["node"] as? String } == ["Sust", "Environ", "Social", "SusEcFin"])
    #expect((audit["indicators"] as? [Any])?.count == 19)
    #expect(audit["root"] as? String == "Sust")
  }

  @Test func machineFormats() {
    let csv = CLITests.idx("audit", "methodologies/asem.idx", "--format", "csv")
    #expect(csv.code == 0)
    #expect(csv.stdout.hasPrefix("section,node,member,statistic,value\n"))
    #expect(csv.stdout.contains("\nmember,Instit,TBTs,pearson,-0.6154849829862"))
    #expect(csv.stdout.contains("\naggregate,Instit,,cronbach_alpha,0.284789314285"))
    let md = CLITests.idx("audit", "methodologies/asem.idx", "--format", "md")
    #expect(md.stdout.contains("**findings**") && md.stdout.contains("| aggregate | level |"))
  }

  @Test func usageErrors() {
    let node = CLITests.idx("audit", "methodologies/asem.idx", "--node", "Sustt")
    #expect(node.code == 2 && node.stderr.contains("did you mean `Sust`?"))
    let period = CLITests.idx("audit", "methodologies/asem.idx", "--period", "2017")
    #expect(period.code == 2 && period.stderr.contains("period 2017 was not scored"))
    #expect(CLITests.idx("audit").code == 2)
    #expect(CLITests.idx("help", "audit").stdout.contains("correlation ratio"))
  }

  /// ASEM with `weights: pca` in every pillar, in memory.
  static func asemWithPCAPillars() throws -> MemoryFileSystem {
    var text = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/asem.idx"), encoding: .utf8)
    for pillar in [
      "ConEcFin", "Instit", "P2P", "Physical", "Political", "Environ", "Social", "SusEcFin",
    ] {
      let opening = try #require(text.range(of: "dimension \(pillar) \""))
      let brace = try #require(text.range(of: "{\n", range: opening.upperBound..<text.endIndex))
      text.replaceSubrange(brace, with: "{\n  weights: pca\n")
    }
    let files = MemoryFileSystem()
    files.set("asem.idx", bytes: Array(text.utf8))
    let data = try Data(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/asem/raw.csv"))
    files.set("data/asem/raw.csv", bytes: Array(data))
    return files
  }

  @Test func pcaWeightsAreCOINrsSquaredLoadings() throws {
    // The pillars' members are normalized indicators, whatever the weights, so the weights
    // `weights: pca` derives must be the squares of COINr's first-component loadings.
    let files = try Self.asemWithPCAPillars()
    let outcome = CLI(context: .init(fileSystem: files, color: false)).run(
      ["audit", "asem.idx", "--format", "json"])
    let aggregates = try AuditReferenceTests.byNode(try Self.json(outcome), "aggregates")
    var compared = 0
    for row in try AuditReferenceTests.reference("pca-first-component.csv")
    where row["level"] == "1" {
      let aggregate = try #require(aggregates[row["parent"] ?? ""])
      #expect(aggregate["weights"] as? String == "pca")
      let members = try #require(aggregate["members"] as? [[String: Any]])
      let member = try #require(members.first { $0["node"] as? String == row["member"] })
      let loading = try #require(Double(row["pc1_loading"] ?? ""))
      let weight = try #require(Self.number(member["weight"]))
      #expect(abs(weight - loading * loading) < 1e-9, "\(row)")
      compared += 1
    }
    #expect(compared == 49)
  }

  @Test func explainShowsDerivedWeightsAsSuchAndStillSumsToTheScore() throws {
    let files = try Self.asemWithPCAPillars()
    let cli = CLI(context: .init(fileSystem: files, color: false))
    let text = cli.run(["explain", "asem.idx", "CHE"]).stdout
    #expect(text.contains("\nweights from the data\n"))
    #expect(text.contains("  ConEcFin: weights from `pca` in 2018: Goods 0.230, Services 0.354"))
    let csv = cli.run(["explain", "asem.idx", "CHE", "--format", "csv"]).stdout
    let terms = Self.rows(csv).filter { $0["kind"] == nil || $0["kind"] == "indicator" }
    let total = terms.compactMap { $0["contribution"].flatMap(Double.init) }.reduce(0, +)
    #expect(terms.count == 49)
    let run = cli.run(["run", "asem.idx", "--format", "csv", "--depth", "0"]).stdout
    let che = try #require(Self.rows(run).first { $0["entity"] == "CHE" })
    let score = try #require(che["score"].flatMap(Double.init))
    #expect(abs(total - score) < 1e-9)
  }

  @Test func benefitOfTheDoubtAndMazziottaParetoThroughTheLanguage() throws {
    // Anderson's restaurant example (DEA Using R, ch. 5) as a methodology: scores 73/84, 1/2,
    // 1, 1, 271/420, 31/70 (see WeightsFromDataTests), then MPI of a three-member profile.
    let files = MemoryFileSystem([
      "bod.idx": """
      index r "Restaurants" {
        aggregate: benefit_of_doubt
        normalize: none
        members { y1, y2 }
      }
      data d = csv("r.csv") { key: code }
      indicator y1 { value: d.y1 }
      indicator y2 { value: d.y2 }
      """,
      "r.csv": "code,y1,y2\nAlfred,25,3500\nBarb,14,2100\nChris,42,1050\nDon,28,4200\n"
        + "Ed,19,2500\nFran,14,1500\n",
      "mpi.idx": """
      index m "MPI" {
        aggregate: mpi
        normalize: none
        members { a, b, c }
      }
      data d = csv("m.csv") { key: code }
      indicator a { value: d.a }
      indicator b { value: d.b }
      indicator c { value: d.c }
      """,
      "m.csv": "code,a,b,c\nP,110,90,100\nQ,100,100,100\n",
    ])
    let cli = CLI(context: .init(fileSystem: files, color: false))
    let bod = cli.run(["run", "bod.idx", "--format", "csv", "--depth", "0"])
    #expect(bod.code == 0, "\(bod.stderr)")
    var scores: [String: Double] = [:]
    for row in Self.rows(bod.stdout) {
      scores[row["entity"] ?? ""] = row["score"].flatMap(Double.init)
    }
    let expected = [
      "Alfred": 73.0 / 84, "Barb": 0.5, "Chris": 1, "Don": 1, "Ed": 271.0 / 420, "Fran": 31.0 / 70,
    ]
    for (entity, value) in expected {
      #expect(abs((scores[entity] ?? .nan) - value) < 1e-12, "\(entity)")
    }
    let explained = cli.run(["explain", "bod.idx", "Alfred"]).stdout
    #expect(explained.contains("r: benefit of the doubt, Alfred's own weights give y1 62%, y2 38%"))
    let mpi = Self.rows(cli.run(["run", "mpi.idx", "--format", "csv", "--depth", "0"]).stdout)
    #expect(mpi.first { $0["entity"] == "P" }?["score"] == "99")
    #expect(mpi.first { $0["entity"] == "Q" }?["score"] == "100")
  }

  @Test func derivedWeightsAreCheckedLikeAnyOtherWeight() {
    let files = MemoryFileSystem([
      "m.idx": """
      index m "M" {
        aggregate: benefit_of_doubt(min: 40%)
        members { a: 2, b, c }
      }
      data d = csv("m.csv") { key: code }
      indicator a { value: d.a, normalize: none }
      indicator b { value: d.a, normalize: none }
      indicator c { value: d.a, normalize: none }
      """,
      "w.idx": """
      index w "W" {
        weights: pcaa
        members { a, b }
      }
      data d = csv("m.csv") { key: code }
      indicator a { value: d.a, normalize: none }
      indicator b { value: d.a, normalize: none }
      """,
      "b.idx": """
      index b "B" {
        weights: pca
        members { a, x }
      }
      dimension x { aggregate: mpi, weights: equal_influence, members { c } }
      data d = csv("m.csv") { key: code }
      indicator a { value: d.a, normalize: none }
      indicator c { value: d.a, normalize: none }
      """,
      "m.csv": "code,a\nP,1\nQ,2\n",
    ])
    let cli = CLI(context: .init(fileSystem: files, color: false))
    let outcome = cli.run(["check", "m.idx"])
    #expect(outcome.code == 1)
    #expect(outcome.stderr.contains("error[E0350]: `m` has `aggregate: benefit_of_doubt`"))
    #expect(outcome.stderr.contains("a minimum share of 40% cannot hold for 3 members of `m`"))
    // The index's `weights: pca` does not reach an MPI node; the node's own is an error.
    let own = cli.run(["check", "b.idx"])
    #expect(own.code == 1)
    #expect(own.stderr.contains("`x`'s aggregator sets its own weights or takes none"))
    #expect(own.stderr.components(separatedBy: "error[").count == 2, "\(own.stderr)")
    let misspelt = cli.run(["check", "w.idx"])
    #expect(
      misspelt.code == 1 && misspelt.stderr.contains("did you mean `pca`?"), "\(misspelt.stderr)")
  }
}
