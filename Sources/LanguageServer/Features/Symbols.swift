import Diagnostics
import IndexLanguage

// Document symbols (the tree of a file's declarations, nested by `members`) and workspace
// symbols (every declaration of the open and workspace files).

extension LanguageServer {
  /// Nesting deeper than this is flattened, so a pathological tree gives a bounded answer.
  static let maximumSymbolDepth = 64

  static func symbolKind(_ kind: DeclSyntax.Kind) -> Int {
    switch kind {
    case .index: 2  // Module
    case .dimension: 3  // Namespace
    case .indicator: 13  // Variable
    case .soft: 14  // Constant
    case .data: 23  // Struct
    case .scale: 10  // Enum
    case .uncertainty, .indicators: 19  // Object
    }
  }

  mutating func documentSymbols(_ document: TextDocument) -> Result<JSONValue, RPCError> {
    let analysis = analysis(document)
    guard let index = analysis.symbols(document.path) else { return .success([]) }
    let lines = document.lines
    func range(_ range: ByteRange) -> JSONValue {
      lines.range(range.start, range.end, encoding: encoding)
    }
    // Declarations of this file (added ones included), and edits, in order.
    var declarations: [(decl: DeclSyntax, parent: String?)] = []
    var edits: [(name: String, range: ByteRange)] = []
    for statement in index.syntax.statements {
      switch statement {
      case .declaration(let decl): declarations.append((decl, nil))
      case .add(let node):
        declarations.append((node.declaration, node.parent?.segments.first?.text))
      case .set(let node): edits.append(("set " + node.path.text, node.range))
      case .remove(let node):
        edits.append(("remove \(node.kind.rawValue) \(node.name.text)", node.range))
      case .weights(let node):
        edits.append(("weights " + (node.parent?.text ?? "index"), node.range))
      case .adjust(let node):
        edits.append(("adjust \(node.target?.text ?? "") \(node.entity.text)", node.range))
      case .importFile(let node):
        edits.append(("\(node.kind.rawValue) \"\(node.path.value)\"", node.range))
      case .bad: break
      }
    }
    var byName: [String: Int] = [:]
    for (position, entry) in declarations.enumerated() {
      if let name = entry.decl.name?.text, byName[name] == nil { byName[name] = position }
    }
    // Each declaration's parent in this file: the first that lists it (or `add … to`).
    var parent = [Int?](repeating: nil, count: declarations.count)
    for (position, entry) in declarations.enumerated() {
      if let name = entry.parent, let owner = byName[name], owner != position,
        parent[position] == nil
      {
        parent[position] = owner
      }
      for item in entry.decl.body?.items ?? [] {
        guard case .members(let members) = item else { continue }
        for member in members.members {
          if let child = byName[member.name.text], child != position, parent[child] == nil,
            declarations[child].decl.kind != .index
          {
            parent[child] = position
          }
        }
      }
    }
    // Pre-order from the roots, with an explicit stack; cycles and deep chains stop nesting.
    var children = [[Int]](repeating: [], count: declarations.count)
    var roots: [Int] = []
    for position in declarations.indices {
      if let owner = parent[position] {
        children[owner].append(position)
      } else {
        roots.append(position)
      }
    }
    var order: [(node: Int, depth: Int, parent: Int?)] = []
    var placed = Set<Int>()
    var stack = roots.reversed().map { (node: $0, depth: 0, parent: Int?.none) }
    while let next = stack.popLast() {
      guard placed.insert(next.node).inserted else { continue }
      order.append(next)
      let nested = next.depth + 1 < Self.maximumSymbolDepth
      for child in children[next.node].reversed() {
        stack.append((child, nested ? next.depth + 1 : 0, nested ? next.node : nil))
      }
    }
    // Declarations only reachable through a cycle become roots.
    for position in declarations.indices where !placed.contains(position) {
      order.append((position, 0, nil))
    }
    if !hierarchicalSymbols {
      var flat: [JSONValue] = []
      for entry in order {
        let decl = declarations[entry.node].decl
        var object = JSONObject([
          ("name", .string(decl.name?.text ?? decl.kind.rawValue)),
          ("kind", .integer(Self.symbolKind(decl.kind))),
          ("location", .object(["uri": .string(document.uri), "range": range(decl.range)])),
        ])
        if let owner = entry.parent, let name = declarations[owner].decl.name?.text {
          object["containerName"] = .string(name)
        }
        flat.append(.object(object))
      }
      for edit in edits {
        flat.append(
          .object([
            "name": .string(edit.name), "kind": 24,
            "location": .object(["uri": .string(document.uri), "range": range(edit.range)]),
          ]))
      }
      return .success(.array(flat))
    }
    var built: [Int: [JSONValue]] = [:]
    var top: [(Int, JSONValue)] = []
    for entry in order.reversed() {
      let decl = declarations[entry.node].decl
      var object = JSONObject([
        ("name", .string(decl.name?.text ?? decl.kind.rawValue)),
        (
          "detail",
          .string(decl.label.map { "\(decl.kind.rawValue) — \($0.value)" } ?? decl.kind.rawValue)
        ),
        ("kind", .integer(Self.symbolKind(decl.kind))),
        ("range", range(decl.range)),
        ("selectionRange", range(decl.name?.range ?? decl.kindRange)),
      ])
      if let nested = built[entry.node], !nested.isEmpty {
        object["children"] = .array(nested.reversed())
      }
      built[entry.node] = nil
      if let owner = entry.parent {
        built[owner, default: []].append(.object(object))
      } else {
        top.append((decl.range.start, .object(object)))
      }
    }
    for edit in edits {
      top.append(
        (
          edit.range.start,
          .object([
            "name": .string(edit.name), "kind": 24, "range": range(edit.range),
            "selectionRange": range(edit.range),
          ])
        ))
    }
    top.sort { $0.0 < $1.0 }
    return .success(.array(top.map(\.1)))
  }

