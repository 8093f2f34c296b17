/// Min-max normalization and the arithmetic mean above it in one pass over each member.
///
/// The commonest first level of an index is an arithmetic mean of min-max indicators. Done
/// stage by stage, each indicator's column is read for its extremes, read again to map it,
/// its scores are read again for the overflow check and once more by the mean. Here each
/// member is read twice: once for its extremes, once to write its scores and add them into
/// the mean's running sum. The operations are those of `normalize`'s min-max and `aggregate`'s
/// arithmetic mean, in the same order on every cell, so the scores are the same bit for bit
/// (`MinMaxMeanTests` compares them with the stage functions on random data with missing
/// values, zero and uneven weights, reversed directions and signed zeros).

/// How one indicator's values map onto its min-max scores in one period:
/// `(x · signHalf − bottomHalf) · scale + offset`, which is `minmax`'s
/// `(sign · x · half − bottom · half) · scale + offset` term for term (`sign · x · half` and
/// `x · (sign · half)` are the same double: negation and halving are exact or round alike).
@usableFromInline
struct MinMaxMapping: Sendable, Equatable {
  @usableFromInline var signHalf: Double
  @usableFromInline var bottomHalf: Double
  @usableFromInline var scale: Double
  @usableFromInline var offset: Double

  /// The mapping that leaves values as they are (a stored `ScoreColumn`'s placeholder).
  static let identity = MinMaxMapping(signHalf: 1, bottomHalf: 0, scale: 1, offset: 0)

  init(signHalf: Double, bottomHalf: Double, scale: Double, offset: Double) {
    (self.signHalf, self.bottomHalf, self.scale, self.offset) = (
      signHalf, bottomHalf, scale, offset
    )
  }

  /// The score of value `x`: the one expression every min-max score of this mapping is
  /// computed by, stored or read (`ScoreColumn`).
  @inlinable @inline(__always)
  func score(_ x: Double) -> Double {
    (x * signHalf - bottomHalf) * scale + offset
  }

  /// The mapping of `x` (one period of one indicator) onto `output`, or nil when min-max
  /// would report something (every value missing, no spread) or might produce an infinity:
  /// then the caller takes the stage-by-stage path, which reports it.
  ///
  /// With finite extremes, a finite scale and bounds of magnitude at most 1e300, every score
  /// is finite: `x · signHalf − bottomHalf` lies in [0, d] (rounding is monotonic) where d is
  /// the denominator of the scale, so its product with the scale is at most the output's
  /// width times (1 + 2⁻⁵²)², and adding the offset stays below 3.1e300. So the scores
  /// need no overflow check.
  init?(_ x: UnsafeBufferPointer<Double>, sign: Double, output: ClosedRange<Double>) {
    let (bottom, top) = signedExtremes(x, sign: sign)
    self.init(bottom: bottom, top: top, sign: sign, output: output)
  }

  /// The mapping of values whose signed extremes are `bottom` and `top` (`signedExtremes`),
  /// or nil as above.
  init?(bottom: Double, top: Double, sign: Double, output: ClosedRange<Double>) {
    guard bottom < top, bottom.isFinite, top.isFinite,
      Swift.abs(output.lowerBound) <= 1e300, Swift.abs(output.upperBound) <= 1e300
    else { return nil }
    let half = (top - bottom).isFinite ? 1.0 : 0.5
    let scale = (output.upperBound - output.lowerBound) / (top * half - bottom * half)
    guard scale.isFinite else { return nil }
    self.signHalf = sign * half
    self.bottomHalf = bottom * half
    self.scale = scale
    self.offset = output.lowerBound
  }
}

