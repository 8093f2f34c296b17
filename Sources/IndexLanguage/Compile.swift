import Diagnostics
import ScoringEngine

/// Everything known about a methodology file after checking it: the plan and data ready to
/// run, or the diagnostics that say why not.
public struct Compilation: Sendable {
  public var methodology: Methodology?
  public var plan: Plan?
  public var table: DataTable?
  /// The checked `uncertainty` block, if the methodology has one.
  public var uncertainty: UncertaintyModel?
  /// Sorted by file and position.
  public var diagnostics: [Diagnostic]
  /// Set when the file itself could not be read (an I/O problem, exit code 2, not a
  /// problem in the input).
  public var unreadable: FileError?
  /// The data as loaded, for a later compilation of the same sources (`reusing:`).
  public var data: LoadedData?

  /// Whether the plan can run.
  public var isRunnable: Bool { plan != nil && table != nil && !diagnostics.hasErrors }
}

/// Reads, parses, checks and lowers a methodology file and loads its data.
///
/// The stages run in order and each adds diagnostics; a stage that cannot produce anything
/// meaningful stops the chain, so one mistake gives one message rather than a cascade. Every
/// file the methodology names must lie inside the folder of `path` or one of
/// `options.roots`, and fit `options.limits` (see `FileAccess`).
///
/// `edits` are statements given apart from any file (`idx run --edit`, the REPL), applied as
/// if written at the end of a fork that `extends` the file (see `FileGraph.applyEdits`). The
/// data of `reusing`, when its `data` declarations are the ones this methodology has, is used
/// instead of reading the data files again.
public func compile(
  path: String, fileSystem: any FileSystem, options: CompileOptions = CompileOptions(),
  edits: [SourceFile] = [], reusing: LoadedData? = nil
) -> Compilation {
  var compilation = Compilation(methodology: nil, plan: nil, table: nil, diagnostics: [])
  let access = FileAccess(fileSystem: fileSystem, file: path, options: options)
  guard let methodology = resolveFiles(path, access: access, edits: edits, into: &compilation)
  else { return compilation }
  guard !compilation.diagnostics.hasErrors || methodology.index != nil else {
    compilation.diagnostics = compilation.diagnostics.sortedByLocation()
    return compilation
  }
  // The data files are read on another thread while the checker runs (`BackgroundLoad`).
  let background = BackgroundLoad.start(methodology, access: access, reusing: reusing)
  var checker = Checker(methodology)
  let plan = checker.check()
  compilation.diagnostics += checker.diagnostics
  compilation.uncertainty = checker.uncertainty
  guard let plan, !compilation.diagnostics.hasErrors else {
    compilation.diagnostics = compilation.diagnostics.sortedByLocation()
    return compilation
  }
  let (data, loading) =
    background?.result(for: plan)
    ?? LoadedData.load(methodology, plan: plan, access: access, reusing: reusing)
  compilation.diagnostics += loading
  if let data {
    compilation.diagnostics += DataCheck.check(
      plan: plan, table: data.table, methodology: methodology, columns: checker.columns,
      entities: checker.entityReferences, columnsBySource: data.columnsBySource)
  } else if methodology.data.isEmpty {
    compilation.diagnostics.append(Catalog.noData(methodology.index?.nameSpan))
  }
  compilation.plan = plan
  compilation.table = data?.table
  compilation.data = data
  compilation.diagnostics = compilation.diagnostics.sortedByLocation()
  return compilation
}

/// Reads, parses and resolves the methodology's files, with `edits` applied.
///
/// Nil when the root file cannot be read (`compilation` then says why). The syntax trees live
/// only as long as this call: the methodology keeps what it needs of them (the files, and the
/// expressions it points into), so the statement trees are freed before the plan is built and
/// the two never take memory at the same time.
private func resolveFiles(
  _ path: String, access: FileAccess, edits: [SourceFile], into compilation: inout Compilation
) -> Methodology? {
  var files = FileGraph(access: access)
  guard files.load(path) else {
    compilation.unreadable = files.unreadable
    compilation.diagnostics = files.diagnostics
    return nil
  }
  let methodology = files.applyEdits(edits, to: files.methodology())
  compilation.methodology = methodology
  compilation.diagnostics += files.diagnostics
  return methodology
}

/// Checks what only the data can tell: columns, periods and entity codes exist.
enum DataCheck {
  static func check(
    plan: Plan, table: DataTable, methodology: Methodology,
    columns: [(qualified: String, span: Span)],
    entities: [(code: String, span: Span)], columnsBySource: [String: [String]]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var reported = Set<String>()
    // A did-you-mean looks at every name; past the first hundred, the message goes without.
    let suggested = Checker.suggestionLimit
    // The table's own look-up of its columns, by the name the formula reads: no set of ten
    // thousand names made again here, and no name made again either.
    for (qualified, span) in columns where table.variableIndex(qualified) == nil {
      guard reported.insert(qualified + "@\(span.start)").inserted else { continue }
      // The source and the column as written, on either side of the first dot.
      let bytes = qualified.utf8
      let dot = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
      let source = String(decoding: bytes[..<dot], as: UTF8.self)
      let column = String(decoding: bytes[dot...].dropFirst(), as: UTF8.self)
      let known = diagnostics.count < suggested ? columnsBySource[source] ?? [] : []
      diagnostics.append(Catalog.unknownColumn(column, source: source, span, known: known))
    }
    let codes = table.entities.map(\.code)
    let present = Set(codes)
    for (code, span) in entities where !present.contains(code) {
      let known = diagnostics.count < suggested ? codes : []
      diagnostics.append(Catalog.unknownEntity(code, span, known: known))
    }
    diagnostics += pooling(plan: plan, table: table, methodology: methodology)
    if let period = methodology.index?.property("period") {
      for year in plan.periods where table.periodIndex(year) == nil {
        diagnostics.append(
          Catalog.periodNotInData(year, period.valueSpan, available: table.periods))
      }
    }
    return diagnostics
  }
}
