import Diagnostics
import IndexLanguage

/// `idx fmt FILE… [--check] [--diff] [--stdout]` lays methodology files out canonically.
///
/// In place by default, each changed file written atomically. A file with syntax errors is
/// left as it is and its diagnostics are printed; `--check` writes nothing and exits 1 when
/// a file would change.
struct FmtCommand {
  let files: [String]
  let check: Bool
  let diff: Bool
  let toStandardOutput: Bool

  init(_ arguments: [String]) throws(UsageError) {
    let parsed = try Arguments(arguments, spec: .init(flags: ["check", "diff", "stdout"]))
    files = parsed.positional
    guard !files.isEmpty else { throw UsageError("name at least one .idx file to format") }
    check = parsed.flag("check")
    diff = parsed.flag("diff")
    toStandardOutput = parsed.flag("stdout")
  }

  /// Whether the command only reports (and writes no file).
  private var writes: Bool { !check && !diff && !toStandardOutput }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    var outcome = CLI.Outcome(code: 0)
    let renderer = DiagnosticRenderer(color: context.errorColor)
    for file in files {
      let original: [UInt8]
      do {
        original = try context.fileSystem.read(file)
      } catch {
        outcome.stderr += "error: cannot read `\(error.path)`: \(error.reason)\n"
        outcome.code = 2
        continue
      }
      let formatted = format(SourceFile(path: file, bytes: original))
      guard let bytes = formatted.bytes else {
        if let failure = formatted.internalError {
          outcome.stderr +=
            "error: cannot format `\(file)`: the formatter could not reproduce it (\(failure)); "
            + "the file is left as it is. This is a bug in idx: please report it.\n"
          outcome.code = 2
        } else {
          outcome.stderr += renderer.render(formatted.diagnostics)
          outcome.stderr += "\(file): not formatted: fix the syntax errors first\n"
          outcome.code = max(outcome.code, 1)
        }
        continue
      }
      let changed = bytes != original
      if toStandardOutput { outcome.stdout += String(decoding: bytes, as: UTF8.self) }
      if diff && changed {
        outcome.stdout += UnifiedDiff(old: original, new: bytes).render(path: file)
      }
      if check {
        if changed {
          if !diff && !toStandardOutput { outcome.stdout += file + "\n" }
          outcome.code = max(outcome.code, 1)
        }
      } else if writes && changed {
        do {
          try context.fileSystem.writeAtomically(file, bytes: bytes)
          outcome.stdout += "formatted \(file)\n"
        } catch {
          outcome.stderr += "error: cannot write `\(error.path)`: \(error.reason)\n"
          outcome.code = 2
        }
      }
    }
    return outcome
  }
}
