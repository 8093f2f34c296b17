import Diagnostics
import IndexLanguage

/// `idx pin FILE`: writes the current hashes of a methodology's bases and data into it.
struct PinCommand {
  let file: String

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(arguments, spec: .init())
    guard parsed.positional.count == 1, let file = parsed.positional.first else {
      throw UsageError("name the .idx file to pin")
    }
    self.file = file
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let outcome: PinOutcome
    do {
      outcome = try pinFile(path: file, fileSystem: context.fileSystem)
    } catch {
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error))
    }
    let rendered = DiagnosticRenderer(color: context.errorColor).render(outcome.diagnostics)
    guard !outcome.diagnostics.hasErrors else {
      return CLI.Outcome(code: 1, stderr: rendered)
    }
    do {
      try context.fileSystem.writeAtomically(file, bytes: outcome.bytes)
    } catch {
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error, verb: "write"))
    }
    let lines = outcome.pinned.map { "pinned \(TerminalText.escaped($0))\n" }.joined()
    return CLI.Outcome(
      code: 0, stdout: lines.isEmpty ? "\(file): nothing to pin\n" : lines, stderr: rendered)
  }
}
