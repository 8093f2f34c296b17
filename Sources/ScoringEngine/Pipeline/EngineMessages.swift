import Diagnostics

/// All wording of the engine's diagnostics, in one place.
///
/// Codes: E0420–E0449 for problems of the plan itself, W0420–W0449 for problems of single
/// cells (the cell is missing, the rest is scored). The data loader owns E0401–E0419 and
/// W0401–W0409.
enum EngineMessages {
  static func memberOutOfRange(_ node: String, span: Span?) -> Diagnostic {
    .error(
      "E0420", "`\(node)` lists a member that does not exist", at: span,
      label: "unknown member")
  }

  static func twoParents(_ node: String, first: String, second: String, span: Span?) -> Diagnostic {
    .error(
      "E0420", "`\(node)` is a member of both `\(first)` and `\(second)`", at: span,
      label: "second parent",
      notes: ["every node has exactly one parent, so it has exactly one weight"],
      help: ["keep `\(node)` in one member list"])
  }

  static func treeCycle(_ path: [String], span: Span?) -> Diagnostic {
    .error(
      "E0420", "the node tree has a cycle: \(path.map { "`\($0)`" }.joined(separator: " → "))",
      at: span, label: "contains itself")
  }

  static func negativeWeight(_ member: String, parent: String, weight: Double, span: Span?)
    -> Diagnostic
  {
    .error(
      "E0421", "`\(member)` has a negative weight in `\(parent)`", at: span,
      label: "weight \(format(weight))",
      help: ["weights are shares of a parent: use 0 to switch a member off"])
  }

  static func percentTotal(_ parent: String, total: Double, span: Span?) -> Diagnostic {
    .error(
      "E0422", "the weights of `\(parent)` add up to \(format(total * 100))%, not 100%",
      at: span, label: "weights written as percentages",
      help: [
        "make them total 100%, or write plain numbers (`{ a: 1, b: 2 }`) to give relative weights"
      ])
  }

  static func zeroWeights(_ parent: String, span: Span?) -> Diagnostic {
    .error(
      "E0423", "every weight of `\(parent)` is zero", at: span, label: "no member counts",
      help: ["give at least one member a positive weight"])
  }

  static func noMembers(_ node: String, span: Span?) -> Diagnostic {
    .error(
      "E0424", "`\(node)` has no members", at: span, label: "nothing to aggregate",
      help: ["list its members: `members { a, b }`"])
  }

  static func formulaCycle(_ path: [String], span: Span?) -> Diagnostic {
    .error(
      "E0425",
      "indicators depend on each other in a cycle: "
        + path.map { "`\($0)`" }.joined(separator: " → "),
      at: span, label: "depends on itself",
      help: ["an indicator's value may use other indicators, but not itself through them"])
  }

  static func unknownColumn(_ column: String, indicator: String, available: [String], span: Span?)
    -> Diagnostic
  {
    let close = Suggestions.closest(to: column, among: available)
    return .error(
      "E0426", "`\(indicator)` reads column `\(column)`, which the data does not have", at: span,
      label: "unknown column",
      help: close.isEmpty
        ? [] : ["did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"]
    )
  }

  static func unknownIndicator(_ name: String, indicator: String, span: Span?) -> Diagnostic {
    .error(
      "E0427", "`\(indicator)` reads indicator `\(name)`, which is not declared", at: span,
      label: "unknown indicator")
  }

  static func periodNotInData(_ period: Int, available: [Int], span: Span?) -> Diagnostic {
    .error(
      "E0428", "period \(period) is not in the data", at: span, label: "no data for \(period)",
      notes: [
        "the data has " + (available.isEmpty ? "no periods" : periodList(available))
      ])
  }

  static func coverageRange(_ node: String, coverage: Double, span: Span?) -> Diagnostic {
    .error(
      "E0429", "coverage of `\(node)` must be between 0% and 100%", at: span,
      label: "\(format(coverage * 100))%")
  }

  static func derivedWeightsFallback(
    _ node: String, method: String, reason: String, period: Int, span: Span?
  ) -> Diagnostic {
    .warning(
      "W0440", "cannot derive `weights: \(method)` for `\(node)` in \(period): \(reason)",
      at: span, label: "declared weights used instead",
      help: ["impute the missing values, or declare the weights in `members { … }`"])
  }

  static func equalInfluenceUnconverged(
    _ node: String, distance: Double, period: Int, span: Span?
  ) -> Diagnostic {
    .warning(
      "W0441",
      "`weights: equal_influence` for `\(node)` in \(period) did not make the influences equal",
      at: span, label: "influence not fully equal",
      notes: [
        "the best weights found leave a member's share of influence "
          + "\(format((distance * 1000).rounded() / 10)) percentage points from an equal share "
          + "(the goal is within 0.5)"
      ],
      help: [
        "`idx audit` shows each member's influence; members that move together cannot be "
          + "given equal influence"
      ])
  }

  static func unknownEntity(_ code: String, role: String, span: Span?) -> Diagnostic {
    .error(
      "E0431", "\(role) `\(code)` is not an entity of the data", at: span, label: "unknown entity")
  }

  // MARK: - Per-cell problems, one diagnostic per kind and node over every period

