extension Help {
  static let uncertaintyUsage =
    "idx uncertainty FILE [--draws N] [--seed S] [--pair A B] [--sobol] [--threads T] "
    + "[--period P] [--top N] [--format table|csv|json|md]"

  static let uncertainty = """
    idx uncertainty — is the gap real? Ranks, scores and gaps under the declared uncertainty

    USAGE
      idx uncertainty FILE [--draws N] [--seed S] [--pair A B] [--sobol] [--threads T]
                      [--period P] [--top N] [--format table|csv|json|md]

    Scores the methodology many times, each time with the choices its `uncertainty` block
    declares drawn at random: weights perturbed by ±p (then rescaled within their group),
    one of several normalizers, aggregators, imputations or treatments, one member left
    out, soft ratings drawn from their ranges, data values perturbed. Prints, per entity,
    the nominal score and rank with the median and the 5th to 95th percentile of both over
    the draws; then, for two entities (the nominal top two unless --pair), the median and
    90% interval of the gap and the share of draws in which the first stays ahead:

      In 94.1% of 10,000 draws United States stays ahead of China; the gap's 90%
      interval is −0.2 to 7.1 points.

    The same seed gives the same output on any machine and with any number of threads:
    every draw takes its numbers from its own generator, seeded by the seed and the draw's
    position. Draws reuse the checked methodology and the loaded data.

    THE BLOCK (docs/uncertainty.md)
      uncertainty {
        draws:     10000                                // default 1000
        seed:      42                                   // default 1
        weights:   ±25%                                 // every weight of the tree
        research.weight: ±40%                           // one weight, its own source
        normalize: one of minmax(0, 100), zscore(50, 10)  // where the index's default applies
        patents.normalize: one of minmax, rank          // one indicator, whatever it sets
        aggregate: one of arithmetic, geometric(floor: 1)
        impute:    one of none, mean                    // also `treat: one of …`
        exclude:   one of none, patents, research       // leave one member out, or none
        ratings:   triangular                           // soft ratings: uniform (default),
                                                        // triangular or fixed
        papers.noise: ±10%                              // or se(1500), se(5%)
      }

    --sobol
      Also runs the Saltelli design (N(d + 2) runs for N draws and d sources, one source per
      line of the block) and prints first-order (Saltelli 2010) and total (Jansen) indices
      with 90% bootstrap intervals: of the pair's gap, sorted, with a sentence naming the
      assumption that drives it most, and of each entity's rank.

    OPTIONS
      --draws N      draws (the base sample N with --sobol); default: the block's
      --seed S       seed, a whole number; default: the block's
      --pair A B     the two entities whose gap is analysed (default: the nominal top two)
      --sobol        sensitivity indices (above)
      --threads T    threads to score on (default: every core); the output does not change
      --period P     the period analysed (default: the latest scored)
      --top N        only the first N entities in the tables
      --format F     table (default), md, csv (long: kind,entity,versus,source,statistic,value)
                     or json

    A progress bar is drawn on standard error when it is a terminal and the run takes more
    than a second. Exit code 0 on success, 1 when the methodology has errors or no
    `uncertainty` block, 2 for usage errors.

    EXAMPLES
      idx uncertainty methodologies/ai-capability.idx
      idx uncertainty methodologies/ai-soft.idx --sobol --draws 2000
      idx uncertainty methodologies/asem-uncertain.idx --pair NLD DNK --format json

    """
}
