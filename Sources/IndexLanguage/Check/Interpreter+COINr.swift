import Diagnostics
import ScoringEngine

/// The methods that came from COINr and take more than a name: the `global:` option of the
/// normalizers, row imputation, and the `screen:` property.
extension Interpreter {
  /// `normalize: minmax(global: true)`, the normalizer over every scored period at once.
  ///
  /// Fixed bounds and a per-period reference have nothing to pool (E0313).
  mutating func pooled(_ normalizer: Normalizer, option: Located<ExprSyntax>, _ call: MethodCall)
    -> Normalizer?
  {
    guard let global = boolean(option, what: "global") else { return nil }
    guard global else { return normalizer }
    switch normalizer {
    case .identity, .scaled, .goalposts:
      diagnostics.append(Catalog.fixedBoundsPool(call.name, option.span(option.value.range)))
      return nil
    case .dist2ref:
      diagnostics.append(Catalog.referencePool(option.span(option.value.range)))
      return nil
    default:
      return .global(normalizer)
    }
  }

  /// `row_mean`, `row_median`, with `normalize_first: false` to average raw values.
  mutating func rowImputation(_ call: MethodCall) -> Imputation? {
    let usage = "\(call.name) or \(call.name)(normalize_first: false)"
    guard accepts(call, positional: 0...0, named: ["normalize_first"], usage: usage) else {
      return nil
    }
    var normalizeFirst = true
    if let option = call.named["normalize_first"] {
      guard let value = boolean(option, what: "normalize_first") else { return nil }
      normalizeFirst = value
    }
    return .row(call.name == "row_mean" ? .mean : .median, normalizeFirst: normalizeFirst)
  }

  static let screenings = ["availability", "nonzero", "none"]

  /// One `screen:` value: its rule (nil for `none`) and the entities it forces in and out.
  struct ScreenValue {
    var rule: Screening.Rule?
    var include: [(code: String, span: Span)] = []
    var exclude: [(code: String, span: Span)] = []
  }

  /// `screen: availability(75%)`, `nonzero(5%)`, `availability(90%, nonzero: 50%)` or `none`,
  /// each with `include: [CODE, …]` and `exclude: […]` on the index (`forced`).
  mutating func screening(_ value: Located<ExprSyntax>, node: Int, forced: Bool) -> ScreenValue? {
    guard let call = method(value, property: "screen") else { return nil }
    let forcing = ["include", "exclude"]
    var screen = ScreenValue()
    var rule = Screening.Rule(node: node, span: value.span(value.value.range))
    switch call.name {
    case "availability":
      let usage = "availability(75%) or availability(75%, nonzero: 5%)"
      guard accepts(call, positional: 0...1, named: ["nonzero"] + forcing, usage: usage) else {
        return nil
      }
      // COINr's `dat_thresh` default.
      rule.availability = 2.0 / 3.0
      if let threshold = call.positional.first {
        guard let share = share(threshold, what: "the availability threshold") else { return nil }
        rule.availability = share
      }
      if let nonzero = call.named["nonzero"] {
        guard let share = share(nonzero, what: "the non-zero threshold") else { return nil }
        rule.nonzero = share
      }
    case "nonzero":
      guard accepts(call, positional: 0...1, named: forcing, usage: "nonzero or nonzero(5%)")
      else { return nil }
      // COINr's `nonzero_thresh` default.
      rule.nonzero = 0.05
      if let threshold = call.positional.first {
        guard let share = share(threshold, what: "the non-zero threshold") else { return nil }
        rule.nonzero = share
      }
    case "none":
      guard accepts(call, positional: 0...0, named: forcing, usage: "none") else { return nil }
    default:
      unknownMethod(call, property: "screen", known: Self.screenings)
      return nil
    }
    if call.name != "none" { screen.rule = rule }
    for label in forcing {
      guard let list = call.named[label] else { continue }
      guard forced else {
        diagnostics.append(Catalog.forcedOnDimension(list.span(list.value.range)))
        return nil
      }
      guard let codes = entityList(list, what: "the entities to \(label)") else { return nil }
      if label == "include" { screen.include = codes } else { screen.exclude = codes }
    }
    return screen
  }

  /// `[US, "CN"]` or a single code, each with its span.
  private mutating func entityList(_ value: Located<ExprSyntax>, what: String)
    -> [(code: String, span: Span)]?
  {
    let items: [ExprSyntax]
    if case .list(let listed) = value.value.kind {
      items = Array(listed)
    } else {
      items = [value.value]
    }
    var codes: [(code: String, span: Span)] = []
    for item in items {
      guard let code = name(Located(item, in: value.file), what: what) else { return nil }
      codes.append((code, value.span(item.range)))
    }
    return codes
  }
}