  /// The diagnostic of one group of findings: `cells` lists the entities with their periods,
  /// `periods` the periods of a problem that concerns the whole node (both without periods
  /// when the data has none).
  static func finding(
    _ group: RunFindings.Group, cells: [(entities: [String], periods: [Int])], periods: [Int]
  ) -> Diagnostic {
    let node = "`\(group.node)`"
    let forCells = "for " + cellList(cells)
    let inPeriods = periods.isEmpty ? "" : " in " + Results.periodText(periods)
    func plain(_ code: String, _ message: String, _ label: String) -> Diagnostic {
      .warning(code, message, at: group.span, label: label)
    }
    switch group.kind {
    case .evaluation(let kind):
      let (code, what): (String, String) =
        switch kind {
        case .divisionByZero: ("W0420", "division by zero")
        case .logOfNonPositive: ("W0421", "log of a number ≤ 0")
        case .sqrtOfNegative: ("W0422", "square root of a negative number")
        case .notFinite:
          (
            "W0422",
            "a result that is not a finite real number (an overflow, or a negative base under a fractional power)"
          )
        }
      return .warning(
        code, "\(what) in \(node) \(forCells)", at: group.span,
        label: "value is missing for these entities",
        help: ["guard the formula, e.g. `if d > 0 then x / d else 0`, or impute the value"])
    case .noSpread:
      return .warning(
        "W0423", "\(node) has the same value for every entity\(inPeriods)", at: group.span,
        label: "cannot normalize",
        notes: [
          "its normalized values are missing"
            + (periods.count > 1 ? " in those periods" : periods.first.map { " in \($0)" } ?? "")
        ])
    case .normalize(let detail):
      return plain("W0424", "cannot normalize \(node)\(inPeriods): \(detail)", "")
    case .logOfNonPositive:
      return plain(
        "W0424", "cannot normalize \(node) on a log scale \(forCells): values ≤ 0",
        "these entities are missing")
    case .unfilled:
      return plain(
        "W0425", "imputation left \(node) missing \(forCells)", "no value to impute from")
    case .allMissing:
      return plain(
        "W0426", "\(node) has no value for any entity\(inPeriods)", "entirely missing")
    case .transformDropped:
      return plain(
        "W0427", "log transform of \(node) meets values ≤ 0 \(forCells)", "values become missing")
    case .belowCoverage:
      return plain(
        "W0428", "too few members of \(node) are present \(forCells)",
        "coverage rule: missing for these entities")
    case .nonPositiveMean(let mean) where mean == "benefit-of-the-doubt":
      return .warning(
        "W0430", "the benefit-of-the-doubt score of \(node) meets a value < 0 \(forCells)",
        at: group.span, label: "benefit of the doubt: missing for these entities",
        notes: ["members below zero: \(list(group.members))"],
        help: ["normalize onto a range that starts at zero or above, such as `minmax(0, 100)`"])
    case .nonPositiveMean(let mean):
      let help =
        mean == "Mazziotta–Pareto"
        ? "normalize onto a range above zero: the method expects `zscore(100, 10)`"
        : "declare a policy: `aggregate: geometric(floor: 0.01)` or `geometric(shift: 1)`, "
          + "or normalize onto a range above zero such as `minmax(1, 100)`"
      return .warning(
        "W0430", "the \(mean) mean of \(node) meets a value ≤ 0 \(forCells)", at: group.span,
        label: "\(mean) mean: missing for these entities",
        notes: ["members at or below zero: \(list(group.members))"],
        help: [help])
    }
  }

  /// "PRK, MCO in 1990–2022; RWA in 1994": at most `limit` groups of entities, the rest counted.
  static func cellList(_ groups: [(entities: [String], periods: [Int])], limit: Int = 4) -> String {
    var parts = groups.prefix(limit).map { group in
      list(group.entities)
        + (group.periods.isEmpty ? "" : " in " + Results.periodText(group.periods))
    }
    let rest = groups.dropFirst(limit).reduce(0) { $0 + $1.entities.count }
    if rest > 0 {
      parts.append("and \(rest) more \(rest == 1 ? "entity" : "entities") in other periods")
    }
    return parts.joined(separator: "; ")
  }

  static func unused(_ node: String, span: Span?) -> Diagnostic {
    .warning(
      "W0429", "`\(node)` is not part of the index", at: span, label: "never aggregated",
      help: ["add it to a `members` list, or remove it"])
  }

  static func missingRating(_ indicator: String, entities: [String], span: Span?) -> Diagnostic {
    .error(
      "E0432", "soft indicator `\(indicator)` has no rating for \(list(entities))", at: span,
      label: "unrated", notes: ["an unrated entity is never imputed silently"],
      help: ["add a rating for each entity to `ratings { … }`"])
  }

  /// "A, B, C and 4 more".
  static func list(_ names: [String], limit: Int = 5) -> String {
    let shown = names.prefix(limit).joined(separator: ", ")
    return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
  }

  static func periodList(_ periods: [Int]) -> String {
    guard let first = periods.first, let last = periods.last else { return "" }
    if periods.count > 3 && last - first + 1 == periods.count {
      return "periods \(first)–\(last)"
    }
    return "period" + (periods.count == 1 ? " " : "s ")
      + periods.map(String.init).joined(
        separator: ", ")
  }

  static func format(_ value: Double) -> String {
    if value == value.rounded() && Swift.abs(value) < 1e15 { return String(Int(value)) }
    let rounded = (value * 1e6).rounded() / 1e6
    return String(rounded)
  }
}
