import Diagnostics
import IndexAnalysis
import IndexLanguage
import ScoringEngine

/// `?name`: what the methodology says about one node — its title and doc comment, its
/// properties as written (with the index's defaults it inherits), its weight in its parent and
/// in the index, where it was declared and which edits changed it.
enum ReplDescription {
  /// The properties an indicator inherits from the index when it does not set them.
  static let inherited = ["impute", "treat", "normalize"]

  static func describe(_ name: String, methodology: Methodology, results: Results) -> String? {
    guard let declaration = methodology.node(name), let node = results.plan.nodeIndex(name) else {
      return nil
    }
    let title = declaration.label.map { " \"\(TerminalText.escaped($0))\"" } ?? ""
    var text = "\(declaration.kind.rawValue) \(name)\(title)\n"
    if let doc = declaration.doc {
      for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
        text += "  /// \(TerminalText.escaped(String(line)))\n"
      }
    }
    var properties = declaration.properties.map { ($0.name, $0.valueText, "") }
    if results.plan.nodes[node].indicator != nil, let index = methodology.index {
      for property in inherited where declaration.property(property) == nil {
        if let given = index.property(property) {
          properties.append((property, given.valueSpan.text, "   (from the index)"))
        }
      }
    }
    if let members = declaration.members, !members.isEmpty, let span = declaration.membersSpan {
      properties.append(("members", span.text.split(separator: "\n").joined(separator: " "), ""))
    }
    let width = (properties.map(\.0.count).max() ?? 0) + 1
    for (key, value, note) in properties {
      let padding = String(repeating: " ", count: width - key.count)
      text += "  \(key):\(padding)\(TerminalText.escaped(value))\(note)\n"
    }
    if let share = share(of: node, in: results.plan),
      let parent = BreakEven.parent(of: node, in: results.plan)?.node
    {
      text += "  weight: \(percent(share)) of \(results.plan.nodes[parent].name), "
      text += "\(percent(results.effectiveWeights[node])) of the index\n"
    }
    text += "  declared at \(location(declaration.nameSpan))\n"
    for edit in methodology.edits
    where edit.paths.contains(where: { $0 == name || $0.hasPrefix(name + ".") }) {
      let statement = edit.span.text.split(separator: "\n").first.map(String.init) ?? ""
      text += "  edited at \(location(edit.span)): \(TerminalText.escaped(statement))\n"
    }
    return text
  }

  /// `FILE:LINE`.
  static func location(_ span: Span) -> String {
    let line = span.file.lineColumn(of: span.start).line
    return "\(TerminalText.escaped(span.file.path)):\(line)"
  }

  /// A node's weight as its share of its parent's members (nil for the root).
  static func share(of node: Int, in plan: Plan) -> Double? {
    guard let parent = BreakEven.parent(of: node, in: plan)?.node,
      let aggregate = plan.nodes[parent].aggregate
    else { return nil }
    let total = aggregate.members.reduce(0) { $0 + $1.weight }
    guard total > 0, let member = aggregate.members.first(where: { $0.node == node }) else {
      return nil
    }
    return member.weight / total
  }

  /// `12.5%`, with as few decimals as the value needs (at most two).
  static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "—" }
    return NumberFormat.short((share * 10_000).rounded() / 100) + "%"
  }
}

/// `?name` in the session.
extension ReplSession {
  func describe(_ name: String, file: SourceFile) -> Reply {
    guard let current, let methodology = current.compilation.methodology else {
      return .failure(render([ReplMessages.nothingLoaded(file)]))
    }
    if let text = ReplDescription.describe(name, methodology: methodology, results: current.results)
    {
      return Reply(output: text)
    }
    let start = file.bytes.firstIndex(of: UInt8(ascii: "?")).map { $0 + 1 } ?? 0
    let span = Span(file: file, start: start, end: file.bytes.count)
    let close = Suggestions.closest(to: name, among: current.plan.nodes.map(\.name), limit: 1)
    return .failure(render([ReplMessages.unknownNode(name, span, suggestion: close.first)]))
  }
}
