import Diagnostics

/// Forks: a methodology written as edits to another.
///
/// Design: a fork names one base (`extends` may add, change and remove; `amends` may only
/// `set` paths that exist). The base is resolved first (`FileGraph` resolves files bases
/// first, each once), with its own edits applied. Then the fork's own declarations join it
/// (new names only; its `index` block amends the base's index and must rename it), and its
/// edits apply in the order written. Edits change syntax values, not computed ones, so
/// everything downstream of an edited path is re-derived by the checker exactly as if the
/// base had been written that way (late binding). Editing the same path twice in one file is
/// an error. A library's declarations reached twice (used twice, or through two libraries
/// that both use it) are the same declarations and join once.
///
/// One exception to "new names only": a fork that writes `remove data x` and declares a new
/// `data x` replaces the base's source under the same name, so every formula that reads
/// `x.column` reads the new file (the way to move a methodology onto another data file).
extension FileGraph {
  /// The methodology one file describes, given the resolved files it imports.
  ///
  /// Each declaration's statement is replaced by a placeholder once the declaration is built
  /// from it, which frees its syntax when `file` holds the only copy (as in `methodology()`):
  /// the resolved declarations take the room the statements leave. Edits, which are applied
  /// after every declaration is known, keep their statements.
  mutating func resolve(_ file: inout LoadedFile, resolved: [String: Methodology]) -> Methodology {
    let source = file.syntax.file
    var bases = 0
    for statement in file.syntax.statements {
      guard case .importFile(let node) = statement, node.kind != .use else { continue }
      bases += 1
      if bases > 1 { diagnostics.append(Catalog.secondBase(file.syntax.span(node.range))) }
    }
    var resolver = Resolver()
    var mode: ImportSyntax.Kind?
    if let base = file.imports.first(where: { $0.node.kind != .use }), let key = base.target,
      let methodology = resolved[key]
    {
      resolver.methodology = methodology
      resolver.declaredNames = Self.names(resolver.methodology)
      mode = base.node.kind
    }
    for use in file.imports where use.node.kind == .use {
      guard let key = use.target, let library = resolved[key] else { continue }
      for var declaration in library.nodes + library.data + library.scales {
        declaration.fromLibrary = true
        resolver.addResolved(declaration)
      }
    }
    resolver.methodology.files.append(source)
    let count = file.syntax.statements.count
    // Room for every declaration of the file at once, rather than growing (and rehashing the
    // names) a few at a time.
    resolver.declaredNames.reserveCapacity(resolver.declaredNames.count + count)
    resolver.methodology.nodes.reserveCapacity(resolver.methodology.nodes.count + count)
    let replaced =
      mode == .extends ? Self.replacedData(file.syntax, base: resolver.methodology) : []
    resolver.methodology.data.removeAll { replaced.contains($0.name) }
    for name in replaced { resolver.declaredNames[name] = nil }
    var tables: [DeclSyntax] = []
    for position in 0..<count {
      guard case .declaration(let decl) = file.syntax.statements[position] else { continue }
      // The editor skips declarations: the placeholder changes nothing it does.
      file.syntax.statements[position] = .bad(decl.range)
      if decl.kind == .indicators, mode != .amends {
        tables.append(decl)
      } else if decl.kind == .index, mode != nil, resolver.methodology.index != nil {
        resolver.amendIndex(decl, file: source, amends: mode == .amends)
      } else if mode == .amends {
        diagnostics.append(Catalog.amendsCannotAdd(file.syntax.span(decl.range)))
      } else {
        resolver.add(decl, file: source)
      }
    }
    declareTables(tables, in: source, into: &resolver)
    var editor = Editor(methodology: resolver.methodology, file: source, mode: mode)
    editor.replacedData = replaced
    for statement in file.syntax.statements {
      editor.apply(statement)
    }
    diagnostics += resolver.diagnostics + editor.diagnostics
    return editor.methodology
  }

  /// Data sources of the base that this file both removes and declares again.
  static func replacedData(_ syntax: SourceFileSyntax, base: Methodology) -> Set<String> {
    var removed = Set<String>()
    var declared = Set<String>()
    for statement in syntax.statements {
      switch statement {
      case .remove(let node) where node.kind == .data: removed.insert(node.name.text)
      case .declaration(let decl) where decl.kind == .data:
        if let name = decl.name?.text { declared.insert(name) }
      default: break
      }
    }
    return removed.intersection(declared).filter { name in base.data.contains { $0.name == name } }
  }

  static func names(_ methodology: Methodology) -> [String: Span] {
    var names: [String: Span] = [:]
    for declaration in methodology.nodes + methodology.data + methodology.scales {
      names[declaration.name] = declaration.nameSpan
    }
    return names
  }
}

extension Resolver {
  /// Adds a named declaration (of this file, or resolved in a `use`d library) under a new name.
  mutating func addResolved(_ declaration: Declaration) {
    let name = declaration.name
    let nameSpan = declaration.nameSpan
    // One hash for a new name, the common case: the entry is made at once, and put back as it
    // was when the name turns out to be taken.
    let earlier = declaredNames.updateValue(nameSpan, forKey: name)
    var first = earlier
    if first == nil, let index = methodology.index, index.name == name { first = index.nameSpan }
    if let first {
      declaredNames[name] = earlier
      // The same declaration reached through a second `use` is already here.
      if declaration.fromLibrary && first.file.path == nameSpan.file.path
        && first.start == nameSpan.start
      {
        return
      }
      diagnostics.append(Catalog.duplicateName(name, nameSpan, first: first))
      return
    }
    switch declaration.kind {
    case .data: methodology.data.append(declaration)
    case .scale: methodology.scales.append(declaration)
    default: methodology.nodes.append(declaration)
    }
  }

  /// A fork's `index` block: a new name, and properties (or members) that replace the base's.
  mutating func amendIndex(_ decl: DeclSyntax, file: SourceFile, amends: Bool) {
    guard var base = methodology.index, var fork = Self.makeDeclaration(decl, file: file) else {
      return
    }
    Self.fill(&fork, body: decl.body, diagnostics: &diagnostics)
    if fork.name == base.name {
      diagnostics.append(Catalog.forkNeedsNewName(fork.name, fork.nameSpan, base: base.nameSpan))
    }
    base.name = fork.name
    base.nameSpan = fork.nameSpan
    base.label = fork.label ?? base.label
    base.doc = fork.doc ?? base.doc
    for property in fork.properties {
      base.properties.removeAll { $0.name == property.name }
      base.properties.append(property)
    }
    if let members = fork.members {
      if amends {
        diagnostics.append(Catalog.amendsCannotAdd(fork.membersSpan ?? fork.nameSpan))
      } else {
        base.members = members
        base.membersSpan = fork.membersSpan
      }
    }
    methodology.index = base
  }
}
