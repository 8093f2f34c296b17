import Foundation
import IndexCLI
import Testing

/// `idx run --format csv|json|md`, byte for byte, on bundled methodologies: the files in
/// testdata/run were written by the `String`-building output before it streamed, so they pin
/// the bytes the streaming output must keep (`IDX_UPDATE_GOLDEN=1` rewrites them).
@Suite struct RunOutputGoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("testdata/run")

  /// A golden file's stem and the arguments after `idx run … --format F`.
  static let cases: [(name: String, arguments: [String])] = [
    ("ai-capability-all", ["methodologies/ai-capability.idx", "--period", "all"]),
    ("asem", ["methodologies/asem.idx"]),
    (
      "hdi-trend-1990-2022-top20",
      ["methodologies/hdi-trend.idx", "--period", "1990,2022", "--top", "20"]
    ),
  ]

  @Test(arguments: ["csv", "json", "md"])
  func runOutputIsUnchanged(format: String) throws {
    for (name, arguments) in Self.cases {
      let outcome = CLITests.idx(["run"] + arguments + ["--format", format])
      #expect(outcome.code == 0, "\(name): \(outcome.stderr)")
      let url = Self.folder.appendingPathComponent("\(name).\(format)")
      if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
        try outcome.stdout.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("updated \(url.lastPathComponent): review it, then run again")
        continue
      }
      let expected = try String(contentsOf: url, encoding: .utf8)
      #expect(outcome.stdout == expected, "\(name).\(format)")
    }
  }
}

extension CLITests {
  /// `idx(_:)` with an array of arguments.
  static func idx(_ arguments: [String]) -> CLI.Outcome {
    let cli = CLI(context: .init(fileSystem: RootedFileSystem(root: root.path), color: false))
    return cli.run(arguments)
  }
}
