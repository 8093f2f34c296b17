extension Help {
  static let diffUsage =
    "idx diff A.idx B.idx [--period P] [--entity E…] [--explain ENTITY [--vs OTHER]] [--top N] "
    + "[--sort rank|score|abs-delta] [--format text|md|json|csv]  ·  idx diff FILE --period P1 P2"

  static let diff = """
    idx diff — what changed between two methodologies (or two periods), and exactly why

    USAGE
      idx diff A.idx B.idx [--period P] [--entity E…] [--explain ENTITY [--vs OTHER]]
               [--top N] [--sort rank|score|abs-delta] [--format text|md|json|csv]

      idx diff FILE --period P1 P2 [the same options]     one methodology, two periods

    Compares the two methodologies as the engine runs them, never their text: moving,
    reformatting or commenting declarations is no change. Three parts:

    STRUCTURE   Terraform-plan style: + added, ~ changed (old → new), - removed, for
                nodes, memberships, weights (declared and effective), formulas, data
                sources, normalizers, imputation, treatment, aggregation, coverage, final
                scaling, periods, soft ratings and adjustments. Each change says where it
                is written in A and/or B, and the `because`, `source` and `by` of the fork
                edit that made it. Then: "3 to change, 1 to add, 0 to remove".
    SCORES      per entity: score A → B, Δ, rank A → B (↑ ↓), changed, unchanged, only
                in A or only in B; rank changes, Spearman's ρ, mean and max |Δrank|, and
                the gap between A's top two (or ENTITY − OTHER) on both sides.
    WHY         each Δ split exactly into terms that add up to it: one per member of the
                index (midpoint terms at arithmetic nodes, log-mean Divisia terms at
                geometric and power means, a mean-and-penalty split at Mazziotta–Pareto
                nodes, under the weights each run applied, derived ones included, down to
                the indicators), one per adjustment,
                and one for the final scaling itself (e.g. the leader factor). The driver
                of each rank move is the member that did most to pass the nearest entity
                passed (or that passed it).

    With one file and two periods, the methodology is fixed and only the data differs:
    the same terms say which indicators moved a score or a gap.

    OPTIONS
      --period P         compare period P on both sides (default: each side's latest)
      --period P1 P2     A in P1, B in P2 (the only form with one file)
      --entity E…        only these entities (`--entity US CN` or `US,CN`)
      --explain E        E in full: per member of the index, weights A → B, values
                         A → B, contribution and vs field; its indicators and
                         adjustments; whom it passed or fell behind
      --vs O             with --explain: also each term minus O's, and the gap E − O
      --top N            the first N entities (with --explain, the N largest indicators)
      --sort S           rank (B's rank, default), score (B's score) or abs-delta (|Δ|)
      --format F         text (default), md, json or csv (see docs/diff.md)

    EXIT STATUS (as diff(1))
      0  no differences      1  differences      2  trouble: a usage error, an unreadable
      file, or an input with errors (its diagnostics are printed, and no diff)

    EXAMPLES
      idx diff methodologies/ai-capability.idx methodologies/ai-soft.idx
      idx diff methodologies/ai-capability.idx methodologies/ai-soft.idx --explain CN --vs US
      idx diff methodologies/ai-capability.idx --period 2024 2025 --explain CN --vs US
      idx diff methodologies/ai-capability.idx methodologies/ai-geometric.idx --format json

    """
}
