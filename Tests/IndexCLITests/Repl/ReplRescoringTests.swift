import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

@testable import IndexCLI

/// The REPL rescores each new state from the last one's stages (`Rescoring.score`): for
/// random edits of ASEM typed as a session would type them, the CSV and JSON `idx run` would
/// print are the same bytes as a full run's, and a weight edit normalizes nothing again.
@Suite struct ReplRescoringTests {
  static let path = CLITests.root.appendingPathComponent("methodologies/asem.idx").path

  static let aggregates = [
    "Conn", "Sust", "ConEcFin", "Instit", "P2P", "Physical", "Political", "Environ", "Social",
    "SusEcFin",
  ]
  static let indicators = [
    "Goods", "Services", "FDI", "Tariff", "Visa", "StMob", "Research", "LPI", "Flights", "Embs",
    "Renew", "CO2", "Poverty", "Palma", "CPI", "PubDebt", "GDPGrow", "NEET",
  ]

  /// One random edit: the path it sets (a later edit of the same path replaces it, as in the
  /// session) and its text.
  static func randomEdit(_ random: inout SplitMix64) -> (path: String, text: String) {
    func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    let aggregate = pick(aggregates)
    let indicator = pick(indicators)
    switch random.next() % 9 {
    case 0, 1, 2:
      let weight = Double(random.next() % 31) / 10
      return (aggregate + ".weight", "set \(aggregate).weight = \(weight)")
    case 3:
      let method = pick(["zscore", "rank", "minmax(0, 10)", "percentile", "minmax"])
      return (indicator + ".normalize", "set \(indicator).normalize = \(method)")
    case 4:
      return (indicator + ".direction", "set \(indicator).direction = \(pick(["lower", "higher"]))")
    case 5:
      let treatment = pick(["none", "winsorize(winmax: 2)", "winsorize"])
      let imputation = pick(["none", "mean", "median(by: Group_EurAsia)"])
      return pick([
        (indicator + ".treat", "set \(indicator).treat = \(treatment)"),
        (indicator + ".impute", "set \(indicator).impute = \(imputation)"),
      ])
    case 6:
      let method = pick(["geometric(floor: 0.5)", "median", "arithmetic", "geometric"])
      return (aggregate + ".aggregate", "set \(aggregate).aggregate = \(method)")
    case 7:
      let entity = pick(["AT", "CN", "JP", "DE", "IN"])
      let delta = Double(random.next() % 200) / 10 - 10
      return (
        "adjust \(indicator) \(entity)",
        "adjust \(indicator) \(entity) \(delta >= 0 ? "+" : "")\(delta) because \"a judgement\""
      )
    default:
      return (indicator + ".remove", "remove \(indicator) because \"dropped\"")
    }
  }

  /// The CSV and JSON of every period and node, as `idx run --format csv|json --depth all`.
  static func bytes(_ results: Results) -> (csv: String, json: String) {
    let report = ResultsReport(results: results, periods: results.periods, depth: nil, top: nil)
    return (report.stream(.csv)?.text() ?? "", report.stream(.json)?.text() ?? "")
  }

  @Test func randomEditsRescoreToAFullRunsBytes() throws {
    let files = DiskFileSystem()
    let base = compile(path: Self.path, fileSystem: files)
    let (plan, table) = (try #require(base.plan), try #require(base.table))
    var state = (rescorer: Rescorer(plan: plan, on: table), table: table)
    var edits: [(path: String, file: SourceFile)] = []
    var random = SplitMix64(seed: 42)
    var (compared, shortcuts) = (0, 0)
    for step in 1...60 {
      let (path, text) = Self.randomEdit(&random)
      var trial = edits.filter { $0.path != path }
      trial.append((path, SourceFile(path: "<edit \(step)>", text: text)))
      let compilation = compile(
        path: Self.path, fileSystem: files, edits: trial.map(\.file), reusing: base.data)
      guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table
      else { continue }
      let changes = PlanChanges.between(
        state.rescorer.results.plan, on: state.table, plan, on: table)
      if !changes.everything { shortcuts += 1 }
      let next = Rescoring.score(plan, on: table, previous: state)
      let rescored = next.results
      let full = ScoringEngine.run(plan, on: table)
      let (got, expected) = (Self.bytes(rescored), Self.bytes(full))
      #expect(got.csv == expected.csv, "CSV after step \(step): \(text)")
      #expect(got.json == expected.json, "JSON after step \(step): \(text)")
      #expect(rescored.diagnostics == full.diagnostics, "diagnostics after \(text)")
      #expect(!got.csv.isEmpty && got.json.hasPrefix("{"))
      edits = trial
      state = (next, table)
      compared += 1
    }
    #expect(compared > 40, "most random edits compile (\(compared) of 60)")
    #expect(shortcuts > 30, "most are rescored, not run in full (\(shortcuts))")
  }

  /// In a session, a weight edit shares every indicator's normalized scores with the state
  /// before it; a normalizer edit recomputes that indicator's.
  @Test func aSessionsWeightEditReaggregatesOnly() throws {
    var session = ReplSession(fileSystem: DiskFileSystem(), color: false)
    #expect(!session.evaluate(":load " + Self.path, line: 1).failed)
    let before = try #require(session.current?.results)
    #expect(!session.evaluate("set Conn.weight = 2", line: 2).failed)
    let afterWeight = try #require(session.current?.results)
    let weightRun = afterWeight.recomputed(since: before)
    #expect(weightRun.indicators.isEmpty, "normalized again: \(weightRun.indicators)")
    #expect(Set(weightRun.aggregates) == [afterWeight.plan.root])
    #expect(!session.evaluate("set Goods.normalize = zscore", line: 3).failed)
    let afterNormalizer = try #require(session.current?.results)
    let normalizerRun = afterNormalizer.recomputed(since: afterWeight)
    let goods = try #require(afterNormalizer.plan.nodeIndex("Goods"))
    #expect(normalizerRun.indicators == [goods])
    let expected = ["ConEcFin", "Conn", "Index"].compactMap(afterNormalizer.plan.nodeIndex)
    #expect(Set(normalizerRun.aggregates) == Set(expected))
  }
}