  /// Every declaration in the open and workspace files whose name contains the query's
  /// characters in order (case-insensitively), sorted by name and file.
  mutating func workspaceSymbols(_ query: String) -> JSONValue {
    var paths = documents.values.map(\.path)
    if let root = rootPath {
      for file in listFiles(root, options.workspaceFileLimit) {
        let path = Paths.normalize(file)
        if !paths.contains(path) { paths.append(path) }
      }
    }
    var buffers: [String: [UInt8]] = [:]
    for open in documents.values { buffers[open.path] = open.bytes }
    let overlay = OverlayFileSystem(base: fileSystem, buffers: buffers)
    let needle = Array(query.lowercased())
    var found: [(name: String, path: String, value: JSONValue)] = []
    for path in paths {
      guard let bytes = try? overlay.read(path) else { continue }
      let index = SymbolIndex(file: SourceFile(path: path, bytes: bytes))
      let lines = LineIndex(bytes)
      for occurrence in index.occurrences {
        guard case .declaration(let kind) = occurrence.role,
          Self.matches(needle, Array(occurrence.name.lowercased()))
        else { continue }
        let location: JSONValue = .object([
          "uri": .string(uri(forPath: path)),
          "range": lines.range(occurrence.range.start, occurrence.range.end, encoding: encoding),
        ])
        found.append(
          (
            occurrence.name, path,
            .object([
              "name": .string(occurrence.name), "kind": .integer(Self.symbolKind(kind)),
              "location": location, "containerName": .string(Self.fileName(path)),
            ])
          ))
      }
    }
    found.sort { ($0.name, $0.path) < ($1.name, $1.path) }
    return .array(found.prefix(1_000).map(\.value))
  }

  /// Whether `needle`'s characters appear in `name` in order.
  static func matches(_ needle: [Character], _ name: [Character]) -> Bool {
    var position = 0
    for character in name where position < needle.count && character == needle[position] {
      position += 1
    }
    return position == needle.count
  }
}
