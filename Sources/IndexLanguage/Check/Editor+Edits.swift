import Diagnostics

extension Editor {
  /// `set PATH = VALUE`: replaces one property, or a member's weight in its parent.
  mutating func set(_ node: SetSyntax) {
    guard let (place, property) = resolve(node.path),
      firstEdit(node.path.text, span(node.path.range)),
      let target = declaration(place)
    else { return }
    let value = Located(node.value, in: file)
    if property == "weight" {
      guard let parent = parent(of: target.name) else {
        diagnostics.append(
          Catalog.unknownPath(node.path.text, span(node.path.range), suggestion: nil))
        return
      }
      // In a group a fork already reweighted, the new weight is a share like the others.
      let reweighted = declaration(parent)?.members?.contains { $0.share != nil } == true
      let share = Interpreter.constant(node.value)
      if reweighted && share == nil {
        diagnostics.append(Catalog.expectedNumber("a weight", span(node.value.range)))
        return
      }
      update(parent) { declaration in
        for i in (declaration.members ?? []).indices
        where declaration.members?[i].name == target.name {
          declaration.members?[i].weight = value
          declaration.members?[i].share = reweighted ? share : nil
        }
      }
      // One weight of a group changes every share of it.
      let group = declaration(parent)?.members?.map { $0.name + ".weight" } ?? []
      record("set", paths: group, node.range, node.provenance)
      return
    }
    let nameSpan = span(node.path.range)
    update(place) { declaration in
      declaration.properties.removeAll { $0.name == property }
      declaration.properties.append(.init(name: property, nameSpan: nameSpan, value: value))
    }
    record("set", paths: [pathName(place) + "." + property], node.range, node.provenance)
  }

  /// `add KIND NAME … [to PARENT] { … }`: declares a node and joins a parent's members.
  mutating func add(_ node: AddSyntax) {
    guard var declaration = Resolver.makeDeclaration(node.declaration, file: file) else { return }
    Resolver.fill(&declaration, body: node.declaration.body, diagnostics: &diagnostics)
    if let existing = place(declaration.name).flatMap(declaration(_:)) {
      diagnostics.append(
        Catalog.duplicateName(declaration.name, declaration.nameSpan, first: existing.nameSpan))
      return
    }
    guard firstEdit(declaration.name, declaration.nameSpan) else { return }
    record("add", paths: [declaration.name], node.range, node.provenance)
    switch declaration.kind {
    case .data:
      methodology.data.append(declaration)
      return
    case .scale:
      methodology.scales.append(declaration)
      return
    case .indicator, .soft, .dimension:
      methodology.nodes.append(declaration)
    case .index, .uncertainty, .indicators:
      diagnostics.append(Catalog.amendsCannotAdd(declaration.nameSpan))
      return
    }
    let parentName = node.parent?.text ?? "index"
    guard let parent = place(parentName), let target = self.declaration(parent),
      target.kind == .index || target.kind == .dimension
    else {
      let range = node.parent?.range ?? node.range
      diagnostics.append(Catalog.unknownPath(parentName, span(range), suggestion: nil))
      return
    }
    update(parent) { parentDeclaration in
      var members = parentDeclaration.members ?? []
      members.append(.init(name: declaration.name, nameSpan: declaration.nameSpan, weight: nil))
      parentDeclaration.members = members
    }
  }

  /// `remove KIND NAME`: takes a node (and what only it uses) out; siblings keep their
  /// proportions.
  mutating func remove(_ node: RemoveSyntax) {
    let name = node.name.text
    guard node.provenance.because != nil else {
      diagnostics.append(Catalog.removeWithoutReason(name, span(node.range)))
      return
    }
    guard let place = place(name), let target = declaration(place), target.kind == node.kind else {
      let known = methodology.nodes.filter { $0.kind == node.kind }.map(\.name)
      diagnostics.append(
        Catalog.unknownPath(
          "\(node.kind.rawValue) \(name)", span(node.name.range),
          suggestion: Suggestions.closest(to: name, among: known, limit: 1).first.flatMap { close in
            methodology.nodes.first { $0.name == close }.map {
              ("\(node.kind.rawValue) \(close)", $0.nameSpan)
            }
          }))
      return
    }
    guard firstEdit(name, span(node.name.range)) else { return }
    switch place {
    case .data(let i):
      if !replacedData.contains(name) { methodology.data.remove(at: i) }
      record("remove", paths: [name], node.range, node.provenance)
      return
    case .scale(let i):
      methodology.scales.remove(at: i)
      record("remove", paths: [name], node.range, node.provenance)
      return
    default: break
    }
    var paths: [String] = []
    if let parent = parent(of: name), let group = declaration(parent) {
      paths += (group.members ?? []).map { $0.name + ".weight" }
      let shares = Self.shares(group)
      let kept = (group.members ?? []).indices.filter { group.members?[$0].name != name }
      let total = kept.reduce(0.0) { $0 + (shares?[$1] ?? 0) }
      update(parent) { declaration in
        if let shares, total > 0 {
          for i in kept { declaration.members?[i].share = shares[i] / total }
        }
        declaration.members?.removeAll { $0.name == name }
      }
    }
    var removed: Set<String> = [name]
    var queue = [target]
    while let next = queue.popLast() {
      for member in next.members ?? [] where removed.insert(member.name).inserted {
        if let child = methodology.nodes.first(where: { $0.name == member.name }) {
          queue.append(child)
        }
      }
    }
    methodology.nodes.removeAll { removed.contains($0.name) }
    record("remove", paths: paths + removed.sorted(), node.range, node.provenance)
  }

