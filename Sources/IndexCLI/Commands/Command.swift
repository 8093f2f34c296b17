import Diagnostics
import IndexLanguage
import ScoringEngine

/// The subcommands of `idx`, each with its usage, its help text and its implementation.
enum Command: String, CaseIterable {
  case check
  case run
  case explain
  case diff
  case pin
  case uncertainty

  static func named(_ name: String) -> Command? {
    Command(rawValue: name)
  }

  var usage: String {
    switch self {
    case .check: "idx check FILE… [--format text|json]"
    case .run:
      "idx run FILE [--period P|A..B|P,…|all] [--format table|csv|json|md] [--depth N] [--top N]"
        + " [--entity E,…] [--strict]"
    case .explain: "idx explain FILE ENTITY [--vs OTHER] [--period P] [--format table|csv|json|md]"
    case .diff: Help.diffUsage
    case .pin: "idx pin FILE"
    case .uncertainty: Help.uncertaintyUsage
    }
  }

  var help: String {
    switch self {
    case .check: Help.check
    case .run: Help.run
    case .explain: Help.explain
    case .diff: Help.diff
    case .pin: Help.pin
    case .uncertainty: Help.uncertainty
    }
  }

  func run(_ arguments: [String], context: CLI.Context) throws(UsageError) -> CLI.Outcome {
    switch self {
    case .check: try CheckCommand(arguments).run(context)
    case .run: try RunCommand(arguments).run(context)
    case .explain: try ExplainCommand(arguments).run(context)
    case .diff: try DiffCommand(arguments).run(context)
    case .pin: try PinCommand(arguments).run(context)
    case .uncertainty: try UncertaintyCommand(arguments).run(context)
    }
  }
}

/// Compiles a file and renders its diagnostics; shared by every command that reads one.
struct Frontend {
  let context: CLI.Context

  /// The compilation, and the diagnostics rendered for standard error.
  func compile(_ path: String) -> (Compilation, String) {
    let compilation = IndexLanguage.compile(path: path, fileSystem: context.fileSystem)
    if let error = compilation.unreadable {
      return (compilation, Frontend.unreadable(error))
    }
    let renderer = DiagnosticRenderer(color: context.errorColor)
    let text = compilation.diagnostics.isEmpty ? "" : renderer.render(compilation.diagnostics)
    return (compilation, text)
  }

  /// "error: cannot read `PATH`: REASON", escaped: the path may come from a methodology.
  static func unreadable(_ error: FileError, verb: String = "read") -> String {
    let path = TerminalText.escaped(error.path)
    return "error: cannot \(verb) `\(path)`: \(TerminalText.escaped(error.reason))\n"
  }

  /// The exit code a compilation deserves: 2 unreadable, 1 errors, 0 otherwise.
  static func exitCode(_ compilation: Compilation) -> Int32 {
    if compilation.unreadable != nil { return 2 }
    return compilation.diagnostics.hasErrors ? 1 : 0
  }
}
