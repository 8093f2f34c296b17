import Diagnostics

// Loading turns a CSV file into a `DataTable` in one pass over the bytes. The header decides
// which column plays which role; each data row is split into byte ranges, its key and period
// read as text, and its numbers parsed straight into one `[Double]` per column, in row order.
// Only at the end, when every entity and period is known, is each column permuted into the
// table's period-major order, one column at a time, so memory peaks near one copy of the
// numbers. Problems become diagnostics and the offending row or cell is skipped: a bad file
// yields as much of a table as it can, and never a crash.

/// How to read a data file into a table: its layout, and which columns play which role.
public struct TableOptions: Sendable, Equatable {
  /// Where entities, periods and variables sit in the file.
  public enum Layout: Sendable, Equatable {
    /// One row per entity (and period, when `periodColumn` is set), one column per variable.
    case panel
    /// One row per entity; columns named by a pattern such as `{variable}_{period}` (`le_2022`).
    case wide(pattern: String)
    /// One row per entity, period and variable, with the variable's name and value in columns.
    case long(variableColumn: String, valueColumn: String)
  }

  /// The text encoding of the file; `.auto` reads UTF-8 and falls back, with a warning, to
  /// Windows-1252 or Latin-1 (see `decodeText`).
  public enum Encoding: Sendable, Equatable {
    case auto
    case utf8
    case latin1
    /// Windows-1252: Latin-1 with printable characters (’ “ ” – — € …) at 0x80–0x9F.
    case cp1252
  }

  public var layout: Layout
  /// The column of entity codes; required, and never empty in a row.
  public var keyColumn: String
  /// The column of display names; entities without one are named by their code.
  public var nameColumn: String?
  /// The column of integer periods; nil reads every row as `defaultPeriod`.
  ///
  /// Unused in wide layout, where the period is part of the column names.
  public var periodColumn: String?
  /// The period of every row when there is no period column.
  public var defaultPeriod: Int
  /// Text columns that become `Entity.groups`; each must exist.
  public var groupColumns: [String]
  /// The variables to read, in this order; nil reads every numeric column in file order.
  ///
  /// With nil, a column whose non-missing cells are all text becomes a group instead.
  public var variables: [String]?
  public var encoding: Encoding
  /// Cells that mean "no value"; compared after trimming spaces, and never applied to keys.
  public var missingTokens: [String]
  /// The byte between fields: a comma unless the file says otherwise (`;` and tab are common).
  public var delimiter: UInt8

  public init(
    keyColumn: String, layout: Layout = .panel, nameColumn: String? = nil,
    periodColumn: String? = nil, defaultPeriod: Int = 0, groupColumns: [String] = [],
    variables: [String]? = nil, encoding: Encoding = .auto,
    missingTokens: [String] = ["", "NA", "..", "n/a"], delimiter: UInt8 = UInt8(ascii: ",")
  ) {
    self.layout = layout
    self.keyColumn = keyColumn
    self.nameColumn = nameColumn
    self.periodColumn = periodColumn
    self.defaultPeriod = defaultPeriod
    self.groupColumns = groupColumns
    self.variables = variables
    self.encoding = encoding
    self.missingTokens = missingTokens
    self.delimiter = delimiter
  }
}

/// The result of loading a data file: the table, what went wrong, and the text it came from.
public struct TableLoad: Sendable {
  /// The table; nil only when the file cannot be read as a table at all.
  ///
  /// Check `diagnostics.hasErrors` before trusting it: rows with errors were skipped.
  public var table: DataTable?
  /// Errors and warnings, sorted by position.
  public var diagnostics: [Diagnostic]
  /// The decoded file, which every span in `diagnostics` points into.
  public var source: SourceFile

  public init(table: DataTable?, diagnostics: [Diagnostic], source: SourceFile) {
    self.table = table
    self.diagnostics = diagnostics
    self.source = source
  }
}

/// Reads a CSV file into a table, collecting every problem as a diagnostic.
public func loadTable(_ file: SourceFile, options: TableOptions) -> TableLoad {
  loadTable(file, options: options, directParts: TableLoader.directThreads)
}

