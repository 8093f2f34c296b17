import Diagnostics
import IndexAnalysis

extension DiffReport {
  /// The structure section: one block per declaration, Terraform-plan style.
  func structureText(markdown: Bool) -> String {
    var out = heading("Structure (the resolved methodologies, not their text)", markdown: markdown)
    if markdown { out += "```diff\n" }
    let changes = structure.changes
    if !changes.contains(where: { !$0.isDerived }) {
      // Weights derived from the data can differ when the declarations do not.
      let derivedWeights = changes.contains { $0.path.hasSuffix(".weight") }
      out += derivedWeights ? "No differences in the declarations.\n" : "No differences.\n"
    }
    var derived: [String] = []
    var index = 0
    while index < changes.count {
      var end = index
      while end < changes.count && changes[end].owner == changes[index].owner { end += 1 }
      let group = Array(changes[index..<end])
      index = end
      let declaration = group.first { $0.isDeclaration }
      if let declaration, declaration.op != .change {
        out += whole(declaration, group)
        continue
      }
      // A weight the data derived is shown on its declaration's line, marked derived.
      let own = group.filter { !$0.isDerived || $0.path.hasSuffix(".weight") }
      if own.isEmpty {
        for change in group {
          derived.append("\(change.owner) \(change.from ?? "—") → \(change.to ?? "—")")
        }
        continue
      }
      let kind = group[0].kind == "index" ? "index" : "\(group[0].kind) \(group[0].owner)"
      out += "~ \(kind)\n"
      for change in own {
        let name = String(change.path.dropFirst(change.owner.count + 1))
        var line = "    \(change.op.rawValue) \(name.isEmpty ? change.path : name): "
        line += value(change)
        if change.path.hasSuffix(".weight"),
          let effective = group.first(where: { $0.path == change.owner + ".effective_weight" })
        {
          line += " (effective \(effective.from ?? "—") → \(effective.to ?? "—"))"
        }
        out += line + "\n" + provenance(change, indent: 8)
      }
      for change in group
      where change.isDerived && !own.contains(where: { $0.path.hasSuffix(".weight") }) {
        derived.append("\(change.owner) \(change.from ?? "—") → \(change.to ?? "—")")
      }
    }
    if !derived.isEmpty {
      let listed = derived.prefix(6).joined(separator: ", ")
      out += wrap(
        "effective weights that follow (\(derived.count)): " + listed
          + (derived.count > 6 ? ", …" : ""), indent: 0, hanging: 2)
    }
    let s = structure.summary
    out += "\(s.change) to change, \(s.add) to add, \(s.remove) to remove.\n"
    if markdown { out += "```\n" }
    return out
  }

  /// A declaration added or removed, with its properties on one wrapped line.
  private func whole(_ declaration: StructureDiff.Change, _ group: [StructureDiff.Change]) -> String
  {
    let sign = declaration.op.rawValue
    var out = "\(sign) \(declaration.kind) \(declaration.owner)\n"
    out += provenance(declaration, indent: 4)
    var items: [String] = []
    var ratings: [String] = []
    var effective: String?
    for change in group where !change.isDeclaration {
      let text = (declaration.op == .add ? change.to : change.from) ?? ""
      let name = String(change.path.dropFirst(change.owner.count + 1))
      if name.hasPrefix("ratings.") {
        ratings.append("\(name.dropFirst("ratings.".count)) \(text)")
      } else if name == "effective_weight" {
        effective = text
      } else {
        items.append("\(name) \(text)")
      }
    }
    if let effective, let weight = items.firstIndex(where: { $0.hasPrefix("weight ") }) {
      items[weight] += " (effective \(effective))"
    }
    if !ratings.isEmpty {
      items.append(
        "ratings of \(ratings.count): " + ratings.prefix(3).joined(separator: ", ")
          + (ratings.count > 3 ? ", …" : ""))
    }
    if !items.isEmpty { out += wrap(items.joined(separator: " · "), indent: 4, hanging: 4) }
    return out
  }

  private func value(_ change: StructureDiff.Change) -> String {
    switch change.op {
    case .add: return change.to ?? ""
    case .remove: return change.from ?? ""
    case .change:
      let (from, to) = (change.from ?? "—", change.to ?? "—")
      // `derived (pca) 31.2% → 28%`: the method once when both sides share it.
      if let end = from.firstRange(of: ") ")?.upperBound {
        let method = String(from[..<end])
        if to.hasPrefix(method) { return from + " → " + to.dropFirst(method.count) }
      }
      return "\(from) → \(to)"
    }
  }

  /// Where a change is written on each side, and the reason its edit gave.
  private func provenance(_ change: StructureDiff.Change, indent: Int) -> String {
    var parts: [String] = []
    if let span = change.spanA, change.op != .add { parts.append("A " + span.location) }
    if let span = change.spanB, change.op != .remove { parts.append("B " + span.location) }
    if let because = change.because { parts.append("because \"\(because)\"") }
    if let source = change.source { parts.append("source \"\(source)\"") }
    if let by = change.by { parts.append("by \"\(by)\"") }
    guard !parts.isEmpty else { return "" }
    return wrap(parts.joined(separator: " · "), indent: indent, hanging: indent)
  }

  /// Parts joined by ` · `, wrapped at 100 columns between parts (a part longer than a line
  /// is broken at its spaces), later lines indented by `hanging`.
  func wrap(_ text: String, indent: Int, hanging: Int) -> String {
    let width = 100
    var lines: [String] = []
    var line = String(repeating: " ", count: indent)
    var empty = true
    for part in text.split(separator: "·", omittingEmptySubsequences: false).map({
      String($0).droppingBlanks
    }) {
      let joined = empty ? line + part : line + " · " + part
      // Room for the ` ·` a broken line ends with.
      if joined.count + 2 <= width || empty {
        line = joined
        empty = false
        continue
      }
      lines.append(line + " ·")
      line = String(repeating: " ", count: hanging) + part
    }
    lines.append(line)
    var out: [String] = []
    for long in lines {
      guard long.count > width else {
        out.append(long)
        continue
      }
      var current = String(repeating: " ", count: indent)
      for word in long.split(separator: " ") {
        if current.count + 1 + word.count > width && !current.droppingBlanks.isEmpty {
          out.append(current)
          current = String(repeating: " ", count: hanging) + word
        } else {
          current += (current.droppingBlanks.isEmpty ? "" : " ") + word
        }
      }
      out.append(current)
    }
    return out.map { $0.droppingTrailingBlanks }.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate var droppingBlanks: String {
    String(drop { $0 == " " }).droppingTrailingBlanks
  }

  fileprivate var droppingTrailingBlanks: String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
