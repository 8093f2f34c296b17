import Diagnostics
import IndexLanguage

// What a name under the cursor stands for, where it is defined and where it is used, across
// the files of a fork chain (and the open or workspace files that build on them).

/// What an occurrence resolves to in the compiled methodology.
enum Target {
  /// A node, data source, scale or the index.
  case declaration(Declaration)
  /// A column of a data source (`nil` source: any, as in `mean(by: region)`).
  case column(source: Declaration?, name: String)
  case entity(String)
  case method(property: String, name: String)
  case function(String)
  /// A property of a declaration: `normalize` in a body, or in `set papers.normalize`.
  case property(name: String, owner: Declaration?, kind: DeclSyntax.Kind?)
  case file(path: String)
}

extension LanguageServer {
  /// The occurrence under the request's position and what it stands for.
  mutating func target(_ document: TextDocument, _ params: JSONValue) -> (
    SymbolIndex.Occurrence, Target, Analysis
  )? {
    guard let offset = offset(params, in: document) else { return nil }
    let analysis = analysis(document)
    guard let occurrence = analysis.symbols(document.path)?.occurrence(at: offset) else {
      return nil
    }
    let methodology = analysis.methodology
    let target: Target?
    switch occurrence.role {
    case .declaration(let kind):
      if kind == .index {
        target = methodology?.index.map { .declaration($0) }
      } else {
        target = methodology?.declaration(occurrence.name).map { .declaration($0) }
      }
    case .reference, .source:
      target = methodology?.declaration(occurrence.name).map { .declaration($0) }
    case .column(let source):
      let data = methodology?.data.first { $0.name == source }
      target = .column(source: data, name: occurrence.name)
    case .property(let owner, let kind):
      let declaration: Declaration? =
        owner == "index" ? methodology?.index : owner.flatMap { methodology?.declaration($0) }
      target = .property(name: occurrence.name, owner: declaration, kind: kind ?? declaration?.kind)
    case .method(let property): target = .method(property: property, name: occurrence.name)
    case .function: target = .function(occurrence.name)
    case .entity: target = .entity(occurrence.name)
    case .file(let path): target = .file(path: Paths.resolve(path, from: document.path))
    }
    return target.map { (occurrence, $0, analysis) }
  }

  // MARK: - Definition

  mutating func definition(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let (_, target, analysis) = self.target(document, params) else { return .success(.null) }
    switch target {
    case .declaration(let declaration):
      return .success(location(declaration.nameSpan))
    case .property(let name, let owner, _):
      guard let owner else { return .success(.null) }
      return .success(location(owner.property(name)?.nameSpan ?? owner.nameSpan))
    case .column(let source, let name):
      return .success(columnLocation(source, name, analysis) ?? .null)
    case .entity(let code):
      return .success(entityLocation(code, analysis) ?? .null)
    case .file(let path):
      guard (try? analysis.fileSystem.read(path)) != nil else { return .success(.null) }
      let origin = SourceFile(path: path, bytes: [])
      return .success(location(Span(file: origin, start: 0, end: 0)))
    case .method, .function:
      return .success(.null)
    }
  }

  /// The header cell of a column in its CSV file (any data source when `source` is nil).
  func columnLocation(_ source: Declaration?, _ name: String, _ analysis: Analysis) -> JSONValue? {
    let candidates = source.map { [$0] } ?? analysis.methodology?.data ?? []
    let periods = analysis.compilation.table?.periods ?? analysis.compilation.plan?.periods ?? []
    for data in candidates {
      guard let file = DataFile(data, fileSystem: analysis.fileSystem) else { continue }
      let pattern = data.property("columns").flatMap { property -> String? in
        if case .string(let text) = property.value.value.kind { return text }
        return nil
      }
      if let cell = file.headerCell(name, pattern: pattern, periods: periods) {
        return location(Span(file: file.file, start: cell.range.start, end: cell.range.end))
      }
    }
    return nil
  }

  /// The key cell of an entity's first row in the first data source that has it.
  private func entityLocation(_ code: String, _ analysis: Analysis) -> JSONValue? {
    for data in analysis.methodology?.data ?? [] {
      guard let key = data.property("key")?.valueSpan.text,
        let file = DataFile(data, fileSystem: analysis.fileSystem),
        let cell = file.keyCell(of: code, key: key.trimmingQuotes)
      else { continue }
      return location(Span(file: file.file, start: cell.range.start, end: cell.range.end))
    }
    return nil
  }

  // MARK: - References and rename

  /// Every place a declaration's name is written: in the files it was built from, and in the
  /// open and workspace files that build on the file that declares it.
  mutating func occurrences(of declaration: Declaration, from analysis: Analysis) -> [(
    SourceFile, SymbolIndex.Occurrence
  )] {
    var paths = analysis.files.map(\.path)
    let defining = Paths.normalize(declaration.file.path)
    for path in dependents(of: defining) where !paths.contains(path) { paths.append(path) }
    var found: [(SourceFile, SymbolIndex.Occurrence)] = []
    for path in paths {
      guard let index = analysis.symbols(path) else { continue }
      for occurrence in index.occurrences
      where SymbolIndex.namesDeclaration(occurrence, declaration.name) {
        found.append((index.file, occurrence))
      }
    }
    return found
  }

