import Diagnostics

/// Reads a methodology file and the files it builds on (`extends`, `amends`, `use`), parses
/// each once, and assembles the methodology they describe together.
///
/// Design: two passes, neither recursive. The first walks the graph of imports depth first
/// with an explicit stack, reading and parsing each file once (files are keyed by their path
/// with links followed, so two spellings of one file are one file), checking pins on every
/// import and reporting an import that leads back to a file still being walked as a cycle.
/// The second resolves the files in the order the walk finished them, bases and libraries
/// before the files that build on them, each exactly once, so a library used by many files
/// (or twice by one) costs one resolution: the work is linear in the number of files.
/// Every file passes through `FileAccess`, which keeps them inside the methodology's folders;
/// at most `FileLimits.files` files are read.
struct FileGraph {
  let access: FileAccess
  var diagnostics: [Diagnostic] = []
  var unreadable: FileError?

  /// A file read and parsed, with where each of its imports leads.
  struct LoadedFile {
    var syntax: SourceFileSyntax
    /// The base (the first `extends` or `amends`) and every `use`, with the key of the file
    /// each reads, or nil when it could not be read or closes a cycle.
    var imports: [(node: ImportSyntax, target: String?)] = []
  }

  /// Files by key.
  var files: [String: LoadedFile] = [:]
  /// Keys in the order the walk finished them: every file after those it builds on.
  var finished: [String] = []
  private var rootKey = ""
  private var limitReported = false

  init(access: FileAccess) {
    self.access = access
  }

  /// Reads and parses the root file; false when it cannot be read.
  ///
  /// The syntax stays in the graph only (`methodology()` frees it as it resolves it).
  mutating func load(_ path: String) -> Bool {
    let bytes: [UInt8]
    do {
      bytes = try access.readRoot(path)
    } catch {
      unreadable = error
      return false
    }
    rootKey = access.fileSystem.resolvedPath(path)
    files[rootKey] = LoadedFile(syntax: parse(SourceFile(path: path, bytes: bytes)))
    return true
  }

  private mutating func parse(_ file: SourceFile) -> SourceFileSyntax {
    let (syntax, problems) = Parser.parse(file)
    diagnostics += problems
    return syntax
  }

  /// The methodology the root file describes, bases and edits included.
  ///
  /// Each file leaves the graph as it is resolved, so that its syntax is owned here alone and
  /// `resolve` frees each declaration's syntax once the declaration is built: the whole
  /// syntax tree and every declaration are then never in memory together.
  mutating func methodology() -> Methodology {
    walk()
    var resolved: [String: Methodology] = [:]
    for key in finished {
      guard var file = files.removeValue(forKey: key) else { continue }
      resolved[key] = resolve(&file, resolved: resolved)
    }
    return resolved[rootKey] ?? Methodology()
  }

  /// Reads every file reachable from the root, depth first, recording `finished`.
  private mutating func walk() {
    var stack: [(key: String, next: Int)] = [(rootKey, 0)]
    var onStack: Set<String> = [rootKey]
    var done: Set<String> = []
    while let (key, next) = stack.last {
      guard var file = files[key] else {
        stack.removeLast()
        continue
      }
      if next == 0 {
        file.imports = Self.imports(of: file.syntax).map { ($0, nil) }
        files[key] = file
      }
      guard next < file.imports.count else {
        stack.removeLast()
        onStack.remove(key)
        done.insert(key)
        finished.append(key)
        continue
      }
      stack[stack.count - 1].next += 1
      let node = file.imports[next].node
      let location = access.locate(node.path.value, from: file.syntax.file.path)
      let span = file.syntax.span(node.path.range)
      if onStack.contains(location.key) {
        let chain = stack.compactMap { files[$0.key]?.syntax.file.path } + [location.path]
        diagnostics.append(Catalog.importCycle(chain, span))
        continue
      }
      guard let bytes = read(location, at: span) else { continue }
      guard checkPin(node, bytes, location, in: file.syntax) else { continue }
      files[key]?.imports[next].target = location.key
      if done.contains(location.key) { continue }
      if files[location.key] == nil {
        files[location.key] = LoadedFile(
          syntax: parse(SourceFile(path: location.path, bytes: bytes)))
      }
      onStack.insert(location.key)
      stack.append((location.key, 0))
    }
  }

  /// The bytes of an imported file (cached once parsed), or nil with a diagnostic.
  private mutating func read(_ location: FileAccess.Location, at span: Span) -> [UInt8]? {
    if let loaded = files[location.key] { return loaded.syntax.file.bytes }
    guard files.count < access.limits.files else {
      if !limitReported { diagnostics.append(Catalog.tooManyFiles(access.limits.files, span)) }
      limitReported = true
      return nil
    }
    do {
      return try access.read(location, as: .methodology)
    } catch {
      diagnostics.append(
        Catalog.unreadable(
          error, location, as: .methodology, span, roots: access.rootsAsWritten))
      return nil
    }
  }

  /// The imports that are read, in file order: the first base and every `use` (a second
  /// base is reported when the file is resolved).
  static func imports(of syntax: SourceFileSyntax) -> [ImportSyntax] {
    var bases = 0
    var kept: [ImportSyntax] = []
    for statement in syntax.statements {
      guard case .importFile(let node) = statement else { continue }
      if node.kind != .use {
        bases += 1
        if bases > 1 { continue }
      }
      kept.append(node)
    }
    return kept
  }

  private mutating func checkPin(
    _ node: ImportSyntax, _ bytes: [UInt8], _ location: FileAccess.Location,
    in syntax: SourceFileSyntax
  ) -> Bool {
    guard let pin = node.pin else { return true }
    let actual = "sha256:" + SHA256.hex(bytes)
    guard pin.value == actual else {
      diagnostics.append(
        Catalog.pinMismatch(
          location.path, expected: pin.value, actual: actual, syntax.span(pin.range)))
      return false
    }
    return true
  }
}
