/// Rescales final index scores for presentation (METHODS.md, "Scaling the final result").
///
/// Problems are those of normalization: a leader or reference score ≤ 0 cannot anchor a ratio,
/// scores without spread cannot be min-maxed, and an unknown or missing reference entity leaves
/// nothing to compare with. In each case every value is missing and the problem says why.
public func scale(
  _ scores: [Double], with scaling: Scaling, entityCodes: [String] = []
) -> (values: [Double], problem: NormalizeProblem?) {
  let allMissing = [Double](repeating: .nan, count: scores.count)
  if case .none = scaling { return (scores, nil) }
  guard scores.contains(where: { !$0.isNaN }) else {
    return (scores, scores.isEmpty ? nil : .allMissing)
  }
  switch scaling {
  case .none:
    return (scores, nil)
  case .leader(let factor):
    let top = Statistics.maximum(scores)
    guard top > 0 else { return (allMissing, .nonPositiveReference) }
    return (scores.map { factor * $0 / top }, nil)
  case .minmax(let output):
    let outcome = normalize(scores, direction: .higher, with: .minmax(output: output))
    return (outcome.values, outcome.problem)
  case .relative(let code, let factor):
    guard let e = entityCodes.firstIndex(of: code), e < scores.count else {
      return (allMissing, .referenceUnknown(code))
    }
    let reference = scores[e]
    guard !reference.isNaN else { return (allMissing, .referenceMissing(code)) }
    guard reference > 0 else { return (allMissing, .nonPositiveReference) }
    return (scores.map { factor * $0 / reference }, nil)
  }
}
