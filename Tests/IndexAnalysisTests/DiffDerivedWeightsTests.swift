import IndexAnalysis
import ScoringEngine
import Testing

/// Attribution where the weights are not the declared ones: derived from the data (`pca`),
/// the entity's own (benefit of the doubt), or none (Mazziotta–Pareto), worked by hand.
@Suite struct DiffDerivedWeightsTests {
  /// A root over indicators `names` (values used as they are), aggregated by `aggregator`
  /// with weights from `weighting`; `columns[i]` is period-major over `codes` × `periods`.
  static func plan(
    _ names: [String], aggregator: Aggregator, weighting: Weighting = .declared,
    weights: [Double]? = nil
  ) -> Plan {
    var nodes = names.map {
      Plan.Node(name: $0, kind: .indicator(.init(source: .formula(.variable("d." + $0)))))
    }
    let members = names.indices.map { Plan.Member(node: $0, weight: weights?[$0] ?? 1) }
    nodes.append(
      Plan.Node(
        name: "root",
        kind: .aggregate(.init(members: members, aggregator: aggregator, weighting: weighting))))
    return Plan(name: "t", nodes: nodes, root: names.count)
  }

  static func table(_ codes: [String], periods: [Int], _ columns: [String: [Double]])
    -> DataTable
  {
    var table = DataTable(entities: codes.map { Entity(code: $0) }, periods: periods)
    for name in columns.keys.sorted() {
      table.append(variable: "d." + name, values: columns[name] ?? [])
    }
    return table
  }

  static func diff(_ a: Plan, _ b: Plan, _ table: DataTable, periods: (Int, Int)) -> ResultsDiff {
    ResultsDiff(
      a: .init(results: run(a, on: table), period: periods.0),
      b: .init(results: run(b, on: table), period: periods.1), keepChecks: true)
  }

  static func contributions(_ diff: ResultsDiff, _ code: String) throws -> [Double] {
    try #require(diff.entity(code)).contributions
  }

  /// Benefit of the doubt with P (2, 1), Q (1, 2), R (1, 1) → (1, 1.2).
  ///
  /// R's best weights are (⅓, ⅓) in both years (the
  /// vertex where P's and Q's constraints meet: R scores ⅔, then 0.7333), so R's Δ of
  /// 0.0667 is y's alone, ⅓ · 0.2; the declared weights (½ each) would give y 0.1.
  @Test func benefitOfTheDoubtUsesTheEntitysOwnWeights() throws {
    let table = Self.table(
      ["P", "Q", "R"], periods: [2020, 2021],
      ["x": [2, 1, 1, 2, 1, 1], "y": [1, 2, 1, 1, 2, 1.2]])
    let bod = Self.plan(["x", "y"], aggregator: .benefitOfDoubt(.free))
    let diff = Self.diff(bod, bod, table, periods: (2020, 2021))
    let r = try #require(diff.entity("R"))
    #expect(Swift.abs((r.delta ?? 0) - 0.2 / 3) < 1e-12)
    #expect(zip(r.weightsA, [1.0 / 3, 1.0 / 3]).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
    #expect(zip(r.weightsB, [1.0 / 3, 1.0 / 3]).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
    let c = try Self.contributions(diff, "R")
    #expect(Swift.abs(c[0]) < 1e-12)
    #expect(Swift.abs(c[1] - 0.2 / 3) < 1e-12)
    #expect(diff.fallbacks == 0)
  }

  /// Arithmetic → benefit of the doubt for R (1, 1).
  ///
  /// The arithmetic mean is 1, benefit of the doubt ⅔ with weights (⅓, ⅓). The method
  /// step is each member's weight change on its value: (⅓ − ½) · 1 = −⅙ each.
  @Test func arithmeticToBenefitOfTheDoubtIsAWeightStep() throws {
    let table = Self.table(["P", "Q", "R"], periods: [2020], ["x": [2, 1, 1], "y": [1, 2, 1]])
    let diff = Self.diff(
      Self.plan(["x", "y"], aggregator: .arithmetic),
      Self.plan(["x", "y"], aggregator: .benefitOfDoubt(.free)), table, periods: (2020, 2020))
    let c = try Self.contributions(diff, "R")
    #expect(Swift.abs(c[0] + 1.0 / 6) < 1e-12)
    #expect(Swift.abs(c[1] + 1.0 / 6) < 1e-12)
    #expect(try #require(diff.entity("R")).indexTerm == 0)
  }

