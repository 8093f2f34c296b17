import ScoringEngine

/// The screening of a plan, written back the way the language spells it.
extension MethodText {
  /// `availability(75%, nonzero: 5%, include: [US])`, then each dimension's rule after `;`
  /// (`research: availability(50%)`); `none` without screening.
  public static func screening(_ screening: Screening?, in plan: Plan) -> String {
    guard let screening else { return "none" }
    var parts: [String] = []
    var forced: [String] = []
    if !screening.include.isEmpty { forced.append("include: [\(list(screening.include))]") }
    if !screening.exclude.isEmpty { forced.append("exclude: [\(list(screening.exclude))]") }
    let indexRule = screening.rules.first { $0.node == plan.root }
    parts.append(rule(indexRule, extra: forced))
    for rule in screening.rules where rule.node != plan.root {
      let name = plan.nodes.indices.contains(rule.node) ? plan.nodes[rule.node].name : "?"
      parts.append(name + ": " + Self.rule(rule, extra: []))
    }
    return parts.joined(separator: "; ")
  }

  private static func rule(_ rule: Screening.Rule?, extra: [String]) -> String {
    var arguments: [String] = []
    let name: String
    switch (rule?.availability, rule?.nonzero) {
    case (let availability?, let nonzero):
      name = "availability"
      arguments.append(percent(availability))
      if let nonzero { arguments.append("nonzero: " + percent(nonzero)) }
    case (nil, let nonzero?):
      name = "nonzero"
      arguments.append(percent(nonzero))
    case (nil, nil):
      name = "none"
    }
    arguments += extra
    return arguments.isEmpty ? name : name + "(" + arguments.joined(separator: ", ") + ")"
  }

  private static func list(_ codes: [String]) -> String {
    codes.joined(separator: ", ")
  }
}
