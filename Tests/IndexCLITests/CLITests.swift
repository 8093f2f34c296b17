import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// Transcript tests: the commands as a user runs them, on the bundled methodologies.
@Suite struct CLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Runs `idx` in-process from the repository root, on the real files.
  static func idx(_ arguments: String...) -> CLI.Outcome {
    let cli = CLI(context: .init(fileSystem: RootedFileSystem(root: root.path), color: false))
    return cli.run(arguments)
  }

  @Test func versionAndHelp() {
    #expect(Self.idx("--version").stdout == "idx \(CLI.version)\n")
    #expect(Self.idx("--help").stdout.contains("COMMANDS"))
    #expect(Self.idx("help", "run").stdout.contains("--period P"))
    #expect(Self.idx("run", "--help").stdout.contains("LAYOUT"))
  }

  @Test func usageErrorsExitTwo() {
    let unknown = Self.idx("runn", "x.idx")
    #expect(unknown.code == 2)
    #expect(unknown.stderr.contains("did you mean `idx run`?"))
    let option = Self.idx("run", "methodologies/hdi.idx", "--formt", "csv")
    #expect(option.code == 2)
    #expect(option.stderr.contains("did you mean `--format`?"))
    #expect(Self.idx("run", "methodologies/hdi.idx", "--format", "xml").code == 2)
    #expect(Self.idx("run").code == 2)
  }

  @Test func missingFileExitsTwo() {
    let outcome = Self.idx("run", "methodologies/nope.idx")
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("cannot read `methodologies/nope.idx`"))
  }

  @Test func checkBundledMethodologies() {
    for file in ["hdi", "asem", "ai-capability"] {
      let outcome = Self.idx("check", "methodologies/\(file).idx")
      #expect(outcome.code == 0, "\(file): \(outcome.stderr)")
      #expect(outcome.stdout.hasPrefix("methodologies/\(file).idx: ok"))
    }
  }

  @Test func hdiCSVReproducesThePublishedIndex() throws {
    let outcome = Self.idx("run", "methodologies/hdi.idx", "--format", "csv")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(
      lines.first
        == "entity,period,score,rank,health,education,expected_schooling,mean_schooling,income")
    let data = try String(
      contentsOf: Self.root.appendingPathComponent("methodologies/data/hdi/hdi-timeseries.csv"),
      encoding: .utf8)
    var published: [String: Double] = [:]
    for line in data.split(separator: "\n").dropFirst() {
      let fields = splitCSVLine(line)
      if fields.count == 8, fields[2] == "2022", let hdi = Double(fields[7]) {
        published[String(fields[0])] = hdi
      }
    }
    var matched = 0
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      #expect(fields[1] == "2022")
      guard let score = Double(fields[2]) else { continue }
      let expected = try #require(published[String(fields[0])], "\(fields[0])")
      #expect((score * 1000).rounded() / 1000 == expected, "\(fields[0])")
      matched += 1
    }
    #expect(matched == 193)
  }

  @Test func asemCSVMatchesEveryAggregate() throws {
    let outcome = Self.idx("run", "methodologies/asem.idx", "--format", "csv")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    var rows: [String: [String: Double]] = [:]
    let lines = outcome.stdout.split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var row: [String: Double] = [:]
      for (name, value) in zip(header, fields) { row[name] = Double(value) }
      rows[fields[0]] = row
    }
    let expected = try String(
      contentsOf: Self.root.appendingPathComponent("methodologies/data/asem/expected-scores.csv"),
      encoding: .utf8
    ).split(whereSeparator: \.isNewline)
    let columns = expected[0].split(separator: ",").map(String.init)
    var compared = 0
    for line in expected.dropFirst() {
      let fields = splitCSVLine(line)
      let row = try #require(rows[fields[0]])
      for (name, text) in zip(columns, fields).dropFirst(2) {
        let value = try #require(row[name == "Index" ? "score" : name], "\(fields[0]) \(name)")
        let reference = try #require(Double(text))
        #expect(Swift.abs(value - reference) <= 1e-9, "\(fields[0]) \(name)")
        compared += 1
      }
    }
    #expect(compared == 51 * 11)
    #expect(rows.count == 51)
  }

  @Test func headlineOfTheAICapabilityIndex() throws {
    let outcome = Self.idx("run", "methodologies/ai-capability.idx", "--format", "json")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    let periods = try #require(json?["periods"] as? [[String: Any]])
    #expect(periods.count == 1)
    let entities = try #require(periods.first?["entities"] as? [[String: Any]])
    #expect(periods.first?["period"] as? Int == 2025)
    #expect(entities.first?["entity"] as? String == "US")
    #expect(entities.first?["score"] as? Double == 100)
    let china = try #require(entities.first { $0["entity"] as? String == "CN" })
    let score = try #require(china["score"] as? Double)
    #expect(Swift.abs(score - 97.2998) < 1e-4)
    #expect(china["rank"] as? Int == 2)
  }

  @Test func tableIsAlignedAndHasNoColourWhenNotATerminal() {
    let outcome = Self.idx("run", "methodologies/ai-capability.idx", "--top", "3")
    #expect(outcome.code == 0)
    #expect(!outcome.stdout.contains("\u{1B}["))
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 2 + 3 + 1)
    #expect(outcome.stdout.contains("United States"))
  }

  @Test func previousPeriodOnRequest() {
    let outcome = Self.idx("run", "methodologies/ai-capability.idx", "--period", "2023")
    #expect(outcome.code == 2)
  }
}

