import Foundation
import Testing

/// `idx repl` on a real pseudo-terminal (through `script` from util-linux): the prompt, Tab
/// completion of names and commands from the session, the values, the history file.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct ReplTerminalTests {
  @Test func tabCompletesNamesAndCommandsOnATerminal() throws {
    let idx = try #require(
      AtomicWriteTests.executable, "the idx executable is built with the tests")
    let state = FileAccessTests.Folder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = [
      "-q", "-e", "-c", "\(idx) repl methodologies/ai-capability.idx", "/dev/null",
    ]
    process.currentDirectoryURL = CLITests.root
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_STATE_HOME"] = state.path
    environment["TERM"] = "xterm"
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let (input, output) = (Pipe(), Pipe())
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    // Each line typed once the previous answer has had time to arrive; a hang ends with the
    // `:quit` below or the process's own end of input.
    for keys in [
      "sco\t.CN\r", "?capi\t\r", "weights { investment: 10%, rest: pro_rata }\r", ":q\t\r",
    ] {
      usleep(400_000)
      input.fileHandleForWriting.write(Data(keys.utf8))
    }
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // .ci/run counts this line to say whether the pseudo-terminal test ran or was skipped.
    print("idx-pty-test: ran (idx repl through /usr/bin/script)")
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("idx> score.CN"), "Tab completed `sco` to `score`: \(text)")
    #expect(text.contains("97.30"))
    #expect(text.contains("idx> ?capital"))
    #expect(text.contains("weight: 50% of investment, 10% of the index"))
    #expect(text.contains("gap US–CN 2.70 → -2.88"))
    #expect(text.contains("idx> :quit"))
    let history = try String(contentsOfFile: state.path + "/idx/history", encoding: .utf8)
    #expect(history.hasPrefix("score.CN\n?capital\n"))
  }
}
