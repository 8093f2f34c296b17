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

  /// The bundled methodologies and their data, in memory.
  static func bundled() throws -> (MemoryFileSystem, [String: [UInt8]]) {
    let files = MemoryFileSystem()
    var sources: [String: [UInt8]] = [:]
    for name in methodologies {
      let bytes = Array(
        try Data(contentsOf: root.appendingPathComponent("methodologies/\(name).idx")))
      sources[name] = bytes
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

  @Test func mutatedMethodologiesNeverCrash() throws {
    let (files, sources) = try Self.bundled()
    var random = SplitMix64(seed: 20_261_129)
    var broken = 0
    for iteration in 0..<1_500 {
      let name = Self.methodologies[iteration % Self.methodologies.count]
      var bytes = sources[name] ?? []
      for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, &random) }
      files.set("m/\(name).idx", bytes: bytes)
      let compilation = compile(path: "m/\(name).idx", fileSystem: files)
      let errors = compilation.diagnostics.filter(\.isError)
      if errors.isEmpty {
        #expect(compilation.isRunnable, "iteration \(iteration): no error but not runnable")
        if let plan = compilation.plan, let table = compilation.table {
          let results = run(plan, on: table)
          for value in results.index where value.isNaN {
            // Missing scores are allowed; they must not come with a rank.
            #expect(!value.isInfinite)
          }
        }
      } else {
        broken += 1
        for error in errors {
          #expect(error.primary != nil, "iteration \(iteration): \(error.code) has no location")
        }
      }
    }
    #expect(broken > 500)
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
