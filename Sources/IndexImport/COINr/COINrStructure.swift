import Diagnostics

/// The tree iMeta describes, checked as COINr's `new_coin()` checks it: every Parent an
/// aggregate one level up, indicators at level 1, one top aggregate, no aggregate without
/// members, no circle of parents.
struct COINrStructure {
  /// iMeta's rows in file order.
  let rows: [COINrRow]
  /// The top aggregate's position in `rows`.
  var root: Int?
  /// Each node's members (positions in `rows`), in file order.
  var members: [Int: [Int]] = [:]
  var diagnostics: [Diagnostic] = []

  /// `writtenParents` are the Parents of every row, rejected ones included.
  init(_ rows: [COINrRow], headerSpan: Span, writtenParents: Set<String> = []) {
    self.rows = rows
    var position: [String: Int] = [:]
    for (index, row) in rows.enumerated() where row.isNode { position[row.code] = index }
    let aggregates = rows.filter { $0.kind == .aggregate }.map(\.code)
    var roots: [Int] = []
    for (index, row) in rows.enumerated() where row.isNode {
      if row.kind == .aggregate, row.level == 1 {
        diagnostics.append(
          ImportMessages.badLevel(
            "aggregate `\(row.code)` is at Level 1", row.levelSpan,
            note: "Level 1 holds the indicators; aggregates are at 2 and above"))
      }
      if row.kind == .indicator, let level = row.level, level != 1 {
        diagnostics.append(
          ImportMessages.badLevel(
            "indicator `\(row.code)` is at Level \(level)", row.levelSpan,
            note: "COINr puts every indicator at Level 1"))
      }
      guard let parent = row.parent else {
        if row.kind == .aggregate {
          roots.append(index)
        } else {
          diagnostics.append(ImportMessages.noParent(row.code, row.parentSpan))
        }
        continue
      }
      guard let up = position[parent], rows[up].kind == .aggregate else {
        let close = Suggestions.closest(to: parent, among: aggregates, limit: 1).first
        diagnostics.append(
          ImportMessages.unknownParent(parent, of: row.code, row.parentSpan, close: close))
        continue
      }
      if let level = row.level, let above = rows[up].level, above != level + 1 {
        diagnostics.append(
          ImportMessages.badLevel(
            "`\(row.code)` is at Level \(level) but its Parent `\(parent)` at Level \(above)",
            row.parentSpan, note: "a Parent is in the level immediately above its member"))
      }
      members[up, default: []].append(index)
    }
    for (index, row) in rows.enumerated()
    where row.kind == .aggregate && members[index] == nil && !writtenParents.contains(row.code) {
      diagnostics.append(ImportMessages.childless(row.code, row.codeSpan))
    }
    findCycles(position)
    switch roots.count {
    case 0:
      if !rows.filter(\.isNode).isEmpty { diagnostics.append(ImportMessages.noRoot(headerSpan)) }
    case 1: root = roots[0]
    default:
      // Pointed at the lowest: the top is most likely the highest level.
      let lowest = roots.min { (rows[$0].level ?? 0, -$0) < (rows[$1].level ?? 0, -$1) } ?? roots[1]
      diagnostics.append(
        ImportMessages.severalRoots(roots.map { rows[$0].code }, rows[lowest].parentSpan))
    }
  }

  /// Walks up from every node with a loop (no recursion), colouring nodes done once their
  /// chain is known to end; a chain that meets itself is a circle, reported once.
  private mutating func findCycles(_ position: [String: Int]) {
    var done = Set<Int>()
    for start in rows.indices where rows[start].isNode && !done.contains(start) {
      var chain: [Int] = []
      var onChain = Set<Int>()
      var current: Int? = start
      while let node = current, !done.contains(node) {
        if onChain.contains(node) {
          let loop = chain.drop { $0 != node }
          diagnostics.append(
            ImportMessages.cycle(
              loop.map { rows[$0].code } + [rows[node].code], rows[node].parentSpan))
          break
        }
        chain.append(node)
        onChain.insert(node)
        current = rows[node].parent.flatMap { position[$0] }
      }
      done.formUnion(chain)
    }
  }

  /// The aggregates below the root, ordered from the top level down, then by iMeta order
  /// (breadth first, with an explicit queue).
  var aggregatesTopDown: [Int] {
    guard let root else { return [] }
    var order: [Int] = []
    var queue = [root]
    var next = 0
    while next < queue.count {
      let node = queue[next]
      next += 1
      for member in members[node] ?? [] where rows[member].kind == .aggregate {
        order.append(member)
        queue.append(member)
      }
    }
    return order.sorted {
      ((rows[$1].level ?? 0), $0) < ((rows[$0].level ?? 0), $1)
    }
  }
}