/// Splits one CSV line on commas outside double quotes (enough for the reference files).
func splitCSVLine(_ line: Substring) -> [String] {
  var fields: [String] = []
  var field = ""
  var quoted = false
  for character in line {
    if character == "\"" {
      quoted.toggle()
    } else if character == "," && !quoted {
      fields.append(field)
      field = ""
    } else {
      field.append(character)
    }
  }
  fields.append(field)
  return fields
}

/// The disk, with paths relative to a folder (tests run from anywhere).
struct RootedFileSystem: FileSystem {
  let root: String

  func read(_ path: String) throws(FileError) -> [UInt8] {
    do {
      return try DiskFileSystem().read(path.hasPrefix("/") ? path : root + "/" + path)
    } catch {
      throw FileError(path: path, reason: error.reason)
    }
  }

  func writeAtomically(_ path: String, bytes: [UInt8]) throws(FileError) {
    try DiskFileSystem().writeAtomically(root + "/" + path, bytes: bytes)
  }
}

@Suite struct ExplainCommandTests {
  @Test func gapOfChinaToTheUSByDimension() throws {
    let outcome = CLITests.idx("explain", "methodologies/ai-capability.idx", "CN", "--vs", "US")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(
      outcome.stdout.hasPrefix("CN 97.30 vs US 100.00 in AI Capability Index, 2025: gap -2.70"))
    #expect(outcome.stdout.contains("patents"))
    #expect(outcome.stdout.contains("the rows add up to the gap"))
  }

