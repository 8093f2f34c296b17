#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The running sums of a weighted geometric mean over every cell, member by member, on
/// buffers a variant draw keeps from one aggregate to the next.
///
/// `aggregate`'s geometric mean works entity by entity: over the present members in
/// declaration order it applies the policy (a floor raises a value below ε to ε, a shift adds
/// c), then adds wᵢ to Σw and wᵢ·ln xᵢ to Σw ln x, and the score is exp(Σw ln x / Σw) − shift.
/// Here the same additions happen member by member across all cells: each cell still sees its
/// members in declaration order, so every sum, and the score, is the same bit for bit (the
/// property tests of `Rescorer.scoreVariant` compare them with full runs). A value the mean
/// cannot take (≤ 0 after the policy) and a cell below the coverage are what the run would
/// report: `rejected` and `finish` say so, and the caller leaves the draw to a full run.
struct GeometricMean: Sendable {
  /// Σ w ln x per cell, then (after `finish`) the means.
  var means: [Double] = []
  /// Σ w per cell.
  private var weights: [Double] = []
  /// The number of present members per cell.
  private var present: [Double] = []
  /// Whether a present value was ≤ 0 after the policy.
  private(set) var rejected = false
  private var floor = -Double.infinity
  private var shift = 0.0

  /// Zero sums for `cells` cells under `policy`, keeping the buffers' storage.
  mutating func start(cells: Int, policy: NonPositivePolicy) {
    Array.zeroed(&means, cells)
    Array.zeroed(&weights, cells)
    Array.zeroed(&present, cells)
    rejected = false
    (floor, shift) = Self.parameters(policy)
  }

  /// What `add` takes from one value under a policy's floor and shift.
  ///
  /// NaN for a missing value, +∞ for one the mean cannot take (≤ 0 after the policy), else
  /// the logarithm of the value after the policy (a floor raises a value below ε to ε, a
  /// shift adds c). A column of these, computed once, is what `addLogarithms` reads.
  static func logarithm(_ x: Double, floor: Double, shift: Double) -> Double {
    guard !x.isNaN else { return .nan }
    var v = x < floor ? floor : x
    v += shift
    return v > 0 ? log(v) : .infinity
  }

  /// The logarithms `add` would take of `scores` under `policy` (see `logarithm`).
  static func logarithms(_ scores: [Double], policy: NonPositivePolicy) -> [Double] {
    let (floor, shift) = parameters(policy)
    return scores.map { logarithm($0, floor: floor, shift: shift) }
  }

  private static func parameters(_ policy: NonPositivePolicy) -> (floor: Double, shift: Double) {
    switch policy {
    case .error: (-.infinity, 0)
    case .floor(let epsilon): (epsilon, 0)
    case .shift(let c): (-.infinity, c)
    }
  }

  /// Adds one member's scores (one per cell) with weight `w`.
  mutating func add(_ scores: [Double], weight w: Double) {
    let (floor, shift) = (self.floor, self.shift)
    accumulate(scores, weight: w) { Self.logarithm($0, floor: floor, shift: shift) }
  }

  /// Adds one member's logarithms (`logarithms` of its scores under this mean's policy).
  mutating func addLogarithms(_ logarithms: [Double], weight w: Double) {
    accumulate(logarithms, weight: w) { $0 }
  }

  /// For every cell, the logarithm `of` gives for the member's value: a missing one is left
  /// out, a rejected one marks the mean `rejected`; the others add w and w·ln x to the sums.
  private mutating func accumulate(
    _ values: [Double], weight w: Double, of logarithm: (Double) -> Double
  ) {
    var rejected = false
    values.withUnsafeBufferPointer { x in
      means.withUnsafeMutableBufferPointer { logs in
        weights.withUnsafeMutableBufferPointer { sums in
          present.withUnsafeMutableBufferPointer { counts in
            for c in 0..<x.count {
              let l = logarithm(x[c])
              guard !l.isNaN else { continue }
              counts[c] += 1
              guard l != .infinity else {
                rejected = true
                continue
              }
              sums[c] += w
              logs[c] += w * l
            }
          }
        }
      }
    }
    if rejected { self.rejected = true }
  }

  /// Turns the sums into means (NaN where no member is present); false when a value was
  /// rejected or a cell has some members present but a share below `coverage` of `members`.
  mutating func finish(members: Int, coverage: Double?) -> Bool {
    guard !rejected else { return false }
    let memberCount = Double(members)
    let shift = self.shift
    var below = false
    present.withUnsafeBufferPointer { counts in
      weights.withUnsafeBufferPointer { sums in
        means.withUnsafeMutableBufferPointer { logs in
          for c in 0..<logs.count {
            if counts[c] == 0 {
              logs[c] = .nan
            } else if let coverage, counts[c] / memberCount < coverage {
              below = true
            } else {
              logs[c] = exp(logs[c] / sums[c]) - shift
            }
          }
        }
      }
    }
    return !below
  }
}
