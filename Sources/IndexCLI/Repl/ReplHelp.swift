/// `:help [topic]` inside the session: the commands, or one of them, or a topic.
enum ReplHelp {
  static func text(_ topic: String?) -> String {
    guard let topic, !topic.isEmpty else { return overview }
    let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
    if let found = ReplSession.commandNamed(name).name,
      let command = ReplSession.commands.first(where: { $0.name == found })
    {
      return "\(command.usage)\n  \(command.summary)\n" + (details[found] ?? "")
    }
    return topics[name] ?? "no help on `\(topic)`; `:help` lists the commands and topics\n"
  }

  static var overview: String {
    var text = """
      Type an edit (set, add, remove, weights, adjust, or a declaration) to amend the
      methodology and re-score; an expression (score.CN, rank.CN, research.CN - research.US,
      capital.raw.CN, mean(score), top(3), ans) to print a value; ?NAME to describe a node.

      """
    text += commandList
    text += "\nTopics: :help expressions, :help edits, :help solve. Commands may be shortened.\n"
    return text
  }

  /// One line per command: its usage and what it does, aligned.
  static var commandList: String {
    let width = (ReplSession.commands.map(\.usage.count).max() ?? 0) + 2
    var text = ""
    for command in ReplSession.commands {
      text += "  " + command.usage + String(repeating: " ", count: width - command.usage.count)
      text += command.summary + "\n"
    }
    return text
  }

  static let details: [String: String] = [
    "solve": topics["solve"] ?? "",
    "save": "  the file extends the loaded one by a path relative to itself; save it where\n"
      + "  the base is readable (beside it, or run it with `--root`)\n",
  ]

  static let topics: [String: String] = [
    "expressions": """
    score, rank           the index's score and rank of every entity (score.CN: one)
    NODE                  a node's score (research, research.CN)
    NODE.raw, NODE.rank   an indicator's raw value; a node's rank
    NODE.weight           its share of its parent
    SOURCE.COLUMN         a data column (ai.private_investment_usd_bn.CN)
    CN                    an entity's index score
    + - * / ^, < <= > >= == !=, and or not
    mean median min max sum sd count (values), abs(x), top(N [, values]), bottom(N …)
    ans                   the last value printed

    """,
    "edits": """
    Any statement of a fork: set PATH = VALUE, weights { a: 10%, rest: pro_rata },
    add NODE to PARENT, remove NODE because "…", adjust NODE ENTITY ±DELTA because "…",
    or a new indicator/dimension/soft declaration. Setting a path set before replaces
    the earlier edit. :undo, :redo, :reset move through them; :save writes them.

    """,
    "solve": """
    :solve A > B by INPUT   (or >=, <, <=; A and B are expressions, an entity code alone
                             is its index score)
      by NODE.weight        its share of its group; the others rescaled pro rata
      by NODE               the value of the condition's first entity, in the node's units
                            (raw units for an indicator, as `adjust` counts; points for an
                            aggregate, within the scores it can take, e.g. 0..100)
      by SOURCE.COLUMN.E    one data cell of the shown period
    The answer is the value nearest the current one that makes the condition true (to
    1e-6 relative), with the scores it gives (as many digits as show it holding) and the
    margin it holds by; the session itself is not changed.

    """,
  ]
}
