import ScoringEngine

/// What the audit found for one indicator: its data before and after the pipeline's
/// preparation, and what the outlier rule said and did.
public struct IndicatorAudit: Sendable {
  public var node: Int
  public var name: String
  /// The aggregate it belongs to.
  public var parent: Int?
  /// Statistics of the raw values (after the formula, before imputation): COINr's statistics
  /// of its raw data for an indicator that is a plain column.
  public var raw: DescriptiveStatistics
  /// Cells filled by imputation.
  public var imputed: Int
  /// Statistics after imputation and treatment (COINr's treated data set).
  public var treated: DescriptiveStatistics
  public var verdict: TreatmentVerdict

  /// Share of entities with a value before imputation.
  public var coverage: Double { raw.availability }
}

/// The JRC outlier rule applied to the values treatment saw (after imputation), and the
/// treatment's outcome.
public struct TreatmentVerdict: Sendable, Equatable {
  /// Type-2 skewness and excess kurtosis of the imputed values.
  public var skewness: Double
  public var kurtosis: Double
  /// The thresholds used: the declared winsorization's, or COINr's defaults (2 and 3.5).
  public var skewnessThreshold: Double
  public var kurtosisThreshold: Double
  /// What the methodology declared.
  public var treatment: Treatment
  /// What it did (nil when no treatment was declared).
  public var action: TreatAction?
  /// Cells the treatment changed.
  public var changed: Int

  /// Whether the values fail the rule: |skew| above its threshold and kurtosis above its.
  public var fails: Bool {
    abs(skewness) > skewnessThreshold && kurtosis > kurtosisThreshold
  }
}

/// What the audit found for one aggregate: how its members hang together, and how much each
/// really moves the index.
public struct AggregateAudit: Sendable {
  public var node: Int
  public var name: String
  /// 1 for an aggregate of indicators, one more than its highest member otherwise (COINr's
  /// level numbering).
  public var level: Int
  /// Where its weights came from; nil when declared.
  public var weightSource: DerivedWeights.Source?
  public var members: [MemberAudit]
  /// Pearson correlations among the members, `correlations[i][j]`.
  public var correlations: [[Double?]]
  public var cronbachAlpha: Double?
  /// Principal components of the members' scores; nil when they cannot be computed.
  public var components: PrincipalComponents?
  /// Positions of the members whose influence departs most from their weight (by more than
  /// the audit's `departure`), largest first, at most two: what the influence sentence names.
  public var largestDepartures: [Int]
}

/// One member of an aggregate: its correlations with the aggregate and with the index, its
/// first-order influence on the index, and its weights.
public struct MemberAudit: Sendable, Equatable {
  public var node: Int
  public var name: String
  /// With the aggregate (its parent).
  public var pearson: Double?
  public var spearman: Double?
  /// With the index.
  public var pearsonWithIndex: Double?
  public var spearmanWithIndex: Double?
  /// S = V(E[index | member]) / V(index), estimated by `CorrelationRatio`.
  public var correlationRatio: Double?
  /// S normalized over the aggregate's members (they sum to 1).
  public var influence: Double?
  /// The member's weight in the aggregate as applied this period, normalized to sum to 1.
  public var weight: Double
  /// Product of the normalized weights from the index down.
  public var effectiveWeight: Double
}

/// How completely one entity is covered by data before imputation.
public struct EntityCoverage: Sendable, Equatable {
  public var entity: Int
  public var code: String
  /// Share of all audited indicators with a raw value.
  public var overall: Double
  /// The same share over each aggregate's indicators, aligned with `Audit.aggregates`.
  public var byAggregate: [Double]
}

/// One thing to look at.
///
/// The command line says each in a sentence; scripts read the kind.
public enum AuditFinding: Sendable, Equatable {
  /// Fewer than 65% of the entities have a raw value.
  case lowAvailability(indicator: String, available: Int, entities: Int)
  /// Fewer than 50% of the entities have a raw value other than zero.
  case manyZeros(indicator: String, nonZero: Int, entities: Int)
  /// Fewer than 50% of the entities have a distinct raw value.
  case fewUnique(indicator: String, unique: Int, entities: Int)
  /// The raw values (or the imputed ones treatment saw) fail the outlier rule; what treatment
  /// did, and the treated values' skew and kurtosis.
  case outliers(
    indicator: String, raw: DescriptiveStatistics, verdict: TreatmentVerdict,
    treated: DescriptiveStatistics)
  /// A member correlates negatively with its aggregate.
  case negativeWithParent(member: String, parent: String, pearson: Double)
  /// Members of one aggregate that correlate negatively with each other, most negative first.
  case negativePairs(aggregate: String, pairs: [MemberPair])
  /// Two members of one aggregate correlate above the redundancy threshold.
  case redundantPair(aggregate: String, pair: MemberPair)
  /// Cronbach's α of an aggregate is below the threshold.
  case lowAlpha(aggregate: String, alpha: Double)
  /// More than one principal component of an aggregate has an eigenvalue above 1.
  case multidimensional(aggregate: String, components: Int, firstShare: Double)
  /// An entity has raw values for fewer than 65% of the indicators.
  case lowEntityCoverage(entity: String, coverage: Double)

  /// A stable name of the finding's kind, for scripts.
  public var kind: String {
    switch self {
    case .lowAvailability: "availability"
    case .manyZeros: "zeros"
    case .fewUnique: "unique"
    case .outliers: "outliers"
    case .negativeWithParent: "negative_with_parent"
    case .negativePairs: "negative_pairs"
    case .redundantPair: "redundant_pair"
    case .lowAlpha: "low_alpha"
    case .multidimensional: "multidimensional"
    case .lowEntityCoverage: "entity_coverage"
    }
  }

  /// The node or entity the finding is about.
  public var subject: String {
    switch self {
    case .lowAvailability(let name, _, _), .manyZeros(let name, _, _), .fewUnique(let name, _, _),
      .outliers(let name, _, _, _), .negativeWithParent(let name, _, _),
      .negativePairs(let name, _), .redundantPair(let name, _), .lowAlpha(let name, _),
      .multidimensional(let name, _, _), .lowEntityCoverage(let name, _):
      name
    }
  }
}

/// Two members of one aggregate and their Pearson correlation.
public struct MemberPair: Sendable, Equatable {
  public var first: String
  public var second: String
  public var pearson: Double
}
