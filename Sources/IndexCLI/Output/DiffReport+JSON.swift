import Diagnostics
import IndexAnalysis

/// JSON text built from already-rendered values, keys in the order given.
enum JSONText {
  static func object(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }

  static func array(_ items: [String], separator: String = ",") -> String {
    "[" + items.joined(separator: separator) + "]"
  }

  static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return NumberFormat.exact(value)
  }

  static func integer(_ value: Int?) -> String {
    value.map(String.init) ?? "null"
  }

  static func string(_ value: String?) -> String {
    value.map(jsonString) ?? "null"
  }
}

extension DiffReport {
  /// The documented JSON (docs/diff.md): sides, structure, summary, entities, and the
  /// explained entity when asked.
  func json() -> String {
    typealias J = JSONText
    func side(_ file: String, _ side: ResultsDiff.Side) -> String {
      J.object([
        ("file", J.string(file)), ("methodology", J.string(side.results.plan.name)),
        ("period", String(side.period)),
      ])
    }
    var top: [(String, String)] = [
      ("a", side(files.a, results.a)), ("b", side(files.b, results.b)),
      ("structure", J.array(structure.changes.map(change), separator: ",\n")),
      ("summary", summaryJSON()),
      ("entities", J.array(shown.map(entityJSON), separator: ",\n")),
    ]
    if let code = selection.explain, let entity = results.entity(code) {
      top.append(("explain", explainJSON(entity)))
    }
    return "{"
      + top.map { jsonString($0.0) + ":" + ($0.0 == "a" || $0.0 == "b" ? "" : "\n") + $0.1 }
      .joined(separator: ",\n") + "\n}\n"
  }

  private func change(_ change: StructureDiff.Change) -> String {
    typealias J = JSONText
    return J.object([
      ("op", J.string(change.op.rawValue)), ("path", J.string(change.path)),
      ("kind", J.string(change.kind)), ("from", J.string(change.from)), ("to", J.string(change.to)),
      (
        "at",
        J.object([
          ("a", J.string(change.op == .add ? nil : change.spanA?.location)),
          ("b", J.string(change.op == .remove ? nil : change.spanB?.location)),
        ])
      ),
      ("because", J.string(change.because)), ("source", J.string(change.source)),
      ("by", J.string(change.by)), ("derived", change.isDerived ? "true" : "false"),
    ])
  }

  private func summaryJSON() -> String {
    typealias J = JSONText
    let s = results.summary
    let t = structure.summary
    var gap = "null"
    if let headline = headlineGap() {
      gap = J.object([
        ("first", J.string(headline.first)), ("second", J.string(headline.second)),
        ("a", J.number(headline.a)), ("b", J.number(headline.b)),
        ("change", J.number(headline.change)),
        ("contributions", members(headline.members)), ("index", J.number(headline.index)),
        ("scaling", J.number(headline.scaling)),
      ])
    }
    return J.object([
      (
        "structure",
        J.object([
          ("add", String(t.add)), ("change", String(t.change)), ("remove", String(t.remove)),
          ("derived", String(t.derived)),
        ])
      ),
      (
        "entities",
        J.object([
          ("changed", String(s.changed)), ("unchanged", String(s.unchanged)),
          ("only_in_a", String(s.onlyInA)), ("only_in_b", String(s.onlyInB)),
        ])
      ),
      ("rank_changes", String(s.rankChanges)), ("spearman", J.number(s.spearman)),
      ("mean_abs_rank_change", J.number(s.meanAbsoluteRankChange)),
      ("max_abs_rank_change", String(s.maxAbsoluteRankChange)), ("gap", gap),
    ])
  }

  private func members(_ values: [Double]) -> String {
    JSONText.object(zip(results.members, values).map { ($0, JSONText.number($1)) })
  }

