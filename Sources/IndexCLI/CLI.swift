import Diagnostics
import IndexLanguage

/// The `idx` command line as a library: parses arguments, runs one command, and returns what
/// it printed and its exit code, so tests drive it in-process.
///
/// Exit codes: 0 success, 1 problems in the input (a methodology or data file), 2 usage or
/// I/O errors (a missing file, an unknown option).
public struct CLI: Sendable {
  /// What the command line may see of the outside world.
  public struct Context: Sendable {
    public var fileSystem: any FileSystem
    /// Whether standard output is a terminal and colour is allowed (`NO_COLOR` unset).
    public var color: Bool
    /// The same for standard error, where diagnostics go.
    public var errorColor: Bool
    /// Writes to standard error at once, when it is a terminal: for progress bars, which
    /// cannot wait for the command to finish (nil: no progress is shown).
    public var liveError: (@Sendable (String) -> Void)?
    /// Cores to run on by default (`idx uncertainty` without `--threads`).
    public var processors: Int

    public init(
      fileSystem: any FileSystem, color: Bool, errorColor: Bool? = nil,
      liveError: (@Sendable (String) -> Void)? = nil, processors: Int = 1
    ) {
      self.fileSystem = fileSystem
      self.color = color
      self.errorColor = errorColor ?? color
      self.liveError = liveError
      self.processors = max(1, processors)
    }
  }

  /// What one invocation printed, and its exit code.
  public struct Outcome: Sendable {
    public var code: Int32
    public var stderr: String
    /// Standard output as text (see `stdout`, in Outcome+Stream.swift).
    var text: String
    /// Standard output written when it is printed, after `text` (see `StreamedOutput`).
    var stream: StreamedOutput?
    /// The line `idx run --timings` adds to standard error once standard output is written
    /// (`StandardStreams.emit`), so that it can time the writing too.
    var timings: (@Sendable () -> String)?

    public init(code: Int32, stdout: String = "", stderr: String = "") {
      self.code = code
      self.text = stdout
      self.stderr = stderr
    }
  }

  public static let version = "0.1.0"

  public let context: Context

  public init(context: Context) {
    self.context = context
  }

  /// Runs the command named by the first argument.
  public func run(_ arguments: [String]) -> Outcome {
    guard let name = arguments.first else {
      return Outcome(code: 0, stdout: Help.overview)
    }
    let rest = Array(arguments.dropFirst())
    switch name {
    case "--help", "-h": return Outcome(code: 0, stdout: Help.overview)
    case "--version", "-V", "version": return Outcome(code: 0, stdout: "idx \(CLI.version)\n")
    case "help": return help(rest)
    default: break
    }
    guard let command = Command.named(name) else {
      let close = Suggestions.closest(to: name, among: Command.allCases.map(\.rawValue), limit: 1)
      let hint = close.first.map { "; did you mean `idx \($0)`?" } ?? ""
      return Outcome(
        code: 2, stderr: "error: unknown command `\(name)`\(hint)\nSee `idx --help`.\n")
    }
    if rest.contains("--help") || rest.contains("-h") {
      return Outcome(code: 0, stdout: command.help)
    }
    do {
      return try command.run(rest, context: context)
    } catch {
      return Outcome(
        code: 2,
        stderr: "error: \(error.message)\n\nusage: \(command.usage)\n"
          + "See `idx help \(command.rawValue)`.\n")
    }
  }

  private func help(_ arguments: [String]) -> Outcome {
    guard let name = arguments.first else { return Outcome(code: 0, stdout: Help.overview) }
    guard let command = Command.named(name) else {
      return Outcome(code: 2, stderr: "error: no help for `\(name)`: not a command\n")
    }
    return Outcome(code: 0, stdout: command.help)
  }
}
