import Diagnostics
import IndexLanguage

/// `idx pin FILE`: writes the current hashes of a methodology's bases and data into it.
struct PinCommand {
  let file: String
  let force: Bool
  let options: CompileOptions

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(arguments, spec: .init(options: FileOptions.names, flags: ["force"]))
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError("name the .idx file to pin")
    }
    self.file = file
    force = parsed.flag("force")
    options = try FileOptions.parse(parsed)
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let outcome: PinOutcome
    do {
      outcome = try pinFile(path: file, fileSystem: context.fileSystem, options: options)
    } catch {
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error))
    }
    let rendered = DiagnosticRenderer(color: context.errorColor).render(outcome.diagnostics)
    guard !outcome.diagnostics.hasErrors else {
      return CLI.Outcome(code: 1, stderr: rendered)
    }
    do {
      try context.fileSystem.writeAtomically(
        file, bytes: outcome.bytes, options: WriteOptions(force: force))
    } catch {
      let hint = error.kind == .readOnly ? "; `--force` replaces it anyway, keeping its mode" : ""
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error, verb: "write", hint: hint))
    }
    let lines = outcome.pinned.map { "pinned \(TerminalText.escaped($0))\n" }.joined()
    return CLI.Outcome(
      code: 0, stdout: lines.isEmpty ? "\(file): nothing to pin\n" : lines, stderr: rendered)
  }
}
