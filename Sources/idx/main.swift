import Glibc
import IndexCLI
import IndexLanguage

// The executable is a thin shell: everything testable lives in IndexCLI.

/// Writes all of `text` to a file descriptor, however many calls it takes.
func emit(_ text: String, to descriptor: Int32) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    if written <= 0 { return }
    bytes = bytes.dropFirst(written)
  }
}

let colorAllowed = getenv("NO_COLOR") == nil
/// Progress bars go straight to a terminal; anything else gets the finished output only.
var liveError: (@Sendable (String) -> Void)?
if isatty(STDERR_FILENO) == 1 {
  liveError = { @Sendable text in emit(text, to: STDERR_FILENO) }
}
let cli = CLI(
  context: .init(
    fileSystem: DiskFileSystem(), color: colorAllowed && isatty(STDOUT_FILENO) == 1,
    errorColor: colorAllowed && isatty(STDERR_FILENO) == 1,
    liveError: liveError, processors: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
let outcome = cli.run(Array(CommandLine.arguments.dropFirst()))
emit(outcome.stdout, to: STDOUT_FILENO)
emit(outcome.stderr, to: STDERR_FILENO)
exit(outcome.code)
