import Diagnostics

/// Entities in order of first appearance, named and grouped from their first non-empty cells.
struct EntityRegistry {
  private(set) var entities: [Entity] = []
  private var indexByCode: [String: Int] = [:]
  /// Whether an entity's name came from the data (otherwise it is still its code).
  private var hasName: [Bool] = []

  var count: Int { entities.count }

  /// The index of the entity with this code, added at the end when new.
  mutating func index(of code: String) -> Int {
    if let index = indexByCode[code] { return index }
    let index = entities.count
    indexByCode[code] = index
    entities.append(Entity(code: code))
    hasName.append(false)
    return index
  }

  func needsName(_ entity: Int) -> Bool { !hasName[entity] }

  mutating func setName(_ name: String, of entity: Int) {
    entities[entity].name = name
    hasName[entity] = true
  }

  func needsGroup(_ group: String, of entity: Int) -> Bool {
    entities[entity].groups[group] == nil
  }

  mutating func setGroup(_ group: String, to value: String, of entity: Int) {
    entities[entity].groups[group] = value
  }
}

/// Where one data row belongs.
struct RowIdentity {
  var entity: Int
  var period: Int
  /// The key cell, where diagnostics about the whole row point.
  var keyField: CSVField
}

/// Reports the first few diagnostics of one kind and counts the rest into a note on the last,
/// so a file with a thousand bad rows gives five messages rather than a thousand.
struct CappedReport {
  static let limit = 5
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var omitted = 0

  /// Whether the next diagnostic will be shown; build it only then.
  var hasRoom: Bool { diagnostics.count < Self.limit }

  mutating func add(_ diagnostic: @autoclosure () -> Diagnostic) {
    if hasRoom { diagnostics.append(diagnostic()) } else { omitted += 1 }
  }

  /// Counts diagnostics that were not built because the report is already full.
  mutating func skip(_ count: Int = 1) { omitted += count }

  /// The diagnostics, the last one noting how many more there were (`and 12 more rows…`).
  func finished(_ what: String) -> [Diagnostic] {
    var out = diagnostics
    if omitted > 0, let last = out.indices.last {
      out[last].notes.append(DataMessages.more(omitted, what))
    }
    return out
  }
}

/// The row-level problems of one load, each kind capped separately.
struct RowReports {
  var ragged = CappedReport()
  var emptyKeys = CappedReport()
  var badPeriods = CappedReport()
  var duplicates = CappedReport()
  var emptyVariables = CappedReport()

  var all: [Diagnostic] {
    ragged.finished("rows with the wrong number of fields")
      + emptyKeys.finished("rows without a key")
      + badPeriods.finished("rows whose period is not a whole number")
      + duplicates.finished("repeated rows")
      + emptyVariables.finished("rows without a variable name")
  }
}

extension TableLoader {
  /// Reads the next data record into `fields`, skipping blank lines and reporting rows with
  /// the wrong number of fields; nil at the end of the file.
  ///
  /// With `readingNumbers`, `numbers` holds each field's value as the reader found it (see
  /// `CSVReader.nextRecord(into:numbers:parser:missing:)`); `number(at:)` reads it.
  mutating func nextDataRecord(
    fieldCount: Int, reports: inout RowReports, readingNumbers: Bool = false
  ) -> Range<Int>? {
    while let record =
      readingNumbers
      ? reader.nextRecord(
        into: &fields, numbers: &numbers, parser: parser, missing: missing)
      : reader.nextRecord(into: &fields)
    {
      if reader.isBlankRecord(fields) { continue }
      if fields.count == fieldCount { return record }
      if reports.ragged.hasRoom {
        let at =
          fields.count > fieldCount
          ? Span(file: source, start: fields[fieldCount].start, end: record.upperBound)
          : Span(file: source, start: record.upperBound, end: record.upperBound)
        reports.ragged.add(
          DataMessages.raggedRow(at: at, expected: fieldCount, found: fields.count))
      } else {
        reports.ragged.skip()
      }
    }
    return nil
  }

  /// Reads a row's key, period, name and groups; nil after reporting when the row has no key
  /// or a period that is not a whole number.
  mutating func identifyRow(
    _ header: Header, _ roles: ColumnRoles, _ registry: inout EntityRegistry,
    _ reports: inout RowReports
  ) -> RowIdentity? {
    let keyField = fields[roles.key]
    let code = reader.text(keyField)
    guard !code.isEmpty else {
      reports.emptyKeys.add(
        DataMessages.emptyKey(column: header.names[roles.key], at: span(keyField)))
      return nil
    }
    var period = options.defaultPeriod
    if let periodColumn = roles.period {
      let field = fields[periodColumn]
      guard let value = reader.withContent(field, parser.parseInteger) else {
        reports.badPeriods.add(
          DataMessages.periodNotInteger(
            reader.text(field), column: header.names[periodColumn], at: span(field)))
        return nil
      }
      period = value
    }
    let entity = registry.index(of: code)
    if let nameColumn = roles.name, registry.needsName(entity),
      let name = attributeText(fields[nameColumn])
    {
      registry.setName(name, of: entity)
    }
    for group in roles.groups where registry.needsGroup(group.name, of: entity) {
      if let value = attributeText(fields[group.column]) {
        registry.setGroup(group.name, to: value, of: entity)
      }
    }
    return RowIdentity(entity: entity, period: period, keyField: keyField)
  }

  /// The text of a name or group cell, or nil when it is empty or a missing token.
  func attributeText(_ field: CSVField) -> String? {
    if reader.withContent(field, missing.matches) { return nil }
    return reader.text(field)
  }

  /// The number in a cell: NaN for a missing token, nil when the cell is not a number.
  @inline(__always)
  func number(_ field: CSVField) -> Double? {
    reader.number(field, parser: parser, missing: missing)
  }

  /// The number in field `index` of the record read with `readingNumbers`: the reader's value
  /// when it read one, else `number(_:)` on the field.
  @inline(__always)
  func number(at index: Int) -> Double? {
    let value = numbers[index]
    if value.bitPattern != CSVReader.unreadNumber.bitPattern { return value }
    return number(fields[index])
  }

  /// A diagnostic for a cell that did not read as a number.
  func notANumber(_ field: CSVField, column: String) -> Diagnostic {
    let outOfRange = reader.withContent(field) { parser.parse($0)?.isInfinite ?? false }
    return DataMessages.notANumber(
      reader.text(field), column: column, at: span(field), outOfRange: outOfRange)
  }
}
