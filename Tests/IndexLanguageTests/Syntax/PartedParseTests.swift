import Diagnostics
import Foundation
import RobustnessCorpus
import ScoringEngine
import Testing

@testable import IndexLanguage

/// A file parsed in parts (`PartedParse`) gives exactly the tree of the whole-file parse
/// (statements and comments), or nothing; never another tree, and never when the file has a
/// diagnostic.
@Suite struct PartedParseTests {
  /// Every place `splitPoint` finds in a file, in order.
  static func splitPoints(_ file: SourceFile) -> [Int] {
    var points: [Int] = []
    var from = file.textStart + 1
    while let point = PartedParse.splitPoint(file.bytes, from: from) {
      points.append(point)
      from = point + 1
    }
    return points
  }

  /// The whole-file parse, which `Parser.parse(_:)` falls back to.
  static func whole(_ file: SourceFile) -> (SourceFileSyntax, [Diagnostic]) {
    Parser.parse(file, simpleExpressions: true)
  }

  static func expectSame(_ parted: SourceFileSyntax, _ whole: SourceFileSyntax, _ context: String) {
    #expect(parted.statements.count == whole.statements.count, "\(context)")
    #expect(parted.statements == whole.statements, "\(context): statements differ")
    #expect(parted.comments == whole.comments, "\(context): comments differ")
  }

  /// Checks the file split in two at up to eight of its split points, and in as many parts
  /// as those; returns how many splits were taken.
  @discardableResult
  static func expectSameOrNothing(_ bytes: [UInt8], _ context: String) -> Int {
    let file = SourceFile(path: "t.idx", bytes: bytes)
    let (whole, diagnostics) = Self.whole(file)
    let all = splitPoints(file)
    let step = max(1, all.count / 8)
    let points = stride(from: 0, to: all.count, by: step).map { all[$0] }
    var taken = 0
    var splits = points.map { [file.textStart, $0, bytes.count] }
    if points.count > 1 { splits.append([file.textStart] + points + [bytes.count]) }
    for bounds in splits {
      guard let parted = PartedParse.parse(file, bounds: bounds) else { continue }
      taken += 1
      #expect(diagnostics.isEmpty, "\(context): split at \(bounds) though the file has problems")
      expectSame(parted, whole, "\(context), split at \(bounds)")
    }
    return taken
  }

  @Test func bundledFilesSplitIntoTheSameTree() throws {
    var taken = 0
    for (name, bytes) in try SimpleExpressionTests.corpus() {
      taken += Self.expectSameOrNothing(bytes, name)
      // With a byte order mark and with CRLF line ends, too.
      taken += Self.expectSameOrNothing(SourceFile.byteOrderMark + bytes, name + " (BOM)")
      let crlf = bytes.flatMap { $0 == UInt8(ascii: "\n") ? [13, 10] : [$0] }
      taken += Self.expectSameOrNothing(crlf, name + " (CRLF)")
    }
    // The bundled methodologies have many top-level statements after a closing brace.
    #expect(taken > 60)
  }

  @Test func mutatedFilesSplitIntoTheSameTreeOrNotAtAll() throws {
    let files = try SimpleExpressionTests.corpus()
    var random = SplitMix64(seed: 20_261_203)
    var taken = 0
    for iteration in 0..<200 {
      let (name, original) = files[iteration % files.count]
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = MutationCorpus.mutate(bytes, &random)
      }
      taken += Self.expectSameOrNothing(bytes, "\(name), mutant \(iteration)")
    }
    #expect(taken > 0)
  }

  /// Places that look like a split but are not a statement's end: a `}` closing an inner
  /// body, a brace in an unclosed string, a block comment across the cut, a file with a
  /// mistake in one part only.
  @Test func splitsThatAreNotStatementEndsAreRefused() {
    let texts = [
      "index i {\n  members {\n    a\n}\nindicator a { value: d.a }\n}\n",
      "index i {\n  label: \"x\n}\nindicator a { value: d.a }\n",
      "index i { members { a } }\n}\nindicator a { value: d.a }\n",
      "index i { members { a } }\n}\nindicator a { value: d.a +  }\n",
      "index i {\n  v: f(\n}\nindicator a { value: d.a }\n)\n}\n",
      "index i { members { a } }\n/* a\n}\nindicator b { value: d.b }\n*/\n",
      "index i {\n  members { a }\n}\ndirection: higher\n}\n",
    ]
    for text in texts {
      let file = SourceFile(path: "t.idx", bytes: Array(text.utf8))
      let points = Self.splitPoints(file)
      #expect(!points.isEmpty, "\(text)")
      for point in points {
        #expect(
          PartedParse.parse(file, bounds: [0, point, file.bytes.count]) == nil, "\(text)")
      }
    }
  }

  /// A large file written well is split into parts, and `Parser.parse` gives the whole
  /// parse's tree (statements, ranges, names, comments) with no diagnostics.
  @Test func largeFileSplitsIntoTheSameTree() {
    var text = "// big\nindex big {\n  members { d1 }\n}\n\ndimension d1 {\n  members {\n"
    for i in 0..<6_000 { text += "    i\(i)\n" }
    text += "  }\n}\n"
    for i in 0..<6_000 {
      if i % 3 == 0 { text += "/// Indicator \(i).\n/// Second line.\n" }
      text += "indicator i\(i) \"Indicator \(i)\" {\n  value: d.c\(i) * 2 /* x */\n"
      text += "  normalize: minmax(0, 100)  // scale\n}\n"
      if i % 100 == 0 { text += "\n// section \(i)\n" }
      if i % 7 == 0 { text += "/// A doc comment right after a closing brace.\n" }
    }
    let file = SourceFile(path: "big.idx", bytes: Array(text.utf8))
    #expect(file.bytes.count > 4 * PartedParse.minimumPartBytes)
    let bounds = PartedParse.boundaries(file, parts: 4)
    #expect(bounds.count == 5)
    #expect(bounds.first == 0 && bounds.last == file.bytes.count)
    #expect(Self.expectSameOrNothing(file.bytes, "big") > 0)
    let (whole, _) = Self.whole(file)
    let parted = PartedParse.parse(file, bounds: bounds)
    #expect(parted != nil)
    if let parted { Self.expectSame(parted, whole, "big in 4 parts") }
    let (viaParse, diagnostics) = Parser.parse(file)
    #expect(diagnostics.isEmpty)
    Self.expectSame(viaParse, whole, "big through Parser.parse")
  }

  /// A large file with one mistake is parsed whole by `Parser.parse`: the same tree and
  /// diagnostics as the whole-file parse.
  @Test func largeFileWithAMistakeIsParsedWhole() {
    var text = ""
    for i in 0..<8_000 {
      text += "indicator i\(i) \"Indicator \(i)\" {\n  value: d.c\(i)\n}\n"
      if i == 6_000 { text += "indicator broken {\n  value: d.c +\n}\n" }
    }
    let file = SourceFile(path: "big.idx", bytes: Array(text.utf8))
    #expect(PartedParse.parse(file, bounds: PartedParse.boundaries(file, parts: 4)) == nil)
    let (whole, wholeDiagnostics) = Self.whole(file)
    let (parsed, diagnostics) = Parser.parse(file)
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.map(\.message) == wholeDiagnostics.map(\.message))
    Self.expectSame(parsed, whole, "broken big file")
  }
}
