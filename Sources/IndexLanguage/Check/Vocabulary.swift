/// What the language offers to someone writing it: the properties each kind of declaration
/// accepts and the methods each property takes, with signatures and meanings.
///
/// Editors use this for completion and hover. The names come from the checker's own tables
/// (`Resolver.allowedProperties`, the interpreter's method lists), and a test keeps every
/// method there documented here, so what an editor offers is what `idx check` accepts.
public enum Vocabulary {
  /// One method (or formula function): how it is written and what it does.
  public struct Method: Sendable, Equatable {
    public var name: String
    /// `minmax(low, high)`, or `minmax` alone when it takes nothing.
    public var signature: String
    public var meaning: String
    /// Parameter names in order, for completion snippets (empty: written bare).
    public var parameters: [String]

    init(_ name: String, _ parameters: [String] = [], _ meaning: String) {
      self.name = name
      self.parameters = parameters
      self.signature = parameters.isEmpty ? name : "\(name)(\(parameters.joined(separator: ", ")))"
      self.meaning = meaning
    }
  }

  /// The properties a declaration of this kind accepts, in the checker's order.
  public static func properties(of kind: DeclSyntax.Kind) -> [String] {
    Resolver.allowedProperties[kind] ?? []
  }

  /// What a property means, in a sentence.
  public static func meaning(ofProperty name: String) -> String? {
    propertyMeanings[name]
  }

  /// The methods a property takes (`normalize`, `aggregate`, `impute`, `treat`, `transform`,
  /// the index's `scale`, `direction`), or nothing for properties that take other values.
  public static func methods(for property: String) -> [Method] {
    switch property {
    case "normalize": normalizers
    case "aggregate": aggregators
    case "impute": imputations
    case "treat", "transform": treatments
    case "scale": scalings
    case "direction": directions
    case "weights": weightings
    case "screen": screenings
    default: []
    }
  }

  /// The functions a formula (`value:`) may call.
  public static let functions: [Method] = [
    Method("log", ["x"], "natural logarithm; missing (with a warning) for x ≤ 0"),
    Method("log10", ["x"], "base-10 logarithm; missing (with a warning) for x ≤ 0"),
    Method("exp", ["x"], "e to the power x"),
    Method("sqrt", ["x"], "square root; missing (with a warning) for x < 0"),
    Method("abs", ["x"], "absolute value"),
    Method("round", ["x", "digits"], "rounded half away from zero, to `digits` decimals (0)"),
    Method(
      "min", ["a", "b", "…"],
      "the smallest of the arguments, entity by entity; `min(x)`: the period's smallest x"),
    Method(
      "max", ["a", "b", "…"],
      "the largest of the arguments, entity by entity; `max(x)`: the period's largest x"),
    Method("clamp", ["x", "low", "high"], "x limited to low..high"),
    Method("coalesce", ["a", "b", "…"], "the first argument that is not missing"),
    Method("sum", ["x"], "the sum over the period's entities"),
    Method("mean", ["x"], "the mean over the period's entities"),
    Method("median", ["x"], "the median over the period's entities"),
    Method("share", ["x"], "x divided by its sum over the period's entities"),
    Method("rank", ["x"], "rank within the period (1 for the largest)"),
    Method("sd", ["x"], "the sample standard deviation over the period's entities"),
    Method("quantile", ["x", "q"], "the q-quantile over the period's entities (R type 7)"),
    Method("lag", ["x", "periods"], "the value `periods` periods earlier"),
    Method("growth", ["x", "periods"], "relative change since `periods` periods earlier"),
  ]

  /// The statement keywords, for completion at the start of a line.
  public static let statementKeywords = Catalog.statementKeywords

  /// Whether a word can be written as a bare name: ASCII letters, digits and `_`, not
  /// starting with a digit (reserved words included; see `isReserved`).
  public static func isIdentifier(_ word: String) -> Bool {
    guard let first = word.utf8.first, Ascii.isIdentifierStart(first) else { return false }
    return word.utf8.allSatisfy(Ascii.isIdentifierPart)
  }

  /// Whether a word can never name anything (`index`, `members`, `if`, …).
  public static func isReserved(_ word: String) -> Bool {
    Keyword(rawValue: word)?.isReserved ?? false
  }

