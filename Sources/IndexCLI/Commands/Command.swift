import Diagnostics
import IndexLanguage
import ScoringEngine

/// The subcommands of `idx`, each with its usage, its help text and its implementation.
enum Command: String, CaseIterable {
  case check
  case run
  case explain
  case pin

  static func named(_ name: String) -> Command? {
    Command(rawValue: name)
  }

  var usage: String {
    switch self {
    case .check: "idx check FILE… [--format text|json] [--root DIR]"
    case .run:
      "idx run FILE [--period P] [--format table|csv|json|md] [--depth N] [--top N]"
    case .explain: "idx explain FILE ENTITY [--vs OTHER] [--period P] [--format table|csv|json|md]"
    case .pin: "idx pin FILE [--force] [--root DIR]"
    }
  }

  var help: String {
    switch self {
    case .check: Help.check + Help.fileOptions
    case .run: Help.run + Help.fileOptions
    case .explain: Help.explain + Help.fileOptions
    case .pin: Help.pin + Help.fileOptions
    }
  }

  func run(_ arguments: [String], context: CLI.Context) throws(UsageError) -> CLI.Outcome {
    switch self {
    case .check: try CheckCommand(arguments).run(context)
    case .run: try RunCommand(arguments).run(context)
    case .explain: try ExplainCommand(arguments).run(context)
    case .pin: try PinCommand(arguments).run(context)
    }
  }
}

/// Compiles a file and renders its diagnostics; shared by every command that reads one.
struct Frontend {
  let context: CLI.Context
  /// Roots and limits from the command line (`FileOptions`).
  var options = CompileOptions()

  /// The compilation, and the diagnostics rendered for standard error.
  func compile(_ path: String) -> (Compilation, String) {
    let compilation = IndexLanguage.compile(
      path: path, fileSystem: context.fileSystem, options: options)
    if let error = compilation.unreadable {
      return (compilation, Self.cannotRead(error))
    }
    let renderer = DiagnosticRenderer(color: context.errorColor)
    let text = compilation.diagnostics.isEmpty ? "" : renderer.render(compilation.diagnostics)
    return (compilation, text)
  }

  /// The message for a methodology file that cannot be read (exit code 2).
  static func cannotRead(_ error: FileError) -> String {
    let hint = error.kind == .tooLarge ? "; `--max-idx-size SIZE` allows more" : ""
    return "error: cannot read `\(error.path)`: \(error.reason)\(hint)\n"
  }

  /// The exit code a compilation deserves: 2 unreadable, 1 errors, 0 otherwise.
  static func exitCode(_ compilation: Compilation) -> Int32 {
    if compilation.unreadable != nil { return 2 }
    return compilation.diagnostics.hasErrors ? 1 : 0
  }
}
