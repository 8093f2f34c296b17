import Diagnostics
import ScoringEngine

/// The indicators an `indicators from csv("meta.csv") { code: iCode, … }` declares: one per
/// row of the table, exactly as if each were written out as an `indicator` declaration.
///
/// Design: every row becomes a `Declaration` whose values are syntax parsed from the row's
/// cells, with spans into the table's own `SourceFile`. So the checker, the editor of forks,
/// `explain`, the language server and the diff see ordinary declarations, and every mistake in
/// a cell (an unknown method, a bad direction, a weight that is not a number) is reported by
/// the same code as in a written declaration, at the cell: the table's line, a caret under the
/// cell. A row's `parent` and `weight` make it a member of that node, as if listed in its
/// `members { … }`. The table is read through `FileAccess` like a data file, so it must lie
/// inside the methodology's folders (or a `--root`).
///
/// A written declaration of the same name in the same file overrides its row (the row still
/// places it in the tree); a code twice in the table is an error at its second row.
struct TableDeclarations {
  let access: FileAccess
  var diagnostics: [Diagnostic] = []

  /// A row's place in the tree: member `member` of node `parent`.
  struct Placement {
    var parent: String
    var parentSpan: Span
    var member: Declaration.Member
  }

  /// What one table declares.
  struct Expansion {
    var declarations: [Declaration] = []
    var placements: [Placement] = []
  }

  init(access: FileAccess) {
    self.access = access
  }

  /// Reads the table `decl` names (relative to `file`) and declares its rows.
  ///
  /// Nil when the table cannot be read or its mapping does not fit it (both reported).
  mutating func expand(_ decl: DeclSyntax, in file: SourceFile) -> Expansion? {
    let mapping = TableMapping.read(decl.body, file: file, diagnostics: &diagnostics)
    guard let source = decl.source, !source.isBad else { return nil }
    let located = Located(source, in: file)
    guard let (path, pathSpan) = DataLoader.csvPath(located) else {
      diagnostics.append(Catalog.badSource(located.span(source.range)))
      return nil
    }
    let location = access.locate(path, from: file.path)
    let bytes: [UInt8]
    do {
      bytes = try access.read(location, as: .data)
    } catch {
      diagnostics.append(
        Catalog.unreadable(error, location, as: .data, pathSpan, roots: access.rootsAsWritten))
      return nil
    }
    let table = SourceFile(path: location.path, bytes: bytes)
    let cells = CSVCells(bytes: bytes)
    for offset in cells.unclosedQuotes {
      diagnostics.append(
        Catalog.unreadableTable(
          "this quote is never closed", Span(file: table, start: offset, end: offset + 1)))
    }
    guard cells.unclosedQuotes.isEmpty, let header = cells.records.first else {
      if cells.records.isEmpty {
        diagnostics.append(Catalog.unreadableTable("it has no header row", pathSpan))
      }
      return nil
    }
    guard let columns = columns(mapping, header: header, tableName: location.written, decl, file)
    else { return nil }
    var rows = TableRows(table: table, mapping: mapping, columns: columns)
    let expansion = rows.declare(cells.records.dropFirst())
    diagnostics += rows.diagnostics
    return expansion
  }

  /// The header position of every mapped column; nil (reported at the mapping) when one is
  /// missing or `code` is not mapped.
  private mutating func columns(
    _ mapping: TableMapping, header: [CSVCells.Cell], tableName: String, _ decl: DeclSyntax,
    _ file: SourceFile
  ) -> [String: Int]? {
    var positions: [String: Int] = [:]
    for (position, cell) in header.enumerated() where positions[cell.text] == nil {
      positions[cell.text] = position
    }
    var columns: [String: Int] = [:]
    var complete = true
    for entry in mapping.entries {
      guard let position = positions[entry.column] else {
        diagnostics.append(
          Catalog.missingTableColumn(
            entry.column, table: tableName, entry.columnSpan, known: header.map(\.text)))
        complete = false
        continue
      }
      columns[entry.property] = position
    }
    if mapping.entry("code") == nil {
      let span = decl.body.map(\.range) ?? decl.kindRange
      diagnostics.append(
        Catalog.mappingNeedsCode(Span(file: file, start: span.start, end: span.end)))
      complete = false
    }
    return complete ? columns : nil
  }
}

extension FileGraph {
  /// Declares the rows of a file's tables after its written declarations, skipping rows that
  /// a written declaration of the file overrides, then places every row under its parent.
  mutating func declareTables(
    _ tables: [DeclSyntax], in file: SourceFile, into resolver: inout Resolver
  ) {
    guard !tables.isEmpty else { return }
    var expander = TableDeclarations(access: access)
    var placements: [TableDeclarations.Placement] = []
    for table in tables {
      guard let expansion = expander.expand(table, in: file) else {
        resolver.methodology.hasUnreadTable = true
        continue
      }
      for declaration in expansion.declarations {
        if let written = resolver.declaredNames[declaration.name],
          written.file.path == file.path
        {
          continue
        }
        resolver.addResolved(declaration)
      }
      placements += expansion.placements
    }
    diagnostics += expander.diagnostics
    for placement in placements {
      place(placement, in: &resolver)
    }
  }

  /// Makes a row a member of its parent, unless the parent already lists it.
  private mutating func place(_ placement: TableDeclarations.Placement, in resolver: inout Resolver)
  {
    let name = placement.parent
    if resolver.methodology.index?.name == name {
      resolver.methodology.index?.addMember(placement.member)
      return
    }
    if let position = resolver.methodology.nodes.firstIndex(where: { $0.name == name }) {
      let parent = resolver.methodology.nodes[position]
      guard parent.kind == .dimension else {
        diagnostics.append(
          Catalog.parentNotAggregate(
            name, kind: parent.kind.rawValue, placement.parentSpan, declared: parent.nameSpan))
        return
      }
      resolver.methodology.nodes[position].addMember(placement.member)
      return
    }
    if let other = resolver.methodology.data.first(where: { $0.name == name })
      ?? resolver.methodology.scales.first(where: { $0.name == name })
    {
      diagnostics.append(
        Catalog.parentNotAggregate(
          name, kind: other.kind.rawValue, placement.parentSpan, declared: other.nameSpan))
      return
    }
    // A did-you-mean looks at every node: past the first hundred messages, none.
    var known: [String] = []
    if diagnostics.count < Checker.suggestionLimit {
      known = resolver.methodology.nodes.filter { $0.kind == .dimension }.map(\.name)
      if let index = resolver.methodology.index { known.insert(index.name, at: 0) }
    }
    diagnostics.append(
      Catalog.unknownParent(
        name, code: placement.member.name, placement.parentSpan, known: known))
  }
}

extension Declaration {
  /// Adds a member from a table row, unless `members { … }` already lists it.
  mutating func addMember(_ member: Member) {
    guard !(members ?? []).contains(where: { $0.name == member.name }) else { return }
    if members == nil { members = [] }
    members?.append(member)
  }
}
