import ScoringEngine

/// A methodology drawn at random for property tests: a tree of nodes over a random table,
/// with the means, normalizers, weights, coverage, adjustments and scaling the engine knows,
/// and mutations that turn one into another (the B of a diff).
struct RandomMethodology {
  struct Node {
    var name: String
    var children: [Int] = []
    var weights: [Double] = []
    var aggregator: Aggregator = .arithmetic
    /// Where the weights come from (declared, or derived from the data at run time).
    var weighting: Weighting = .declared
    var coverage: Double?
    /// Leaves: the column read.
    var variable = 0
    var normalizer: Normalizer = .minmax(output: 1...100)
    var direction: Direction = .higher
    var adjustments: [Plan.Adjustment] = []
    /// An indicator (a leaf), not an aggregate.
    var aggregatorless = false
  }

  var nodes: [Node] = []
  var scaling: Scaling = .none
  var random: SplitMix64
  let variables: Int
  let entities: Int

  /// A random table: `entities` × `periods`, `variables` columns, some cells missing.
  static func table(_ random: inout SplitMix64, entities: Int, variables: Int, periods: Int)
    -> DataTable
  {
    var table = DataTable(
      entities: (0..<entities).map { Entity(code: "E\($0)") },
      periods: Array(2020..<(2020 + periods)))
    for v in 0..<variables {
      var column: [Double] = []
      for _ in 0..<(entities * periods) {
        let missing = Double.random(in: 0..<1, using: &random) < 0.07
        column.append(missing ? .nan : Double.random(in: -20...200, using: &random).rounded())
      }
      table.append(variable: "d.v\(v)", values: column)
    }
    return table
  }

  init(seed: UInt64, variables: Int, entities: Int) {
    random = SplitMix64(seed: seed)
    self.variables = variables
    self.entities = entities
    nodes.append(Node(name: "index"))
    nodes[0].aggregator = randomAggregator()
    nodes[0].weighting = randomWeighting()
    for _ in 0..<Int.random(in: 2...4, using: &random) { addDimension(under: 0, depth: 1) }
    scaling = randomScaling()
  }

