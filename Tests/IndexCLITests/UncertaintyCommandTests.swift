import Foundation
import IndexCLI
import IndexLanguage
import Testing

@testable import IndexCLI

/// `idx uncertainty`: the same bytes for the same seed whatever the thread count, machine
/// formats that parse, a clear error without a block, and the README's output as printed.
@Suite struct UncertaintyCommandTests {
  static func idx(_ arguments: [String], processors: Int = 1) -> CLI.Outcome {
    let cli = CLI(
      context: .init(
        fileSystem: RootedFileSystem(root: CLITests.root.path), color: false,
        processors: processors))
    return cli.run(arguments)
  }

  @Test func theSameSeedGivesTheSameBytesOnAnyThreadCount() {
    let arguments = [
      "uncertainty", "methodologies/ai-soft.idx", "--draws", "300", "--sobol", "--format", "json",
    ]
    let one = Self.idx(arguments + ["--threads", "1"])
    #expect(one.code == 0, "\(one.stderr)")
    let two = Self.idx(arguments + ["--threads", "2"])
    let again = Self.idx(arguments + ["--threads", "2"])
    let cores = Self.idx(arguments, processors: 3)
    #expect(one.stdout == two.stdout)
    #expect(two.stdout == again.stdout)
    #expect(cores.stdout == one.stdout)
    let reseeded = Self.idx(arguments + ["--seed", "99"])
    #expect(reseeded.stdout != one.stdout)
  }

