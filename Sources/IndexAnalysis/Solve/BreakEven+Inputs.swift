import ScoringEngine

/// The inputs a break-even search varies: reading their current value and scale, the domain
/// they live in, and a plan or table with a new value put in.
extension BreakEven {
  /// The aggregate whose members list `node`, and the member's position there.
  public static func parent(of node: Int, in plan: Plan) -> (node: Int, member: Int)? {
    for (index, candidate) in plan.nodes.enumerated() {
      guard let aggregate = candidate.aggregate else { continue }
      if let member = aggregate.members.firstIndex(where: { $0.node == node }) {
        return (index, member)
      }
    }
    return nil
  }

  /// The usual domain of an input: 0…1 for a weight's share; for an aggregate's value, the
  /// scores it can take (`scoreRange`) when they are bounded; for an indicator's raw value, an
  /// aggregate without bounds or a cell, 0…∞ when every known value of it (every entity, every
  /// period) is at least 0 — counts, money, shares — and the whole line otherwise.
  public static func defaultDomain(
    _ input: Input, plan: Plan, table: DataTable, baseline: Results
  ) -> ClosedRange<Double> {
    let values: [Double]
    switch input {
    case .weight: return 0...1
    case .value(let node, _):
      if plan.nodes[node].aggregate != nil,
        let range = scoreRange(of: node, in: plan, entities: table.entities.count)
      {
        return range
      }
      values =
        plan.nodes[node].indicator == nil
        ? baseline.nodes[node].score.array : baseline.nodes[node].raw
    case .cell(let variable, _, _):
      values = table.columns[variable]
    }
    let nonNegative = values.allSatisfy { $0.isNaN || $0 >= 0 }
    return nonNegative ? 0...Double.infinity : -Double.infinity...Double.infinity
  }

  /// Why the input cannot be varied at all, if it cannot.
  func unsupportedReason() -> String? {
    guard case .weight(let node) = input else { return nil }
    guard let (parent, member) = Self.parent(of: node, in: plan),
      let aggregate = plan.nodes[parent].aggregate
    else {
      return "`\(plan.nodes[node].name)` has no weight: it is not a member of any node"
    }
    let name = plan.nodes[parent].name
    if aggregate.weighting.isDerived {
      return "the weights of `\(name)` come from the data, not from its members list"
    }
    let others = aggregate.members.indices.filter { $0 != member }
    if others.isEmpty {
      return "`\(plan.nodes[node].name)` is the only member of `\(name)`: its share is always 100%"
    }
    if others.allSatisfy({ aggregate.members[$0].weight <= 0 }) {
      return "the other members of `\(name)` all have weight 0: nothing can be rescaled"
    }
    return nil
  }

  /// Why the current value is unknown (a missing value or cell).
  var missingReason: String {
    switch input {
    case .weight: "the weight cannot be read"
    case .value(let node, let entity):
      "\(table.entities[entity].code) has no value of `\(plan.nodes[node].name)` in this period"
    case .cell(let variable, let entity, let period):
      "the cell of \(table.entities[entity].code) in \(table.periods[period]) of "
        + "`\(table.variables[variable])` is missing"
    }
  }

  /// The input's value in the baseline, or nil when it is missing.
  func currentValue(_ baseline: Results) -> Double? {
    switch input {
    case .weight(let node):
      guard let (parent, member) = Self.parent(of: node, in: plan),
        let aggregate = plan.nodes[parent].aggregate
      else { return nil }
      let total = aggregate.members.reduce(0) { $0 + $1.weight }
      return total > 0 ? aggregate.members[member].weight / total : nil
    case .value(let node, let entity):
      let cell = baseline.cell(entity: entity, period: period)
      guard plan.nodes[node].indicator != nil else {
        let score = baseline.nodes[node].score[cell]
        return score.isNaN ? nil : score
      }
      let raw = baseline.nodes[node].raw[cell]
      guard !raw.isNaN else { return nil }
      let code = baseline.entities[entity].code
      return raw
        + plan.nodes[node].adjustments.filter { $0.entity == code }.reduce(0) { $0 + $1.delta }
    case .cell(let variable, let entity, let period):
      let value = table.columns[variable][period * table.entities.count + entity]
      return value.isNaN ? nil : value
    }
  }

  /// The distance the search's steps are measured in: the spread of the input across the
  /// entities of the period, or its own size when that is larger (1 for a weight's share).
  func stepScale(_ current: Double, _ baseline: Results) -> Double {
    let values: ArraySlice<Double>
    switch input {
    case .weight: return 1
    case .value(let node, _):
      let all =
        plan.nodes[node].indicator == nil
        ? baseline.nodes[node].score.array : baseline.nodes[node].raw
      values = baseline.slice(all, period: period)
    case .cell(let variable, _, let period):
      values = table.slice(variable: variable, period: period)
    }
    let known = values.filter { !$0.isNaN }
    let spread = (known.max() ?? 0) - (known.min() ?? 0)
    let scale = max(spread, abs(current))
    return scale > 0 && scale.isFinite ? scale : 1
  }

  /// What moving the input changes in the plan or the table, for a rescoring engine: the
  /// group of a weight, the node of a value (its adjustments), the column of a cell.
  public var changes: PlanChanges {
    switch input {
    case .weight(let node):
      guard let (parent, _) = Self.parent(of: node, in: plan) else { return .everything }
      return PlanChanges(aggregates: [parent])
    case .value(let node, _):
      return plan.nodes[node].indicator == nil
        ? PlanChanges(aggregates: [node]) : PlanChanges(indicators: [node])
    case .cell(let variable, _, _):
      return PlanChanges(variables: [table.variables[variable]])
    }
  }

  /// The plan and table with the input at `x` (its current value being `current`).
  func applying(_ x: Double, current: Double) -> (Plan, DataTable) {
    var plan = self.plan
    var table = self.table
    switch input {
    case .weight(let node):
      guard let (parent, member) = Self.parent(of: node, in: plan),
        var aggregate = plan.nodes[parent].aggregate
      else { break }
      let total = aggregate.members.reduce(0) { $0 + $1.weight }
      let others = total - aggregate.members[member].weight
      for index in aggregate.members.indices {
        if index == member {
          aggregate.members[index].weight = x * total
        } else if others > 0 {
          aggregate.members[index].weight *= (1 - x) * total / others
        }
      }
      plan.nodes[parent].kind = .aggregate(aggregate)
    case .value(let node, let entity):
      let adjustment = Plan.Adjustment(
        entity: table.entities[entity].code, delta: x - current, because: "break-even search")
      plan.nodes[node].adjustments.append(adjustment)
    case .cell(let variable, let entity, let period):
      table.columns[variable][period * table.entities.count + entity] = x
    }
    return (plan, table)
  }
}
