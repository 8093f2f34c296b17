/// The names of a methodology's nodes, hashed once per compile: the checker looks a name up
/// here when a member list or a formula writes it, and from then on works on integer ids.
///
/// A node's id is the position in `Methodology.nodes` of the first node with its name, so ids
/// mean exactly what names meant (two nodes that share a name share an id; the resolver reports
/// such a pair, but the check must not depend on that). The index has an id too: its name's
/// node when a node has that name, else `count`, one past the nodes. Arrays indexed by id have
/// `count + 1` entries.
struct NodeNames {
  /// The id of each name.
  private let ids: [String: Int]
  /// The id of each node, by position in `Methodology.nodes`.
  let idOfNode: [Int]
  /// Whether the node at each position is a dimension.
  let isDimension: [Bool]
  let indexName: String?
  /// The index's id.
  let indexID: Int
  /// The number of nodes.
  let count: Int
  /// Names of indicators and of dimensions, kept as sets only when two nodes share a name (a
  /// name may then be both); otherwise an id's kind answers.
  private let repeated: (indicators: Set<String>, dimensions: Set<String>)?

  init(_ methodology: Methodology) {
    let nodes = methodology.nodes
    count = nodes.count
    var ids: [String: Int] = Dictionary(minimumCapacity: nodes.count)
    var idOfNode: [Int] = []
    idOfNode.reserveCapacity(nodes.count)
    var isDimension: [Bool] = []
    isDimension.reserveCapacity(nodes.count)
    var repeats = false
    for (position, node) in nodes.enumerated() {
      // One hash for a new name, the common case: the entry is made with this position, and
      // the first position put back when the name already has one. (The defaulting subscript
      // would hash once too, but allocates a context for its default on every call.)
      let name = node.name
      var id = position
      if let first = ids.updateValue(position, forKey: name) {
        ids[name] = first
        id = first
      }
      repeats = repeats || id != position
      idOfNode.append(id)
      isDimension.append(node.kind == .dimension)
    }
    self.ids = ids
    self.idOfNode = idOfNode
    self.isDimension = isDimension
    indexName = methodology.index?.name
    indexID = indexName.flatMap { ids[$0] } ?? nodes.count
    if repeats {
      var indicators = Set<String>()
      var dimensions = Set<String>()
      for node in nodes {
        if node.kind == .dimension {
          dimensions.insert(node.name)
        } else {
          indicators.insert(node.name)
        }
      }
      repeated = (indicators, dimensions)
    } else {
      repeated = nil
    }
  }

  /// The position of the first node with this name (the index's name only when a node has it).
  func node(_ name: String) -> Int? { ids[name] }

  /// What a formula's bare name is: an indicator, a dimension, or neither.
  ///
  /// With names that repeat, a name can be both; `isIndicator` wins, as it does in a formula.
  func formulaKind(_ name: String) -> FormulaName {
    if let repeated {
      if repeated.indicators.contains(name) { return .indicator }
      return repeated.dimensions.contains(name) ? .dimension : .other
    }
    guard let id = ids[name] else { return .other }
    return isDimension[id] ? .dimension : .indicator
  }

  enum FormulaName { case indicator, dimension, other }
}

/// The names of indicators, sorted for a did-you-mean, made the first time one is needed: most
/// compilations never suggest a name, and sorting ten thousand names is not free.
final class SortedNames {
  private let methodology: Methodology
  private var sorted: [String]?

  init(_ methodology: Methodology) {
    self.methodology = methodology
  }

  /// Every indicator and soft indicator name, once each, in order.
  var indicators: [String] {
    if let sorted { return sorted }
    var names = Set<String>()
    for node in methodology.nodes where node.kind != .dimension { names.insert(node.name) }
    let made = names.sorted()
    sorted = made
    return made
  }
}
