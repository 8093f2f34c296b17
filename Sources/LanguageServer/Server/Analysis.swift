import Diagnostics
import IndexLanguage
import ScoringEngine

/// One document compiled as it stands, with what features derive from it, computed once.
///
/// The compilation is the whole front end (`compile`), through the overlay of open buffers;
/// the run (for hover's scores) and each file's symbol index are computed on first use.
final class Analysis {
  let path: String
  let version: Int
  let fileSystem: OverlayFileSystem
  let compilation: Compilation
  private var indexes: [String: SymbolIndex] = [:]
  private var ran = false
  private var cachedResults: Results?

  /// Compiles `path` as it stands in `fileSystem`, with the data of `reusing` instead of
  /// reading the data files again when it is still current (`LoadedData.isCurrent(in:)`).
  init(path: String, version: Int, fileSystem: OverlayFileSystem, reusing: LoadedData? = nil) {
    self.path = path
    self.version = version
    self.fileSystem = fileSystem
    let current = reusing.flatMap { $0.isCurrent(in: fileSystem) ? $0 : nil }
    compilation = compile(path: path, fileSystem: fileSystem, reusing: current)
  }

  var methodology: Methodology? { compilation.methodology }

  /// The files the methodology was built from, root first.
  var files: [SourceFile] { compilation.methodology?.files ?? [] }

  /// Whether this analysis read the file at `path` (so a change to it makes this stale).
  func reads(_ path: String) -> Bool {
    files.contains { $0.path == path }
  }

  /// The scores, when the methodology is runnable.
  var results: Results? {
    if !ran {
      ran = true
      if compilation.isRunnable, let plan = compilation.plan, let table = compilation.table {
        cachedResults = run(plan, on: table)
      }
    }
    return cachedResults
  }

  /// The symbol index of one of the methodology's files (or of the document itself).
  func symbols(_ path: String) -> SymbolIndex? {
    if let index = indexes[path] { return index }
    let file: SourceFile
    if let known = files.first(where: { $0.path == path }) {
      file = known
    } else if let bytes = try? fileSystem.read(path) {
      file = SourceFile(path: path, bytes: bytes)
    } else {
      return nil
    }
    let index = SymbolIndex(file: file)
    indexes[path] = index
    return index
  }
}
