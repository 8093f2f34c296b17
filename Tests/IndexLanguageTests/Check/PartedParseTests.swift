import Diagnostics
import Foundation
import RobustnessCorpus
import ScoringEngine
import Testing

@testable import IndexLanguage

/// A file parsed in parts (`PartedParse`) gives exactly the statements of the whole-file
/// parse, or nothing; never other statements, and never when the file has a diagnostic.
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

  /// Checks the file split in two at each of its split points, and in as many parts as it
  /// has; returns how many splits were taken.
  @discardableResult
  static func expectSameOrNothing(_ bytes: [UInt8], _ context: String) -> Int {
    let file = SourceFile(path: "t.idx", bytes: bytes)
    let (whole, diagnostics) = Parser.parse(file)
    // Eight places at most, spread over the file: each costs a parse of the whole file.
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
      #expect(parted.statements == whole.statements, "\(context): split at \(bounds) differs")
      #expect(parted.statements.count == whole.statements.count, "\(context)")
    }
    return taken
  }

  @Test func bundledFilesSplitIntoTheSameStatements() throws {
    var taken = 0
    for (name, bytes) in try SimpleExpressionTests.corpus() {
      taken += Self.expectSameOrNothing(bytes, name)
    }
    // The bundled methodologies have many top-level statements after a closing brace.
    #expect(taken > 20)
  }

  @Test func mutatedFilesSplitIntoTheSameStatementsOrNotAtAll() throws {
    let files = try SimpleExpressionTests.corpus()
    var random = SplitMix64(seed: 20_261_203)
    var taken = 0
    for iteration in 0..<120 {
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
  /// body, a brace in an unclosed string, a file with a mistake in one part only.
  @Test func splitsThatAreNotStatementEndsAreRefused() {
    let texts = [
      "index i {\n  members {\n    a\n}\nindicator a { value: d.a }\n}\n",
      "index i {\n  label: \"x\n}\nindicator a { value: d.a }\n",
      "index i { members { a } }\n}\nindicator a { value: d.a }\n",
      "index i { members { a } }\n}\nindicator a { value: d.a +  }\n",
      "index i {\n  v: f(\n}\nindicator a { value: d.a }\n)\n}\n",
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

  /// A large file written well is split on the cores there are, into the same statements.
  @Test func largeFileSplitsIntoTheSameStatements() {
    var text = "index big {\n  members { d1 }\n}\n\ndimension d1 {\n  members {\n"
    for i in 0..<3_000 { text += "    i\(i)\n" }
    text += "  }\n}\n"
    for i in 0..<3_000 {
      if i % 3 == 0 { text += "/// Indicator \(i).\n" }
      text += "indicator i\(i) \"Indicator \(i)\" {\n  value: d.c\(i) * 2\n"
      text += "  normalize: minmax(0, 100)\n}\n"
      if i % 100 == 0 { text += "\n// section \(i)\n" }
    }
    let file = SourceFile(path: "big.idx", bytes: Array(text.utf8))
    let bounds = PartedParse.boundaries(file, parts: 4)
    #expect(bounds.count == 5)
    #expect(bounds.first == 0 && bounds.last == file.bytes.count)
    #expect(Self.expectSameOrNothing(file.bytes, "big") > 0)
    let parted = PartedParse.parse(file, bounds: bounds)
    #expect(parted?.statements == Parser.parse(file).0.statements)
  }
}
