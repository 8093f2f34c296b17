import Foundation
import IndexCLI
import IndexLanguage
import ScoringEngine
import Testing

/// One regression test per row of issue 16's table.
///
/// Each hostile shape gives its diagnostic (or the correct result) and finishes. Nothing here
/// measures time.
@Suite struct LimitsTests {
  /// Index scores in 2024 by entity code, or nil when the methodology does not run.
  static func scores(_ files: MemoryFileSystem, options: CompileOptions = .init())
    -> [String: Double]?
  {
    let compilation = compile(path: "m/main.idx", fileSystem: files, options: options)
    guard compilation.isRunnable, let plan = compilation.plan, let table = compilation.table
    else { return nil }
    let results = run(plan, on: table)
    var scores: [String: Double] = [:]
    for entity in table.entities {
      scores[entity.code] = results.indexScore(entity: entity.code, period: 2024)
    }
    return scores
  }

  static func codes(_ files: MemoryFileSystem, options: CompileOptions = .init()) -> [String] {
    compile(path: "m/main.idx", fileSystem: files, options: options).diagnostics
      .filter(\.isError).map(\.code)
  }

  static func matchesExpected(_ scores: [String: Double]?) -> Bool {
    guard let scores else { return false }
    return Shapes.expected.allSatisfy { code, value in
      guard let score = scores[code] else { return false }
      return Swift.abs(score - value) < 1e-9
    }
  }

  @Test func operatorChainOf100000IsOneDiagnostic() {
    let compilation = compile(path: "m/main.idx", fileSystem: Shapes.operatorChain(100_000))
    #expect(compilation.diagnostics.map(\.code) == ["E0118"])
    let span = compilation.diagnostics.first?.primary?.span
    // Reported at the operator past the limit, not at the end of the line.
    #expect(span?.text == "+")
    #expect(compilation.diagnostics.first?.notes.first?.contains("chain") == true)
  }

  @Test func operatorChainWithinTheLimitComputes() {
    #expect(Self.matchesExpected(Self.scores(Shapes.operatorChain(150))))
  }

  @Test func treeTenThousandLevelsDeepScoresCorrectly() {
    #expect(Self.matchesExpected(Self.scores(Shapes.deepTree(10_000))))
  }

  @Test func chainOf100000IndicatorsScoresCorrectly() {
    #expect(Self.matchesExpected(Self.scores(Shapes.indicatorChain(100_000))))
  }

  @Test func chainOf1000FilesStopsAtTheFileLimit() {
    let codes = Self.codes(Shapes.fileChain(1_000))
    #expect(codes.contains("E0341"))
    var options = CompileOptions()
    options.limits.files = 1_000
    #expect(Self.matchesExpected(Self.scores(Shapes.fileChain(1_000), options: options)))
  }

  @Test func librariesUsedTwiceAreResolvedOnce() {
    // 2⁴⁰ resolutions if each `use` were resolved anew; once each, and no duplicate names.
    let files = Shapes.useFanOut(40)
    let compilation = compile(path: "m/main.idx", fileSystem: files)
    #expect(!compilation.diagnostics.contains { $0.code == "E0202" })
    #expect(compilation.methodology?.nodes.filter { $0.name.hasPrefix("x") }.count == 40)
    #expect(Self.matchesExpected(Self.scores(files)))
  }

  @Test func weightsOf1e308ScoreLikeEqualWeights() {
    func methodology(_ weights: String) -> MemoryFileSystem {
      Shapes.files(
        Shapes.header(members: weights)
          + "indicator a { value: d.x }\nindicator b { value: d.y }\n")
    }
    // Relative weights: 1e308 : 1e308 is 1 : 1, and 3e307 : 1e308 is 0.3 : 1, though the
    // sums of those weights overflow.
    for (huge, small) in [
      ("a: 1e308, b: 1e308", "a: 1, b: 1"), ("a: 3e307, b: 1e308", "a: 0.3, b: 1"),
    ] {
      let scores = Self.scores(methodology(huge))
      let expected = Self.scores(methodology(small))
      #expect(scores != nil)
      for code in ["A", "B", "C"] {
        #expect(Swift.abs((scores?[code] ?? .nan) - (expected?[code] ?? .nan)) < 1e-9, "\(huge)")
      }
    }
  }

  @Test func infiniteWeightIsAnErrorAtItsSpan() {
    let files = Shapes.files(
      Shapes.header(members: "a: 1e309, b: 1")
        + "indicator a { value: d.x }\nindicator b { value: d.y }\n")
    let diagnostics = compile(path: "m/main.idx", fileSystem: files).diagnostics
    #expect(diagnostics.map(\.code) == ["E0109"])
    #expect(diagnostics.first?.primary?.span.text == "1e309")
  }

