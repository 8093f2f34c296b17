/// Standard output that a command writes straight into an `OutputBuffer` when it is printed,
/// instead of returning it as one `String`.
///
/// `idx run --format csv|json|md` returns its results this way: the executable streams them to
/// its standard output in large writes (`CLI.Outcome.writeStandardOutput(to:)`), so the
/// document is never held whole, while a test or an in-process caller that reads
/// `outcome.stdout` gets the same bytes rendered into memory.
struct StreamedOutput: Sendable {
  /// Writes the output; called once per printing, so it must give the same bytes every time.
  let write: @Sendable (inout OutputBuffer) -> Void

  /// The output rendered into memory.
  func text() -> String {
    var buffer = OutputBuffer(.memory)
    write(&buffer)
    return buffer.finishText()
  }
}

extension CLI.Outcome: Equatable {
  /// What the command printed on standard output.
  ///
  /// A streamed output is rendered into memory on each read; setting it replaces any stream.
  public var stdout: String {
    get { stream.map { text + $0.text() } ?? text }
    set {
      text = newValue
      stream = nil
    }
  }

  /// An outcome whose standard output is streamed.
  init(code: Int32, stream: StreamedOutput, stderr: String) {
    self.init(code: code, stderr: stderr)
    self.stream = stream
  }

  /// Writes standard output to a file descriptor: the text, then the stream through a buffer.
  func writeStandardOutput(to descriptor: Int32) -> StandardStreams.WriteResult {
    if !text.isEmpty {
      let result = StandardStreams.write(text, to: descriptor)
      guard result == .written else { return result }
    }
    guard let stream else { return .written }
    var buffer = OutputBuffer(.descriptor(descriptor))
    stream.write(&buffer)
    return buffer.finish()
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.code == b.code && a.stderr == b.stderr && a.stdout == b.stdout
  }
}
