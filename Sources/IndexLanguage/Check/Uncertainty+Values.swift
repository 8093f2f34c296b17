import Diagnostics
import ScoringEngine

/// The values an `uncertainty` line may hold: spreads (`±25%`), noise (`se(2.5)`), ways to
/// sample ratings, and `one of` lists of methods or of members to leave out.
extension UncertaintyCheck {
  /// `±p`: a share strictly between 0 and 1 (percentages or plain numbers).
  mutating func spread(_ property: Declaration.Property) -> Double? {
    let value = property.value.value
    guard case .unary(.plusMinus, _, let operand) = value.kind,
      let p = Interpreter.constant(operand)
    else {
      if !value.isBad {
        problems.append(Catalog.expectedSpread(property.name, property.valueSpan, noise: false))
      }
      return nil
    }
    guard p > 0 && p < 1 else {
      problems.append(Catalog.spreadOutOfRange(property.name, p, property.valueSpan))
      return nil
    }
    return p
  }

  /// `±p` (uniform, relative), `se(x)` (a standard error in the indicator's units) or
  /// `se(x%)` (a standard error relative to each value).
  mutating func noise(_ property: Declaration.Property) -> UncertaintyModel.Noise? {
    let value = property.value.value
    if case .unary(.plusMinus, _, _) = value.kind {
      return spread(property).map { .relative($0) }
    }
    guard case .call(let function, let arguments) = value.kind, function.text == "se",
      arguments.count == 1, arguments[0].label == nil,
      let error = Interpreter.constant(arguments[0].value)
    else {
      if !value.isBad {
        problems.append(Catalog.expectedSpread(property.name, property.valueSpan, noise: true))
      }
      return nil
    }
    guard error > 0 else {
      problems.append(Catalog.standardErrorNotPositive(property.name, property.valueSpan))
      return nil
    }
    var written = arguments[0].value
    while case .parenthesized(let inner) = written.kind { written = inner }
    if case .percent = written.kind { return .relativeError(error) }
    return .standardError(error)
  }

  /// `uniform`, `triangular` or `fixed` (not sampled: the inner nil); the outer nil after an
  /// error.
  mutating func ratingShape(_ property: Declaration.Property) -> UncertaintyModel.RatingShape?? {
    if case .name(let word) = property.value.value.kind {
      if word == "fixed" { return .some(nil) }
      if let shape = UncertaintyModel.RatingShape(rawValue: word) { return .some(shape) }
    }
    if !property.value.value.isBad {
      problems.append(Catalog.expectedRatingShape(property.name, property.valueSpan))
    }
    return nil
  }

  /// `one of a, b, …`: at least two different alternatives, each read by `parse` (for
  /// methods, the interpreter's reading, so every method of the library can be one).
  mutating func alternatives<Value: Equatable & Sendable>(
    _ property: Declaration.Property, example: String,
    parse: (inout UncertaintyCheck, Located<ExprSyntax>) -> Value?
  ) -> UncertaintyModel.Alternatives<Value>? {
    guard let items = oneOf(property, example: example) else { return nil }
    var values: [Value] = []
    var labels: [String] = []
    var spans: [Span] = []
    var failed = false
    for item in items {
      let located = Located(item, in: property.value.file)
      let span = located.span(item.range)
      guard let value = parse(&self, located) else {
        failed = true
        continue
      }
      if let first = values.firstIndex(of: value) {
        problems.append(Catalog.duplicateAlternative(span.text, span, first: spans[first]))
        failed = true
        continue
      }
      values.append(value)
      labels.append(span.text)
      spans.append(span)
    }
    return failed ? nil : .init(values: values, labels: labels)
  }

  /// The items of a `one of` list with at least two of them, or nil after reporting.
  private mutating func oneOf(_ property: Declaration.Property, example: String)
    -> ExprList?
  {
    let value = property.value.value
    guard case .oneOf(let items) = value.kind, items.count > 1 else {
      if !value.isBad {
        problems.append(
          Catalog.needsAlternatives(property.name, property.valueSpan, example: example))
      }
      return nil
    }
    return items
  }

  /// `exclude: one of none, patents, research`: members of the tree to leave out, one per
  /// draw (`none` leaves the index whole).
  mutating func exclusion(_ property: Declaration.Property)
    -> UncertaintyModel.Alternatives<Int?>?
  {
    let first = plan.nodes[plan.root].aggregate?.members.first.map { plan.nodes[$0.node].name }
    return alternatives(property, example: "none, " + (first ?? "MEMBER")) { check, item in
      check.member(item)
    }
  }

  /// One alternative of `exclude`: `.some(nil)` for `none`, the node to leave out, or nil
  /// after reporting why it cannot be.
  private mutating func member(_ item: Located<ExprSyntax>) -> Int?? {
    guard let name = interpreter.name(item, what: "a member to leave out") else { return nil }
    if name == "none" { return .some(nil) }
    let span = item.span(item.value.range)
    guard let node = plan.nodeIndex(name) else {
      problems.append(
        Catalog.unknownUncertainNode(name, span, known: plan.nodes.map(\.name) + ["none"]))
      return nil
    }
    if let reason = excludable(node) {
      problems.append(Catalog.cannotExclude(name, span, reason: reason))
      return nil
    }
    return .some(node)
  }

  /// Why a node cannot be left out, or nil when it can.
  private func excludable(_ node: Int) -> String? {
    let name = plan.nodes[node].name
    if node == plan.root { return "`\(name)` is the index itself" }
    guard inTree.contains(node), let place = parents[node] else {
      return "`\(name)` is not a member of the index or of one of its dimensions"
    }
    let group = plan.nodes[place.parent]
    guard (group.aggregate?.members.count ?? 0) > 1 else {
      return "`\(name)` is the only member of `\(group.name)`, which would have nothing left"
    }
    return nil
  }
}
