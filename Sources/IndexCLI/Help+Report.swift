extension Help {
  /// `idx help report`: the page, its panels, the sliders and the uncertainty options.
  static let report = """
    idx report — write one HTML page with the charts of a methodology and live weights

    USAGE
      idx report FILE [--period P|A..B|P,…|all] [-o PATH] [--vs OTHER.idx]
                 [--draws N] [--seed S] [--pair A B] [--sobol] [--no-uncertainty]

    Scores the methodology as `idx run` does and writes a single, self-contained HTML
    file: inline SVG charts, styles and a small script, no fonts or files to fetch and
    no network request of any kind (its Content-Security-Policy forbids them), so it can
    be e-mailed or put on a web site as it is. The file is written atomically.

    PANELS
      weights      a slider for each member of every aggregate the page can recompute
                   (arithmetic, geometric, harmonic, power mean, min, median): dragging
                   one sets its share of the group and rescales its siblings pro rata;
                   every chart is recomputed in the page with the engine's arithmetic.
                   Reset restores the methodology's weights; "Copy as fork" gives the
                   `weights { … }` edits of a fork that scores the same.
      ranking      one bar per entity, split into the exact contribution of each member
                   of the index (explain's terms), with rank and score; sortable
      framework    the tree with each node's weight in its group and in the index; the
                   doc comment of a node on hover or focus
      profile      an entity's score on every node against the field's median and range
      gap          two entities' gap, by member of the index and by node, as
                   `idx explain A --vs B` decomposes it
      over time    scores and ranks of chosen entities across periods (with several
                   periods, e.g. --period all)
      coherence    per aggregate: a heat map of its members' correlations, Cronbach's α
                   and the first principal component's share (as `idx audit` computes
                   them; at most 400 correlations drawn, upper levels first)
      uncertainty  when the methodology declares an `uncertainty` block: each entity's
                   rank with its 5–95% interval over the draws (dot and whisker), the
                   distribution of the gap between the nominal top two (or --pair) with
                   0 and the gap as written marked, P(A ahead of B), and the Sobol
                   indices when they are cheap (or with --sobol). The same seeded
                   analysis as `idx uncertainty`; static: the sliders do not move it
      comparison   with --vs: a slope chart of the ranks A → B and each entity's score
                   difference split exactly by member of the index, as `idx diff`
                   attributes it (both methodologies as written, in the opening period)
    Every chart has a text alternative and a table; the sliders work with the keyboard;
    the colours are the Okabe–Ito palette; printing drops the controls.

    OPTIONS
      --period P       the periods in the report, as for `idx run`: one period (default:
                       the latest scored), a range, a list, or `all`
      -o, --output F   where to write the page (default NAME-report.html in the current
                       folder; `-` writes it to standard output)
      --vs OTHER.idx   compare with another methodology (side B, scored the same way, in
                       the report's opening period when it scores it, else its latest):
                       adds the comparison panel
      --draws N        draws of the uncertainty panel instead of the block's (fewer for a
                       quick page: the block's 10,000 take a second or two for ASEM)
      --seed S         the analysis's seed instead of the block's
      --pair A B       the two entities whose gap the panel analyses (default: the top two)
      --sobol          add the sensitivity indices whatever they cost (they come without
                       it when the design's runs × entities × nodes stay under 20 million)
      --no-uncertainty leave the uncertainty panel out (no draws are scored)

    EXAMPLES
      idx report methodologies/ai-capability.idx -o ai.html
      idx report methodologies/hdi-trend.idx --period all -o hdi.html
      idx report methodologies/asem.idx -o - > asem.html
      idx report methodologies/ai-capability.idx --vs methodologies/ai-soft.idx
      idx report methodologies/asem-uncertain.idx --draws 1000 -o asem.html

    Exit code 0 when the page was written (cell warnings allowed), 1 for problems in
    either methodology or its data, 2 for usage errors, an unknown --pair entity or a
    file that cannot be read or written.

    """
}
