import Glibc
import IndexCLI
import IndexLanguage

// The executable is a thin shell: everything testable lives in IndexCLI.
let colorAllowed = getenv("NO_COLOR") == nil
let cli = CLI(
  context: .init(
    fileSystem: DiskFileSystem(), color: colorAllowed && isatty(STDOUT_FILENO) == 1,
    errorColor: colorAllowed && isatty(STDERR_FILENO) == 1))
let outcome = cli.run(Array(CommandLine.arguments.dropFirst()))
fputs(outcome.stdout, stdout)
fflush(stdout)
fputs(outcome.stderr, stderr)
exit(outcome.code)
