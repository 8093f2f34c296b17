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
/// data it loaded, as it keeps the methodology text it loaded, until `:reload`. The language
/// server, whose files change under it, also asks `isCurrent(in:)` of the files' stamps.
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
  /// The data files read, each with its stamp from before it was read.
  var stamps: [Stamped] = []

  /// A data file and its stamp (`FileSystem.stamp`).
  struct Stamped: Sendable {
    /// With links followed: what is stamped.
    var path: String
    /// As diagnostics name it (resolved against the methodology, links kept).
    var shown: String
    var stamp: FileStamp?
  }

  /// Whether every data file is unchanged in `fileSystem` since it was read.
  ///
  /// What lets a long session whose files can change under it (the language server) reuse
  /// this data (`compile(…, reusing:)`). False when a file system cannot stamp its files, and
  /// when loading reported something inside a methodology file: that report's place would be
  /// stale once the text above it changes.
  public func isCurrent(in fileSystem: any FileSystem) -> Bool {
    let files = Set(stamps.map(\.shown))
    let locatedInData = diagnostics.allSatisfy { diagnostic in
      ([diagnostic.primary].compactMap { $0 } + diagnostic.secondary).allSatisfy {
        files.contains($0.span.file.path)
      }
    }
    return !stamps.isEmpty && locatedInData
      && stamps.allSatisfy { $0.stamp != nil && fileSystem.stamp($0.path) == $0.stamp }
  }

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

  /// The period rows without a period column are read as: the index's one period, else 0.
  static func defaultPeriod(_ periods: [Int]) -> Int {
    periods.count == 1 ? periods[0] : 0
  }

  /// The data of `methodology`: `reusing` when its key matches, else loaded through `access`.
  static func load(
    _ methodology: Methodology, plan: Plan, access: FileAccess, reusing: LoadedData?
  ) -> (data: LoadedData?, diagnostics: [Diagnostic]) {
    let defaultPeriod = defaultPeriod(plan.periods)
    if let reused = reuse(reusing, methodology, defaultPeriod: defaultPeriod) {
      return finished(reused, plan: plan)
    }
    return finished(read(methodology, defaultPeriod: defaultPeriod, access: access), plan: plan)
  }

  /// `reusing`, when its key is the one of `methodology`'s data declarations.
  static func reuse(_ reusing: LoadedData?, _ methodology: Methodology, defaultPeriod: Int)
    -> LoadedData?
  {
    guard let reusing, reusing.key == key(methodology.data, defaultPeriod: defaultPeriod)
    else { return nil }
    return reusing
  }

  /// Reads and parses the data files, without what the plan adds.
  ///
  /// Whether the table has periods is set by `finished`. This needs nothing the checker
  /// decides, so it may run while the checker does (`BackgroundLoad`).
  static func read(_ methodology: Methodology, defaultPeriod: Int, access: FileAccess)
    -> (data: LoadedData?, diagnostics: [Diagnostic])
  {
    var loader = DataLoader(access: access)
    let table = loader.load(methodology.data, defaultPeriod: defaultPeriod)
    guard let table else { return (nil, loader.diagnostics) }
    let data = LoadedData(
      table: table, columnsBySource: loader.columnsBySource, readsPeriods: loader.readsPeriods,
      diagnostics: loader.diagnostics, key: key(methodology.data, defaultPeriod: defaultPeriod),
      stamps: loader.stamps)
    return (data, loader.diagnostics)
  }

  /// The data with what the plan says about periods.
  static func finished(_ data: LoadedData, plan: Plan) -> (
    data: LoadedData?, diagnostics: [Diagnostic]
  ) {
    var data = data
    data.table.hasPeriods = !plan.periods.isEmpty || data.readsPeriods
    return (data, data.diagnostics)
  }

  /// `read`'s result with what the plan says about periods.
  static func finished(
    _ read: (data: LoadedData?, diagnostics: [Diagnostic]), plan: Plan
  ) -> (data: LoadedData?, diagnostics: [Diagnostic]) {
    guard let data = read.data else { return read }
    return finished(data, plan: plan)
  }
}