  mutating func addDimension(under parent: Int, depth: Int) {
    let index = nodes.count
    nodes.append(Node(name: "n\(index)"))
    nodes[index].aggregator = randomAggregator()
    if chance(0.15) { nodes[index].coverage = 0.5 }
    nodes[index].weighting = randomWeighting()
    attach(index, to: parent)
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      if depth < 3 && chance(0.2) {
        addDimension(under: index, depth: depth + 1)
      } else {
        addIndicator(under: index)
      }
    }
    if chance(0.25) { nodes[index].adjustments.append(randomAdjustment(points: true)) }
  }

  mutating func addIndicator(under parent: Int) {
    let index = nodes.count
    var node = Node(name: "n\(index)")
    node.aggregatorless = true
    node.variable = Int.random(in: 0..<variables, using: &random)
    node.normalizer = randomNormalizer()
    node.direction = chance(0.2) ? .lower : .higher
    if chance(0.15) { node.adjustments.append(randomAdjustment(points: false)) }
    nodes.append(node)
    attach(index, to: parent)
  }

  private mutating func attach(_ child: Int, to parent: Int) {
    nodes[parent].children.append(child)
    nodes[parent].weights.append(Double(Int.random(in: 1...5, using: &random)))
  }

  mutating func chance(_ p: Double) -> Bool {
    Double.random(in: 0..<1, using: &random) < p
  }

  mutating func randomAggregator() -> Aggregator {
    let all: [Aggregator] = [
      .arithmetic, .arithmetic, .arithmetic, .geometric(.error), .geometric(.floor(0.5)),
      .geometric(.shift(1)), .harmonic, .power(2), .power(0.5), .power(-1.5), .power(3), .median,
      .minimum, .copeland, .benefitOfDoubt(.free),
      .benefitOfDoubt(ShareBounds(minimum: 0.05, maximum: 0.7)), .mazziottaPareto,
      .adjustedMazziottaPareto,
    ]
    return all[Int.random(in: 0..<all.count, using: &random)]
  }

  /// Declared weights mostly; one node in four derives them from the data.
  mutating func randomWeighting() -> Weighting {
    switch Int.random(in: 0..<8, using: &random) {
    case 0: return .principalComponent
    case 1: return .equalInfluence
    default: return .declared
    }
  }

  mutating func randomNormalizer() -> Normalizer {
    let all: [Normalizer] = [
      .minmax(output: 1...100), .minmax(output: 1...100), .minmax100, .zscore(mean: 10, sd: 2),
      .goalposts(low: -20, high: 200, output: 0...1, logarithmic: false), .fracmax(output: 0...1),
      .percentile(output: 1...10), .rank, .scaled(low: -30, high: 250, factor: 10),
    ]
    return all[Int.random(in: 0..<all.count, using: &random)]
  }

  mutating func randomScaling() -> Scaling {
    switch Int.random(in: 0..<4, using: &random) {
    case 0: return .none
    case 1: return .leader(100)
    case 2: return .minmax(0...100)
    default: return .relative(entity: "E0", factor: 100)
    }
  }

  mutating func randomAdjustment(points: Bool) -> Plan.Adjustment {
    let entity = "E\(Int.random(in: 0..<entities, using: &random))"
    let delta = Double(Int.random(in: -10...10, using: &random)) / (points ? 2 : 1)
    return Plan.Adjustment(entity: entity, delta: delta, because: "reason \(nodes.count)")
  }

  /// What a fork might do: reweight, renormalize, change means or where weights come from,
  /// add or remove a dimension, move an indicator, change adjustments or the final scaling.
  mutating func mutate() {
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let aggregates = nodes.indices.filter {
        !nodes[$0].aggregatorless && !nodes[$0].children.isEmpty
      }
      let leaves = nodes.indices.filter { nodes[$0].aggregatorless }
      switch Int.random(in: 0..<10, using: &random) {
      case 0:
        let n = aggregates[Int.random(in: 0..<aggregates.count, using: &random)]
        let i = Int.random(in: 0..<nodes[n].weights.count, using: &random)
        nodes[n].weights[i] = Double(Int.random(in: 0...6, using: &random))
        if nodes[n].weights.allSatisfy({ $0 == 0 }) { nodes[n].weights[i] = 1 }
      case 1:
        let n = leaves[Int.random(in: 0..<leaves.count, using: &random)]
        nodes[n].normalizer = randomNormalizer()
      case 2:
        let n = aggregates[Int.random(in: 0..<aggregates.count, using: &random)]
        nodes[n].aggregator = randomAggregator()
      case 3:
        addDimension(under: 0, depth: 1)
      case 4 where nodes[0].children.count > 1:
        let i = Int.random(in: 0..<nodes[0].children.count, using: &random)
        nodes[0].children.remove(at: i)
        nodes[0].weights.remove(at: i)
      case 5:
        // Move an indicator to another dimension.
        let n = leaves[Int.random(in: 0..<leaves.count, using: &random)]
        guard let parent = nodes.indices.first(where: { nodes[$0].children.contains(n) }),
          nodes[parent].children.count > 1
        else { continue }
        let targets = aggregates.filter { $0 != parent && $0 != 0 }
        guard let target = targets.first else { continue }
        let i = nodes[parent].children.firstIndex(of: n) ?? 0
        nodes[parent].children.remove(at: i)
        nodes[parent].weights.remove(at: i)
        attach(n, to: target)
      case 6:
        let n = Int.random(in: 0..<nodes.count, using: &random)
        if nodes[n].adjustments.isEmpty || chance(0.5) {
          nodes[n].adjustments.append(randomAdjustment(points: !nodes[n].aggregatorless))
        } else {
          nodes[n].adjustments.removeLast()
        }
      case 7:
        scaling = randomScaling()
      case 8:
        let n = aggregates[Int.random(in: 0..<aggregates.count, using: &random)]
        nodes[n].weighting = randomWeighting()
      default:
        let n = leaves[Int.random(in: 0..<leaves.count, using: &random)]
        nodes[n].variable = Int.random(in: 0..<variables, using: &random)
      }
    }
  }

  var plan: Plan {
    let planNodes = nodes.map { node -> Plan.Node in
      var planNode: Plan.Node
      if node.aggregatorless {
        planNode = Plan.Node(
          name: node.name,
          kind: .indicator(
            .init(
              source: .formula(.variable("d.v\(node.variable)")), direction: node.direction,
              normalizer: node.normalizer)))
      } else {
        let members = zip(node.children, node.weights).map { Plan.Member(node: $0, weight: $1) }
        planNode = Plan.Node(
          name: node.name,
          kind: .aggregate(
            .init(
              members: members, aggregator: node.aggregator, coverage: node.coverage,
              weighting: node.weighting)))
      }
      planNode.adjustments = node.adjustments
      return planNode
    }
    return Plan(name: "random", nodes: planNodes, root: 0, scaling: scaling)
  }
}
