import Diagnostics
import Foundation
import RobustnessCorpus
import ScoringEngine
import Testing

@testable import IndexLanguage

/// The parser's short way for common expressions (`parseSimpleExpr`) must give exactly the
/// tree and the diagnostics of the general path: same nodes, ranges, texts and messages.
@Suite struct SimpleExpressionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every bundled methodology, and the parser's valid test files.
  static func corpus() throws -> [(String, [UInt8])] {
    var files: [(String, [UInt8])] = []
    let bundled = root.appendingPathComponent("methodologies")
    for name in try FileManager.default.contentsOfDirectory(atPath: bundled.path).sorted()
    where name.hasSuffix(".idx") {
      files.append((name, Array(try Data(contentsOf: bundled.appendingPathComponent(name)))))
    }
    for name in TestData.files(in: "valid") {
      files.append((name, try TestData.source("valid", name).bytes))
    }
    return files
  }

  /// What must agree: the statements (compared node by node) and every diagnostic.
  static func expectSameParse(_ bytes: [UInt8], _ context: String) {
    let file = SourceFile(path: "t.idx", bytes: bytes)
    let (short, shortDiagnostics) = Parser.parse(file, simpleExpressions: true)
    let (general, generalDiagnostics) = Parser.parse(file, simpleExpressions: false)
    #expect(short.statements == general.statements, "\(context): trees differ")
    let render = { (diagnostics: [Diagnostic]) in
      diagnostics.map { "\($0.code) \($0.primary?.span.start ?? -1) \($0.message)" }
    }
    #expect(render(shortDiagnostics) == render(generalDiagnostics), "\(context)")
  }

  @Test func bundledFilesParseAlikeBothWays() throws {
    let files = try Self.corpus()
    #expect(files.count > 10)
    for (name, bytes) in files { Self.expectSameParse(bytes, name) }
  }

  @Test func mutatedFilesParseAlikeBothWays() throws {
    let files = try Self.corpus()
    var random = SplitMix64(seed: 20_261_201)
    for iteration in 0..<1_000 {
      let (name, original) = files[iteration % files.count]
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes = MutationCorpus.mutate(bytes, &random)
      }
      Self.expectSameParse(bytes, "\(name), mutant \(iteration)")
    }
  }

  /// The shapes the short way takes, and the neighbours it must leave to the general path,
  /// in every position a value can have (new lines continuing an expression included).
  @Test func edgeShapesParseAlikeBothWays() {
    let values = [
      "a", "1", "30%", "\"s\"", "index", "a.b", "a.\"b c\"", "f()", "f(1, b, \"c\")", "f(1,)",
      "f(\n1,\n2\n)", "a\n+ b", "a\n.b", "a\nthen", "f(x) * 2", "f(x).y", "a.b.c", "a.b(1)",
      "f(x: 1)", "rest", "members", "1e999", "1x", "a..b", "f(a\n+ 1)", "[a, b]", "(a)", "-a",
      "a ^ 2", "not a", "if a then b else c", "one of a, b", "f(1 2)", "f(1", "a.", "a.1",
    ]
    for value in values {
      Self.expectSameParse(Array("index i {\n  v: \(value)\n  w: 1\n}\n".utf8), value)
      Self.expectSameParse(Array("index i { v: \(value), w: f(\(value)) }".utf8), value)
      Self.expectSameParse(Array("set i.v = \(value) because \"x\"".utf8), value)
      Self.expectSameParse(Array("dimension d { members { a: \(value) b } }".utf8), value)
    }
    // Near the nesting limit the general path reports, wherever the short way would not.
    for depth in (Parser.maximumDepth - 5)...(Parser.maximumDepth + 1) {
      for value in ["a", "a.b", "f(1, 2)"] {
        let nested =
          String(repeating: "(", count: depth) + value + String(repeating: ")", count: depth)
        Self.expectSameParse(Array("index i { v: \(nested) }".utf8), "\(depth) × (\(value))")
      }
    }
  }
}
