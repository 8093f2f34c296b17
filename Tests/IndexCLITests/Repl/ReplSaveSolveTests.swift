import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `:save` gives a fork that `idx run` scores exactly as the session did, and `:solve` agrees
/// with break-even points computed by hand from the dimension scores `idx run` prints.
@Suite struct ReplSaveSolveTests {
  /// A copy of the AI methodology and its data in a fresh folder.
  static func folder() throws -> FileAccessTests.Folder {
    let folder = FileAccessTests.Folder()
    let methodologies = CLITests.root.appendingPathComponent("methodologies")
    folder.write(
      "ai-capability.idx",
      try String(
        contentsOf: methodologies.appendingPathComponent("ai-capability.idx"), encoding: .utf8))
    folder.write(
      "data/ai.csv",
      try String(
        contentsOf: methodologies.appendingPathComponent("data/ai.csv"), encoding: .utf8))
    return folder
  }

  static func idx(_ arguments: [String], in folder: FileAccessTests.Folder) -> CLI.Outcome {
    let files = DiskFileSystem()
    let absolute = arguments.map { $0.hasSuffix(".idx") ? folder.path + "/" + $0 : $0 }
    return CLI(context: .init(fileSystem: files, color: false)).run(absolute)
  }

  @Test func theSavedForkRunsToTheSessionsBytes() throws {
    let folder = try Self.folder()
    let script = """
      weights { investment: 10%, rest: pro_rata }
      set compute_cost.impute = none
      adjust capital CN +50 because "announced sovereign fund"
      set papers.direction = lower
      :undo
      :save whatif.idx
      :set format csv
      :rank

      """
    let ran = try ReplTranscriptTests.run(["ai-capability.idx"], input: script, in: folder.path)
    #expect(ran.status == 0, "\(ran.stderr)")
    let session = try #require(ran.stdout.range(of: "entity,period,score"))
    let sessionCSV = String(ran.stdout[session.lowerBound...])
    let saved = try String(contentsOfFile: folder.path + "/whatif.idx", encoding: .utf8)
    #expect(saved.contains("extends \"ai-capability.idx\"\n"))
    #expect(saved.contains("adjust capital CN +50 because \"announced sovereign fund\"\n"))
    #expect(!saved.contains("papers.direction"), "an undone edit is not saved")
    let run = Self.idx(["run", "whatif.idx", "--format", "csv"], in: folder)
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout == sessionCSV)
    let base = Self.idx(["run", "ai-capability.idx", "--format", "csv"], in: folder)
    #expect(base.stdout != sessionCSV, "the edits change the scores")
  }

  /// Each entity's dimension scores in 2025, from `idx run --format csv --depth 1`.
  static func dimensions() throws -> [String: [String: Double]] {
    let run = CLITests.idx(
      "run", "methodologies/ai-capability.idx", "--format", "csv", "--depth", "1")
    let lines = run.stdout.split(separator: "\n").map { splitCSVLine($0) }
    let header = try #require(lines.first)
    var scores: [String: [String: Double]] = [:]
    for row in lines.dropFirst() where row[1] == "2025" {
      for (column, value) in zip(header, row).dropFirst(4) {
        scores[row[0], default: [:]][column] = Double(value)
      }
    }
    return scores
  }

  /// The value `:solve` printed after `= ` in its answer.
  static func answer(_ question: String) throws -> Double {
    let ran = try ReplTranscriptTests.run(
      ["methodologies/ai-capability.idx"], input: question + "\n")
    #expect(ran.status == 0, "\(ran.stderr)")
    let line = try #require(ran.stdout.split(separator: "\n").first { $0.contains(" when ") })
    let value = try #require(line.split(separator: "= ").last?.split(separator: " ").first)
    return try #require(Double(value.replacingOccurrences(of: "%", with: "")))
  }

  /// The index is the weighted mean of its dimensions scaled by the leader, so CN passes US
  /// when its weighted mean does: with investment's share w and the others rescaled from
  /// their 80%, the margin is linear in w, and its root is found by hand.
  @Test func theWeightThatLetsChinaPassAgreesWithTheLinearFormula() throws {
    let scores = try Self.dimensions()
    let (cn, us) = (try #require(scores["CN"]), try #require(scores["US"]))
    let others = ["performance": 0.30, "research": 0.20, "patents": 0.15, "talent": 0.15]
    func rest(_ entity: [String: Double]) -> Double {
      others.reduce(0) { $0 + $1.value / 0.80 * (entity[$1.key] ?? .nan) }
    }
    // margin(w) = w·(I_cn − I_us) + (1 − w)·(R_cn − R_us) = 0
    let dI = (cn["investment"] ?? .nan) - (us["investment"] ?? .nan)
    let dR = rest(cn) - rest(us)
    let expected = dR / (dR - dI)
    let solved = try Self.answer(":solve CN > US by investment.weight") / 100
    #expect(abs(solved - expected) <= 2e-6 * expected, "solved \(solved), by hand \(expected)")
  }

  /// China's private investment that closes the gap: the index gap in unscaled points, over
  /// what one more billion adds through minmax(0, 100), capital's half of investment and
  /// investment's 20% (while China stays below the US, the minimum and maximum stay put).
  @Test func theInvestmentThatLetsChinaPassAgreesWithTheMinmaxArithmetic() throws {
    let scores = try Self.dimensions()
    let weights = [
      "performance": 0.30, "research": 0.20, "patents": 0.15, "investment": 0.20, "talent": 0.15,
    ]
    func mean(_ entity: String) throws -> Double {
      let dimensions = try #require(scores[entity])
      return weights.reduce(0) { $0 + $1.value * (dimensions[$1.key] ?? .nan) }
    }
    let data = try String(
      contentsOf: CLITests.root.appendingPathComponent("methodologies/data/ai.csv"),
      encoding: .utf8)
    let rows = data.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let header = try #require(rows.first)
    let column = try #require(header.firstIndex(of: "private_investment_usd_bn"))
    let year = try #require(header.firstIndex(of: "year"))
    let values = rows.dropFirst().filter { $0[year] == "2025" }.compactMap { Double($0[column]) }
    let (low, high) = (try #require(values.min()), try #require(values.max()))
    let china = try #require(
      rows.first { $0[0] == "CN" && $0[year] == "2025" }.flatMap { Double($0[column]) })
    let perBillion = 0.20 * 0.5 * 100 / (high - low)
    let expected = china + (try mean("US") - mean("CN")) / perBillion
    let solved = try Self.answer(":solve CN > US by capital")
    #expect(abs(solved - expected) <= 2e-6 * expected, "solved \(solved), by hand \(expected)")
    #expect(expected < high, "the arithmetic assumes China stays below the maximum")
  }
}
