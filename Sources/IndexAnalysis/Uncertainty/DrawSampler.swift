import ScoringEngine

/// What one source drew in one draw: the numbers a variant of the plan is built from.
enum SourceDraw: Sendable {
  /// A factor for each listed weight, in the source's order.
  case weights([Double])
  /// The position of the chosen alternative.
  case choice(Int)
  /// Per listed soft indicator, every rating (an entity without a range keeps its own).
  case ratings([[String: Double]])
  /// Per listed indicator, one number per cell of the table over all its periods: a factor
  /// (relative noise) or a term to add (a standard error in the indicator's units).
  case noise([[Double]])
}

/// Turns a source's random stream into what it draws.
///
/// Every source consumes its own stream in a fixed order (entities in table order, cells
/// period by period), so a draw depends only on the seed, the draw's position and the source.
struct DrawSampler: Sendable {
  let model: UncertaintyModel
  let plan: Plan
  /// Entity codes in table order.
  let entityCodes: [String]
  /// Cells of one column of the table (entities × all periods).
  let cellCount: Int

  /// The draw of source `index` from `stream`.
  func draw(source index: Int, using stream: inout RandomStream) -> SourceDraw {
    switch model.sources[index].kind {
    case .weights(let spreads):
      return .weights(spreads.map { stream.uniform(1 - $0.spread, 1 + $0.spread) })
    case .normalizer(_, let choices):
      return .choice(stream.index(below: choices.values.count))
    case .aggregator(_, let choices):
      return .choice(stream.index(below: choices.values.count))
    case .imputation(_, let choices):
      return .choice(stream.index(below: choices.values.count))
    case .treatment(_, let choices):
      return .choice(stream.index(below: choices.values.count))
    case .exclusion(let choices):
      return .choice(stream.index(below: choices.values.count))
    case .ratings(let nodes, let shape):
      return .ratings(nodes.map { ratings(of: $0, shape: shape, using: &stream) })
    case .noise(let nodes, let noise):
      return .noise(nodes.map { _ in cells(noise, using: &stream) })
    }
  }

  /// One soft indicator's ratings, each drawn from its range around the nominal rating.
  private func ratings(
    of node: Int, shape: UncertaintyModel.RatingShape, using stream: inout RandomStream
  ) -> [String: Double] {
    guard let indicator = plan.nodes[node].indicator,
      case .ratings(var ratings, _) = indicator.source
    else { return [:] }
    for code in entityCodes {
      guard let range = indicator.ratingRanges[code], let rating = ratings[code] else { continue }
      switch shape {
      case .uniform:
        ratings[code] = stream.uniform(range.lowerBound, range.upperBound)
      case .triangular:
        ratings[code] = stream.triangular(range.lowerBound, rating, range.upperBound)
      }
    }
    return ratings
  }

  /// One indicator's noise, cell by cell.
  private func cells(_ noise: UncertaintyModel.Noise, using stream: inout RandomStream)
    -> [Double]
  {
    var values = [Double](repeating: 0, count: cellCount)
    for cell in 0..<cellCount {
      switch noise {
      case .relative(let p): values[cell] = stream.uniform(1 - p, 1 + p)
      case .standardError(let sigma): values[cell] = sigma * stream.normal()
      case .relativeError(let share): values[cell] = 1 + share * stream.normal()
      }
    }
    return values
  }
}

extension UncertaintyModel.Noise {
  /// Whether the drawn numbers multiply the value (else they are added to it).
  var isFactor: Bool {
    if case .standardError = self { return false }
    return true
  }
}
