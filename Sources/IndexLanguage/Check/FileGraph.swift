import Diagnostics

/// Reads a methodology file and the files it builds on (`extends`, `amends`, `use`), parses
/// each once, and assembles the methodology they describe together.
struct FileGraph {
  let fileSystem: any FileSystem
  var diagnostics: [Diagnostic] = []
  var unreadable: FileError?
  var parsed: [String: SourceFileSyntax] = [:]

  init(fileSystem: any FileSystem) {
    self.fileSystem = fileSystem
  }

  /// Reads and parses the root file; nil when it cannot be read.
  mutating func load(_ path: String) -> SourceFileSyntax? {
    do {
      let bytes = try fileSystem.read(path)
      let syntax = parseFile(SourceFile(path: path, bytes: bytes))
      parsed[path] = syntax
      return syntax
    } catch {
      unreadable = error
      return nil
    }
  }

  private mutating func parseFile(_ file: SourceFile) -> SourceFileSyntax {
    let (syntax, problems) = Parser.parse(file)
    diagnostics += problems
    return syntax
  }

  /// The methodology the root file describes, bases and edits included.
  mutating func methodology(_ root: SourceFileSyntax) -> Methodology {
    resolve(root, chain: [root.file.path])
  }
}
