import Foundation
import Glibc
import Testing

@testable import IndexCLI

/// `idx run --timings`: one line on standard error after the output is written, which leaves
/// the output and the diagnostics as they are.
@Suite struct TimingsTests {
  /// What `emit` writes to standard output and standard error, and its exit code.
  static func emitted(_ outcome: CLI.Outcome) throws -> (stdout: String, stderr: String, Int32) {
    let folder = FileAccessTests.Folder()
    let out = open(folder.path + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let err = open(folder.path + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    try #require(out >= 0 && err >= 0)
    let code = StandardStreams.emit(outcome, stdout: out, stderr: err)
    close(out)
    close(err)
    let read = { (name: String) in
      (try? String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)) ?? "<unreadable>"
    }
    return (read("out"), read("err"), code)
  }

  @Test func theLineFollowsTheOutputAndChangesNothingElse() throws {
    for format in ["csv", "table"] {
      let plain = PanelCommandTests.idx("run", "m.idx", "--period", "all", "--format", format)
      let timed = PanelCommandTests.idx(
        "run", "m.idx", "--period", "all", "--format", format, "--timings")
      #expect(plain.timings == nil && timed.timings != nil)
      #expect(timed.code == 0 && timed.stdout == plain.stdout && timed.stderr == plain.stderr)
      let (stdout, stderr, code) = try Self.emitted(timed)
      #expect(code == 0 && stdout == plain.stdout)
      // The cell warning first, then the timings as the last line.
      #expect(stderr.hasPrefix(plain.stderr) && plain.stderr.contains("W0430"))
      let line = String(stderr.dropFirst(plain.stderr.count))
      let pattern = #/timings: compile \d+\.\d\d ms · score \d+\.\d\d ms · write \d+\.\d\d ms\n/#
      #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
      #expect(try Self.emitted(plain).stderr == plain.stderr)
    }
  }

  @Test func aRunThatFailsPrintsNoTimings() {
    let outcome = PanelCommandTests.idx("run", "m.idx", "--strict", "--timings")
    #expect(outcome.code == 1 && outcome.timings == nil)
  }

  @Test func theLineGivesMillisecondsWithTwoDecimals() {
    let line = RunCommand.timingsLine(
      compile: .milliseconds(22) + .microseconds(60), score: .microseconds(755),
      write: .seconds(1) + .nanoseconds(4_999))
    #expect(line == "timings: compile 22.06 ms · score 0.76 ms · write 1000.00 ms\n")
  }
}
