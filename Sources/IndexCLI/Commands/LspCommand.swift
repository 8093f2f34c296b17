import IndexLanguage
import LanguageServer

/// `idx lsp` serves the Language Server Protocol on standard input and output until the
/// client says `exit`.
struct LspCommand {
  init(_ arguments: [String]) throws(UsageError) {
    _ = try Arguments(arguments, spec: .init(flags: ["stdio"]))
  }

  func run(_ context: CLI.Context) -> CLI.Outcome {
    let server = LanguageServer(
      fileSystem: context.fileSystem,
      listFiles: { root, limit in idxFiles(under: root, limit: limit) })
    var transport = StandardIOServer(server: server)
    return CLI.Outcome(code: transport.run())
  }
}
