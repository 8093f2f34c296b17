import Diagnostics

/// Messages about weights that come from the data (`weights: pca`, `weights: equal_influence`)
/// or that a method does not take (`benefit_of_doubt`, `mpi`, `ampi`).
extension Catalog {
  /// The codes below, for the gallery test and documentation.
  public static let weightCodes = ["E0350"]

  static func weightsNotUsed(_ node: String, method: String, _ span: Span, member: String)
    -> Diagnostic
  {
    let reason =
      method.hasPrefix("weights:")
      ? "its weights come from the data" : "this method sets its own weights or takes none"
    return Diagnostic(
      .error, code: "E0350",
      message: "`\(node)` has `\(method)`: the weight written for `\(member)` would not be used",
      at: Diagnostic.Label(span, "weight written here"),
      notes: ["\(reason), so a written weight would mislead a reader"],
      help: ["remove the weights from `members { … }`, or drop `\(method)`"])
  }
}