  /// Whether a word is a keyword of the grammar at all.
  public static func isKeyword(_ word: String) -> Bool {
    Keyword(rawValue: word) != nil
  }

  static let propertyMeanings: [String: String] = [
    "version": "a label for this version of the methodology",
    "period": "the statistical period or periods scored: `2025`, `[2024, 2025]`, `2020..2025`",
    "aggregate": "how a node combines its members' scores (a default for nodes that do not say)",
    "scale": "the index: the final rescaling of its score; a soft indicator: its rating scale",
    "normalize": "how raw values become comparable scores",
    "impute": "how missing raw values are filled",
    "treat": "outlier treatment before normalization (`winsorize`, or a transform)",
    "transform": "a fixed transformation of the raw values (`log`, `log10`, `shifted_log`)",
    "coverage": "the share of members that must be present, or the score is missing",
    "label": "the display label",
    "max_adjust": "the largest judgement adjustment allowed (on this node, or every node)",
    "key": "the column that names each entity",
    "group": "the column (or columns) grouping entities, for group imputation and reports",
    "columns": "wide layout: how headers name variables, e.g. `\"{variable}_{period}\"`",
    "layout": "`wide` (one column per variable) or `long` (entity, period, variable, value)",
    "encoding": "the file's text encoding: `utf8`, `latin1` or `auto`",
    "missing": "the cell texts that mean a missing value, e.g. `[\"..\", \"NA\"]`",
    "names": "the column with each entity's display name",
    "pin": "the expected SHA-256 of the data file's bytes: a change is then an error (E0453)",
    "variable": "long layout: the column naming the variable",
    "value": "an indicator: the formula of its raw values; long layout: the value column",
    "direction": "`higher` or `lower`: which way is better",
    "screen": "unit screening: drop entities below a data-availability threshold "
      + "(`availability(75%)`), with forced `include:`/`exclude:`",
    "unit": "the unit of the raw values (recorded, not yet checked)",
    "target": "the indicator's target, which a bare `normalize: dist2target` measures against",
    "periods": "the periods in which a soft indicator's ratings hold",
    "draws": "the number of Monte Carlo draws",
    "seed": "the seed of the random generator, so a run can be repeated",
    "ratings": "uncertainty: how soft ratings are drawn from the panel's ranges "
      + "(`uniform`, `triangular`, `fixed`)",
    "noise": "uncertainty: measurement noise on raw values: a standard error `se(x)` or `se(x%)`",
    "exclude": "uncertainty: members that may be left out, e.g. `one of none, patents`",
    "weights": "a node: where its member weights come from (`declared`, `pca`, "
      + "`equal_influence`); uncertainty: the perturbation of every weight, e.g. `±25%`",
  ]

  static let normalizers: [Method] = [
    Method("minmax", ["low", "high"], "(y − min)/(max − min) onto low..high (0..100 bare)"),
    Method("zscore", ["mean", "sd"], "(y − mean)/sd, then · sd + mean (0 and 1 bare)"),
    Method("scaled", ["low", "high", "factor"], "(y − low)/(high − low) · factor, not clipped"),
    Method(
      "goalposts", ["low", "high", "scale"], "clip((y − low)/(high − low), 0, 1) onto 0..scale"),
    Method(
      "log_goalposts", ["low", "high", "scale"],
      "goalposts on natural logarithms, x capped at high (the HDI's income index)"),
    Method("fracmax", [], "y / max, onto `to:` (0..1)"),
    Method("ratio_to_leader", [], "the same as `fracmax`: y / max"),
    Method("dist2max", [], "1 − (max − y)/(max − min)"),
    Method("dist2ref", ["ENTITY"], "1 − (y_E − y)/(y_E − min): distance to a reference entity"),
    Method(
      "dist2target", ["target"],
      "(y − min)/(target − min): distance to a target (bare: the indicator's `target:`)"),
    Method(
      "rank", [],
      "ascending rank of y in the period (1 for the smallest); `ties:` min, average or max"),
    Method("borda", [], "rank − 1 (`ties:` as for `rank`)"),
    Method("percentile", [], "(rank − 1)/(n − 1) onto `to:` (0..1); `ties:` as for `rank`"),
    Method("none", [], "the raw values after direction, unchanged"),
  ]

