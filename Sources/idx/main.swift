import Glibc
import IndexCLI
import IndexLanguage
import ScoringEngine

// The executable is a thin shell: everything testable lives in IndexCLI.

// A closed pipe must come back as EPIPE from `write`, not kill the process half-way.
signal(SIGPIPE, SIG_IGN)
// The data and every result column come from the heap: backed by huge pages, a run faults in
// a few 2 MB pages instead of thousands of 4 KB ones (benchmarks/README.md, "fourth pass").
// IDX_HUGE_PAGES=0 leaves glibc's heap as it is; IDX_HUGE_PAGES=N reserves N MB instead of 64
// (for measuring).
let hugePages = getenv("IDX_HUGE_PAGES").map { String(cString: $0) }
if hugePages != "0" {
  HeapPolicy.reserveHugePages(megabytes: hugePages.flatMap { Int($0) }.map { max(1, $0) } ?? 64)
}
let colorAllowed = getenv("NO_COLOR") == nil
/// Progress bars go straight to a terminal; anything else gets the finished output only.
var liveError: (@Sendable (String) -> Void)?
if isatty(STDERR_FILENO) == 1 {
  liveError = { @Sendable text in _ = StandardStreams.write(text, to: STDERR_FILENO) }
}
let cli = CLI(
  context: .init(
    fileSystem: DiskFileSystem(), color: colorAllowed && isatty(STDOUT_FILENO) == 1,
    errorColor: colorAllowed && isatty(STDERR_FILENO) == 1,
    liveError: liveError, processors: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
let outcome = cli.run(Array(CommandLine.arguments.dropFirst()))
var code = StandardStreams.emit(outcome, stdout: STDOUT_FILENO, stderr: STDERR_FILENO)
// A file system may report a failed write only when the file is closed.
if close(STDOUT_FILENO) != 0 && errno != EBADF && code == 0 {
  _ = StandardStreams.write("error: cannot write to standard output: closing failed\n", to: 2)
  code = 2
}
exit(code)
