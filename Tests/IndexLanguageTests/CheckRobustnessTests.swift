import Diagnostics
import Foundation
import IndexLanguage
import RobustnessCorpus
import ScoringEngine
import Testing

/// Bad input is normal input: thousands of broken methodologies go through the whole
/// front end (parse, check, load data, run) without a crash, and every one that is not
/// runnable says why, with a location.
@Suite struct CheckRobustnessTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let methodologies = ["hdi", "asem", "ai-capability"]

  /// The bundled methodologies and their data, in memory, laid out as in `methodologies/`
  /// under `m/`, so that a methodology can extend another one by its file name.
  static func bundled() throws -> (MemoryFileSystem, [String: [UInt8]]) {
    let files = MemoryFileSystem()
    var sources: [String: [UInt8]] = [:]
    for name in methodologies {
      let bytes = Array(
        try Data(contentsOf: root.appendingPathComponent("methodologies/\(name).idx")))
      sources[name] = bytes
      files.set("m/\(name).idx", bytes: bytes)
    }
    for data in ["data/hdi/hdi-2022-undp-wide.csv", "data/asem/raw.csv", "data/ai.csv"] {
      let bytes = Array(try Data(contentsOf: root.appendingPathComponent("methodologies/" + data)))
      files.set("m/" + data, bytes: bytes)
    }
    return (files, sources)
  }

  static func mutate(_ source: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    MutationCorpus.mutate(source, &random)
  }

  /// Mutants of the bundled methodologies fail with located errors or run to sound results.
  ///
  /// Sound results keep the engine's promises: no infinite score anywhere, a missing index
  /// score never ranked, every present one ranked 1…n in score order. Every diagnostic renders,
  /// with no raw control character. Some mutants extend another bundled methodology, and at
  /// least some of those must really load it.
  @Test func mutatedMethodologiesNeverCrash() throws {
    let (files, sources) = try Self.bundled()
    var random = SplitMix64(seed: 20_261_129)
    var broken = 0
    var ran = 0
    var extendedAnother = 0
    for iteration in 0..<1_500 {
      let name = Self.methodologies[iteration % Self.methodologies.count]
      let original = sources[name] ?? []
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, &random) }
      files.set("m/\(name).idx", bytes: bytes)
      defer { files.set("m/\(name).idx", bytes: original) }
      let compilation = compile(path: "m/\(name).idx", fileSystem: files)
      if (compilation.methodology?.files.count ?? 0) > 1 { extendedAnother += 1 }
      for diagnostic in compilation.diagnostics {
        Self.expectRenders(diagnostic, "iteration \(iteration)")
      }
      let errors = compilation.diagnostics.filter(\.isError)
      if errors.isEmpty {
        #expect(compilation.isRunnable, "iteration \(iteration): no error but not runnable")
        if let plan = compilation.plan, let table = compilation.table {
          Self.expectSoundResults(run(plan, on: table), "iteration \(iteration)")
          ran += 1
        }
      } else {
        broken += 1
        for error in errors {
          #expect(error.primary != nil, "iteration \(iteration): \(error.code) has no location")
        }
      }
    }
    #expect(broken > 500)
    #expect(ran > 100)
    #expect(extendedAnother > 10, "the extends/use fragments never loaded another file")
  }

  /// The engine's promises about one run's results.
  static func expectSoundResults(_ results: Results, _ context: String) {
    #expect(results.ranks.count == results.index.count, "\(context): one rank per score")
    for node in results.nodes {
      let infinite = node.score.contains { $0.isInfinite }
      #expect(!infinite, "\(context): an infinite node score")
    }
    let count = results.entityCount
    for p in results.periods.indices {
      var scored: [(score: Double, rank: Int)] = []
      for e in 0..<count {
        let cell = results.cell(entity: e, period: p)
        let (score, rank) = (results.index[cell], results.ranks[cell])
        #expect(!score.isInfinite, "\(context): an infinite index score")
        if score.isNaN {
          #expect(rank == 0, "\(context): a missing score has rank \(rank)")
        } else {
          scored.append((score, rank))
        }
      }
      scored.sort { $0.score > $1.score }
      for (position, entry) in scored.enumerated() {
        let tied = position > 0 && scored[position - 1].score == entry.score
        let expected = tied ? scored[position - 1].rank : position + 1
        #expect(entry.rank == expected, "\(context): score \(entry.score) ranked \(entry.rank)")
      }
    }
  }

  /// A diagnostic renders as text and as JSON with its span inside its file, and with no raw
  /// control character in either.
  static func expectRenders(_ diagnostic: Diagnostic, _ context: String) {
    if let span = diagnostic.primary?.span {
      #expect(span.start >= 0 && span.end <= span.file.bytes.count, "\(context): span outside")
    }
    let text = DiagnosticRenderer().render(diagnostic)
    let json = diagnostic.json
    for rendered in [text, json] {
      let raw = rendered.unicodeScalars.first { $0 != "\n" && TerminalText.isUnsafe($0) }
      let code = raw.map { "U+" + String($0.value, radix: 16, uppercase: true) } ?? ""
      #expect(raw == nil, "\(context): \(diagnostic.code) prints a raw \(code)")
    }
  }

  @Test func everyTruncationOfTheAIMethodologyIsHandled() throws {
    let (files, sources) = try Self.bundled()
    let source = try #require(sources["ai-capability"])
    for length in stride(from: 0, to: source.count, by: 7) {
      files.set("m/ai-capability.idx", bytes: Array(source[..<length]))
      let compilation = compile(path: "m/ai-capability.idx", fileSystem: files)
      if !compilation.diagnostics.hasErrors {
        #expect(compilation.isRunnable, "truncated at \(length)")
      }
    }
  }

  @Test(arguments: ["(", "{", "["])
  func deepNestingIsADiagnosticNotACrash(_ opener: String) {
    let depth = 10_000
    let text: String
    switch opener {
    case "{": text = String(repeating: "dimension a {\n", count: depth)
    case "[": text = "index i { period: " + String(repeating: "[", count: depth) + "\n}\n"
    default:
      text =
        "indicator a { value: " + String(repeating: "(", count: depth) + "1"
        + String(repeating: ")", count: depth) + " }\n"
    }
    let files = MemoryFileSystem(["deep.idx": text])
    let compilation = compile(path: "deep.idx", fileSystem: files)
    #expect(compilation.diagnostics.hasErrors)
  }

  /// The grammar's promise: every `.idx` file in `methodologies/` parses without a diagnostic
  /// and checks without an error.
  @Test func everyBundledMethodologyParsesAndChecks() throws {
    let folder = Self.root.appendingPathComponent("methodologies")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".idx") }
    #expect(names.count >= 7)
    for name in names {
      let url = folder.appendingPathComponent(name)
      let file = SourceFile(path: name, bytes: Array(try Data(contentsOf: url)))
      let (_, diagnostics) = Parser.parse(file)
      #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.message))")
      let compilation = compile(path: url.path, fileSystem: DiskFileSystem())
      #expect(
        !compilation.diagnostics.hasErrors, "\(name): \(compilation.diagnostics.map(\.message))")
    }
  }

}
