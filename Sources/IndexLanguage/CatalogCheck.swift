import Diagnostics

/// The checker's and the data loader's messages: `E02xx` names, `E03xx` methodology rules,
/// `E045x` data, `W03xx` warnings. Same tone as the syntax messages: say what is wrong in
/// plain words, point at it, and offer a concrete fix.
extension Catalog {
  /// The codes below, for the gallery test and documentation.
  public static let checkCodes =
    [
      "E0201", "E0202", "E0203", "E0204", "E0205", "E0206", "E0207", "E0208", "E0209", "E0210",
      "E0211", "E0212", "E0213", "E0214", "E0215", "E0301", "E0302", "E0303", "E0304", "E0305",
      "E0306", "E0307", "E0308", "E0309", "E0310", "E0311", "E0312", "E0313", "E0314", "E0315",
      "E0316", "E0318", "E0319", "E0320", "E0321", "E0322", "E0323", "E0324", "E0325", "E0326",
      "E0327", "E0328", "E0329", "E0330", "E0331", "E0332", "E0450", "E0451", "E0452", "E0453",
      "E0454", "W0301", "W0302",
    ] + uncertaintyCodes + coinrCodes

  static func problem(
    _ code: String, _ headline: String, _ span: Span?, _ label: String = "",
    secondary: [Diagnostic.Label] = [], notes: [String] = [], help: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      code.hasPrefix("W") ? .warning : .error, code: code, message: headline,
      at: span.map { Diagnostic.Label($0, label) }, secondary: secondary, notes: notes, help: help)
  }

  private static func declared(_ span: Span, _ what: String = "first declared here")
    -> Diagnostic.Label
  {
    Diagnostic.Label(span, what)
  }

  // MARK: - Names (E02xx)

  static func unknownMember(
    _ name: String, _ span: Span, known: [String], declared: [(String, Span)]
  ) -> Diagnostic {
    let close = Suggestions.closest(to: name, among: known)
    var help: [String] = []
    if let first = close.first, let place = declared.first(where: { $0.0 == first })?.1 {
      help.append("did you mean `\(first)`? (declared at line \(line(of: place)))")
      if close.count > 1 {
        help.append("other close names: \(alternatives(Array(close.dropFirst())))")
      }
    } else {
      help.append("declare it with `indicator \(name) { … }` or `dimension \(name) { … }`")
    }
    return problem(
      "E0201", "unknown member `\(name)`", span, "not declared in this methodology", help: help)
  }

  static func duplicateName(_ name: String, _ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0202", "`\(name)` is declared twice", span, "second declaration",
      secondary: [declared(first)],
      help: ["every name is declared once; rename one of them"])
  }

  static func secondIndex(_ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0302", "a methodology has one `index`", span, "second index",
      secondary: [declared(first)],
      help: ["to make a variant, write a fork: `extends \"base.idx\"` in a new file"])
  }

  static func duplicateBlock(_ kind: String, _ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0202", "`\(kind)` is declared twice", span, "second block", secondary: [declared(first)],
      help: ["merge the two blocks into one"])
  }

  static func unknownColumn(_ column: String, source: String, _ span: Span, known: [String])
    -> Diagnostic
  {
    var notes: [String] = []
    if !known.isEmpty && known.count <= 30 {
      notes.append("`\(source)` has \(known.map { "`\($0)`" }.joined(separator: ", "))")
    }
    return problem(
      "E0203", "data source `\(source)` has no column `\(column)`", span, "no such column",
      notes: notes, help: didYouMean(column, among: known))
  }

  static func unknownSource(_ name: String, _ span: Span, known: [String]) -> Diagnostic {
    problem(
      "E0204", "unknown data source `\(name)`", span, "not a `data` declaration",
      help: didYouMean(name, among: known).isEmpty
        ? ["declare it: `data \(name) = csv(\"file.csv\") { key: … }`"]
        : didYouMean(name, among: known))
  }

  static func unknownFunction(_ name: String, _ span: Span, known: [String]) -> Diagnostic {
    let close = didYouMean(name, among: known)
    return problem(
      "E0205", "unknown function `\(name)`", span, "not in the function library",
      notes: close.isEmpty ? ["the functions are \(alternatives(known))"] : [],
      help: close)
  }

  static func unknownProperty(_ name: String, kind: String, _ span: Span, allowed: [String])
    -> Diagnostic
  {
    let close = didYouMean(name, among: allowed)
    return problem(
      "E0206", "`\(kind)` has no property `\(name)`", span, "unknown property",
      notes: close.isEmpty && !allowed.isEmpty
        ? ["a `\(kind)` takes \(alternatives(allowed))"] : [],
      help: close)
  }

  static func unknownMethod(_ name: String, property: String, _ span: Span, known: [String])
    -> Diagnostic
  {
    let close = didYouMean(name, among: known)
    return problem(
      "E0207", "unknown \(property) method `\(name)`", span, "not in the method library",
      notes: close.isEmpty ? ["`\(property)` takes \(alternatives(known))"] : [], help: close)
  }

  static func notANode(_ name: String, kind: String, _ span: Span) -> Diagnostic {
    let what = kind == "data" ? "a data source" : kind == "scale" ? "a scale" : "the index"
    return problem(
      "E0208", "`\(name)` is \(what), not an indicator or dimension", span,
      "cannot be a member",
      help: ["members are indicators, soft indicators and dimensions"])
  }

  static func unknownEntity(_ code: String, _ span: Span, known: [String]) -> Diagnostic {
    problem(
      "E0209", "entity `\(code)` is not in the data", span, "unknown entity",
      help: didYouMean(code, among: known))
  }

  static func unknownName(_ name: String, _ span: Span, known: [String]) -> Diagnostic {
    problem(
      "E0210", "unknown name `\(name)` in a formula", span, "not an indicator",
      notes: ["a formula reads data columns as `source.column` and other indicators by name"],
      help: didYouMean(name, among: known))
  }

  static func unknownScale(_ name: String, _ span: Span, known: [String]) -> Diagnostic {
    problem(
      "E0211", "unknown scale `\(name)`", span, "no `scale` declared with this name",
      help: didYouMean(name, among: known).isEmpty
        ? ["declare it: `scale \(name) ordinal 1..5 { 1: \"low\", … }`"]
        : didYouMean(name, among: known))
  }

  static func unknownLevel(_ label: String, _ span: Span, known: [String]) -> Diagnostic {
    problem(
      "E0212", "the scale has no level labelled \"\(label)\"", span, "unknown label",
      notes: known.isEmpty ? [] : ["its labels are \(alternatives(known))"],
      help: didYouMean(label, among: known))
  }

  static func dimensionInFormula(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0213", "a formula cannot read dimension `\(name)`", span, "a dimension",
      notes: ["formulas compute raw indicator values, before any score exists"],
      help: ["read the indicators it is made of, or data columns"])
  }

  static func sourceWithoutColumn(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0214", "`\(name)` is a data source: name one of its columns", span, "a whole table",
      help: ["write `\(name).column`"])
  }

  static func unknownArgument(_ label: String, method: String, _ span: Span, known: [String])
    -> Diagnostic
  {
    problem(
      "E0215", "`\(method)` has no argument `\(label)`", span, "unknown argument",
      notes: known.isEmpty
        ? ["`\(method)` takes positional arguments only"]
        : ["`\(method)` takes \(alternatives(known))"],
      help: didYouMean(label, among: known))
  }

  // MARK: - Methodology rules (E03xx)

  static func noIndex(_ file: SourceFile?) -> Diagnostic {
    problem(
      "E0301", "this methodology has no `index`",
      file.map { Span(file: $0, start: 0, end: 0) }, "nothing to score",
      help: ["declare the root: `index name \"Label\" { members { a, b } }`"])
  }

  static func twoParents(_ name: String, first: String, second: String, _ span: Span)
    -> Diagnostic
  {
    problem(
      "E0303", "`\(name)` is a member of both `\(first)` and `\(second)`", span,
      "second parent",
      notes: ["each node has exactly one parent, so it has exactly one weight"],
      help: ["remove it from one of the two `members` lists"])
  }

  static func percentTotal(
    _ name: String, total: Double, _ span: Span, members: [String], values: [Double]
  ) -> Diagnostic {
    let listed = zip(members, values).map { "\($0) \(percent($1))" }.joined(separator: " + ")
    return problem(
      "E0304", "the weights of `\(name)` add up to \(percent(total)), not 100%", span,
      "percentages must total 100%", notes: [listed + " = " + percent(total)],
      help: ["adjust them to total 100%, or write plain numbers for relative weights"])
  }

  /// E0304 for a fork whose `set X.weight` broke a percentage group written in its base: at the
  /// edit, with the base's group as the second place and the `weights` edit that would work.
  static func percentTotalAfterEdit(
    _ name: String, total: Double, _ span: Span, group: Span, isIndex: Bool,
    edited: [(member: String, weight: Double)], members: [String], values: [Double]
  ) -> Diagnostic {
    let listed = zip(members, values).map { "\($0) \(percent($1))" }.joined(separator: " + ")
    let first = edited.first.map { "`\($0.member)` set to \(percent($0.weight))" } ?? ""
    let entries = edited.map { "\($0.member): \(percent($0.weight))" } + ["rest: pro_rata"]
    let path = isIndex ? "" : "\(name) "
    return problem(
      "E0304", "the weights of `\(name)` add up to \(percent(total)), not 100%", span,
      first + ": the group now totals \(percent(total))",
      secondary: [
        Diagnostic.Label(
          group,
          isIndex ? "the index's members, in the base" : "the members of `\(name)`, in the base")
      ],
      notes: [listed + " = " + percent(total)],
      help: [
        "to give \(edited.map { "`\($0.member)`" }.joined(separator: ", ")) this weight and "
          + "rescale the others to fill the rest, write `weights \(path){ "
          + entries.joined(separator: ", ") + " }` instead"
      ])
  }

  static func noShareLeft(_ name: String, _ span: Span, written: Double, group: String)
    -> Diagnostic
  {
    problem(
      "E0304",
      "`\(name)` gets no weight: the other members of `\(group)` already total \(percent(written))",
      span, "no share left",
      help: [
        "give `\(name)` a percentage and lower the others so they total 100%; in a fork, "
          + "`weights { \(name): 20%, rest: pro_rata }` rescales the others for you"
      ])
  }

  static func mixedWeights(_ name: String, _ span: Span, percent: Span) -> Diagnostic {
    problem(
      "E0305", "the weights of `\(name)` mix percentages and plain numbers", span,
      "a plain number", secondary: [Diagnostic.Label(percent, "a percentage")],
      help: ["write them all as percentages or all as relative numbers"])
  }

  static func negativeWeight(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0306", "`\(name)` has a negative weight", span, "below zero",
      help: ["use `direction: lower` to reverse an indicator; weights are shares"])
  }

  static func formulaCycle(_ names: [String], _ span: Span) -> Diagnostic {
    problem(
      "E0307",
      "indicators depend on each other in a cycle: "
        + names.map { "`\($0)`" }.joined(separator: " → "), span, "part of the cycle",
      help: ["compute one of them from data columns instead"])
  }

  static func treeCycle(_ names: [String], _ span: Span) -> Diagnostic {
    problem(
      "E0308",
      "the tree of dimensions has a cycle: "
        + names.map { $0 == "…" ? $0 : "`\($0)`" }.joined(separator: " → "),
      span, "contains itself", help: ["a dimension cannot be its own member, even indirectly"])
  }

  static func argumentCount(
    _ name: String, _ span: Span, expected: ClosedRange<Int>, usage: String
  ) -> Diagnostic {
    let count =
      expected.lowerBound == expected.upperBound
      ? "\(expected.lowerBound) argument\(expected.lowerBound == 1 ? "" : "s")"
      : "\(expected.lowerBound) to \(expected.upperBound) arguments"
    return problem(
      "E0309", "`\(name)` takes \(count)", span, "wrong number of arguments",
      help: usage.isEmpty ? [] : ["write \(usage)"])
  }

  static func expectedNumber(_ what: String, _ span: Span) -> Diagnostic {
    problem("E0310", "expected a number for \(what)", span, "not a number")
  }

  static func expectedNameValue(_ what: String, _ span: Span) -> Diagnostic {
    problem("E0310", "expected a name for \(what)", span, "not a name")
  }

  static func expectedBoolean(_ what: String, _ span: Span) -> Diagnostic {
    problem("E0310", "expected `true` or `false` for \(what)", span, "not a yes/no value")
  }

  static func expectedRange(_ what: String, _ span: Span) -> Diagnostic {
    problem("E0310", "expected a range such as `1..5` for \(what)", span, "not a range")
  }

  static func expectedDirection(_ span: Span) -> Diagnostic {
    problem(
      "E0310", "direction is `higher` or `lower`", span, "unknown direction",
      help: ["`direction: lower` for indicators where lower values are better"])
  }

  static func expectedPeriods(_ span: Span) -> Diagnostic {
    problem(
      "E0310", "expected a period such as `2025`, a list `[2024, 2025]` or a range `2020..2025`",
      span, "not a period")
  }

  static func expectedMethod(_ property: String, _ span: Span) -> Diagnostic {
    problem(
      "E0310", "expected a method for `\(property)`", span, "not a method",
      help: ["write a method name, with arguments if it takes any: `minmax(0, 100)`"])
  }

  static func notInFormula(_ what: String, _ span: Span) -> Diagnostic {
    problem("E0310", "\(what) cannot appear in a formula", span, "not a number")
  }

  static func notAColumnReference(_ span: Span) -> Diagnostic {
    problem(
      "E0310", "expected a column reference `source.column`", span, "not a column",
      help: ["write `ai.papers` to read column `papers` of data source `ai`"])
  }

  static func missingProperty(_ name: String, declaration: Declaration, example: String)
    -> Diagnostic
  {
    problem(
      "E0311", "`\(declaration.kind.rawValue) \(declaration.name)` needs `\(name)`",
      declaration.nameSpan, "missing `\(name)`", help: ["add `\(example)`"])
  }

  static func duplicateProperty(_ name: String, _ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0312", "`\(name)` is given twice", span, "second value",
      secondary: [declared(first, "first given here")],
      help: ["keep one of them"])
  }

  static func invalidValue(_ message: String, _ span: Span?) -> Diagnostic {
    problem("E0313", message, span, "invalid value")
  }

  static func emptyRange(_ what: String, _ span: Span) -> Diagnostic {
    problem(
      "E0313", "\(what) must go from a lower to a higher number", span, "empty range")
  }

  static func noMembers(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0314", "`\(name)` has no members", span, "nothing to aggregate",
      help: ["list them: `members { a: 50%, b: 50% }` or `members { a, b }`"])
  }

  static func misplacedItem(_ what: String, kind: String, _ span: Span) -> Diagnostic {
    let article = "aeiou".contains(kind.first ?? "x") ? "an" : "a"
    return problem(
      "E0315", "\(what) does not belong in \(article) `\(kind)`", span, "misplaced",
      notes: [
        "`members` belong in `index` and `dimension`, `ratings` in `soft`, levels in `scale`, "
          + "`adjust` in `indicator`, `soft` and `dimension`"
      ])
  }

  static func treatAndTransform(_ span: Span, treat: Span) -> Diagnostic {
    problem(
      "E0316", "give `treat` or `transform`, not both", span, "second treatment",
      secondary: [Diagnostic.Label(treat, "treatment given here")],
      help: ["`treat: winsorize` handles outliers and falls back to a log by itself"])
  }

  static func duplicateRating(_ entity: String, _ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0318", "`\(entity)` is rated twice", span, "second rating",
      secondary: [declared(first, "first rating")], help: ["keep one rating per entity"])
  }

  static func ratingOutOfScale(_ value: Double, range: ClosedRange<Double>, _ span: Span)
    -> Diagnostic
  {
    problem(
      "E0319",
      "rating \(number(value)) is outside the scale \(number(range.lowerBound))..\(number(range.upperBound))",
      span, "off the scale")
  }

  static func rangeOutOfScale(
    _ range: ClosedRange<Double>, scale: ClosedRange<Double>, _ span: Span
  )
    -> Diagnostic
  {
    problem(
      "E0319",
      "the range \(number(range.lowerBound))..\(number(range.upperBound)) goes beyond the scale "
        + "\(number(scale.lowerBound))..\(number(scale.upperBound))", span, "off the scale")
  }

  static func ratingOutsideRange(_ value: Double, range: ClosedRange<Double>, _ span: Span)
    -> Diagnostic
  {
    problem(
      "E0319",
      "the rating \(number(value)) lies outside its own range \(number(range.lowerBound))..\(number(range.upperBound))",
      span, "does not contain the rating")
  }

  static func formulaTooDeep(_ span: Span) -> Diagnostic {
    problem(
      "E0320", "this formula is nested too deeply", span, "too deep",
      help: ["split it into helper indicators"])
  }

  static func badLevel(_ span: Span) -> Diagnostic {
    problem(
      "E0321", "a scale level is a number and a label", span, "not a level",
      help: ["write `3: \"competitive\"`"])
  }

  static func forksNotYet(_ span: Span) -> Diagnostic {
    problem(
      "E0322", "edits need a base methodology", span, "not in a fork",
      help: ["add `extends \"base.idx\"` to this file, or write the change into the declaration"])
  }

  static func secondBase(_ span: Span) -> Diagnostic {
    problem(
      "E0323", "a fork has one base", span, "second base",
      help: ["chain forks instead: let the base itself extend the other file"])
  }

  static func importCycle(_ chain: [String], _ span: Span) -> Diagnostic {
    problem(
      "E0324",
      "files build on each other in a cycle: " + chain.map { "`\($0)`" }.joined(separator: " → "),
      span, "leads back here")
  }

  static func unreadableBase(_ path: String, reason: String, _ span: Span) -> Diagnostic {
    problem(
      "E0325", "cannot read `\(path)`: \(reason)", span, "named here",
      notes: ["paths are relative to the file that names them"])
  }

  static func amendsCannotAdd(_ span: Span) -> Diagnostic {
    problem(
      "E0326", "an `amends` file may only `set` paths that exist", span, "not a `set`",
      help: ["to add, remove or reweight, write `extends` instead of `amends`"])
  }

  static func forkNeedsNewName(_ name: String, _ span: Span, base: Span) -> Diagnostic {
    problem(
      "E0327", "a fork is a new index, so it needs a new name, not `\(name)`", span,
      "same name as the base", secondary: [Diagnostic.Label(base, "the base's index")],
      help: ["rename it, e.g. `\(name)_variant`"])
  }

  static func unknownPath(_ path: String, _ span: Span, suggestion: (String, Span)?) -> Diagnostic {
    var help: [String] = []
    if let (text, place) = suggestion {
      help.append("did you mean `\(text)`? (declared at \(place.file.path):\(line(of: place)))")
    }
    return problem("E0328", "unknown path `\(path)`", span, "nothing has this path", help: help)
  }

  static func editedTwice(_ path: String, _ span: Span, first: Span) -> Diagnostic {
    problem(
      "E0329", "`\(path)` is edited twice in this file", span, "second edit",
      secondary: [Diagnostic.Label(first, "first edit")],
      help: ["keep one edit per path; the later one would silently win"])
  }

  static func adjustmentTooLarge(_ delta: Double, bound: Double, _ span: Span) -> Diagnostic {
    problem(
      "E0331",
      "this adjustment (\(number(delta))) is larger than `max_adjust` allows (\(number(bound)))",
      span, "too large",
      notes: ["the methodology bounds judgement calls with `max_adjust`"],
      help: ["make the case in the data instead, or raise `max_adjust` where it is declared"])
  }

  static func removeWithoutReason(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0332", "removing `\(name)` needs a reason", span, "no `because`",
      notes: ["a fork's removals are itemised with their reasons in explain, diff and reports"],
      help: ["add `because \"…\"`"])
  }

  static func badWeights(_ message: String, _ span: Span) -> Diagnostic {
    problem("E0330", message, span, "in this `weights` edit")
  }

  // MARK: - Data (E045x)

  static func unreadableData(_ path: String, reason: String, _ span: Span) -> Diagnostic {
    problem(
      "E0450", "cannot read data file `\(path)`: \(reason)", span, "named here",
      notes: ["paths are relative to the methodology file that names them"])
  }

  static func periodNotInData(_ period: Int, _ span: Span, available: [Int]) -> Diagnostic {
    let list =
      available.count > 8
      ? "\(available.first ?? 0)–\(available.last ?? 0)"
      : available.map(String.init).joined(separator: ", ")
    return problem(
      "E0451", "period \(period) is not in the data", span, "no data for \(period)",
      notes: ["the data covers \(available.isEmpty ? "no periods" : list)"])
  }

  static func missingSource(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "E0452", "data source `\(name)` does not say where its data is", span, "no file",
      help: ["write `data \(name) = csv(\"file.csv\") { key: … }`"])
  }

  static func badSource(_ span: Span) -> Diagnostic {
    problem(
      "E0452", "a data source is read with `csv(\"path\")`", span, "not a csv file",
      help: ["write `csv(\"data/file.csv\")`"])
  }

  static func pinMismatch(_ path: String, expected: String, actual: String, _ span: Span)
    -> Diagnostic
  {
    problem(
      "E0453", "`\(path)` has changed since it was pinned", span, "pinned hash",
      notes: ["pinned: \(expected)", "actual: \(actual)"],
      help: ["if the change is intended, replace the pin with the actual hash"])
  }

  static func noData(_ span: Span?) -> Diagnostic {
    problem(
      "E0454", "this methodology reads no data", span, "nothing to score",
      help: ["declare a source: `data d = csv(\"file.csv\") { key: code }`"])
  }

  // MARK: - Warnings (W03xx)

  static func notNormalized(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "W0301", "`\(name)` is not normalized: its raw values are aggregated as they are", span,
      "no `normalize`",
      help: [
        "add `normalize: minmax` (or another method), or `normalize: none` to say it is intended"
      ])
  }

  static func unusedNode(_ name: String, _ span: Span) -> Diagnostic {
    problem(
      "W0302", "`\(name)` is not part of the index", span, "never aggregated",
      help: ["add it to a `members` list, or remove it"])
  }

  private static func percent(_ value: Double) -> String {
    number((value * 100 * 1e6).rounded() / 1e6) + "%"
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
