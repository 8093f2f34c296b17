import Diagnostics

/// The engine's messages about numbers out of range and structures too deep to run.
extension EngineMessages {
  static func formulaTooDeep(_ indicator: String, depth: Int, span: Span?) -> Diagnostic {
    .error(
      "E0433", "the formula of `\(indicator)` is \(depth) levels deep", at: span,
      label: "too deep to evaluate",
      notes: ["a formula may nest at most \(Formula.maximumDepth) levels"],
      help: ["split it into indicators that refer to each other"])
  }

  static func notFinite(_ what: String, node: String, value: Double, span: Span?) -> Diagnostic {
    .error(
      "E0434", "\(what) of `\(node)` is \(format(value)), not a finite number", at: span,
      label: "not finite",
      help: ["every weight, bound, coverage and adjustment of a plan must be a finite number"])
  }

  static func overflow(_ node: String, entities: [String], period: Int, span: Span?)
    -> Diagnostic
  {
    .warning(
      "W0431", "`\(node)` overflows for \(list(entities)) in \(period): the value is missing",
      at: span, label: "beyond ±1.8e308",
      notes: ["its inputs are so large that the result cannot be represented"],
      help: ["rescale the data (thousands, millions) before it reaches this node"])
  }
}
