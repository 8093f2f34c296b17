import IndexLanguage
import LanguageServer
import ScoringEngine

/// `idx lsp` serves the Language Server Protocol on standard input and output until the
/// client says `exit`.
struct LspCommand {
  init(_ arguments: [String]) throws(UsageError) {
    _ = try Arguments(arguments, spec: .init(flags: ["stdio"]))
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    // The server compiles and scores after every change: keep freed memory (HeapPolicy).
    HeapPolicy.keepFreedMemory()
    let server = LanguageServer(
      fileSystem: context.fileSystem,
      listFiles: { root, limit in idxFiles(under: root, limit: limit) })
    var transport = StandardIOServer(server: server)
    return CLI.Outcome(code: transport.run())
  }
}
