import Diagnostics
import ScoringEngine

/// The treatment library: the JRC/COINr winsorizing rule with its options, and the fixed
/// transformations (COINr's `R/treat.R`), each also usable as the rule's fallback.
extension Interpreter {
  static let treatments = [
    "none", "winsorize", "log", "log10", "shifted_log", "shifted_log_plus", "log_plus_one",
    "gii_log", "boxcox",
  ]

  /// The transformations written bare, with the value each stands for.
  static let bareTransforms: [String: Treatment] = [
    "none": Treatment.none, "log": .log, "log10": .log10, "shifted_log": .shiftedLog,
    "shifted_log_plus": .signedShiftedLog, "log_plus_one": .logPlusOne, "gii_log": .giiLog,
  ]

  mutating func treatment(_ value: Located<ExprSyntax>, property: String = "treat") -> Treatment? {
    guard let call = method(value, property: property) else { return nil }
    if let transform = Self.bareTransforms[call.name] {
      return accepts(call, positional: 0...0, usage: call.name) ? transform : nil
    }
    switch call.name {
    case "boxcox":
      guard accepts(call, positional: 1...1, usage: "boxcox(lambda), e.g. boxcox(0.5)"),
        let lambda = number(call.positional[0], what: "the Box–Cox λ")
      else { return nil }
      return .boxCox(lambda: lambda)
    case "winsorize":
      return winsorize(call)
    default:
      unknownMethod(call, property: property, known: Self.treatments)
      return nil
    }
  }

  /// `winsorize(winmax: 5, skew: 2, kurtosis: 3.5, force: false, fallback: shifted_log,
  /// combine: false)`, every argument optional with COINr's default.
  private mutating func winsorize(_ call: MethodCall) -> Treatment? {
    let usage =
      "winsorize or winsorize(winmax: 5, skew: 2, kurtosis: 3.5, force: true, "
      + "fallback: boxcox(0.5), combine: true)"
    let options = ["winmax", "skew", "kurtosis", "force", "fallback", "combine"]
    guard accepts(call, positional: 0...0, named: options, usage: usage) else { return nil }
    var rule = Winsorization()
    if let value = call.named["winmax"] {
      guard let n = number(value, what: "winmax"), n >= 0, n == n.rounded(), n < 10_000 else {
        diagnostics.append(
          Catalog.invalidValue("winmax is a whole number of iterations", call.span))
        return nil
      }
      rule.winmax = Int(n)
    }
    if let value = call.named["skew"] {
      rule.skewness = number(value, what: "the skew threshold") ?? rule.skewness
    }
    if let value = call.named["kurtosis"] {
      rule.kurtosis = number(value, what: "the kurtosis threshold") ?? rule.kurtosis
    }
    if let value = call.named["force"] {
      guard let force = boolean(value, what: "force") else { return nil }
      rule.force = force
    }
    if let value = call.named["combine"] {
      guard let combine = boolean(value, what: "combine") else { return nil }
      rule.combine = combine
    }
    if let value = call.named["fallback"] {
      guard let fallback = fallback(value) else { return nil }
      rule.fallback = fallback
    }
    if rule.combine && rule.fallback == .none {
      diagnostics.append(
        Catalog.invalidValue(
          "`combine: true` applies the fallback to the winsorized values: give a `fallback:`",
          call.span))
      return nil
    }
    return .winsorize(rule)
  }

  /// A winsorization's fallback: a fixed transformation or `none`, never another winsorize
  /// (checked before reading it, so nesting cannot go deeper than one level).
  private mutating func fallback(_ value: Located<ExprSyntax>) -> Treatment? {
    let name: String? =
      switch value.value.kind {
      case .name(let text): text
      case .call(let function, _): function.text
      default: nil
      }
    if name == "winsorize" {
      diagnostics.append(
        Catalog.invalidValue(
          "the fallback is a transformation (`shifted_log`, `boxcox(0.5)`, …) or `none`",
          value.span(value.value.range)))
      return nil
    }
    return treatment(value, property: "fallback")
  }
}
