import Diagnostics
import ScoringEngine

/// The data a compilation loaded, kept so that a later compilation of the same sources (the
/// REPL after an edit that did not touch a `data` declaration) uses it instead of reading and
/// parsing the files again.
///
/// Reuse is decided by `key`: the text of every `data` declaration as resolved (its name, its
/// file, its source and each property's value as written) and the default period rows without
/// a period column are read as. Anything that could change what the loader produces changes
/// the key; the files themselves are not read again, which is the point: a session keeps the
/// data it loaded, as it keeps the methodology text it loaded, until `:reload`.
public struct LoadedData: Sendable {
  public var table: DataTable
  /// Columns of each source, for the did-you-mean of an unknown column.
  var columnsBySource: [String: [String]]
  /// Whether some source reads periods (then the table has periods even when the
  /// methodology names none).
  var readsPeriods: Bool
  /// What loading reported (warnings about cells, say), given again on reuse so a compilation
  /// reports the same whether or not it loaded the files.
  var diagnostics: [Diagnostic]
  var key: String

  /// The key of a methodology's data declarations.
  static func key(_ declarations: [Declaration], defaultPeriod: Int) -> String {
    var parts = ["\(defaultPeriod)"]
    for declaration in declarations {
      parts.append(declaration.name)
      parts.append(declaration.file.path)
      parts.append(declaration.source.map { $0.span($0.value.range).text } ?? "")
      for property in declaration.properties {
        parts.append(property.name + "=" + property.value.file.path + ":" + property.valueSpan.text)
      }
    }
    return parts.joined(separator: "\u{0}")
  }

  /// The data of `methodology`: `reusing` when its key matches, else loaded through `access`.
  static func load(
    _ methodology: Methodology, plan: Plan, access: FileAccess, reusing: LoadedData?
  ) -> (data: LoadedData?, diagnostics: [Diagnostic]) {
    let defaultPeriod = plan.periods.count == 1 ? plan.periods[0] : 0
    let key = key(methodology.data, defaultPeriod: defaultPeriod)
    if var reused = reusing, reused.key == key {
      reused.table.hasPeriods = !plan.periods.isEmpty || reused.readsPeriods
      return (reused, reused.diagnostics)
    }
    var loader = DataLoader(access: access)
    let table = loader.load(methodology.data, defaultPeriod: defaultPeriod)
    guard var table else { return (nil, loader.diagnostics) }
    table.hasPeriods = !plan.periods.isEmpty || loader.readsPeriods
    let data = LoadedData(
      table: table, columnsBySource: loader.columnsBySource, readsPeriods: loader.readsPeriods,
      diagnostics: loader.diagnostics, key: key)
    return (data, loader.diagnostics)
  }
}
