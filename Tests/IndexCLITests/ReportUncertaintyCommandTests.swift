import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx report` on a methodology with an `uncertainty` block: the page's uncertainty panel
/// carries the very figures `idx uncertainty --format json` prints for the same draws and
/// seed, its options are checked, and `--no-uncertainty` leaves it out.
@Suite struct ReportUncertaintyCommandTests {
  static func idx(_ arguments: [String]) -> CLI.Outcome {
    UncertaintyCommandTests.idx(arguments, processors: 2)
  }

  /// The attributes of the elements that start with `prefix`, in page order.
  static func marks(_ html: String, _ prefix: String) -> [[String: String]] {
    html.components(separatedBy: prefix).dropFirst().map { chunk in
      var attributes: [String: String] = [:]
      for piece in chunk.prefix(while: { $0 != ">" }).components(separatedBy: "\" ") {
        let parts = piece.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { continue }
        attributes[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1]
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"/"))
      }
      return attributes
    }
  }

  /// The number after `"key":` in a piece of JSON, read from its text (Foundation's parser
  /// may round the last digit, and the comparison is exact).
  static func raw(_ key: String, in text: Substring) -> Double? {
    guard let start = text.range(of: "\"\(key)\":") else { return nil }
    return Double(text[start.upperBound...].prefix { ",}]\n".contains($0) == false })
  }

  /// The JSON object that starts at `"key":{` (objects inside it included).
  static func object(_ key: String, in text: Substring) -> Substring? {
    guard let start = text.range(of: "\"\(key)\":{") else { return nil }
    var depth = 0
    var end = start.upperBound
    for index in text[text.index(before: start.upperBound)...].indices {
      if text[index] == "{" { depth += 1 }
      if text[index] == "}" { depth -= 1 }
      if depth == 0 {
        end = text.index(after: index)
        break
      }
    }
    return text[start.lowerBound..<end]
  }

  /// (file, draws, flags of the page, whether the page has the sensitivity indices): ASEM's
  /// 2,000 draws cost too much for them unasked, 300 with `--sobol` have them, and the AI
  /// index's 400 are cheap enough to have them unasked.
  @Test(arguments: [
    ("methodologies/asem-uncertain.idx", "2000", [String](), false),
    ("methodologies/asem-uncertain.idx", "300", ["--sobol"], true),
    ("methodologies/ai-capability.idx", "400", [], true),
  ])
  func thePanelHasTheFiguresOfIdxUncertainty(
    _ file: String, _ draws: String, _ flags: [String], _ sensitivity: Bool
  ) throws {
    let options = ["--draws", draws, "--seed", "11"]
    let report = Self.idx(["report", file, "-o", "-"] + options + flags)
    let json = Self.idx(
      ["uncertainty", file, "--format", "json"] + options + (sensitivity ? ["--sobol"] : []))
    #expect(report.code == 0, "\(report.stderr)")
    #expect(json.code == 0, "\(json.stderr)")
    let lines = json.stdout.split(separator: "\n").filter { $0.contains("{\"entity\":") }
    let entities = lines.filter { $0.contains("\"nominal_rank\":") && !$0.contains("\"indices\"") }
    let rows = Self.marks(report.stdout, "<g class=\"ri\" ")
    #expect(rows.count == min(60, entities.count) && !rows.isEmpty)
    for (row, entity) in zip(rows, entities) {
      let rank = try #require(Self.object("rank", in: entity))
      #expect(entity.contains("{\"entity\":\"\(row["data-entity"] ?? "")\""))
      #expect(row["data-rank"].flatMap(Double.init) == Self.raw("nominal_rank", in: entity))
      #expect(row["data-low"].flatMap(Double.init) == Self.raw("p05", in: rank))
      #expect(row["data-median"].flatMap(Double.init) == Self.raw("median", in: rank))
      #expect(row["data-high"].flatMap(Double.init) == Self.raw("p95", in: rank))
    }
    let text = Substring(json.stdout)
    let pair = try #require(Self.object("pair", in: text))
    let gap = try #require(Self.object("gap", in: pair))
    let lead = try #require(Self.marks(report.stdout, "id=\"uncertainty-pair\" ").first)
    #expect(pair.contains("\"first\":\"\(lead["data-first"] ?? "")\""))
    let figures = [
      ("data-probability", Self.raw("probability_ahead", in: pair)),
      ("data-nominal-gap", Self.raw("nominal_gap", in: pair)),
      ("data-compared", Self.raw("compared_draws", in: pair)),
      ("data-low", Self.raw("p05", in: gap)), ("data-median", Self.raw("median", in: gap)),
      ("data-high", Self.raw("p95", in: gap)),
    ]
    for (attribute, expected) in figures {
      #expect(expected != nil && lead[attribute].flatMap(Double.init) == expected, "\(attribute)")
    }
    let sobol = Self.marks(report.stdout, "<tr data-source=\"")
    if let sensitivity = Self.object("sensitivity", in: text) {
      let list = try #require(sensitivity.range(of: "\"gap\":["))
      let indices = sensitivity[list.upperBound...].prefix { $0 != "]" }
        .components(separatedBy: "},{")
      #expect(sobol.count == indices.count && !indices.isEmpty)
      for (row, index) in zip(sobol, indices) {
        let entry = Substring(index)
        #expect(row["data-first-order"].flatMap(Double.init) == Self.raw("first_order", in: entry))
        #expect(row["data-total"].flatMap(Double.init) == Self.raw("total", in: entry))
      }
    } else {
      #expect(sobol.isEmpty)
    }
    #expect(sobol.isEmpty != sensitivity)
  }

  @Test func optionsAreCheckedAndThePanelCanBeLeftOut() {
    let file = "methodologies/ai-capability.idx"
    let without = Self.idx(["report", file, "-o", "-", "--no-uncertainty"])
    #expect(without.code == 0 && !without.stdout.contains("panel-uncertainty"))
    let quick = Self.idx(["report", file, "-o", "-", "--draws", "50"])
    #expect(quick.stdout.contains("id=\"panel-uncertainty\""))
    #expect(quick.stdout.contains("50 draws, seed 2026"))
    #expect(Self.idx(["report", file, "--draws", "1"]).code == 2)
    #expect(Self.idx(["report", file, "--seed", "-4"]).code == 2)
    #expect(Self.idx(["report", file, "--no-uncertainty", "--draws", "9"]).code == 2)
    let unknown = Self.idx(["report", file, "-o", "-", "--pair", "US", "XX"])
    #expect(unknown.code == 2 && unknown.stderr.contains("`XX` is not an entity"))
    let plain = Self.idx(["report", "methodologies/asem.idx", "-o", "-", "--draws", "50"])
    #expect(plain.code == 0 && !plain.stdout.contains("panel-uncertainty"))
    #expect(plain.stderr.contains("declares no `uncertainty` block"))
  }
}
