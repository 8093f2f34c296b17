/// Missing values are NaN inside the engine: every stage skips them, and nothing that reaches
/// the user is NaN (formats print missing as empty, `null` or `—`).
public let missingValue = Double.nan

extension Double {
  /// True when this cell holds no value.
  @inlinable public var isMissing: Bool { isNaN }
}

/// One scored unit: a country, firm, city or university.
public struct Entity: Sendable, Equatable {
  /// The code used in files and commands (`US`, `CHE`).
  public var code: String
  /// A display name; the code when the data has none.
  public var name: String
  /// Group memberships from the data (`region: "Europe"`), used by group imputation.
  public var groups: [String: String]

  public init(code: String, name: String? = nil, groups: [String: String] = [:]) {
    self.code = code
    self.name = name ?? code
    self.groups = groups
  }
}

/// A columnar table: entities × periods × variables, with missing values as NaN.
///
/// Column `v` holds `entities.count * periods.count` values, period-major:
/// the value of entity `e` in period index `p` is `columns[v][p * entities.count + e]`.
/// This keeps one period's values of one variable contiguous, which is what every
/// cross-entity stage reads.
public struct DataTable: Sendable {
  public var entities: [Entity]
  public var periods: [Int]
  /// Column names; assigning them all rebuilds the look-up, `append` extends it.
  public var variables: [String] {
    get { names }
    set {
      names = newValue
      lookup = Self.positions(newValue)
    }
  }
  private var names: [String]
  public var columns: [[Double]]
  /// Whether the periods mean anything to the user: false when no source has a period column
  /// and the methodology names no period, so every row was read as one placeholder period,
  /// which reports and diagnostics leave out.
  public var hasPeriods = true
  /// Set when unit screening removed entities from this table (`Screening`).
  public var screen: ScreenRecord?
  /// Variable name → column, so formulas and checks find a column in O(1).
  private var lookup: [String: Int]

  private static func positions(_ names: [String]) -> [String: Int] {
    var positions: [String: Int] = [:]
    for (index, name) in names.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    return positions
  }

  public init(entities: [Entity], periods: [Int], variables: [String], columns: [[Double]]) {
    precondition(variables.count == columns.count, "one column per variable")
    self.entities = entities
    self.periods = periods
    self.names = variables
    self.columns = columns
    self.lookup = Self.positions(variables)
  }

  /// An empty table with the given entities and periods and no variables.
  public init(entities: [Entity], periods: [Int]) {
    self.init(entities: entities, periods: periods, variables: [], columns: [])
  }

  /// The index of a variable, or nil.
  public func variableIndex(_ name: String) -> Int? {
    lookup[name]
  }

  /// `variableIndex(name)`, trying `guess` first.
  ///
  /// A plan's indicators usually read the table's columns in order, so the column after the
  /// last one found is most often the next, and comparing one name costs less than hashing
  /// it (`Plan.plainColumns`: 500 look-ups were 3 % of a 2,000 × 500 run's instructions).
  /// Exact: when every name is distinct (as many look-up entries as names), the name at
  /// `guess` has no other position; otherwise the look-up decides, as it gives the first.
  public func variableIndex(_ name: String, guess: Int) -> Int? {
    if guess >= 0, guess < names.count, lookup.count == names.count, names[guess] == name {
      return guess
    }
    return lookup[name]
  }

  /// The index of an entity code, or nil.
  public func entityIndex(_ code: String) -> Int? {
    entities.firstIndex { $0.code == code }
  }

  /// The index of a period, or nil.
  public func periodIndex(_ period: Int) -> Int? {
    periods.firstIndex(of: period)
  }

  /// One variable's values for one period, in entity order.
  public func slice(variable: Int, period: Int) -> ArraySlice<Double> {
    let n = entities.count
    return columns[variable][(period * n)..<((period + 1) * n)]
  }

  /// The value of a cell (NaN when missing).
  public func value(variable: String, entity: String, period: Int) -> Double? {
    guard let v = variableIndex(variable), let e = entityIndex(entity),
      let p = periodIndex(period)
    else { return nil }
    return columns[v][p * entities.count + e]
  }

  /// Appends a variable column (period-major, `entities.count * periods.count` values).
  public mutating func append(variable: String, values: [Double]) {
    precondition(values.count == entities.count * periods.count, "column size")
    columns.append(values)
    if lookup[variable] == nil { lookup[variable] = names.count }
    names.append(variable)
  }
}