  static let aggregators: [Method] = [
    Method("arithmetic", [], "Σ wᵢxᵢ / Σ wᵢ over the members present"),
    Method("sum", [], "Σ wᵢxᵢ over the members present, weights as written (1 when bare)"),
    Method("geometric", [], "exp(Σ wᵢ ln xᵢ / Σ wᵢ); needs every xᵢ > 0 (or `floor:`, `shift:`)"),
    Method("harmonic", [], "Σ wᵢ / Σ (wᵢ / xᵢ); needs every xᵢ > 0"),
    Method("power", ["p"], "(Σ wᵢ xᵢᵖ / Σ wᵢ)^(1/p), the generalized mean"),
    Method("median", [], "the weighted median of the members"),
    Method("min", [], "the smallest member score (weights only exclude members of weight 0)"),
    Method("copeland", [], "Copeland outranking: wins minus losses against the other entities"),
    Method(
      "benefit_of_doubt", [],
      "each entity's most favourable weights, no entity above 1 (bounds `min:`, `max:` on shares)"),
    Method("mpi", [], "Mazziotta–Pareto: mean minus a penalty for an uneven profile (sample sd)"),
    Method("ampi", [], "adjusted Mazziotta–Pareto: the same with the population sd"),
  ]

  static let weightings: [Method] = [
    Method("declared", [], "the weights written in `members { … }` (the default)"),
    Method("pca", [], "the first principal component's loadings squared, per period"),
    Method("equal_influence", [], "weights under which every member has the same influence"),
  ]

  static let imputations: [Method] = [
    Method("none", [], "missing values stay missing"),
    Method("mean", [], "the period's mean; `mean(by: group)` the mean of the entity's group"),
    Method("median", [], "the period's median; `median(by: group)` the group's median"),
    Method("zero", [], "0"),
    Method("latest", [], "the entity's latest earlier value; `latest(max_age: k)` at most k old"),
    Method("linear", [], "linear interpolation between the entity's own periods"),
    Method(
      "constant", [],
      "the entity's previous value carried forward, its first carried back to earlier periods"),
    Method(
      "row_mean", [],
      "the mean of the entity's other indicators under the same parent, on their min-max "
        + "scales, mapped onto this one's (COINr's impute_by = \"row\"; `normalize_first: false`)"),
    Method("row_median", [], "as `row_mean`, with the median"),
  ]

  static let screenings: [Method] = [
    Method(
      "availability", ["share"],
      "drop entities with fewer values present (2/3 bare; `nonzero:`, `include:`, `exclude:`)"),
    Method("nonzero", ["share"], "drop entities with fewer non-zero values (5% bare)"),
    Method("none", [], "no threshold (`include:`/`exclude:` still apply)"),
  ]

  static let treatments: [Method] = [
    Method("none", [], "no treatment"),
    Method(
      "winsorize", [],
      "the JRC/COINr rule: while |skew| > 2 and kurtosis > 3.5, pull in the extremes (at most `winmax:` 5 points), else a shifted log (`force:`, `fallback:`, `combine:`)"
    ),
    Method("log", [], "ln x; x ≤ 0 becomes missing"),
    Method("log10", [], "log₁₀ x; x ≤ 0 becomes missing"),
    Method("shifted_log", [], "ln(x − min + 0.01·(max − min)), COINr's log_CT"),
    Method(
      "shifted_log_plus", [],
      "shifted_log if the skew is positive, else −ln(max + 0.01·(max − min) − x): COINr's log_CT_plus"
    ),
    Method("log_plus_one", [], "ln(x − min + 1), COINr's log_CT_orig"),
    Method("gii_log", [], "ln((max − 1)(x − min)/(max − min) + 1), COINr's log_GII"),
    Method("boxcox", ["lambda"], "Box–Cox of x − min + 1: ((·)^λ − 1)/λ, ln(·) for λ = 0"),
  ]

  static let scalings: [Method] = [
    Method("none", [], "the index score as aggregated"),
    Method("leader", ["factor"], "factor · s / max s: the leader gets `factor` (100)"),
    Method("minmax", ["low", "high"], "the index score min-maxed onto low..high"),
    Method("relative", ["ENTITY", "factor"], "factor · s / s_E: relative to one entity"),
  ]

  static let directions: [Method] = [
    Method("higher", [], "higher raw values are better"),
    Method("lower", [], "lower raw values are better: the indicator is reversed"),
  ]
}