  /// `mpi` over (x, y) with x 40 → 60 and y 50 throughout.
  ///
  /// S = M − V/M with the sample variance:
  /// 45 − 50/45 → 55 − 50/55 (Δ ≈ 10.2020). y did not move and keeps no term; x has all of it.
  @Test func mazziottaParetoGivesAStillMemberNothing() throws {
    let table = Self.table(
      ["P", "Q"], periods: [2020, 2021], ["x": [40, 10, 60, 10], "y": [50, 20, 50, 20]])
    let mpi = Self.plan(["x", "y"], aggregator: .mazziottaPareto)
    let diff = Self.diff(mpi, mpi, table, periods: (2020, 2021))
    let expected = (55 - 50.0 / 55) - (45 - 50.0 / 45)
    let c = try Self.contributions(diff, "P")
    #expect(Swift.abs(c[0] - expected) < 1e-12)
    #expect(Swift.abs(c[1]) < 1e-12)
  }

  /// Arithmetic → `ampi` over (40, 50, 90): M = 60, V = (400 + 100 + 900)/3, the penalty
  /// V/M = 7.7778 falls on each member as its part of the variance over the mean,
  /// (x − M)²/(3M): 400/180, 100/180 and 900/180.
  @Test func aPenaltyFallsOnTheMembersFurthestFromTheMean() throws {
    let table = Self.table(
      ["P", "Q"], periods: [2020], ["x": [40, 10], "y": [50, 20], "z": [90, 30]])
    let diff = Self.diff(
      Self.plan(["x", "y", "z"], aggregator: .arithmetic),
      Self.plan(["x", "y", "z"], aggregator: .adjustedMazziottaPareto), table,
      periods: (2020, 2020))
    let c = try Self.contributions(diff, "P")
    for (got, want) in zip(c, [-400.0 / 180, -100.0 / 180, -900.0 / 180]) {
      #expect(Swift.abs(got - want) < 1e-12)
    }
  }

  /// `weights: pca` between two years: the weights each year's principal component gave
  /// are the attribution's, and each member's term is the midpoint term Δω·x̄ + ω̄·Δx under
  /// them.
  @Test func principalComponentWeightsAreTheYearsOwn() throws {
    let table = Self.table(
      ["A", "B", "C", "D", "E"], periods: [2020, 2021],
      [
        "x": [1, 4, 2, 8, 5, 2, 4, 3, 9, 6], "y": [2, 3, 3, 7, 4, 1, 5, 2, 6, 9],
        "z": [5, 1, 4, 2, 3, 6, 1, 5, 3, 2],
      ])
    let pca = Self.plan(["x", "y", "z"], aggregator: .arithmetic, weighting: .principalComponent)
    let results = run(pca, on: table)
    let weights = (0..<2).map { results.memberWeights(ofNode: 3, period: $0) }
    #expect(weights[0] != weights[1])
    let diff = ResultsDiff(
      a: .init(results: results, period: 2020), b: .init(results: results, period: 2021))
    for (e, code) in ["A", "B", "C", "D", "E"].enumerated() {
      let entity = try #require(diff.entity(code))
      for m in 0..<3 {
        let (xA, xB) = (results.nodes[m].score[e], results.nodes[m].score[5 + e])
        let term =
          (weights[1][m] - weights[0][m]) * (xA + xB) / 2
          + (weights[0][m] + weights[1][m]) / 2 * (xB - xA)
        #expect(Swift.abs(entity.contributions[m] - term) < 1e-12, "\(code) member \(m)")
        #expect(Swift.abs(entity.weightsA[m] - weights[0][m]) < 1e-12)
      }
    }
  }

  /// The structure shows a derived weight as the run applied it, marked derived, and the
  /// change of method as the change it is.
  @Test func structureShowsDerivedWeightsAsDerived() throws {
    let table = Self.table(
      ["A", "B", "C", "D"], periods: [2020],
      ["x": [1, 4, 2, 8], "y": [2, 3, 3, 7], "z": [5, 1, 4, 2]])
    let pca = Self.plan(["x", "y", "z"], aggregator: .arithmetic, weighting: .principalComponent)
    let declared = Self.plan(["x", "y", "z"], aggregator: .arithmetic)
    let runA = run(pca, on: table)
    let structure = StructureDiff(
      a: pca, nil, b: declared, nil,
      runs: (
        .init(results: runA, period: 2020), .init(results: run(declared, on: table), period: 2020)
      ))
    let shares = runA.memberWeights(ofNode: 3, period: 0)
    let weight = try #require(structure.changes.first { $0.path == "x.weight" })
    #expect(weight.from == "derived (pca) " + MethodText.percent(shares[0]))
    #expect(weight.to == "33.3%")
    #expect(weight.isDerived)
    let method = try #require(structure.changes.first { $0.path == "index.weights" })
    #expect(method.op == .remove && method.from == "pca" && !method.isDerived)
    #expect(structure.summary.change == 1)
    // Without the runs only the method is known.
    let plain = StructureDiff(a: pca, nil, b: pca, nil)
    #expect(plain.changes.isEmpty)
  }
}
