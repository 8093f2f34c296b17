extension Help {
  static let audit = """
    idx audit — is the index coherent? The statistical checks of a JRC audit

    USAGE
      idx audit FILE [--period P] [--node N] [--format table|csv|json|md]

    Scores the methodology, then checks one period (default: the latest) in three parts.
    Formulas and how to read each figure: docs/audit.md.

    DATA, per indicator, on the raw values (after the formula, before imputation):
      coverage (share of entities with a value), imputed cells, zeros, distinct values,
      min, max, mean, median, sd, skew and kurtosis (type 2), and the outlier rule's
      verdict (|skew| > 2 and kurtosis > 3.5 on the imputed values) with what treatment
      did; the same statistics after imputation and treatment are in --format json. Per
      entity: the share of indicators it has data for, overall and per aggregate.

    COHERENCE, per aggregate, over its members' scores (normalized indicators, or the
    scores of member aggregates): Pearson r and Spearman rho of each member with the
    aggregate and with the index, the members' correlations with each other, Cronbach's
    alpha, and the first principal component (share of variance, loadings, how many
    components have an eigenvalue above 1).

    INFLUENCE: for every member of every aggregate, the correlation ratio
    S = V(E[index | member]) / V(index) (a local linear smoother, Epanechnikov kernel,
    bandwidth 2.34·min(sd, IQR/1.349)·n^(-1/5)), its share within the aggregate next to
    the member's weight and effective weight, and a sentence naming the members whose
    influence departs most from their weight.

    FINDINGS (first in the output), each a line that says what to look at, with COINr's
    thresholds: availability < 65%, non-zero values < 50%, distinct values < 50%,
    |skew| > 2 and kurtosis > 3.5; members correlating negatively with their aggregate
    or with each other; pairs above 0.92 (redundant); alpha < 0.7; more than one
    eigenvalue above 1; entities with data for < 65% of the indicators.

    OPTIONS
      --period P       the period to audit (default: the latest scored period)
      --node N         audit only node N's subtree (correlations are still with the index)
      --format F       table (default), csv, json or md

    MACHINE FORMATS
      json  {"methodology", "period", "entity_count", "root",
             "indicators": [{"node", "parent", "coverage", "imputed", "min", … "kurtosis",
                             "treated": {…}, "treatment": {…}}],
             "aggregates": [{"node", "level", "weights", "cronbach_alpha",
                             "pca": {"variance_share", "loadings": {…}, …},
                             "members": [{"node", "pearson", "spearman", "influence",
                                          "weight", "effective_weight", …}], …}],
             "entity_coverage": [...], "findings": [{"kind", "subject", "message"}]}
      csv   section,node,member,statistic,value — one statistic per row

    EXAMPLES
      idx audit methodologies/asem.idx
      idx audit methodologies/asem.idx --node Sust --format md
      idx audit methodologies/asem.idx --format json > audit.json

    """
}
