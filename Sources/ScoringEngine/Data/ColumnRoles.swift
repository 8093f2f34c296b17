import Diagnostics

/// The header row: column names and where each one is written.
struct Header {
  /// Trimmed, unescaped names, one per column; empty for a column without a name.
  let names: [String]
  var fields: [CSVField]
  /// The header record's byte range, for diagnostics about the header as a whole.
  var record: Range<Int>
  /// The first column with each name: a duplicate is reported and then ignored.
  private var firstColumn: [String: Int] = [:]
  /// Whether each column is the first with its name (and has one): `isReadable` without
  /// hashing the name again.
  private var readable: [Bool]

  init(names: [String], fields: [CSVField], record: Range<Int>) {
    self.names = names
    self.fields = fields
    self.record = record
    readable = [Bool](repeating: false, count: names.count)
    firstColumn.reserveCapacity(names.count)
    for (column, name) in names.enumerated() where !name.isEmpty {
      // One hash for a new name, the common case: stored at once, and the first column put
      // back when the name turns out to be taken. (The defaulting subscript would hash once
      // too, but allocates a context for its default on every call.)
      if let first = firstColumn.updateValue(column, forKey: name) {
        firstColumn[name] = first
      } else {
        readable[column] = true
      }
    }
  }

  var count: Int { names.count }

  /// The column with this name, or nil.
  func column(_ name: String) -> Int? {
    firstColumn[name]
  }

  /// Whether `column` is the one read for its name (not a duplicate, not unnamed).
  func isReadable(_ column: Int) -> Bool {
    readable[column]
  }

  /// The names worth suggesting: those of readable columns.
  var readableNames: [String] {
    names.indices.filter(isReadable).map { names[$0] }
  }
}

/// Which columns hold the entity key, name, period and groups.
struct ColumnRoles {
  var key: Int
  var name: Int?
  var period: Int?
  var groups: [(name: String, column: Int)]

  /// Whether a column is one of these text columns rather than a candidate variable.
  func isText(_ column: Int) -> Bool {
    column == key || column == name || column == period || groups.contains { $0.column == column }
  }
}

extension TableLoader {
  /// Reads the first non-blank record as the header, reporting duplicate and unnamed columns.
  mutating func readHeader() -> Header? {
    var record: Range<Int>?
    repeat {
      record = reader.nextRecord(into: &fields)
    } while record != nil && reader.isBlankRecord(fields)
    guard let record else {
      diagnostics.append(DataMessages.emptyFile(source))
      return nil
    }
    let header = Header(names: fields.map(reader.text), fields: fields, record: record)
    for (column, name) in header.names.enumerated() {
      let field = header.fields[column]
      if name.isEmpty {
        diagnostics.append(DataMessages.unnamedColumn(number: column + 1, at: span(field)))
      } else if !header.isReadable(column), let first = header.column(name) {
        diagnostics.append(
          DataMessages.duplicateColumn(
            name, at: span(field), first: span(header.fields[first])))
      }
    }
    return header
  }

  /// Finds the columns the options name; nil when the key or period column is missing, since
  /// rows cannot be placed without them.
  mutating func resolveRoles(_ header: Header) -> ColumnRoles? {
    let headerSpan = span(header)
    // The readable names are listed only in a message: ten thousand columns are not gone
    // through when every column is found.
    guard let key = header.column(options.keyColumn) else {
      diagnostics.append(
        DataMessages.missingKeyColumn(
          options.keyColumn, header: headerSpan, columns: header.readableNames))
      return nil
    }
    var roles = ColumnRoles(key: key, name: nil, period: nil, groups: [])
    if let periodName = options.periodColumn, !options.layout.isWide {
      guard let period = header.column(periodName) else {
        diagnostics.append(
          DataMessages.missingPeriodColumn(
            periodName, header: headerSpan, columns: header.readableNames))
        return nil
      }
      roles.period = period
    }
    if let nameColumn = options.nameColumn {
      roles.name = requireColumn(nameColumn, role: .name, in: header)
    }
    for group in options.groupColumns {
      if let column = requireColumn(group, role: .group, in: header) {
        roles.groups.append((group, column))
      }
    }
    return roles
  }

  /// The column with this name, or nil after reporting it missing (E0408).
  mutating func requireColumn(
    _ name: String, role: DataMessages.ColumnRole, in header: Header
  ) -> Int? {
    if let column = header.column(name) { return column }
    diagnostics.append(
      DataMessages.missingRoleColumn(
        role, name, header: span(header), columns: header.readableNames))
    return nil
  }
}

extension TableOptions.Layout {
  var isWide: Bool {
    if case .wide = self { return true }
    return false
  }
}
