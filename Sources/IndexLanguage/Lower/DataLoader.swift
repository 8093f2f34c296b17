import Diagnostics
import ScoringEngine

/// Reads the `data` sources a methodology names, relative to the file that names them.
///
/// This is the only place the language touches data files, through the `FileAccess` it is
/// given, so a methodology's inputs are exactly the files it declares, inside its folders.
struct DataLoader {
  let access: FileAccess
  var interpreter = Interpreter()
  var diagnostics: [Diagnostic] = []
  /// The decoded data files, so their diagnostics can be rendered.
  var sources: [SourceFile] = []
  /// Columns of each source, by source name, for the column check.
  var columnsBySource: [String: [String]] = [:]
  /// Whether some source reads periods (a `period:` column or a wide `columns:` pattern).
  var readsPeriods = false
  /// Each data file read, with its stamp from just before.
  var stamps: [LoadedData.Stamped] = []

  init(access: FileAccess) {
    self.access = access
  }

  /// Loads every source and merges them into one table with qualified column names.
  mutating func load(_ declarations: [Declaration], defaultPeriod: Int) -> DataTable? {
    var tables: [(prefix: String, table: DataTable)] = []
    for declaration in declarations {
      guard let options = options(declaration, defaultPeriod: defaultPeriod),
        let path = path(declaration)
      else { continue }
      let location = access.locate(path.value, from: declaration.file.path)
      let resolved = location.path
      let bytes: [UInt8]
      // Stamped before reading: a change made during the read shows as a newer stamp.
      stamps.append(
        LoadedData.Stamped(path: location.key, shown: resolved, stamp: access.stamp(location)))
      do {
        bytes = try access.read(location, as: .data)
      } catch {
        diagnostics.append(
          Catalog.unreadable(
            error, location, as: .data, path.span, roots: access.rootsAsWritten))
        continue
      }
      if let pin = declaration.property("pin") {
        checkPin(pin, bytes: bytes, path: resolved)
      }
      let load = loadTable(SourceFile(path: resolved, bytes: bytes), options: options)
      sources.append(load.source)
      diagnostics += load.diagnostics
      if let table = load.table {
        tables.append((declaration.name, table))
        columnsBySource[declaration.name] = table.variables
      }
    }
    diagnostics += interpreter.diagnostics
    guard tables.count == declarations.count, !tables.isEmpty else { return nil }
    return DataTable.merging(tables)
  }

  /// The path in `csv("…")`, with its span.
  private mutating func path(_ declaration: Declaration) -> (value: String, span: Span)? {
    guard let source = declaration.source else {
      diagnostics.append(Catalog.missingSource(declaration.name, declaration.nameSpan))
      return nil
    }
    guard let path = Self.csvPath(source) else {
      diagnostics.append(Catalog.badSource(source.span(source.value.range)))
      return nil
    }
    return path
  }

  /// The path in `csv("…")` with the span of the call, or nil when the source is not one
  /// (a metadata table names its file the same way).
  static func csvPath(_ source: Located<ExprSyntax>) -> (value: String, span: Span)? {
    guard case .call(let function, let arguments) = source.value.kind, function.text == "csv",
      arguments.count == 1, case .string(let path) = arguments[0].value.kind
    else { return nil }
    return (path, source.span(source.value.range))
  }

  /// Loader options from the declaration's properties.
  private mutating func options(_ declaration: Declaration, defaultPeriod: Int) -> TableOptions? {
    func text(_ name: String) -> String? {
      declaration.property(name).flatMap { interpreter.name($0.value, what: "a column name") }
    }
    guard let key = text("key") else {
      diagnostics.append(
        Catalog.missingProperty("key", declaration: declaration, example: "key: iso3"))
      return nil
    }
    var options = TableOptions(keyColumn: key, defaultPeriod: defaultPeriod)
    options.periodColumn = text("period")
    if options.periodColumn != nil || declaration.property("columns") != nil { readsPeriods = true }
    options.nameColumn = text("names")
    if let group = declaration.property("group") {
      if case .list(let items) = group.value.value.kind {
        options.groupColumns = items.compactMap {
          interpreter.name(Located($0, in: group.value.file), what: "a group column")
        }
      } else if let name = interpreter.name(group.value, what: "a group column") {
        options.groupColumns = [name]
      }
    }
    if let pattern = text("columns") {
      guard pattern.contains("{variable}") && pattern.contains("{period}") else {
        diagnostics.append(
          Catalog.invalidValue(
            "a column pattern names `{variable}` and `{period}`, as in \"{variable}_{period}\"",
            declaration.property("columns")?.valueSpan))
        return nil
      }
      options.layout = .wide(pattern: pattern)
    }
    if let layout = declaration.property("layout") {
      switch layout.value.value.kind {
      case .name("long"):
        options.layout = .long(
          variableColumn: text("variable") ?? "variable", valueColumn: text("value") ?? "value")
      case .name("panel"), .name("wide"):
        break
      default:
        diagnostics.append(
          Catalog.invalidValue(
            "layout is `panel` (the default), `wide` or `long`", layout.valueSpan))
      }
    }
    if let encoding = text("encoding") {
      switch encoding.lowercased() {
      case "utf8", "utf-8": options.encoding = .utf8
      case "latin1", "latin-1", "iso-8859-1": options.encoding = .latin1
      case "cp1252", "windows-1252", "windows1252": options.encoding = .cp1252
      case "auto": options.encoding = .auto
      default:
        diagnostics.append(
          Catalog.invalidValue(
            "encoding is `utf8`, `latin1`, `cp1252` or `auto`",
            declaration.property("encoding")?.valueSpan))
      }
    }
    if let missing = declaration.property("missing") {
      guard case .list(let items) = missing.value.value.kind else {
        diagnostics.append(
          Catalog.invalidValue("missing is a list of strings: [\"..\", \"NA\"]", missing.valueSpan))
        return options
      }
      // An empty cell is always missing; `missing:` names the other markers the file uses.
      options.missingTokens =
        [""]
        + items.compactMap {
          if case .string(let token) = $0.kind { return token }
          return nil
        }
    }
    return options
  }

  private mutating func checkPin(_ pin: Declaration.Property, bytes: [UInt8], path: String) {
    guard case .string(let expected) = pin.value.value.kind else {
      diagnostics.append(Catalog.invalidValue("a pin is a string: \"sha256:…\"", pin.valueSpan))
      return
    }
    let actual = "sha256:" + SHA256.hex(bytes)
    if expected != actual {
      diagnostics.append(
        Catalog.pinMismatch(path, expected: expected, actual: actual, pin.valueSpan))
    }
  }
}
