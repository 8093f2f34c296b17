import Diagnostics
import ScoringEngine

/// The walk of the tree from the index, and the cycles formulas could form: what the checker
/// finds by following names from one node to another.
extension Checker {
  /// Node ids in pre-order from the index (the index's id first); reports unknown members,
  /// second parents and cycles where they are written.
  ///
  /// An explicit stack; the path from the index to the node being expanded is kept as one
  /// array and a flag per id, truncated as the walk moves on, so a tree 10,000 levels deep
  /// costs linear time, not a copy of the path per level. Each member's name is hashed once,
  /// to its id; everything else is arrays indexed by id.
  mutating func treeOrder(from index: Declaration) -> [Int] {
    let indexID = names.indexID
    var order: [Int] = [indexID]
    order.reserveCapacity(names.count + 1)
    // The id of each reached node's parent; -1 for none yet.
    var parentOf = [Int32](repeating: -1, count: names.count + 1)
    var visited = [Bool](repeating: false, count: names.count + 1)
    var onPath = [Bool](repeating: false, count: names.count + 1)
    visited[indexID] = true
    var stack: [(declaration: Declaration, id: Int, level: Int)] = [(index, indexID, 1)]
    var path: [Int] = []
    // A table that could not be read would have filled some members: already reported.
    if index.members?.isEmpty ?? true, !methodology.hasUnreadTable {
      diagnostics.append(Catalog.noMembers(index.name, index.membersSpan ?? index.nameSpan))
    }
    var children: [(declaration: Declaration, id: Int, level: Int)] = []
    memberStarts = [Int32](repeating: -1, count: names.count + 1)
    memberNodes.reserveCapacity(names.count)
    while let (declaration, id, level) = stack.popLast() {
      while path.count >= level { onPath[path.removeLast()] = false }
      path.append(id)
      onPath[id] = true
      children.removeAll(keepingCapacity: true)
      memberStarts[id] = Int32(memberNodes.count)
      for member in declaration.members ?? [] {
        // The member's node (kept for the plan builder) and its id, the index's for its name.
        let nodeID = names.node(member.name)
        memberNodes.append(Int32(nodeID ?? -1))
        let memberID = nodeID ?? (member.name == names.indexName ? names.indexID : nil)
        if let memberID, onPath[memberID], let start = path.lastIndex(of: memberID) {
          // Name only the nodes on the cycle, not the path from the index down to it.
          let cycle = path[start...].map { self.declaration($0, index: index).name }
          diagnostics.append(
            Catalog.treeCycle(Self.shown(cycle, then: member.name), member.nameSpan))
          continue
        }
        // The index's id is always on the path, so an id here is a node's.
        guard let memberID, memberID < names.count else {
          diagnostics.append(unknownMember(member))
          continue
        }
        let child = methodology.nodes[memberID]
        let parent = parentOf[memberID]
        if parent >= 0 {
          diagnostics.append(
            Catalog.twoParents(
              member.name, first: self.declaration(Int(parent), index: index).name,
              second: declaration.name, member.nameSpan))
          continue
        }
        parentOf[memberID] = Int32(id)
        guard !visited[memberID] else { continue }
        visited[memberID] = true
        order.append(memberID)
        if child.kind == .dimension {
          if child.members?.isEmpty ?? true, !methodology.hasUnreadTable {
            diagnostics.append(Catalog.noMembers(child.name, child.membersSpan ?? child.nameSpan))
          }
          children.append((child, memberID, level + 1))
        }
      }
      stack += children.reversed()
    }
    return order
  }

  /// A path and one more name, for a message: whole when short, its two ends around `…`
  /// when long (without copying a long path).
  static func shown(_ path: [String], then last: String) -> [String] {
    guard path.count > 11 else { return path + [last] }
    return Array(path.prefix(5)) + ["…"] + Array(path.suffix(5)) + [last]
  }

  /// Unknown members (and, in the data check, columns and entities) get a did-you-mean only
  /// this many times: each looks at every name, so thousands of them would cost the product
  /// of two large numbers.
  static let suggestionLimit = 100

  private mutating func unknownMember(_ member: Declaration.Member) -> Diagnostic {
    // Not a node (`node(named:)` failed): perhaps another kind of declaration.
    let other =
      methodology.index?.name == member.name
      ? methodology.index
      : sourceNames.contains(member.name)
        ? methodology.data.first { $0.name == member.name }
        : methodology.scales.first { $0.name == member.name }
    if let other {
      return Catalog.notANode(member.name, kind: other.kind.rawValue, member.nameSpan)
    }
    unknownMembers += 1
    guard unknownMembers <= Self.suggestionLimit else {
      return Catalog.unknownMember(member.name, member.nameSpan, known: [], declared: [])
    }
    let names = methodology.nodes.map(\.name)
    let declared = methodology.nodes.map { ($0.name, $0.nameSpan) }
    return Catalog.unknownMember(member.name, member.nameSpan, known: names, declared: declared)
  }

  /// Reports cycles among indicator formulas where the first indicator of the cycle is named.
  ///
  /// Called only when some formula reads another indicator: without one there is no cycle.
  mutating func checkFormulaCycles(_ nodes: [Plan.Node]) {
    let plan = Plan(name: "", nodes: nodes, root: 0)
    if case .failure(let cycle) = plan.indicatorOrder(), let first = cycle.names.first,
      let declaration = methodology.node(first)
    {
      diagnostics.append(Catalog.formulaCycle(cycle.names, declaration.nameSpan))
    }
  }
}
