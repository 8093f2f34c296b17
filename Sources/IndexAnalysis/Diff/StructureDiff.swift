import Diagnostics
import IndexLanguage
import ScoringEngine

/// What differs between two resolved methodologies, Terraform-plan style: declarations and
/// their properties added (`+`), changed (`~`, old → new) or removed (`-`), each with where it
/// is written on each side and, when a fork's edit made the change, its reason.
///
/// Both sides are compared as the engine will run them (plans, with the methodology for what
/// plans do not keep), never as text: layout, comments and declaration order are no change.
public struct StructureDiff: Sendable {
  /// One difference.
  public struct Change: Sendable {
    public enum Op: String, Sendable {
      case add = "+"
      case change = "~"
      case remove = "-"
    }

    public var op: Op
    /// `patents.normalize`, `soft` (a whole declaration), `index.scale`.
    public var path: String
    /// The declaration the path belongs to, and its kind (`dimension`, `data`, …).
    public var owner: String
    public var kind: String
    /// The canonical text on each side (nil on the side that lacks it).
    public var from: String?
    public var to: String?
    public var spanA: Span?
    public var spanB: Span?
    /// The `because`, `source` and `by` of the fork edit that made the change.
    public var because: String?
    public var source: String?
    public var by: String?
    /// Whether the change is a whole declaration (else one of its properties).
    public var isDeclaration: Bool
    /// Whether it only follows from other changes or from the data (an effective weight, a
    /// weight a node derives from the data).
    public var isDerived: Bool
  }

  /// Counts of declarations, as a plan counts resources.
  public struct Summary: Sendable, Equatable {
    public var add = 0
    public var change = 0
    public var remove = 0
    /// Declarations whose only difference is derived (an effective weight, a weight from the
    /// data).
    public var derived = 0

    public init(add: Int = 0, change: Int = 0, remove: Int = 0, derived: Int = 0) {
      (self.add, self.change, self.remove, self.derived) = (add, change, remove, derived)
    }
  }

  public var changes: [Change] = []
  public var summary = Summary()

  /// Whether anything other than derived facts differs.
  public var isEmpty: Bool { !changes.contains { !$0.isDerived } }

  /// Compares two sides; the methodologies, when given, add kinds, data sources, scales, the
  /// spans of properties and the reasons of fork edits; the runs, when given, the weights
  /// each side derived from its data in its compared period (else only the method is shown).
  public init(
    a: Plan, _ methodologyA: Methodology?, b: Plan, _ methodologyB: Methodology?,
    runs: (a: ResultsDiff.Side, b: ResultsDiff.Side)? = nil
  ) {
    let factsA = StructureFacts(plan: a, methodology: methodologyA, run: runs?.a)
    let factsB = StructureFacts(plan: b, methodology: methodologyB, run: runs?.b)
    let edits = EditLookup(methodologyA, methodologyB)
    var byPathA: [String: StructureFacts.Fact] = [:]
    for fact in factsA.facts { byPathA[fact.path] = fact }
    var byPathB: [String: StructureFacts.Fact] = [:]
    for fact in factsB.facts { byPathB[fact.path] = fact }
    var factsOf: [String: [String]] = [:]
    for fact in factsA.facts + factsB.facts
    where !(factsOf[fact.owner]?.contains(fact.path) ?? false) {
      factsOf[fact.owner, default: []].append(fact.path)
    }
    let ownersA = Dictionary(
      factsA.owners.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    let ownersB = Dictionary(
      factsB.owners.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    var order: [String] = []
    var seen = Set<String>()
    for owner in factsB.owners.map(\.key) + factsA.owners.map(\.key)
    where seen.insert(owner).inserted {
      order.append(owner)
    }
    for owner in order {
      let kind = ownersB[owner]?.kind ?? ownersA[owner]?.kind ?? ""
      var found: [Change] = []
      for path in factsOf[owner] ?? [] {
        let (fa, fb) = (byPathA[path], byPathB[path])
        guard fa?.value != fb?.value else { continue }
        let op: Change.Op = fa == nil ? .add : (fb == nil ? .remove : .change)
        var change = Change(
          op: op, path: path, owner: owner, kind: kind, from: fa?.value, to: fb?.value,
          spanA: fa?.span, spanB: fb?.span, isDeclaration: path == owner,
          isDerived: fa?.derived == true || fb?.derived == true)
        edits.annotate(&change)
        found.append(change)
      }
      guard !found.isEmpty else { continue }
      if ownersA[owner] == nil {
        summary.add += 1
      } else if ownersB[owner] == nil {
        summary.remove += 1
      } else if found.contains(where: { !$0.isDerived }) {
        summary.change += 1
      } else {
        summary.derived += 1
      }
      changes += found
    }
  }
}

/// Finds the fork edit behind a change: one made on one side only (edits inherited by both
/// sides from a common base explain nothing about their difference).
private struct EditLookup {
  let onlyA: [Methodology.Edit]
  let onlyB: [Methodology.Edit]
  /// Provenance of adjustments written in declarations, by their span.
  let adjustments: [String: ProvenanceSyntax]

  init(_ a: Methodology?, _ b: Methodology?) {
    let editsA = a?.edits ?? []
    let editsB = b?.edits ?? []
    onlyA = editsA.filter { edit in !editsB.contains { $0.span == edit.span } }
    onlyB = editsB.filter { edit in !editsA.contains { $0.span == edit.span } }
    var adjustments: [String: ProvenanceSyntax] = [:]
    for methodology in [a, b].compactMap({ $0 }) {
      for declaration in methodology.nodes + (methodology.index.map { [$0] } ?? []) {
        for located in declaration.adjustments {
          adjustments[Self.key(located.span(located.value.range))] = located.value.provenance
        }
      }
    }
    self.adjustments = adjustments
  }

  static func key(_ span: Span) -> String {
    "\(span.file.path)#\(span.start)"
  }

  func annotate(_ change: inout StructureDiff.Change) {
    if let edit = onlyB.last(where: { $0.touches(change.path) }) {
      change.spanB = edit.span
      (change.because, change.source, change.by) = (edit.because, edit.source, edit.by)
    } else if let edit = onlyA.last(where: { $0.touches(change.path) }) {
      change.spanA = edit.span
      (change.because, change.source, change.by) = (edit.because, edit.source, edit.by)
    } else if change.path.contains(".adjust.") {
      for span in [change.spanB, change.spanA].compactMap({ $0 }) {
        guard let provenance = adjustments[Self.key(span)] else { continue }
        change.because = provenance.because?.value
        change.source = provenance.source?.value
        change.by = provenance.by?.value
        break
      }
    }
  }
}
