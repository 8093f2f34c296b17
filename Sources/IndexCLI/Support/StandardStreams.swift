import Glibc

/// Writes a command's output to the process's standard streams and notices when that fails.
///
/// A write that fails (a full disk, `/dev/full`, a closed descriptor) is exit code 2 with a
/// message on standard error; output that nobody reads any more (`idx run … | head`, which
/// closes the pipe: `EPIPE`) is not an error and stops quietly. The executable ignores
/// SIGPIPE so that the failed write reports `EPIPE` instead of killing the process.
public enum StandardStreams {
  /// What became of one write.
  public enum WriteResult: Sendable, Equatable {
    case written
    /// The reader closed the pipe: stop writing, say nothing.
    case closedPipe
    /// Anything else, with the system's reason.
    case failed(String)
  }

  /// Writes all of `text` to a file descriptor, however many calls it takes.
  public static func write(_ text: String, to descriptor: Int32) -> WriteResult {
    var text = text
    return text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0), to: descriptor) }
  }

  /// Writes all of `bytes` to a file descriptor, however many calls it takes.
  public static func write(bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> WriteResult {
    var offset = 0
    while offset < bytes.count {
      let written = Glibc.write(
        descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { return .closedPipe }
        return .failed(String(cString: strerror(errno)).lowercased())
      }
      if written == 0 { return .failed("nothing could be written") }
      offset += written
    }
    return .written
  }

  /// Prints an outcome (standard output first) and returns the exit code the process should
  /// end with: the outcome's, or 2 when its output could not be written.
  public static func emit(_ outcome: CLI.Outcome, stdout: Int32 = 1, stderr: Int32 = 2) -> Int32 {
    var code = outcome.code
    var stderrText = outcome.stderr
    if case .failed(let reason) = outcome.writeStandardOutput(to: stdout) {
      stderrText += "error: cannot write to standard output: \(reason)\n"
      code = 2
    }
    if let timings = outcome.timings { stderrText += timings() }
    if case .failed = write(stderrText, to: stderr) { code = 2 }
    return code
  }
}
