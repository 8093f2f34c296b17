import Diagnostics
import Foundation
import IndexImport
import Testing

/// Tables COINr's `new_coin()` refuses, each with the diagnostic `idx import` gives: its code,
/// the cell it points at (line and column), and no methodology written.
@Suite struct MalformedTablesTests {
  static let data = """
    uCode,uName,Time,a,b,c
    AA,Aland,2020,1,2,3
    BB,Bland,2020,4,5,6

    """
  static let header = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n"
  static let good = """
    1,a,A,1,1,,,,P,Indicator
    1,b,B,-1,2,,,,P,Indicator
    1,c,C,1,1,,,,Q,Indicator
    2,P,Pillar P,1,1,,,,Top,Aggregate
    2,Q,Pillar Q,1,1,,,,Top,Aggregate
    3,Top,The index,1,1,,,,,Aggregate

    """

  static func outcome(meta: String, data: String = data) -> ImportOutcome {
    COINrImport.methodology(
      iData: SourceFile(path: "iData.csv", text: data),
      iMeta: SourceFile(path: "iMeta.csv", text: meta), dataPath: "iData.csv")
  }

  /// Where each diagnostic points: `CODE file:line:column`.
  static func places(_ outcome: ImportOutcome) -> [String] {
    outcome.diagnostics.map { diagnostic in
      guard let span = diagnostic.primary?.span else { return diagnostic.code }
      let (line, column) = span.file.lineColumn(of: span.start)
      return "\(diagnostic.code) \(span.file.path):\(line):\(column)"
    }
  }

  @Test func aGoodPairOfTablesImports() throws {
    let outcome = Self.outcome(meta: Self.header + Self.good)
    #expect(outcome.diagnostics.isEmpty)
    let text = try #require(outcome.text)
    #expect(text.contains("index Top \"The index\" {"))
    #expect(text.contains("members { a, b: 2 }"))
    #expect(text.contains("direction: lower"))
  }

  static let cases: [(name: String, meta: String, data: String, expected: [String])] = [
    ("missing column", "Level,iCode,Type\n1,a,Indicator\n", data, ["E0501 iMeta.csv:1:1"]),
    (
      "unknown type",
      header
        + good.replacingOccurrences(of: "1,c,C,1,1,,,,Q,Indicator", with: "1,c,C,1,1,,,,Q,Indicatr"),
      data, ["E0502 iMeta.csv:4:16"]
    ),
    (
      "duplicate code", header + good + "1,a,A again,1,1,,,,P,Indicator\n", data,
      ["E0503 iMeta.csv:8:3"]
    ),
    (
      "unknown parent",
      header + good.replacingOccurrences(of: "1,c,C,1,1,,,,Q,", with: "1,c,C,1,1,,,,R,"), data,
      ["E0504 iMeta.csv:4:14", "E0510 iMeta.csv:6:3"]
    ),
    (
      "level out of step",
      header + good.replacingOccurrences(of: "2,Q,Pillar Q", with: "3,Q,Pillar Q"), data,
      ["E0505 iMeta.csv:4:14", "E0505 iMeta.csv:6:21"]
    ),
    (
      "cycle",
      header + "1,a,A,1,1,,,,P,Indicator\n2,P,P,1,1,,,,Q,Aggregate\n3,Q,Q,1,1,,,,P,Aggregate\n",
      "uCode,a\nAA,1\n", ["E0509 iMeta.csv:1:1", "E0506 iMeta.csv:3:14", "E0505 iMeta.csv:4:14"]
    ),
    (
      "bad direction", header + good.replacingOccurrences(of: "1,b,B,-1,", with: "1,b,B,down,"),
      data, ["E0507 iMeta.csv:3:7"]
    ),
    ("no column in iData", header + good, "uCode,Time,a,b\nAA,2020,1,2\n", ["E0508 iMeta.csv:4:3"]),
    (
      "two tops",
      header
        + good.replacingOccurrences(of: "2,Q,Pillar Q,1,1,,,,Top,", with: "2,Q,Pillar Q,1,1,,,,,"),
      data, ["E0509 iMeta.csv:6:21"]
    ),
    (
      "childless aggregate", header + good + "2,R,Pillar R,1,1,,,,Top,Aggregate\n", data,
      ["E0510 iMeta.csv:8:3"]
    ),
    (
      "not a name", header + good.replacingOccurrences(of: ",c,C,", with: ",c.1,C,"),
      data.replacingOccurrences(of: ",c\n", with: ",c.1\n"), ["E0511 iMeta.csv:4:3"]
    ),
    (
      "unclosed quote", header + good.replacingOccurrences(of: "Pillar P", with: "\"Pillar P"),
      data, ["E0512 iMeta.csv:5:5"]
    ),
    ("unit twice", header + good, data + "AA,Aland,2020,1,2,3\n", ["E0513 iData.csv:4:1"]),
    (
      "bad time", header + good,
      data.replacingOccurrences(of: "BB,Bland,2020", with: "BB,Bland,later"),
      ["E0507 iData.csv:3:10"]
    ),
  ]

  @Test(arguments: cases.indices)
  func aMalformedTableIsReportedAtItsCell(_ index: Int) {
    let test = Self.cases[index]
    let outcome = Self.outcome(meta: test.meta, data: test.data)
    #expect(outcome.text == nil, "\(test.name): nothing is written")
    #expect(Self.places(outcome) == test.expected, "\(test.name)")
  }

  @Test func anUnknownDataColumnIsAWarningAndTheImportGoesOn() {
    let outcome = Self.outcome(
      meta: Self.header + Self.good,
      data: Self.data.replacingOccurrences(of: "c\n", with: "c,extra\n"))
    #expect(Self.places(outcome) == ["W0501 iData.csv:1:24"])
    #expect(outcome.text != nil)
  }

  /// Every case rendered as the user sees it, against `testdata/malformed.txt`
  /// (`IDX_UPDATE_GOLDEN=1` rewrites it and fails).
  @Test func renderingMatchesTheGolden() throws {
    let renderer = DiagnosticRenderer(color: false)
    var text = ""
    for test in Self.cases {
      text += "== \(test.name)\n"
      text += renderer.render(Self.outcome(meta: test.meta, data: test.data).diagnostics)
    }
    let url = ASEMRoundTripTests.folder.appendingPathComponent("malformed.txt")
    if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("updated malformed.txt: review it, then run again without IDX_UPDATE_GOLDEN")
      return
    }
    #expect(text == (try String(contentsOf: url, encoding: .utf8)))
  }
}

@Suite struct RelativePathTests {
  @Test func aSiblingIsNamedByItsFileName() {
    #expect(RelativePath.of("iData.csv", from: "official.idx") == "iData.csv")
    #expect(RelativePath.of("tables/iData.csv", from: "tables/out.idx") == "iData.csv")
  }

  @Test func otherFoldersAreReachedUpAndDown() {
    #expect(RelativePath.of("tables/iData.csv", from: "out/official.idx") == "../tables/iData.csv")
    #expect(RelativePath.of("/a/b/iData.csv", from: "/a/c/d/x.idx") == "../../b/iData.csv")
    #expect(RelativePath.of("./x/../iData.csv", from: "./out.idx") == "iData.csv")
  }

  @Test func mixedOrUnclimbablePathsStayAsGiven() {
    #expect(RelativePath.of("/abs/iData.csv", from: "out.idx") == "/abs/iData.csv")
    #expect(RelativePath.of("iData.csv", from: "../up/out.idx") == "iData.csv")
  }
}
