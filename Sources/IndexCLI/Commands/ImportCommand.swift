import Diagnostics
import IndexImport
import IndexLanguage

/// `idx import coinr iData.csv iMeta.csv [-o FILE]`: a COINr index as an `.idx` methodology.
///
/// The tables are checked in full first; with any error nothing is written. The file is
/// written atomically (or printed when there is no `-o`).
struct ImportCommand {
  let dataPath: String
  let metaPath: String
  let output: String?
  let force: Bool

  /// Tables larger than this are refused: metadata of 10,000 indicators is under 2 MB.
  static let limit = 256 << 20

  init(_ arguments: [String]) throws(UsageError) {
    let words = arguments.map { $0 == "-o" ? "--output" : $0 }
    let parsed = try Arguments(words, spec: .init(options: ["output"], flags: ["force"]))
    guard let format = parsed.positional.first else {
      throw UsageError("name the format to import from: `idx import coinr iData.csv iMeta.csv`")
    }
    guard format == "coinr" else {
      throw UsageError("`\(format)` is not a format idx imports; `coinr` is")
    }
    guard parsed.positional.count == 3 else {
      throw UsageError("`idx import coinr` takes two tables: iData.csv iMeta.csv")
    }
    dataPath = parsed.positional[1]
    metaPath = parsed.positional[2]
    output = parsed.value("output")
    if output?.isEmpty == true { throw UsageError("`-o` needs a file name") }
    force = parsed.flag("force")
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let data: [UInt8]
    let meta: [UInt8]
    do {
      data = try context.fileSystem.read(dataPath, limit: Self.limit)
      meta = try context.fileSystem.read(metaPath, limit: Self.limit)
    } catch {
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error))
    }
    let reference = output.map { RelativePath.of(dataPath, from: $0) } ?? dataPath
    let outcome = COINrImport.methodology(
      iData: SourceFile(path: dataPath, bytes: data),
      iMeta: SourceFile(path: metaPath, bytes: meta),
      dataPath: reference)
    let rendered =
      outcome.diagnostics.isEmpty
      ? "" : DiagnosticRenderer(color: context.errorColor).render(outcome.diagnostics)
    guard let text = outcome.text else {
      return CLI.Outcome(code: 1, stderr: rendered + "nothing written: fix the tables first\n")
    }
    guard let output else { return CLI.Outcome(code: 0, stdout: text, stderr: rendered) }
    do {
      try context.fileSystem.writeAtomically(
        output, bytes: Array(text.utf8), options: WriteOptions(force: force))
    } catch {
      return CLI.Outcome(code: 2, stderr: Frontend.unreadable(error, verb: "write"))
    }
    var written = "wrote \(TerminalText.escaped(output))\n"
    if reference.hasPrefix("../") || reference.hasPrefix("/") {
      // A methodology reads only inside its own folder unless told otherwise (E0340).
      let folder = dataPath.split(separator: "/").dropLast().joined(separator: "/")
      written +=
        "note: iData is outside the folder of \(TerminalText.escaped(output)): run it with "
        + "`--root \(TerminalText.escaped(folder.isEmpty ? "." : folder))`, or move it there\n"
    }
    return CLI.Outcome(code: 0, stdout: written, stderr: rendered)
  }
}
