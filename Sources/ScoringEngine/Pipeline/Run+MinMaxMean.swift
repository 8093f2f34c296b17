import Dispatch

/// First-level arithmetic means of min-max indicators, computed with their members in one
/// pass (`Stages/MinMaxMean.swift`), before the indicator stages run.
///
/// Only indicators that no stage but min-max touches qualify (no adjustment, imputation or
/// treatment), under an arithmetic mean of declared weights without a coverage rule. The
/// pass is speculative: a member whose min-max would report something (every value missing,
/// no spread) or could overflow makes its whole group decline, and the group's indicators
/// then go through `prepareIndicator` and `aggregateNode` in plan order as before, so the
/// diagnostics and their order are unchanged. A group that qualifies reports nothing, and
/// writes exactly what the stage-by-stage path would: the scores, and raw, imputed and
/// treated sharing the data's storage.
///
/// The groups are independent, so with `threads` > 1 they are split into contiguous runs of
/// about equal size, one per thread; each group's numbers do not depend on the thread that
/// computed it.
extension Runner {
  /// One aggregate that may be computed with its members.
  struct MinMaxMeanGroup: Sendable {
    var node: Int
    var members: [Int]
    var weights: [Double]
    var signs: [Double]
    /// Each member's output range, as its two bounds ("Types the run builds", `Runner`).
    var outputLows: [Double]
    var outputHighs: [Double]

    /// Member `k`'s output range.
    func output(_ k: Int) -> ClosedRange<Double> { outputLows[k]...outputHighs[k] }

    /// Whether the means cannot overflow, so need no scan for infinities: every member's
    /// score is finite and at most 3.1e300 in magnitude (`MinMaxMapping`), so with weights
    /// summing to at most 1e7 the numerator Σ w·s stays below 3.2e307, and the mean, a
    /// weighted average of the scores, stays within them (up to rounding).
    var meansAreFinite: Bool {
      weights.allSatisfy { $0 >= 0 } && weights.reduce(0, +) <= 1e7
    }
  }

  /// What one group computed: each member's mapping in each period (member-major: member k's
  /// periods at `k * periods ..< (k + 1) * periods`) and the means.
  struct MinMaxMeanOutcome: Sendable {
    var mappings: [MinMaxMapping]
    var means: [Double]

    /// A group that declined, where a list holds every group's outcome (a list of optionals
    /// would be a type built for the run alone).
    static let declined = MinMaxMeanOutcome(mappings: [], means: [])

    /// Whether this is `declined` (a computed group has at least one cell).
    var isDeclined: Bool { means.isEmpty }
  }

  /// Below this many cells in all, a second thread costs more than it saves.
  static let cellsPerExtraThread = 1 << 17

  /// Computes every qualifying group and installs its members' results; returns, per node,
  /// whether its indicator stages are done.
  mutating func runMinMaxMeans() -> [Bool] {
    let groups = minMaxMeanGroups()
    guard !groups.isEmpty else { return [] }
    let outcomes = Self.compute(
      groups, columns: fullRaw, entities: count, periods: scored.count, threads: threads)
    var done = [Bool](repeating: false, count: plan.nodes.count)
    let periods = scored.count
    for (group, outcome) in zip(groups, outcomes) where !outcome.isDeclined {
      for (k, member) in group.members.enumerated() {
        let raw = nodes[member].raw
        nodes[member].imputed = raw
        nodes[member].treated = raw
        nodes[member].score = ScoreColumn(
          mapping: raw, entities: count,
          mappings: outcome.mappings[(k * periods)..<((k + 1) * periods)])
        done[member] = true
      }
      if computedMeans.isEmpty {
        computedMeans = Array(repeating: [], count: plan.nodes.count)
        computedMeansAreFinite = Array(repeating: false, count: plan.nodes.count)
      }
      computedMeans[group.node] = outcome.means
      computedMeansAreFinite[group.node] = group.meansAreFinite
    }
    return done
  }

  /// The means computed with the node's members and whether they are finite by
  /// construction, once (nil when there are none).
  mutating func takeComputedMeans(_ index: Int) -> (means: [Double], finite: Bool)? {
    guard !computedMeans.isEmpty, !computedMeans[index].isEmpty else { return nil }
    defer { computedMeans[index] = [] }
    return (computedMeans[index], computedMeansAreFinite[index])
  }