  @Test func infiniteOrOverflowingMethodArgumentsAreErrors() {
    let infinite = Shapes.files(
      Shapes.header() + "indicator a { value: d.x\n normalize: minmax(0, 1e309) }\n")
    #expect(Self.codes(infinite) == ["E0109"])
    let negative = Shapes.files(
      Shapes.header() + "indicator a { value: d.x\n normalize: goalposts(-1e999, 1) }\n")
    #expect(Self.codes(negative) == ["E0109"])
    // Both ends finite, but their distance is not: every score would be 0.
    let apart = Shapes.files(
      Shapes.header() + "indicator a { value: d.x\n normalize: minmax(-1e308, 1e308) }\n")
    #expect(Self.codes(apart) == ["E0313"])
    let adjustment = Shapes.files(
      Shapes.header()
        + "indicator a { value: d.x\n adjust A +1e400 because \"test\" }\n")
    #expect(Self.codes(adjustment) == ["E0109"])
  }

  @Test func wholeNumbersTooLargeForAnIntegerAreErrorsNotCrashes() {
    // `Int(1e300)` traps: found by reading every conversion of a number from the input.
    let files = Shapes.files(
      Shapes.header() + "indicator a { value: d.x\n impute: latest(max_age: 1e300) }\n")
    #expect(Self.codes(files) == ["E0313"])
  }

  @Test func tenMillionDigitLiteralIsAnError() {
    let literal = "1" + String(repeating: "0", count: 10_000_000)
    let files = Shapes.files(Shapes.header() + "indicator a { value: d.x * \(literal) }\n")
    #expect(Self.codes(files) == ["E0109"])
  }

  @Test func overflowingCSVValueIsADataErrorWithLineAndColumn() {
    let files = Shapes.files(Shapes.header() + "indicator a { value: d.x }\n")
    files.set("m/data.csv", "code,year,x,y\nA,2024,1,5\nB,2024,1e400,3\nC,2024,4,1\n")
    let diagnostic = compile(path: "m/main.idx", fileSystem: files).diagnostics.first {
      $0.code == "E0413"
    }
    #expect(diagnostic?.primary?.message.contains("too large") == true)
    let span = diagnostic?.primary?.span
    #expect(span?.file.path == "m/data.csv")
    let position = span.map { $0.file.lineColumn(of: $0.start) }
    #expect(position?.line == 3)
    #expect(position?.column == 8)
  }

  @Test func dataNearTheDoubleRangeScoresCorrectly() {
    let files = Shapes.files(Shapes.header() + "indicator a { value: d.x }\n")
    files.set("m/data.csv", "code,year,x,y\nA,2024,-1.5e308,5\nB,2024,0,3\nC,2024,1.5e308,1\n")
    // The span of the data overflows; min-max still places B half-way.
    let scores = Self.scores(files)
    #expect(scores?["A"] == 0)
    #expect(Swift.abs((scores?["B"] ?? .nan) - 50) < 1e-9)
    #expect(Swift.abs((scores?["C"] ?? .nan) - 100) < 1e-9)
  }

  @Test func scoresThatOverflowAreMissingWithAWarning() throws {
    let files = Shapes.files(
      Shapes.header(members: "a: 1, b: 1")
        + "indicator a { value: d.x\n normalize: none }\n"
        + "indicator b { value: d.x\n normalize: none }\n")
    files.set("m/data.csv", "code,year,x,y\nA,2024,1.7e308,5\nB,2024,1,3\nC,2024,2,1\n")
    let compilation = compile(path: "m/main.idx", fileSystem: files)
    let plan = try #require(compilation.plan)
    let table = try #require(compilation.table)
    let results = run(plan, on: table)
    // 1.7e308 + 1.7e308 overflows inside the mean; A is missing, B and C are right.
    #expect(results.diagnostics.contains { $0.code == "W0431" && $0.message.contains("A") })
    #expect(results.indexScore(entity: "A", period: 2024) == nil)
    #expect(results.indexScore(entity: "C", period: 2024) == 2)
    #expect(!results.index.contains { $0.isInfinite })
  }

  @Test func thousandsOfUnknownMembersAreReportedWithoutComparingEveryPair() {
    // 20,000 unknown members among 20,000 declared names: a did-you-mean for each would
    // compare 400 million pairs; the first hundred get one.
    let count = 20_000
    let members = (0..<count).map { "y\($0)" }.joined(separator: ", ")
    let declared = (0..<count).map { "indicator x\($0) { value: d.x }" }.joined(separator: "\n")
    let files = Shapes.files(Shapes.header(members: members) + declared + "\n")
    let unknown = compile(path: "m/main.idx", fileSystem: files).diagnostics.filter {
      $0.code == "E0201"
    }
    #expect(unknown.count == count)
    #expect(unknown.first?.help.first?.hasPrefix("did you mean") == true)
    #expect(unknown.last?.help.first?.hasPrefix("did you mean") == false)
  }
}