/// `loadTable` with the direct reader's parts chosen (0: never read directly; see
/// `DirectRows.swift`), so that tests compare the ways of reading a file.
func loadTable(
  _ file: SourceFile, options: TableOptions, directParts: Int,
  minimumPartBytes: Int = TableLoader.bytesPerExtraThread
) -> TableLoad {
  let decoded = decodeText(
    file, as: options.encoding, parts: max(1, directParts), minimumPartBytes: minimumPartBytes)
  let source = decoded.source
  var diagnostics = decoded.diagnostics
  let table = withCNumericLocale {
    source.bytes.withUnsafeBufferPointer { bytes in
      var loader = TableLoader(
        source: source, bytes: bytes, options: options, lineFeeds: decoded.lineFeeds)
      loader.directParts = directParts
      loader.minimumPartBytes = minimumPartBytes
      let table = loader.load()
      diagnostics += loader.diagnostics
      return table
    }
  }
  return TableLoad(table: table, diagnostics: diagnostics.sortedByLocation(), source: source)
}

/// The state of one load: the reader over the bytes, the options, and what was found so far.
///
/// Borrows the file's bytes through its reader, so it lives only inside `loadTable`.
struct TableLoader {
  let source: SourceFile
  let options: TableOptions
  var reader: CSVReader
  let parser = NumberParser()
  let missing: MissingTokens
  var diagnostics: [Diagnostic] = []
  /// The fields of the record being read, reused from row to row.
  var fields: [CSVField] = []
  /// The numbers the reader found in those fields (`nextDataRecord(…readingNumbers:)`).
  var numbers: [Double] = []
  /// How many parts (threads) the direct reader may split a clean file into; 0 reads every
  /// file with `readRows`.
  var directParts = 1
  /// The fewest bytes a file needs per part beyond the first.
  var minimumPartBytes = TableLoader.bytesPerExtraThread
  /// Line feeds in the file, if decoding already counted them.
  private let lineFeeds: Int?

  init(
    source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, options: TableOptions,
    lineFeeds: Int? = nil
  ) {
    self.source = source
    self.options = options
    self.lineFeeds = lineFeeds
    self.reader = CSVReader(bytes, delimiter: options.delimiter)
    self.missing = MissingTokens(options.missingTokens)
  }

  /// Reads the whole file; nil when there is no header or a required column is missing.
  mutating func load() -> DataTable? {
    guard CSVReader.canSplit(on: options.delimiter) else {
      diagnostics.append(DataMessages.invalidDelimiter(options.delimiter))
      return nil
    }
    defer { reportUnclosedQuotes() }
    guard let header = readHeader() else { return nil }
    guard let roles = resolveRoles(header) else { return nil }
    switch options.layout {
    case .panel:
      return readPanel(header, roles)
    case .wide(let pattern):
      return readWide(header, roles, pattern: pattern)
    case .long(let variableColumn, let valueColumn):
      return readLong(header, roles, variableColumn: variableColumn, valueColumn: valueColumn)
    }
  }

  /// The span of a field, quotes included.
  func span(_ field: CSVField) -> Span {
    Span(file: source, start: field.start, end: field.end)
  }

  /// Where diagnostics about the header as a whole point: its start, so that a wide header
  /// is not underlined from end to end.
  func span(_ header: Header) -> Span {
    Span(file: source, start: header.record.lowerBound, end: header.record.lowerBound)
  }

  private mutating func reportUnclosedQuotes() {
    for offset in reader.unclosedQuotes {
      let at = Span(file: source, start: offset, end: offset + 1)
      diagnostics.append(DataMessages.unclosedQuote(at: at))
    }
  }

  /// Counts line feeds: an upper bound on the number of rows, for reserving column capacity.
  func lineCountEstimate() -> Int {
    (lineFeeds ?? source.bytes.withUnsafeBufferPointer(countLineFeeds)) + 1
  }
}

/// The cells that mean "no value", matched without allocating.
struct MissingTokens {
  /// The tokens' bytes, trimmed.
  let tokens: [[UInt8]]
  /// Bit `n` is set when some token has `n` bytes: most cells are rejected by length alone.
  private let lengths: UInt64

  init(_ tokens: [String]) {
    // Cells are trimmed before they are compared, so tokens are too.
    self.tokens = tokens.map { token in
      Array(token.utf8).drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        .drop { $0 == 0x20 || $0 == 0x09 }.reversed()
    }
    var lengths: UInt64 = 0
    for token in self.tokens where token.count < 64 { lengths |= 1 << UInt64(token.count) }
    self.lengths = lengths
  }

  /// Whether the trimmed content of a cell is one of the tokens.
  @inline(__always)
  func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard count < 64, lengths & (1 << UInt64(count)) != 0 else { return false }
    for token in tokens where token.count == count {
      if token.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return true }
    }
    return false
  }
}