  /// The aggregates of the tree whose members all qualify, in plan order.
  private func minMaxMeanGroups() -> [MinMaxMeanGroup] {
    let cells = scored.count * count
    guard count > 0, scored == table.periods else { return [] }
    var groups: [MinMaxMeanGroup] = []
    var stack = [plan.root]
    var seen = [Bool](repeating: false, count: plan.nodes.count)
    while let index = stack.popLast() {
      guard plan.nodes.indices.contains(index), !seen[index],
        let spec = plan.nodes[index].aggregate
      else { continue }
      seen[index] = true
      stack.append(contentsOf: spec.members.map(\.node))
      guard spec.aggregator == .arithmetic, !spec.weighting.isDerived, spec.coverage == nil,
        !spec.members.isEmpty
      else { continue }
      // Room for every member at once: growing three lists member by member reallocated each
      // about four times a group.
      var signs: [Double] = []
      var lows: [Double] = []
      var highs: [Double] = []
      signs.reserveCapacity(spec.members.count)
      lows.reserveCapacity(spec.members.count)
      highs.reserveCapacity(spec.members.count)
      for member in spec.members {
        guard plan.nodes.indices.contains(member.node), fullRaw[member.node].count == cells,
          let output = plainMinMax(member.node)
        else { break }
        signs.append(plan.nodes[member.node].indicator?.direction.sign ?? 1)
        lows.append(output.lowerBound)
        highs.append(output.upperBound)
      }
      guard signs.count == spec.members.count else { continue }
      groups.append(
        MinMaxMeanGroup(
          node: index, members: spec.members.map(\.node),
          weights: WeightScale.normalized(spec.members.map(\.weight)), signs: signs,
          outputLows: lows, outputHighs: highs))
    }
    return groups.sorted { $0.node < $1.node }
  }

  /// The output range of an indicator that only min-max touches, or nil.
  private func plainMinMax(_ index: Int) -> ClosedRange<Double>? {
    guard plan.nodes[index].adjustments.isEmpty,
      case .indicator(let indicator) = plan.nodes[index].kind,
      case .none = indicator.imputation, case .none = indicator.treatment,
      case .minmax(let output) = indicator.normalizer
    else { return nil }
    return output
  }

