import Foundation
import Synchronization
import Testing

/// `idx repl` as a script, on the real executable.
///
/// Each `testdata/repl/NAME.repl` is fed to it on standard input, from the repository root;
/// what it prints must equal `NAME.out` (standard
/// output) and `NAME.err` (standard error), and its exit status the `// exit: N` line of the
/// script. The script's first line `// idx repl ARGS` gives the arguments. Run with
/// `IDX_UPDATE_GOLDEN=1` to rewrite the expected files (the run still fails).
@Suite struct ReplTranscriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("testdata/repl")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".repl") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// What the executable printed for a script given on standard input.
  struct Ran {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  static func run(
    _ arguments: [String], input: String, in directory: String = CLITests.root.path
  ) throws -> Ran {
    let idx = try #require(
      AtomicWriteTests.executable, "the idx executable is built with the tests")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: idx)
    process.arguments = ["repl"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Read both pipes while the process runs, so neither fills and blocks it.
    let errors = Mutex(Data())
    let reader = Thread {
      errors.withLock { $0 = stderr.fileHandleForReading.readDataToEndOfFile() }
    }
    reader.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return Ran(
      stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: errors.withLock { $0 }, as: UTF8.self),
      status: process.terminationStatus)
  }

  @Test func coversTheCommands() {
    #expect(Self.cases.count >= 5)
  }

  @Test(arguments: cases)
  func transcript(_ name: String) throws {
    let script = try String(
      contentsOf: Self.folder.appendingPathComponent(name + ".repl"), encoding: .utf8)
    let header = script.split(separator: "\n").first.map(String.init) ?? ""
    let arguments =
      header.hasPrefix("// idx repl ")
      ? header.dropFirst("// idx repl ".count).split(separator: " ").map(String.init) : []
    let exit =
      script.split(separator: "\n").first { $0.hasPrefix("// exit: ") }
      .flatMap { Int32($0.dropFirst("// exit: ".count)) } ?? 0
    let ran = try Self.run(arguments, input: script)
    #expect(ran.status == exit, "exit status of \(name)")
    let expected = [(".out", ran.stdout), (".err", ran.stderr)]
    for (suffix, actual) in expected {
      let url = Self.folder.appendingPathComponent(name + suffix)
      if ProcessInfo.processInfo.environment["IDX_UPDATE_GOLDEN"] != nil {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "updated \(name)\(suffix): review it, then run again without IDX_UPDATE_GOLDEN")
        continue
      }
      let golden = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
      #expect(actual == golden, "\(name)\(suffix)")
    }
  }
}
