import Diagnostics
import ScoringEngine

/// Soft indicators: expert ratings on an ordinal scale, as first-class indicators.
extension Checker {
  /// A soft indicator's plan: its ratings (numbers or the scale's labels) become raw values.
  mutating func soft(_ declaration: Declaration) -> Plan.Indicator {
    var indicator = Plan.Indicator(source: .ratings([:]))
    let scale = scaleOf(declaration)
    var ratings: [String: Double] = [:]
    var seen: [String: Span] = [:]
    for located in declaration.ratings {
      let rating = located.value
      guard !rating.entity.isMissing else { continue }
      let entitySpan = located.span(rating.entity.range)
      if let first = seen[rating.entity.text] {
        diagnostics.append(Catalog.duplicateRating(rating.entity.text, entitySpan, first: first))
        continue
      }
      seen[rating.entity.text] = entitySpan
      entityReferences.append((rating.entity.text, entitySpan))
      guard let value = ratingValue(Located(rating.value, in: located.file), scale: scale) else {
        continue
      }
      if let bounds = rating.bounds {
        if let range = checkBounds(Located(bounds, in: located.file), value: value, scale: scale) {
          indicator.ratingRanges[rating.entity.text] = range
        }
      } else if let range = scale?.defaultRange(around: value) {
        indicator.ratingRanges[rating.entity.text] = range
      }
      ratings[rating.entity.text] = value
    }
    if declaration.ratings.isEmpty {
      diagnostics.append(
        Catalog.missingProperty("ratings", declaration: declaration, example: "ratings { US 4.5 }"))
    }
    let periods = declaration.property("periods").flatMap { interpreter.periods($0.value) }
    indicator.source = .ratings(ratings, periods: periods)
    if let value = declaration.property("direction"),
      let direction = interpreter.direction(value.value)
    {
      indicator.direction = direction
    }
    if let value = declaration.property("normalize")?.value {
      indicator.normalizer = interpreter.normalizer(value) ?? .identity
    } else if let scale, let range = scale.range {
      // A rating on a scale is scored against the scale's own ends by default.
      indicator.normalizer = .goalposts(
        low: range.lowerBound, high: range.upperBound, output: 0...100, logarithmic: false)
    } else if declaration.property("scale") == nil && !declaration.hasUnknownProperties {
      diagnostics.append(Catalog.notNormalized(declaration.name, declaration.nameSpan))
    }
    return indicator
  }

  /// A resolved ordinal scale: its range and its labelled levels.
  struct OrdinalScale {
    var range: ClosedRange<Double>?
    var labels: [String: Double]

    /// The range a rating has when the panel gave none: half a step between the scale's
    /// levels either side of it (half a point on a 1..5 scale), within the scale.
    func defaultRange(around value: Double) -> ClosedRange<Double>? {
      guard let range else { return nil }
      let levels = Set(labels.values).sorted()
      let steps = zip(levels, levels.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
      let half = (steps.min() ?? 1) / 2
      let low = Swift.max(range.lowerBound, value - half)
      let high = Swift.min(range.upperBound, value + half)
      return low...high
    }
  }

  private mutating func scaleOf(_ declaration: Declaration) -> OrdinalScale? {
    guard let property = declaration.property("scale") else { return nil }
    guard case .name(let name) = property.value.value.kind else {
      diagnostics.append(Catalog.expectedNameValue("a scale", property.valueSpan))
      return nil
    }
    guard let scale = methodology.scales.first(where: { $0.name == name }) else {
      diagnostics.append(
        Catalog.unknownScale(name, property.valueSpan, known: methodology.scales.map(\.name)))
      return nil
    }
    var resolved = OrdinalScale(range: nil, labels: [:])
    if let range = scale.scaleRange {
      resolved.range = interpreter.range(range, what: "the scale")
    }
    for located in scale.levels {
      guard let level = Interpreter.constant(located.value.level),
        case .string(let label) = located.value.label.kind
      else {
        diagnostics.append(Catalog.badLevel(located.span(located.value.range)))
        continue
      }
      if let range = resolved.range, !range.contains(level) {
        diagnostics.append(
          Catalog.ratingOutOfScale(level, range: range, located.span(located.value.level.range)))
        continue
      }
      resolved.labels[label] = level
    }
    return resolved
  }

  private mutating func ratingValue(_ value: Located<ExprSyntax>, scale: OrdinalScale?) -> Double? {
    if case .string(let label) = value.value.kind {
      if let level = scale?.labels[label] { return level }
      diagnostics.append(
        Catalog.unknownLevel(
          label, value.span(value.value.range),
          known: (scale?.labels.keys).map { Array($0).sorted() } ?? []))
      return nil
    }
    guard let number = interpreter.number(value, what: "a rating") else { return nil }
    if let range = scale?.range, !range.contains(number) {
      diagnostics.append(
        Catalog.ratingOutOfScale(number, range: range, value.span(value.value.range)))
      return nil
    }
    return number
  }

  @discardableResult
  private mutating func checkBounds(
    _ bounds: Located<ExprSyntax>, value: Double, scale: OrdinalScale?
  ) -> ClosedRange<Double>? {
    guard let range = interpreter.range(bounds, what: "the rating's range") else { return nil }
    if !range.contains(value) {
      diagnostics.append(
        Catalog.ratingOutsideRange(value, range: range, bounds.span(bounds.value.range)))
    }
    if let scaleRange = scale?.range,
      range.lowerBound < scaleRange.lowerBound || range.upperBound > scaleRange.upperBound
    {
      diagnostics.append(
        Catalog.rangeOutOfScale(range, scale: scaleRange, bounds.span(bounds.value.range)))
    }
    return range
  }
}
