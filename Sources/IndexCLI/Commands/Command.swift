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
  case audit
  case fmt
  case lsp
  case report
  case uncertainty
  case repl

  static func named(_ name: String) -> Command? {
    Command(rawValue: name)
  }

  var usage: String {
    switch self {
    case .check: "idx check FILE… [--format text|json] [--edit STATEMENT]…"
    case .run:
      "idx run FILE [--period P|A..B|P,…|all] [--format table|csv|json|md] [--depth N] [--top N]"
        + " [--entity E,…] [--strict] [--edit STATEMENT]…"
    case .explain: "idx explain FILE ENTITY [--vs OTHER] [--period P] [--format table|csv|json|md]"
    case .diff: Help.diffUsage
    case .pin: "idx pin FILE [--force]"
    case .audit: "idx audit FILE [--period P] [--node N] [--format table|csv|json|md]"
    case .fmt: "idx fmt FILE… [--check] [--diff] [--stdout]"
    case .lsp: "idx lsp"
    case .report: "idx report FILE [--period P|A..B|P,…|all] [-o PATH] [--vs OTHER.idx]"
    case .uncertainty: Help.uncertaintyUsage
    case .repl: "idx repl [FILE] [< SCRIPT]"
    }
  }

  var help: String {
    switch self {
    case .check: Help.check + Help.fileOptions
    case .run: Help.run + Help.fileOptions
    case .explain: Help.explain + Help.fileOptions
    case .diff: Help.diff + Help.fileOptions
    case .pin: Help.pin + Help.fileOptions
    case .audit: Help.audit + Help.fileOptions
    case .fmt: Help.fmt
    case .lsp: Help.lsp
    case .report: Help.report + Help.fileOptions
    case .uncertainty: Help.uncertainty + Help.fileOptions
    case .repl: Help.repl + Help.fileOptions
    }
  }

  func run(_ arguments: [String], context: CLI.Context) throws(UsageError) -> CLI.Outcome {
    switch self {
    case .check: try CheckCommand(arguments).run(context)
    case .run: try RunCommand(arguments).run(context)
    case .explain: try ExplainCommand(arguments).run(context)
    case .diff: try DiffCommand(arguments).run(context)
    case .pin: try PinCommand(arguments).run(context)
    case .audit: try AuditCommand(arguments).run(context)
    case .fmt: try FmtCommand(arguments).run(context)
    case .lsp: try LspCommand(arguments).run(context)
    case .report: try ReportCommand(arguments).run(context)
    case .uncertainty: try UncertaintyCommand(arguments).run(context)
    case .repl: try ReplCommand(arguments).run(context)
    }
  }
}

/// Compiles a file and renders its diagnostics; shared by every command that reads one.
struct Frontend {
  let context: CLI.Context
  /// Roots and limits from the command line (`FileOptions`).
  var options = CompileOptions()
  /// Statements given on the command line (`--edit`), applied as a fork of the file.
  var edits: [SourceFile] = []

  /// The compilation, and the diagnostics rendered for standard error.
  func compile(_ path: String) -> (Compilation, String) {
    let compilation = IndexLanguage.compile(
      path: path, fileSystem: context.fileSystem, options: options, edits: edits)
    if let error = compilation.unreadable {
      return (compilation, Self.unreadable(error))
    }
    let renderer = DiagnosticRenderer(color: context.errorColor)
    let text = compilation.diagnostics.isEmpty ? "" : renderer.render(compilation.diagnostics)
    return (compilation, text)
  }

  /// "error: cannot read `PATH`: REASON", escaped: the path may come from a methodology; a file
  /// over its size limit names the option that allows more (exit code 2).
  static func unreadable(_ error: FileError, verb: String = "read", hint: String? = nil) -> String {
    let path = TerminalText.escaped(error.path)
    let hint = hint ?? (error.kind == .tooLarge ? "; `--max-idx-size SIZE` allows more" : "")
    return "error: cannot \(verb) `\(path)`: \(TerminalText.escaped(error.reason))\(hint)\n"
  }

  /// The exit code a compilation deserves: 2 unreadable, 1 errors, 0 otherwise.
  static func exitCode(_ compilation: Compilation) -> Int32 {
    if compilation.unreadable != nil { return 2 }
    return compilation.diagnostics.hasErrors ? 1 : 0
  }
}
