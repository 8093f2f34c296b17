import Diagnostics

/// The braces of `indicators from csv(…) { … }`: which column of the table gives which idx
/// property of each row's indicator.
///
/// A few properties belong to the table itself: `code` (required), `label`, `doc`, `parent`,
/// `weight`, `denominator` and `type`. Every other name must be a property an `indicator`
/// declaration takes (`Resolver.allowedProperties`), so a method added to the language is
/// mapped like the others with no change here. A column is named as a bare name or a string;
/// `data.Column` says the column's cells are columns of the data source `data`, so a COINr
/// table whose iCode is the data's column name maps as `value: asem.iCode`.
struct TableMapping {
  /// One mapped property.
  struct Entry {
    /// The idx property: `code`, `normalize`, ….
    var property: String
    var propertySpan: Span
    /// The table's column.
    var column: String
    var columnSpan: Span
    /// `asem` in `value: asem.iCode`: each cell names a column of this data source.
    var source: String?
  }

  /// Properties that describe the row rather than one indicator property.
  static let tableProperties = [
    "code", "label", "doc", "parent", "weight", "denominator", "type",
  ]

  /// Every name the braces accept, table properties first.
  static var allowed: [String] {
    tableProperties + (Resolver.allowedProperties[.indicator] ?? [])
  }

  var entries: [Entry] = []

  /// The entry of a property, if mapped.
  func entry(_ property: String) -> Entry? {
    entries.first { $0.property == property }
  }

  /// Reads the braces, reporting unknown properties, duplicates and values that name no column.
  static func read(_ body: BodySyntax?, file: SourceFile, diagnostics: inout [Diagnostic])
    -> TableMapping
  {
    var mapping = TableMapping()
    let span = { (range: ByteRange) in Span(file: file, start: range.start, end: range.end) }
    let allowed = Self.allowed
    for item in body?.items ?? [] {
      switch item {
      case .property(let property):
        guard !property.name.isMissing else { continue }
        let name = property.name.text
        let nameSpan = span(property.name.range)
        guard allowed.contains(name) else {
          diagnostics.append(
            Catalog.unknownProperty(name, kind: "indicators", nameSpan, allowed: allowed))
          continue
        }
        if let first = mapping.entry(name) {
          diagnostics.append(
            Catalog.duplicateProperty(name, nameSpan, first: first.propertySpan))
          continue
        }
        guard let (column, source) = Self.column(property.value) else {
          if !property.value.isBad {
            diagnostics.append(Catalog.mappingNeedsColumn(name, span(property.value.range)))
          }
          continue
        }
        mapping.entries.append(
          Entry(
            property: name, propertySpan: nameSpan, column: column,
            columnSpan: span(property.value.range), source: source))
      case .bad:
        continue
      case .members(let node):
        diagnostics.append(Catalog.misplacedItem("members", kind: "indicators", span(node.range)))
      case .ratings(let node):
        diagnostics.append(Catalog.misplacedItem("ratings", kind: "indicators", span(node.range)))
      case .adjust(let node):
        diagnostics.append(Catalog.misplacedItem("adjust", kind: "indicators", span(node.range)))
      case .level(let node):
        diagnostics.append(
          Catalog.misplacedItem("a scale level", kind: "indicators", span(node.range)))
      }
    }
    return mapping
  }

  /// The column a mapping value names, and the data source before it, if any.
  private static func column(_ value: ExprSyntax) -> (String, String?)? {
    switch value.kind {
    case .name(let column): return (column, nil)
    case .string(let column): return (column, nil)
    case .member(let base, let name):
      guard case .name(let source) = base.kind else { return nil }
      return (name.text, source)
    default: return nil
    }
  }
}
