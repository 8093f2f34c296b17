import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `:solve CONDITION by INPUT`: a break-even question put to `BreakEven`.
///
/// The condition is a comparison of two expressions over the results (`CN > US` compares the
/// index scores; `research.CN >= 60` a node's). The input is `NODE.weight` (its share of its
/// group, the others rescaled pro rata), a node (the value of the first entity the condition
/// names, in the node's own units: raw units for an indicator), or a data cell
/// `source.column.ENTITY`. The session's state is not changed: the answer says what would do it.
extension ReplSession {
  func solve(_ input: ReplCommandLine) -> Reply {
    guard let current, let table = current.table, let p = periodIndex else { return Reply() }
    guard let by = input.words.lastIndex(where: { $0.text == "by" }), by > 0,
      by == input.words.count - 2
    else {
      return usage("solve", input, "`:solve` takes a condition, `by` and one input")
    }
    let (byWord, target) = (input.words[by], input.words[by + 1])
    let condition: ExprSyntax
    switch parsedExpression(input.file, from: input.argumentsStart, to: byWord.span.start) {
    case .failure(let reply): return reply
    case .success(let parsed): condition = parsed
    }
    guard case .binary(let op, let opRange, let lhs, let rhs) = condition.kind,
      [.greater, .greaterEqual, .less, .lessEqual].contains(op)
    else {
      let span = Span(file: input.file, start: condition.range.start, end: condition.range.end)
      return .failure(render([ReplMessages.notAComparison(span)]))
    }
    let subject =
      Self.entities(in: lhs, results: current.results).first
      ?? Self.entities(in: rhs, results: current.results).first
    let resolved: BreakEven.Input
    switch breakEvenInput(target, subject: subject, results: current.results, table: table) {
    case .failure(let problem): return .failure(render([problem]))
    case .success(let found): resolved = found
    }
    let file = input.file
    let sign = op == .greater || op == .greaterEqual ? 1.0 : -1.0
    let margin: (Results) -> Double? = { results in
      let evaluator = ReplEvaluator(
        results: results, table: table, period: p, answer: nil, file: file)
      guard case .success(.number(let a)) = evaluator.evaluate(lhs),
        case .success(.number(let b)) = evaluator.evaluate(rhs), !a.isNaN, !b.isNaN
      else { return nil }
      return sign * (a - b)
    }
    let evaluator = ReplEvaluator(
      results: current.results, table: table, period: p, answer: answer, file: file)
    for side in [lhs, rhs] {
      switch evaluator.evaluate(side) {
      case .failure(let problem): return .failure(render([problem]))
      case .success(.number): continue
      case .success(let other):
        let span = Span(file: file, start: side.range.start, end: side.range.end)
        return .failure(render([ReplMessages.notANumber(other.kind, span)]))
      }
    }
    var question = BreakEven(
      plan: current.plan, table: table, input: resolved, period: p,
      domain: BreakEven.defaultDomain(
        resolved, plan: current.plan, table: table, baseline: current.results),
      strict: op == .greater || op == .less, margin: margin)
    let rescorer = current.rescorer
    question.engine = { plan, table, changes in
      rescorer.score(plan, table: table, changes: changes)
    }
    let answer = question.solve(baseline: current.results)
    if case .unsupported(let reason) = answer.outcome {
      return .failure(render([ReplMessages.cannotVary(target.text, reason, target.span)]))
    }
    let shown = Self.entities(in: condition, results: current.results)
    let conditionText = Span(file: file, start: lhs.range.start, end: rhs.range.end).text
    _ = opRange
    return Reply(
      output: ReplSolveReport(
        condition: conditionText, target: target.text, input: resolved, answer: answer,
        baseline: current.results, period: p, entities: shown, precision: settings.precision,
        holdsBy: answer.results.flatMap(margin)
      ).text)
  }

  /// The entity codes a condition names, in order, once each.
  static func entities(in expr: ExprSyntax, results: Results) -> [String] {
    var found: [String] = []
    var stack = [expr]
    while let next = stack.popLast() {
      switch next.kind {
      case .name(let text) where results.entityIndex(text) != nil && !found.contains(text):
        found.append(text)
      case .member(let base, let name):
        if results.entityIndex(name.text) != nil && !found.contains(name.text) {
          found.append(name.text)
        }
        stack.append(base)
      case .binary(_, _, let lhs, let rhs): stack += [rhs, lhs]
      case .unary(_, _, let operand), .parenthesized(let operand): stack.append(operand)
      case .call(_, let arguments): stack += arguments.reversed().map(\.value)
      default: break
      }
    }
    return found
  }

  /// What `by` names: `NODE.weight`, a node (with the entity whose value moves), or a cell.
  func breakEvenInput(
    _ word: ReplCommandLine.Word, subject: String?, results: Results, table: DataTable
  ) -> Evaluation<BreakEven.Input> {
    let parts = word.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let plan = results.plan
    if parts.count == 2, parts[1] == "weight", let node = plan.nodeIndex(parts[0]) {
      return .success(.weight(node: node))
    }
    if parts.count == 1, let node = plan.nodeIndex(parts[0]) {
      guard let subject, let entity = results.entityIndex(subject) else {
        return .failure(ReplMessages.noSubject(parts[0], word.span))
      }
      return .success(.value(node: node, entity: entity))
    }
    if parts.count == 3, let variable = table.variableIndex(parts[0] + "." + parts[1]) {
      guard let entity = table.entityIndex(parts[2]) else {
        let close = Suggestions.closest(to: parts[2], among: table.entities.map(\.code), limit: 1)
        return .failure(ReplMessages.unknownEntity(parts[2], word.span, suggestion: close.first))
      }
      guard let p = periodIndex, let period = table.periodIndex(results.periods[p]) else {
        return .failure(ReplMessages.badInput(word.text, word.span))
      }
      return .success(.cell(variable: variable, entity: entity, period: period))
    }
    return .failure(ReplMessages.badInput(word.text, word.span))
  }
}