  private func entityJSON(_ entity: ResultsDiff.EntityChange) -> String {
    typealias J = JSONText
    let attributed = entity.delta != nil
    var vsField = zip(results.members, entity.vsField).map { ($0, J.number($1)) }
    if attributed { vsField.append(("(scaling)", J.number(entity.scalingVsField))) }
    let driver = entity.driver.map { driver in
      J.object([
        ("member", J.string(driver.member)), ("other", J.string(driver.other)),
        ("overtook", driver.overtook ? "true" : "false"), ("effect", J.number(driver.effect)),
      ])
    }
    let adjustments = entity.adjustments.map { adjustment in
      J.object([
        ("at", J.string((adjustment.spanB ?? adjustment.spanA)?.location)),
        ("node", J.string(adjustment.node)), ("because", J.string(adjustment.because)),
        ("source", J.string(adjustment.source)),
        ("delta", J.array([J.number(adjustment.deltaA), J.number(adjustment.deltaB)])),
        ("effect", J.number(adjustment.effect)),
      ])
    }
    var pairs: [(String, String)] = [
      ("entity", J.string(entity.code)), ("name", J.string(entity.name)),
      ("status", J.string(entity.status.rawValue)),
      ("score", J.array([J.number(entity.scoreA), J.number(entity.scoreB)])),
      ("rank", J.array([J.integer(entity.rankA), J.integer(entity.rankB)])),
      ("delta", J.number(entity.delta)),
      ("contributions", attributed ? members(entity.contributions) : "null"),
      (
        "indicators",
        attributed
          ? J.object(
            zip(results.terms, entity.indicators).map { (label($0, ascii: true), J.number($1)) })
          : "null"
      ),
      ("scaling", attributed ? J.number(entity.scaling) : "null"),
    ]
    if results.entities.contains(where: { $0.indexTerm != 0 }) {
      pairs.append(("index", attributed ? J.number(entity.indexTerm) : "null"))
    }
    pairs += [
      ("adjustments", J.array(adjustments)),
      ("vs_field", attributed ? J.object(vsField) : "null"),
      ("driver", driver ?? "null"),
    ]
    if let screened = entity.screenedOut {
      let side = entity.status == .onlyInA ? "B" : "A"
      pairs.append(
        (
          "screened_out",
          J.object([("in", J.string(side)), ("reason", J.string(screened.reason.text))])
        ))
    }
    return J.object(pairs)
  }

  private func explainJSON(_ entity: ResultsDiff.EntityChange) -> String {
    typealias J = JSONText
    let other = selection.other.flatMap { results.entity($0) }
    let rows = entity.delta == nil ? [] : explainRows(entity, other: other)
    let members = rows.map { row in
      var pairs: [(String, String)] = [
        ("member", J.string(row.name)),
        ("weight", J.array([J.number(row.weights.0), J.number(row.weights.1)])),
        ("value", J.array([J.number(row.values.0), J.number(row.values.1)])),
      ]
      if let factors = row.factors {
        pairs.append(("factor", J.array([J.number(factors.0), J.number(factors.1)])))
      }
      pairs += [
        ("contribution", J.number(row.contribution)), ("vs_field", J.number(row.vsField)),
        ("vs_other", J.number(row.vsOther)),
      ]
      return J.object(pairs)
    }
    let moves = results.moves(of: entity.code).map { move in
      J.object([
        ("other", J.string(move.other)), ("overtook", move.overtook ? "true" : "false"),
        ("member", J.string(move.member)), ("effect", J.number(move.effect)),
      ])
    }
    let decisions = entity.decisions.map { decision in
      J.object([
        ("path", J.string(label(decision.path, ascii: true))), ("a", J.string(decision.a)),
        ("b", J.string(decision.b)),
      ])
    }
    return J.object([
      ("entity", J.string(entity.code)), ("vs", J.string(other?.code)),
      ("members", J.array(members, separator: ",\n")), ("moves", J.array(moves)),
      ("decided", J.array(decisions)),
    ])
  }
}
