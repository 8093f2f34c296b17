import Diagnostics

/// The messages of the methods that came from COINr: unit screening (`screen:`), row
/// imputation (`row_mean`, `row_median`) and normalization over every period (`global:
/// true`): E0380–E0381 and W0380.
extension Catalog {
  /// The codes below, for the gallery test and documentation.
  public static let coinrCodes = ["E0380", "E0381", "W0380"]

  static func forcedBothWays(_ code: String, _ span: Span, included: Span) -> Diagnostic {
    problem(
      "E0380", "entity `\(code)` is both included and excluded", span, "excluded here",
      secondary: [Diagnostic.Label(included, "included here")],
      help: ["keep `\(code)` in one of `include:` and `exclude:`"])
  }

  static func rowImputationAlone(_ indicator: String, parent: String, _ span: Span)
    -> Diagnostic
  {
    problem(
      "E0381", "`\(indicator)` imputes by row, but `\(parent)` has no other indicator",
      span, "nothing to impute from",
      notes: [
        "row imputation fills an entity's missing value from its values on the other "
          + "indicators among the same parent's members"
      ],
      help: ["give `\(indicator)` a method of its own, such as `impute: mean`"])
  }

  static func pooledSinglePeriod(
    _ indicators: [String], period: Int?, dataPeriods: Int, _ span: Span?
  ) -> Diagnostic {
    let what = period.map { "a single period (\($0))" } ?? "a single period"
    let names = indicators.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
    let more = indicators.count > 3 ? " and \(indicators.count - 3) more" : ""
    return problem(
      "W0380", "`global` normalization has \(what) to pool", span, "normalized over one period",
      notes: [
        "with one period it is the same as normalizing each period on its own (\(names)\(more))"
      ],
      help: [
        dataPeriods > 1
          ? "score every period of the panel (`period: A..B`, or no `period:`) to pool them"
          : "the data has one period: drop `global: true`, or read a panel"
      ])
  }

  static func fixedBoundsPool(_ method: String, _ span: Span) -> Diagnostic {
    invalidValue(
      "`\(method)` has fixed bounds, so every period is on one scale already: "
        + "`global: true` changes nothing", span)
  }

  static func referencePool(_ span: Span) -> Diagnostic {
    invalidValue(
      "`dist2ref` measures against the reference entity's value in each period: "
        + "it cannot pool periods (`global: true`)", span)
  }

  static func forcedOnDimension(_ span: Span) -> Diagnostic {
    invalidValue(
      "forced inclusions and exclusions hold for the whole index: write them on the "
        + "index's `screen:`", span)
  }
}
