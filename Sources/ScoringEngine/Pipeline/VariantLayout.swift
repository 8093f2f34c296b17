/// What a `VariantDraw` reads of the base plan beyond the weight-draw layout, laid out flat
/// once: every aggregate's members in node order (to validate a draw's weights as the run
/// would), the indicators, and the normalized columns of the declared normalizer alternatives.
struct VariantLayout: Sendable {
  /// Whether `Rescorer.prepareVariants` laid this out (an empty layout accepts no draw).
  var isPrepared = false
  /// Whether the base plan validates with no diagnostic at all: then a draw whose weights pass
  /// `weightsValidate`, whose normalizers were validated when declared and whose aggregators'
  /// parameters are finite validates with none either.
  var validationClean = false
  /// The plan's indicators, in node order.
  var indicators: [Int] = []
  /// The plan's aggregates in node order, whether each has percentage weights, and each one's
  /// members (flat, at `VariantDraw.weightOffsets` like a draw's weights).
  var aggregates: [Int] = []
  var percent: [Bool] = []
  var offsets: [Int] = [0]
  var members: [Int] = []
  /// Per position of the weight-draw layout: where its node's weights start in a draw.
  var drawOffset: [Int] = []
  /// The columns `Rescorer.addNormalizer` computed: column c of a draw is entry c − 1, with
  /// its node, its normalizer, and whether the run reported nothing for the indicator with it.
  var columns: [[Double]] = []
  var columnNode: [Int] = []
  var columnNormalizer: [Normalizer] = []
  var columnClean: [Bool] = []
  /// The policies of the geometric means draws may use, and per policy the logarithms of
  /// every column a geometric mean may read, as `GeometricMean.addLogarithms` takes them:
  /// slot n is node n's base scores, slot nodes + c − 1 column c.
  var logPolicies: [NonPositivePolicy] = []
  var logarithms: [[[Double]]] = []

  init() {}

  init(_ plan: Plan, table: DataTable, weights layout: WeightDrawLayout) {
    isPrepared = true
    validationClean = plan.validate(against: table).isEmpty
    offsets = VariantDraw.weightOffsets(of: plan)
    for (index, node) in plan.nodes.enumerated() {
      switch node.kind {
      case .indicator:
        indicators.append(index)
      case .aggregate(let aggregate):
        aggregates.append(index)
        percent.append(aggregate.percentWeights)
        for member in aggregate.members { members.append(member.node) }
      }
    }
    drawOffset = layout.order.map { offsets[$0] }
  }

  /// The slot of node `m`'s logarithms when it reads column `c` (see `logarithms`).
  func logSlot(_ m: Int, column c: Int) -> Int {
    c == 0 ? m : offsets.count - 1 + c - 1
  }

  /// The logarithms for `policy`, or nil when no geometric mean was declared with it.
  func logarithms(for policy: NonPositivePolicy) -> [[Double]]? {
    for (p, declared) in logPolicies.enumerated() where declared == policy { return logarithms[p] }
    return nil
  }

  /// Whether the run's validation of `draw`'s weights reports nothing: every weight finite and
  /// not negative, every aggregate keeps a member, and its weights total above zero (exactly 1
  /// within 10⁻⁹ for percentages), summed as `Plan.validate` sums them.
  func weightsValidate(_ draw: VariantDraw) -> Bool {
    guard draw.weights.count == offsets[offsets.count - 1] else { return false }
    let excluded = draw.excluded ?? -1
    for (a, index) in aggregates.enumerated() {
      var total = 0.0
      var kept = 0
      for j in offsets[index]..<offsets[index + 1] where members[j] != excluded {
        let w = draw.weights[j]
        guard w >= 0, w.isFinite else { return false }
        total += w
        kept += 1
      }
      guard kept > 0 else { return false }
      if percent[a] {
        guard Swift.abs(total - 1) <= 1e-9 else { return false }
      } else if total == 0 {
        return false
      }
    }
    return true
  }
}