  /// `weights [PATH] { x: 20%, rest: pro_rata | equal }`: sets some shares of one group and
  /// rescales the others.
  mutating func weights(_ node: WeightsSyntax) {
    let parentName = node.parent?.text ?? "index"
    guard let parent = place(parentName), let group = declaration(parent),
      let members = group.members
    else {
      diagnostics.append(
        Catalog.unknownPath(parentName, span(node.parent?.range ?? node.range), suggestion: nil))
      return
    }
    guard firstEdit("weights " + parentName, span(node.range)) else { return }
    let current = Self.shares(group) ?? members.map { _ in 1.0 / Double(members.count) }
    var listed: [String: Double] = [:]
    var rest: String?
    for entry in node.entries {
      guard let weight = entry.weight else { continue }
      if entry.name.text == "rest" {
        if case .name(let how) = weight.kind, how == "pro_rata" || how == "equal" {
          rest = how
        } else {
          diagnostics.append(
            Catalog.badWeights("`rest` is `pro_rata` or `equal`", span(weight.range)))
          return
        }
        continue
      }
      guard members.contains(where: { $0.name == entry.name.text }) else {
        diagnostics.append(
          Catalog.unknownMember(
            entry.name.text, span(entry.name.range), known: members.map(\.name),
            declared: members.map { ($0.name, $0.nameSpan) }))
        return
      }
      guard let value = Interpreter.constant(weight), value >= 0 else {
        diagnostics.append(Catalog.expectedNumber("a weight", span(weight.range)))
        return
      }
      listed[entry.name.text] = value
    }
    let fixed = listed.values.reduce(0, +)
    let others = members.indices.filter { listed[members[$0].name] == nil }
    if fixed > 1 + 1e-9 {
      diagnostics.append(
        Catalog.badWeights("these weights already exceed 100%", span(node.entriesRange)))
      return
    }
    if !others.isEmpty && rest == nil {
      let names = others.map { "`\(members[$0].name)`" }.joined(separator: ", ")
      diagnostics.append(
        Catalog.badWeights(
          "\(names) need a weight: add `rest: pro_rata` or `rest: equal`", span(node.entriesRange)))
      return
    }
    let othersTotal = others.reduce(0.0) { $0 + current[$1] }
    update(parent) { declaration in
      for i in members.indices {
        if let value = listed[members[i].name] {
          declaration.members?[i].share = value
        } else if rest == "equal" || othersTotal == 0 {
          declaration.members?[i].share = (1 - fixed) / Double(others.count)
        } else {
          declaration.members?[i].share = current[i] / othersTotal * (1 - fixed)
        }
      }
    }
    record("weights", paths: members.map { $0.name + ".weight" }, node.range, node.provenance)
  }

  /// `adjust PATH ENTITY DELTA because "…"`: a judgement call on a node of the base.
  mutating func adjust(_ node: AdjustSyntax) {
    guard let target = node.target, let first = target.segments.first,
      let place = place(first.text), declaration(place)?.kind != .data
    else {
      diagnostics.append(
        Catalog.unknownPath(
          node.target?.text ?? "", span(node.target?.range ?? node.range), suggestion: nil))
      return
    }
    let located = Located(node, in: file)
    update(place) { declaration in declaration.adjustments.append(located) }
    record(
      "adjust", paths: [pathName(place) + ".adjust." + node.entity.text], node.range,
      node.provenance)
  }

  /// A group's current weights as shares that sum to 1, or nil when they cannot be read.
  static func shares(_ group: Declaration) -> [Double]? {
    let members = group.members ?? []
    if members.contains(where: { $0.share != nil }) {
      return members.map { $0.share ?? 0 }
    }
    let written = members.map { $0.weight.flatMap { Interpreter.constant($0.value) } }
    let percent = members.contains {
      if case .percent = $0.weight?.value.kind { return true }
      return false
    }
    let bare = written.filter { $0 == nil }.count
    let sum = written.compactMap { $0 }.reduce(0, +)
    let values: [Double]
    if percent {
      let rest = bare == 0 ? 0 : Swift.max(0, 1 - sum) / Double(bare)
      values = written.map { $0 ?? rest }
    } else {
      values = written.map { $0 ?? 1 }
    }
    let total = values.reduce(0, +)
    guard total > 0 else { return nil }
    return values.map { $0 / total }
  }
}
