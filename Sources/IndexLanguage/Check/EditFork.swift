import Diagnostics

/// Edits given apart from any file — `idx run FILE --edit '…'`, a line typed in `idx repl` —
/// applied exactly as if they were written at the end of a fork that `extends` the root file.
///
/// Design: each edit is its own `SourceFile` (named `<edit 1>`, `<edit 2>`, …), so every
/// diagnostic points into the text the user typed rather than into a file assembled behind
/// their back. The edits together are one fork: first the declarations of all of them join the
/// root's methodology (new names only; an `index` block amends the index), then their edits
/// apply in order, one `Editor` per edit sharing the record of the paths already edited, so
/// editing a path twice is the same error as in a fork file. An edit cannot name another file:
/// the files a run reads are the root's and the ones its declarations name.
extension FileGraph {
  /// The root's methodology with `edits` applied; `base` is that methodology without them.
  mutating func applyEdits(_ edits: [SourceFile], to base: Methodology) -> Methodology {
    guard !edits.isEmpty else { return base }
    var parsed: [SourceFileSyntax] = []
    for file in edits {
      let (syntax, problems) = Parser.parse(file)
      diagnostics += problems
      parsed.append(syntax)
    }
    var resolver = Resolver()
    resolver.methodology = base
    resolver.declaredNames = Self.names(base)
    resolver.methodology.files += edits
    var replaced = Set<String>()
    for syntax in parsed {
      replaced.formUnion(Self.replacedData(syntax, base: resolver.methodology))
    }
    resolver.methodology.data.removeAll { replaced.contains($0.name) }
    for name in replaced { resolver.declaredNames[name] = nil }
    for syntax in parsed {
      var tables: [DeclSyntax] = []
      for statement in syntax.statements {
        switch statement {
        case .declaration(let decl) where decl.kind == .indicators:
          tables.append(decl)
        case .declaration(let decl):
          if decl.kind == .index, resolver.methodology.index != nil {
            resolver.amendIndex(decl, file: syntax.file, amends: false)
          } else {
            resolver.add(decl, file: syntax.file)
          }
        case .importFile(let node):
          diagnostics.append(Catalog.importInEdit(node.kind.rawValue, syntax.span(node.range)))
        default: break
        }
      }
      declareTables(tables, in: syntax.file, into: &resolver)
    }
    diagnostics += resolver.diagnostics
    var methodology = resolver.methodology
    var edited: [String: Span] = [:]
    for syntax in parsed {
      var editor = Editor(methodology: methodology, file: syntax.file, mode: .extends)
      editor.replacedData = replaced
      editor.edited = edited
      for statement in syntax.statements { editor.apply(statement) }
      methodology = editor.methodology
      edited = editor.edited
      diagnostics += editor.diagnostics
    }
    return methodology
  }
}