  /// The open and workspace `.idx` files that import `path`, directly or through others.
  mutating func dependents(of path: String) -> [String] {
    var candidates = documents.values.map(\.path).sorted()
    if let root = rootPath {
      for file in listFiles(root, options.workspaceFileLimit) where !candidates.contains(file) {
        candidates.append(Paths.normalize(file))
      }
    }
    var buffers: [String: [UInt8]] = [:]
    for open in documents.values { buffers[open.path] = open.bytes }
    let overlay = OverlayFileSystem(base: fileSystem, buffers: buffers)
    var imports: [String: [String]] = [:]
    for candidate in candidates {
      guard let bytes = try? overlay.read(candidate) else { continue }
      let tokens = lexicalTokens(SourceFile(path: candidate, bytes: bytes))
      imports[candidate] = Self.importedPaths(tokens, bytes, from: candidate)
    }
    // Files that reach `path`, found by walking the import graph backwards.
    var reaching: Set<String> = [path]
    var changed = true
    while changed {
      changed = false
      for (file, targets) in imports where !reaching.contains(file) {
        if targets.contains(where: reaching.contains) {
          reaching.insert(file)
          changed = true
        }
      }
    }
    return candidates.filter { reaching.contains($0) && $0 != path }
  }

  /// The files a file names with `extends`, `amends` or `use`, from its tokens alone.
  private static func importedPaths(_ tokens: [LexicalToken], _ bytes: [UInt8], from file: String)
    -> [String]
  {
    var paths: [String] = []
    for (position, token) in tokens.enumerated().dropLast()
    where token.kind == .keyword && tokens[position + 1].kind == .string {
      let word = String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
      guard word == "extends" || word == "amends" || word == "use" else { continue }
      let literal = tokens[position + 1].range
      let text = String(decoding: bytes[literal.start..<literal.end], as: UTF8.self)
      paths.append(Paths.resolve(text.trimmingQuotes, from: file))
    }
    return paths
  }

  mutating func references(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let (occurrence, target, analysis) = self.target(document, params) else {
      return .success([])
    }
    let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
    var locations: [JSONValue] = []
    switch target {
    case .declaration(let declaration):
      for (file, found) in occurrences(of: declaration, from: analysis) {
        if case .declaration = found.role, !includeDeclaration { continue }
        locations.append(location(Span(file: file, start: found.range.start, end: found.range.end)))
      }
    case .column(let source, let name):
      if includeDeclaration, let cell = columnLocation(source, name, analysis) {
        locations.append(cell)
      }
      for file in analysis.files {
        for found in analysis.symbols(file.path)?.occurrences ?? []
        where found.name == name && found.role == occurrence.role {
          locations.append(
            location(Span(file: file, start: found.range.start, end: found.range.end)))
        }
      }
    default:
      break
    }
    return .success(.array(locations))
  }

  mutating func prepareRename(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let (occurrence, target, _) = self.target(document, params),
      case .declaration(let declaration) = target, declaration.kind != .uncertainty
    else {
      return .failure(
        .requestFailed("only the name of a node, data source or scale can be renamed"))
    }
    return .success(
      .object([
        "range": document.lines.range(
          occurrence.range.start, occurrence.range.end, encoding: encoding),
        "placeholder": .string(declaration.name),
      ]))
  }

  /// Renames a node, data source or scale everywhere it is written, across the fork chain.
  mutating func rename(_ document: TextDocument, _ params: JSONValue) -> Result<
    JSONValue, RPCError
  > {
    guard let newName = params["newName"]?.string else {
      return .failure(.invalidParams("`newName` is missing"))
    }
    guard let (_, target, analysis) = self.target(document, params),
      case .declaration(let declaration) = target, declaration.kind != .uncertainty
    else {
      return .failure(
        .requestFailed("only the name of a node, data source or scale can be renamed"))
    }
    guard Self.isIdentifier(newName), !Vocabulary.isReserved(newName) else {
      return .failure(.requestFailed("`\(newName)` is not a name: use letters, digits and `_`"))
    }
    if newName != declaration.name, analysis.methodology?.declaration(newName) != nil {
      return .failure(.requestFailed("`\(newName)` is already declared"))
    }
    var edits: [String: [(ByteRange, JSONValue)]] = [:]
    for (file, found) in occurrences(of: declaration, from: analysis) {
      let lines =
        documents.values.first(where: { $0.path == file.path })?.lines ?? LineIndex(file)
      let edit: JSONValue = .object([
        "range": lines.range(found.range.start, found.range.end, encoding: encoding),
        "newText": .string(newName),
      ])
      edits[uri(forPath: file.path), default: []].append((found.range, edit))
    }
    var changes = JSONObject()
    for uri in edits.keys.sorted() {
      let sorted = (edits[uri] ?? []).sorted { $0.0.start < $1.0.start }
      changes[uri] = .array(sorted.map(\.1))
    }
    return .success(.object(["changes": .object(changes)]))
  }

  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else {
      return false
    }
    return text.utf8.allSatisfy {
      $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 48 && $0 <= 57)
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }
}

extension String {
  /// Without the surrounding double quotes, if it has them.
  var trimmingQuotes: String {
    guard count >= 2, hasPrefix("\""), hasSuffix("\"") else { return self }
    return String(dropFirst().dropLast())
  }
}