  @Test func csvRowsSumToTheScore() throws {
    let outcome = CLITests.idx("explain", "methodologies/hdi.idx", "NOR", "--format", "csv")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    let rows = outcome.stdout.split(separator: "\n").dropFirst().map { splitCSVLine($0) }
    // The terms (indicator, adjustment and offset rows) add up to the score, and so do the
    // sums by member of the index.
    let terms = rows.filter { ["indicator", "adjustment", "offset"].contains($0[0]) }
    let total = terms.reduce(0.0) { $0 + (Double($1[4]) ?? .nan) }
    let members = rows.filter { $0[0] == "member" }.reduce(0.0) { $0 + (Double($1[4]) ?? .nan) }
    #expect(terms.count == 4)
    #expect(Swift.abs(members - total) < 1e-9)
    #expect(
      rows.contains {
        $0[0] == "total" && Double($0[4]).map { Swift.abs($0 - total) < 1e-9 } == true
      })
    #expect(rows.contains { $0[0] == "indicator" && $0[1] == "education/expected_schooling" })
    let run = CLITests.idx("run", "methodologies/hdi.idx", "--format", "csv")
    let norway = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("NOR,") })
    let score = try #require(Double(splitCSVLine(norway)[2]))
    #expect(Swift.abs(total - score) < 1e-9)
  }

  @Test func provenanceNamesImputedCells() {
    let outcome = CLITests.idx(
      "explain", "methodologies/ai-capability.idx", "FR", "--period", "2024")
    #expect(
      outcome.stdout.contains(
        "FR migration: raw missing from ai.talent_migration (ai = csv(\"data/ai.csv\")); imputed → 0.475"
      ))
    #expect(outcome.stdout.contains("arena: Arena score of the economy's best model"))
  }

  @Test func softRatingsShowTheirRange() {
    let outcome = CLITests.idx("explain", "methodologies/ai-soft.idx", "CN")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(
      outcome.stdout.contains(
        "CN innovation: raw 4.1 from expert ratings on scale quality5; plausible range 3.5..4.6"))
  }

  @Test func unknownEntityIsAUsageError() {
    let outcome = CLITests.idx("explain", "methodologies/ai-capability.idx", "CM")
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("did you mean `CN`?"))
  }
}

@Suite struct PinCommandTests {
  @Test func pinWritesTheFileAtomicallyAndCheckStaysClean() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("idx-pin-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = """
      index base {
        members { a }
      }
      data s = csv("s.csv") { key: code }
      indicator a { value: s.x, normalize: minmax }
      """
    try base.write(to: folder.appendingPathComponent("base.idx"), atomically: true, encoding: .utf8)
    try "code,x\nA,1\nB,2\n".write(
      to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
    try "extends \"base.idx\"\nindex fork {}\n".write(
      to: folder.appendingPathComponent("fork.idx"), atomically: true, encoding: .utf8)
    let cli = CLI(context: .init(fileSystem: DiskFileSystem(), color: false))
    let fork = folder.appendingPathComponent("fork.idx").path
    let pinned = cli.run(["pin", fork])
    #expect(pinned.code == 0, "\(pinned.stderr)")
    #expect(pinned.stdout.contains("base.idx sha256:"))
    let text = try String(contentsOfFile: fork, encoding: .utf8)
    #expect(text.hasPrefix("extends \"base.idx\" pin \"sha256:"))
    #expect(cli.run(["check", fork]).code == 0)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers.sorted() == ["base.idx", "fork.idx", "s.csv"])
    try (base + "\n").write(
      to: folder.appendingPathComponent("base.idx"), atomically: true, encoding: .utf8)
    let changed = cli.run(["check", fork])
    #expect(changed.code == 1)
    #expect(changed.stderr.contains("E0453"))
  }
}

@Suite struct ExplainAdjustmentTests {
  @Test func adjustmentsAreItemisedWithTheirEffectAlone() {
    let text = """
      index t {
        members { a, d }
      }
      data s = csv("s.csv") { key: code }
      indicator a {
        value: s.x
        normalize: minmax
        adjust B +1 because "revised census"
      }
      dimension d {
        members { c }
        adjust B +5 because "panel judgement"
      }
      indicator c { value: s.y, normalize: minmax }
      """
    let files = MemoryFileSystem(["m.idx": text, "s.csv": "code,x,y\nA,1,2\nB,2,1\nC,3,3\n"])
    let outcome = CLI(context: .init(fileSystem: files, color: false)).run([
      "explain", "m.idx", "B",
    ])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("adjustment: panel judgement"))
    #expect(
      outcome.stdout.contains(
        "adjusted by 1 because \"revised census\" (alone it moves the score by 25.00)"))
  }
}
