import Diagnostics

/// The messages of the `uncertainty` block's check: `E036x` and W0303. Every declared
/// assumption either varies something or is an error that says why it does not, so a typo
/// never turns into a silently smaller analysis.
extension Catalog {
  /// The codes below, for the gallery test and documentation.
  public static let uncertaintyCodes = [
    "E0360", "E0361", "E0362", "E0363", "E0364", "W0303",
  ]

  private static func uncertaintyProblem(
    _ code: String, _ headline: String, _ span: Span?, _ label: String,
    secondary: [Diagnostic.Label] = [], notes: [String] = [], help: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      code.hasPrefix("W") ? .warning : .error, code: code, message: headline,
      at: span.map { Diagnostic.Label($0, label) }, secondary: secondary, notes: notes, help: help)
  }

  /// A minimal block, for hints.
  public static let minimalUncertaintyBlock = """
    uncertainty {
      draws:   1000
      seed:    1
      weights: ±20%
    }
    """

  static func drawsOutOfRange(_ span: Span, limit: Int) -> Diagnostic {
    uncertaintyProblem(
      "E0360", "`draws` is a whole number from 2 to \(limit)", span, "not a number of draws",
      help: ["write e.g. `draws: 10000`"])
  }

  static func seedOutOfRange(_ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "E0360", "`seed` is a whole number from 0 to 2^53", span, "not a seed",
      help: ["write e.g. `seed: 42`; the same seed gives the same draws on any machine"])
  }

  static func spreadOutOfRange(_ property: String, _ value: Double, _ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "E0360", "the spread of `\(property)` must be above 0% and below 100%", span,
      "±\(percentText(value))",
      notes: [
        "±p draws each value uniformly from [x·(1 − p), x·(1 + p)]: p = 0 varies nothing and "
          + "p ≥ 100% reaches zero or below"
      ],
      help: ["write e.g. `\(property): ±25%`"])
  }

  static func standardErrorNotPositive(_ property: String, _ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "E0360", "the standard error of `\(property)` must be above 0", span, "not above 0",
      help: [
        "write e.g. `\(property): se(1.5)` in the indicator's units, or `se(5%)` of each value"
      ])
  }

  static func expectedSpread(_ property: String, _ span: Span, noise: Bool) -> Diagnostic {
    let forms = noise ? "`±10%` (uniform) or `se(2.5)` (a standard error)" : "`±25%`"
    return uncertaintyProblem(
      "E0310", "expected a spread such as \(forms) for `\(property)`", span, "not a spread",
      help: ["write `\(property): \(noise ? "±10%" : "±25%")`"])
  }

  static func expectedRatingShape(_ property: String, _ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "E0310", "`\(property)` is `uniform`, `triangular` or `fixed`", span, "not a way to sample",
      notes: [
        "uniform: any value of the rating's range; triangular: most likely the rating itself; "
          + "fixed: not sampled"
      ])
  }

  /// An assumption that would vary nothing: named, with the reason and a way out.
  static func appliesToNothing(_ property: String, _ span: Span, reason: String, help: String)
    -> Diagnostic
  {
    uncertaintyProblem(
      "E0361", "`\(property)` varies nothing", span, "applies to no node", notes: [reason],
      help: [help])
  }

  static func needsAlternatives(_ property: String, _ span: Span, example: String) -> Diagnostic {
    uncertaintyProblem(
      "E0362", "`\(property)` needs at least two alternatives", span, "nothing to choose from",
      help: ["write `\(property): one of \(example)`"])
  }

  static func duplicateAlternative(_ label: String, _ span: Span, first: Span) -> Diagnostic {
    let headline =
      label == first.text ? "`\(label)` is listed twice" : "`\(label)` is `\(first.text)` again"
    return uncertaintyProblem(
      "E0362", headline, span, "second time",
      secondary: [Diagnostic.Label(first, "first listed here")],
      help: ["each alternative is drawn equally often: list it once"])
  }

  static func unknownUncertainNode(_ name: String, _ span: Span, known: [String]) -> Diagnostic {
    let close = didYouMean(name, among: known)
    return uncertaintyProblem(
      "E0363", "unknown node `\(name)` in `uncertainty`", span, "no indicator or dimension",
      help: close.isEmpty ? ["name an indicator, soft indicator or dimension of the index"] : close
    )
  }

  static func unknownUncertainProperty(
    _ path: String, _ span: Span, node: String, known: [String]
  ) -> Diagnostic {
    let property = String(path.dropFirst(node.count + 1))
    let names = Suggestions.closest(to: property, among: known).map { node + "." + $0 }
    let close = names.isEmpty ? [] : ["did you mean \(alternatives(names))?"]
    return uncertaintyProblem(
      "E0206", "`uncertainty` cannot vary `\(path)`", span, "unknown property",
      notes: close.isEmpty ? ["a node's uncertainty is one of \(alternatives(known))"] : [],
      help: close)
  }

  static func pathTooLong(_ path: String, _ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "E0206", "`uncertainty` cannot vary `\(path)`", span, "not NODE.PROPERTY",
      help: ["a node path has two parts, such as `research.weight` or `patents.normalize`"])
  }

  static func cannotExclude(_ name: String, _ span: Span, reason: String) -> Diagnostic {
    uncertaintyProblem(
      "E0364", "`\(name)` cannot be left out", span, "cannot be excluded", notes: [reason],
      help: ["exclude a member of a group that has others, or one of the index's own members"])
  }

  static func nothingUncertain(_ span: Span) -> Diagnostic {
    uncertaintyProblem(
      "W0303", "the `uncertainty` block declares nothing uncertain", span,
      "every draw would equal the nominal result",
      notes: ["`draws` and `seed` say how to sample; nothing here says what to vary"],
      help: [
        "add e.g. `weights: ±20%`, `normalize: one of minmax, zscore` or "
          + "`exclude: one of none, MEMBER`; soft ratings with a range are sampled on their own"
      ])
  }

  private static func percentText(_ value: Double) -> String {
    let percent = (value * 100 * 1e6).rounded() / 1e6
    return percent == percent.rounded() && Swift.abs(percent) < 1e15
      ? String(Int(percent)) + "%" : String(percent) + "%"
  }
}