  /// Each group's outcome, or `.declined`; on up to `threads` threads.
  static func compute(
    _ groups: [MinMaxMeanGroup], columns: [[Double]], entities: Int, periods: Int, threads: Int
  ) -> [MinMaxMeanOutcome] {
    let cells = groups.reduce(0) { $0 + $1.members.count } * entities * periods
    let workers = max(1, min(threads, groups.count, 1 + cells / cellsPerExtraThread))
    if workers == 1 {
      return groups.map {
        compute($0, columns: columns, entities: entities, periods: periods) ?? .declined
      }
    }
    // Contiguous runs of groups with about the same number of members each.
    let total = groups.reduce(0) { $0 + $1.members.count }
    var bounds = [0]
    var running = 0
    for (position, group) in groups.enumerated() {
      running += group.members.count
      if bounds.count < workers && running * workers >= total * bounds.count {
        bounds.append(position + 1)
      }
    }
    while bounds.count <= workers { bounds.append(groups.count) }
    let slots = OutcomeSlots(count: groups.count)
    let runs = bounds
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for position in runs[worker]..<runs[worker + 1] {
        slots.set(
          position,
          compute(groups[position], columns: columns, entities: entities, periods: periods)
            ?? .declined)
      }
    }
    return slots.values
  }

  /// The most bytes of one period of a group's members that the blocked path reads twice:
  /// the second read, across the members at once, should find them in the core's L2 cache.
  static let blockedBytes = 1 << 20

  /// One group's outcome, or nil where it declines.
  ///
  /// `computeBlocked` when one period of its members fits in cache, else `computeByMember`.
  /// Both give the same bits.
  static func compute(
    _ group: MinMaxMeanGroup, columns: [[Double]], entities: Int, periods: Int
  ) -> MinMaxMeanOutcome? {
    if group.members.count * entities * MemoryLayout<Double>.stride <= blockedBytes {
      return computeBlocked(group, columns: columns, entities: entities, periods: periods)
    }
    return computeByMember(group, columns: columns, entities: entities, periods: periods)
  }

  /// One group, a period at a time: every member's extremes, then the means of all members at
  /// once (`blockedMeans`), sixteen cells at a time with their sums in registers; the scores
  /// are not stored.
  static func computeBlocked(
    _ group: MinMaxMeanGroup, columns: [[Double]], entities: Int, periods: Int
  ) -> MinMaxMeanOutcome? {
    let count = group.members.count
    var mappings = [MinMaxMapping](repeating: .identity, count: count * periods)
    // Σ w from 0 in member order: the denominator of every cell when every score is present.
    let den = group.weights.reduce(0, +)
    var declined = false
    let means = [Double](unsafeUninitializedCapacity: entities * periods) { out, initialized in
      declined = !withBaseAddresses(columns, group.members) { bases in
        let members = UnsafeMutableBufferPointer<MappedMember>.allocate(capacity: count)
        defer { members.deallocate() }
        guard bases.count == count, let target = out.baseAddress, let first = members.baseAddress
        else { return false }
        for p in 0..<periods {
          for k in 0..<count {
            let start = bases[k] + p * entities
            let (bottom, top) = signedExtremes(
              UnsafeBufferPointer(start: start, count: entities), sign: group.signs[k])
            guard
              let mapping = MinMaxMapping(
                bottom: bottom, top: top, sign: group.signs[k], output: group.output(k))
            else { return false }
            mappings[k * periods + p] = mapping
            // MappedMember is plain data (pointers and doubles): no deinitialization needed.
            (first + k).initialize(
              to: MappedMember(values: start, mapping: mapping, weight: group.weights[k]))
          }
          blockedMeans(
            UnsafeBufferPointer(members), count: entities, den: den, into: target + p * entities)
        }
        return true
      }
      // Doubles need no initialization to be dropped: a declined group's buffer is left empty.
      initialized = declined ? 0 : out.count
    }
    return declined ? nil : MinMaxMeanOutcome(mappings: mappings, means: means)
  }

  /// One group, member by member: each member's extremes, then its scores added into the
  /// mean (the column is still in cache for the second read); the scores are not stored.
  static func computeByMember(
    _ group: MinMaxMeanGroup, columns: [[Double]], entities: Int, periods: Int
  ) -> MinMaxMeanOutcome? {
    var sums = MinMaxMeanSums(cells: entities * periods)
    var mappings: [MinMaxMapping] = []
    mappings.reserveCapacity(group.members.count * periods)
    for (k, member) in group.members.enumerated() {
      let accepted = columns[member].withUnsafeBufferPointer { x in
        for p in 0..<periods {
          let range = (p * entities)..<((p + 1) * entities)
          guard
            let mapping = MinMaxMapping(
              UnsafeBufferPointer(rebasing: x[range]), sign: group.signs[k],
              output: group.output(k))
          else { return false }
          sums.add(
            x, mapping: mapping, weight: group.weights[k], cells: range, startsMember: p == 0)
          mappings.append(mapping)
        }
        return true
      }
      if !accepted { return nil }
    }
    sums.finish()
    return MinMaxMeanOutcome(mappings: mappings, means: sums.means)
  }
}

/// Calls `body` with the base address of each of `columns[members]`, or with an empty buffer
/// when one of them is empty.
///
/// The blocked kernels read a group's members side by side, which nested
/// `withUnsafeBufferPointer` calls cannot give for any number of members. The arrays are
/// immutable here and kept alive by `columns` for the whole call, so their storage does not
/// move. The addresses are in an unsafe buffer, not an array ("Types the run builds",
/// `Runner`).
func withBaseAddresses<R>(
  _ columns: [[Double]], _ members: [Int], _ body: (UnsafeBufferPointer<UnsafePointer<Double>>) -> R
) -> R {
  withExtendedLifetime(columns) {
    let bases = UnsafeMutableBufferPointer<UnsafePointer<Double>>.allocate(capacity: members.count)
    defer { bases.deallocate() }
    for (k, member) in members.enumerated() {
      guard let base = columns[member].withUnsafeBufferPointer({ $0.baseAddress }),
        !columns[member].isEmpty
      else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
      bases[k] = base
    }
    return body(UnsafeBufferPointer(bases))
  }
}

/// One slot per group, each written by one thread only and read after every thread is done.
private final class OutcomeSlots: @unchecked Sendable {
  private var slots: [Runner.MinMaxMeanOutcome]
  private let lock = DispatchSemaphore(value: 1)

  init(count: Int) { slots = Array(repeating: .declined, count: count) }

  func set(_ position: Int, _ outcome: Runner.MinMaxMeanOutcome) {
    lock.wait()
    slots[position] = outcome
    lock.signal()
  }

  var values: [Runner.MinMaxMeanOutcome] { slots }
}
