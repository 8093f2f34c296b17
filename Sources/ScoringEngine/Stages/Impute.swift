/// Imputation: filling missing values of one indicator, across entities or along time.
///
/// Cross-section methods (`mean`, `median`, group means and medians, `zero`) fill one period from
/// the entities present in it, as COINr's `i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`.
/// Panel methods (`latest`, `linear`, `constant`) fill an entity's period from its own other
/// periods, as COINr's `impute_panel` with `imp_type` `"latest"`, `"linear-constant"` and
/// `"constant"` (R's `approx(rule = 2)`). Every filled cell is listed,
/// and so is every cell that stays missing, so the caller can say exactly what happened.

/// One period's values after cross-section imputation.
public struct ImputeOutcome: Sendable, Equatable {
  /// One value per entity; NaN where still missing.
  public var values: [Double]
  /// Entities whose missing value was filled.
  public var filled: [Int]
  /// Entities still missing: no peer to learn from, no group, or the method fills nothing.
  public var unfilled: [Int]
}

/// Fills the missing values of one period (entity order, NaN = missing).
///
/// `groups[e]` is entity e's value of the grouping column, nil when it has none: such an entity
/// is neither used nor filled by a group method (COINr's `skip_f_na`), and a group with no value
/// present fills nothing. Panel methods do nothing here (see `imputePanel`).
public func impute(_ x: [Double], with method: Imputation, groups: [String?] = []) -> ImputeOutcome
{
  let gaps = x.indices.filter { x[$0].isNaN }
  var values = x
  var filled: [Int] = []
  var unfilled: [Int] = []
  func fill(_ entities: [Int], with value: Double) {
    for e in entities {
      if value.isNaN {
        unfilled.append(e)
      } else {
        values[e] = value
        filled.append(e)
      }
    }
  }
  switch method {
  case .none, .latest, .linear, .constant, .row:
    unfilled = gaps  // `row` needs the other indicators: `imputeByRow`
  case .zero:
    fill(gaps, with: 0)
  case .mean:
    fill(gaps, with: Statistics.mean(x))
  case .median:
    fill(gaps, with: Statistics.median(x))
  case .groupMean, .groupMedian:
    let statistic: ([Double]) -> Double =
      if case .groupMean = method { Statistics.mean } else { Statistics.median }
    var members: [String: [Int]] = [:]
    for e in x.indices {
      guard e < groups.count, let group = groups[e] else { continue }
      members[group, default: []].append(e)
    }
    for e in gaps {
      guard e < groups.count, let group = groups[e], let peers = members[group] else {
        unfilled.append(e)
        continue
      }
      fill([e], with: statistic(peers.map { x[$0] }))
    }
  }
  return ImputeOutcome(values: values, filled: filled.sorted(), unfilled: unfilled.sorted())
}

/// A whole panel (all periods of one indicator) after imputation.
public struct PanelImputeOutcome: Sendable {
  /// Period-major values: entity e of period index p is at `p * entityCount + e`.
  public var values: [Double]
  /// Filled cells, with the period whose observation was carried (nil when the value was
  /// interpolated between two periods or computed across entities).
  public var filled: [(cell: Int, fromPeriod: Int?)]
  /// Cells still missing.
  public var unfilled: [Int]
}

/// Fills the missing cells of one indicator's panel (period-major, NaN = missing).
///
/// `periods[p]` is the value of period index p (a year); periods need not be sorted.
/// - `latest(maxAge)`: the entity's most recent earlier observation, at most `maxAge` period
///   units older (a year when periods are years; any age when nil). COINr's `max_time` counts
///   periods present in the data instead; the two agree when the periods are consecutive.
/// - `linear`: interpolation by period value between the entity's nearest observations on each
///   side, and the nearest observation carried unchanged beyond the first or last one.
/// - `constant`: the previous observation carried forward; before the first observation, the
///   first one carried back (the leading gaps `latest` leaves).
/// - cross-section methods: applied to each period on its own, with `groups` as in `impute`.
public func imputePanel(
  _ values: [Double], entityCount: Int, periods: [Int], with method: Imputation,
  groups: [String?] = []
) -> PanelImputeOutcome {
  precondition(values.count == entityCount * periods.count, "one value per entity and period")
  var outcome = PanelImputeOutcome(values: values, filled: [], unfilled: [])
  guard method.isPanel else {
    for p in periods.indices {
      let cells = (p * entityCount)..<((p + 1) * entityCount)
      let period = impute(Array(values[cells]), with: method, groups: groups)
      outcome.values.replaceSubrange(cells, with: period.values)
      outcome.filled += period.filled.map { (cell: cells.lowerBound + $0, fromPeriod: nil) }
      outcome.unfilled += period.unfilled.map { cells.lowerBound + $0 }
    }
    return outcome
  }
  let chronological = periods.indices.sorted { periods[$0] < periods[$1] }
  let times = chronological.map { periods[$0] }
  for e in 0..<entityCount {
    let series = chronological.map { values[$0 * entityCount + e] }
    let observed = series.indices.filter { !series[$0].isNaN }
    for (position, p) in chronological.enumerated() where series[position].isNaN {
      let cell = p * entityCount + e
      if let source = panelSource(
        at: position, observed: observed, series: series, times: times, method: method)
      {
        outcome.values[cell] = source.value
        outcome.filled.append((cell: cell, fromPeriod: source.fromPeriod))
      } else {
        outcome.unfilled.append(cell)
      }
    }
  }
  outcome.filled.sort { $0.cell < $1.cell }
  outcome.unfilled.sort()
  return outcome
}

/// The value for a missing position of one entity's chronological series, and the period it
/// was carried from (nil when interpolated); nil when nothing can fill it.
private func panelSource(
  at position: Int, observed: [Int], series: [Double], times: [Int], method: Imputation
) -> (value: Double, fromPeriod: Int?)? {
  let before = observed.last { $0 < position }
  let after = observed.first { $0 > position }
  switch method {
  case .latest(let maxAge):
    guard let before else { return nil }
    if let maxAge, times[position] - times[before] > maxAge { return nil }
    return (series[before], times[before])
  case .constant:
    if let before { return (series[before], times[before]) }
    guard let after else { return nil }
    return (series[after], times[after])
  case .linear:
    switch (before, after) {
    case (let b?, let a?):
      let fraction = Double(times[position] - times[b]) / Double(times[a] - times[b])
      return (series[b] + fraction * (series[a] - series[b]), nil)
    case (let b?, nil):
      return (series[b], times[b])
    case (nil, let a?):
      return (series[a], times[a])
    case (nil, nil):
      return nil
    }
  default:
    return nil
  }
}