  @Test func theTableSaysWhatWasDrawnAndQuotesThePair() throws {
    let outcome = Self.idx(["uncertainty", "methodologies/ai-capability.idx", "--draws", "500"])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "AI Capability Index, 2025: 500 draws, seed 2026")
    #expect(lines.contains { $0.hasPrefix("weights    ±25%") })
    #expect(lines.contains { $0.hasPrefix("   1  US      United States") })
    let sentence = try #require(lines.first { $0.hasPrefix("In ") })
    #expect(sentence.contains("of 500 draws United States stays ahead of China; the gap's 90%"))
    #expect(sentence.hasSuffix(" points."))
    let sobol = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "200", "--sobol", "--top", "3",
    ])
    #expect(sobol.stdout.contains("drives the uncertainty of the gap US − CN most: alone it"))
    #expect(sobol.stdout.contains("of each entity's rank: total index per source"))
  }

  @Test func machineFormatsCarryTheFigures() throws {
    let json = Self.idx([
      "uncertainty", "methodologies/ai-soft.idx", "--draws", "200", "--sobol", "--format", "json",
    ])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["draws"] as? Int == 200)
    #expect(
      (object["sources"] as? [[String: Any]])?.map { $0["name"] as? String } == [
        "weights", "normalize", "aggregate", "ratings",
      ])
    let entities = try #require(object["entities"] as? [[String: Any]])
    #expect(entities.count == 12)
    #expect(entities.first?["entity"] as? String == "US")
    let pair = try #require(object["pair"] as? [String: Any])
    let probability = try #require(pair["probability_ahead"] as? Double)
    #expect(probability > 0.5 && probability <= 1)
    let sensitivity = try #require(object["sensitivity"] as? [String: Any])
    #expect(sensitivity["runs"] as? Int == 200 * 6)
    #expect((sensitivity["gap"] as? [[String: Any]])?.count == 4)

    let csv = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "100", "--format", "csv",
    ])
    let rows = csv.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first == "kind,entity,versus,source,statistic,value")
    #expect(rows.contains("entity,US,,,nominal_rank,1"))
    #expect(rows.contains { $0.hasPrefix("pair,US,CN,,probability_ahead,") })
    #expect(
      rows.dropFirst().allSatisfy {
        $0.split(separator: ",", omittingEmptySubsequences: false).count == 6
      })
    let md = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "50", "--format", "md",
    ])
    #expect(md.stdout.hasPrefix("**AI Capability Index, 2025: 50 draws, seed 2026**"))
    #expect(md.stdout.contains("| --- | --- |"))
  }

  @Test func withoutABlockTheErrorShowsOne() {
    let outcome = Self.idx(["uncertainty", "methodologies/hdi.idx"])
    #expect(outcome.code == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(
      outcome.stderr.contains(
        "error: `methodologies/hdi.idx` declares no `uncertainty` block, so nothing can vary"))
    #expect(outcome.stderr.contains("      uncertainty {\n        draws:   1000"))
    #expect(outcome.stderr.contains("idx help uncertainty"))
  }

  @Test func aBlockWithNothingUncertainGivesTheNominalResult() {
    let files = MemoryFileSystem([
      "m.idx": """
      index t { members { a, b } }
      data d = csv("d.csv") { key: code }
      indicator a { value: d.a, normalize: minmax }
      indicator b { value: d.b, normalize: minmax }
      uncertainty { draws: 10, seed: 3 }
      """,
      "d.csv": "code,a,b\nX,1,2\nY,2,1\nZ,3,3\n",
    ])
    let outcome = CLI(context: .init(fileSystem: files, color: false)).run([
      "uncertainty", "m.idx", "--sobol",
    ])
    #expect(outcome.code == 0)
    #expect(outcome.stderr.contains("warning[W0303]"))
    #expect(outcome.stderr.contains("note: `--sobol` has nothing to attribute"))
    #expect(outcome.stdout.contains("(nothing)  every draw is the nominal result"))
    #expect(
      outcome.stdout.contains("In all 10 draws Z stays ahead of X; the gap's 90% interval is"))
  }

  @Test(arguments: [
    (["--pair", "US"], "`--pair` takes two entity codes: `--pair US CN`"),
    (["--seed", "-3"], "`--seed` takes a whole number from 0 to 18446744073709551615, not `-3`"),
    (["--draws", "1"], "`--draws` must be from 2 to 10000000"),
    (["--threads", "0"], "`--threads` must be at least 1"),
    (["--sobl"], "unknown option `--sobl`; did you mean `--sobol`?"),
  ])
  func usageErrors(_ extra: [String], _ message: String) {
    let outcome = Self.idx(["uncertainty", "methodologies/ai-capability.idx"] + extra)
    #expect(outcome.code == 2)
    #expect(outcome.stderr.hasPrefix("error: " + message), "\(outcome.stderr)")
  }

  @Test func entitiesAndPeriodsAreChecked() {
    let unknown = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "10", "--pair", "US", "CNN",
    ])
    #expect(unknown.code == 2)
    #expect(
      unknown.stderr.contains(
        "`CNN` is not an entity of methodologies/ai-capability.idx; did you mean `CN`?"))
    let period = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "10", "--period", "2019",
    ])
    #expect(period.stderr == "error: period 2019 was not scored (scored: 2024, 2025)\n")
    let earlier = Self.idx([
      "uncertainty", "methodologies/ai-capability.idx", "--draws", "10", "--period", "2024",
    ])
    #expect(earlier.stdout.hasPrefix("AI Capability Index, 2024: 10 draws"))
  }

  @Test func theProgressBarFillsAndCounts() {
    #expect(
      UncertaintyProgress.bar(done: 3500, total: 10000)
        == "\r[██████████░░░░░░░░░░░░░░░░░░░░]  35%  3,500 of 10,000 runs")
    #expect(UncertaintyProgress.bar(done: 12, total: 12).hasSuffix("] 100%  12 of 12 runs"))
    // A short run draws nothing: the bar waits a second.
    final class Sink: @unchecked Sendable { var text = "" }
    let sink = Sink()
    let bar = UncertaintyProgress(write: { sink.text += $0 })
    bar.update(done: 5, total: 10)
    bar.finish()
    #expect(sink.text.isEmpty)
  }

  @Test func prosePercentagesNeverRoundToCertainty() {
    #expect(UncertaintyText.percent(0.9996) == ">99.9%")
    #expect(UncertaintyText.percent(1) == "100%")
    #expect(UncertaintyText.percent(0.941) == "94.1%")
    #expect(UncertaintyText.percent(0.0004) == "<0.1%")
    #expect(UncertaintyText.count(1_234_567) == "1,234,567")
    #expect(UncertaintyText.signed(-0.24, decimals: 1) == "−0.2")
  }

  /// The README's `idx uncertainty` examples are real output.
  @Test func readmeShowsRealOutput() throws {
    #expect(try ReadmeExamples.check(prefix: "$ idx uncertainty ") { Self.idx($0) } == 3)
  }
}