/// The running sums of an arithmetic mean of declared weights whose members are mapped as
/// they are added.
///
/// The numerator is Σ over members in order of `present ? w·s : 0`, as `ArithmeticMean`
/// keeps it. The denominator Σ `present ? w : 0` is the same for every cell while every score
/// so far was present, so it is kept as one number (the same additions in the same order)
/// until the first missing score, and per cell from there on. The scores themselves are not
/// stored: the members' `ScoreColumn`s compute them from the same values by the same mapping.
struct MinMaxMeanSums {
  /// Σ present w·s per cell, then (after `finish`) the means.
  private(set) var means: [Double]
  /// Σ present w per cell, once a score was missing; empty before.
  private var weightsPerCell: [Double] = []
  /// Σ w of the members before the current one, while every score was present.
  private var weightsBefore = 0.0
  /// The current member's weight, while every score was present.
  private var currentWeight = 0.0

  init(cells: Int) {
    means = [Double](unsafeUninitializedCapacity: cells) { buffer, initialized in
      buffer.initialize(repeating: 0)
      initialized = cells
    }
  }

  /// Adds the scores of `x[cells]` under `mapping` with weight `w`.
  ///
  /// Call once per member and period, members in declaration order and each member's periods
  /// in order; `startsMember` is true for the first period of each member.
  mutating func add(
    _ x: UnsafeBufferPointer<Double>, mapping: MinMaxMapping, weight w: Double,
    cells: Range<Int>, startsMember: Bool
  ) {
    if startsMember && weightsPerCell.isEmpty {
      weightsBefore = weightsBefore + currentWeight
      currentWeight = w
    }
    let allPresent = means.withUnsafeMutableBufferPointer { num in
      mapAndAdd(x, mapping, w, num, cells)
    }
    if weightsPerCell.isEmpty {
      if allPresent { return }
      // The first missing score: the cells before `cells` have this member added already,
      // the others not yet.
      let added = weightsBefore + currentWeight
      weightsPerCell = [Double](repeating: weightsBefore, count: means.count)
      for c in 0..<cells.lowerBound { weightsPerCell[c] = added }
    }
    weightsPerCell.withUnsafeMutableBufferPointer { den in
      for c in cells {
        let s = mapping.score(x[c])
        den[c] += s == s ? w : 0
      }
    }
  }

  /// Turns the sums into means: NaN where no member with a weight is present.
  mutating func finish() {
    if weightsPerCell.isEmpty {
      let den = weightsBefore + currentWeight
      means.withUnsafeMutableBufferPointer { num in
        guard den != 0 else { return num.update(repeating: .nan) }
        for c in 0..<num.count { num[c] = num[c] / den }
      }
      return
    }
    weightsPerCell.withUnsafeBufferPointer { den in
      means.withUnsafeMutableBufferPointer { num in
        for c in 0..<num.count { num[c] = den[c] == 0 ? .nan : num[c] / den[c] }
      }
    }
  }
}

/// Maps and adds one member over `cells`: num += present ? w·s : 0 with
/// s = (x·signHalf − bottomHalf)·scale + offset (`MinMaxMapping.score`), the score not stored.
///
/// Written on base pointers with the absence flag or-ed rather than and-ed (`&&`
/// is a branch), so it compiles to packed SSE2 arithmetic and blends (`mulpd`, `cmpunordpd`,
/// `andnpd`; checked with `perf annotate`). Returns whether every score was present.
@inline(never)
private func mapAndAdd(
  _ x: UnsafeBufferPointer<Double>, _ m: MinMaxMapping, _ w: Double,
  _ num: UnsafeMutableBufferPointer<Double>, _ cells: Range<Int>
) -> Bool {
  guard let xBase = x.baseAddress, let sumBase = num.baseAddress else { return true }
  let (values, sums) = (xBase + cells.lowerBound, sumBase + cells.lowerBound)
  let (signHalf, bottomHalf, scale, offset) = (m.signHalf, m.bottomHalf, m.scale, m.offset)
  var absent: UInt64 = 0
  for i in 0..<cells.count {
    let s = (values[i] * signHalf - bottomHalf) * scale + offset
    let isPresent = s == s
    sums[i] += isPresent ? w * s : 0
    absent |= isPresent ? 0 : 1
  }
  return absent == 0
}
