extension Help {
  static let importing = """
    idx import — a COINr index as an .idx methodology

    USAGE
      idx import coinr iData.csv iMeta.csv [-o FILE.idx] [--force]

    COINr (the R package) defines an index as two tables: iData, one row per unit (uCode,
    uName, *_group columns, Time, then denominators and indicators), and iMeta, one row per
    indicator, aggregate, denominator and group (Level, iCode, iName, Direction, Weight,
    Unit, Target, Denominator, Parent, Type). Export them with write.csv(..., row.names =
    FALSE). `idx import coinr` writes the whole methodology: the tree, labels, directions,
    weights, denominators, targets, groups and periods, and a pipeline of COINr's defaults
    (impute by the mean, winsorize, min-max onto 0..100, arithmetic means), each line
    commented with the COINr call it stands for. The file runs as it is; edit a line to match
    the calls you made (docs/coinr.md).

    Both tables are checked in full first: a missing column, an unknown Type, a Parent that
    is not an aggregate, a level out of step, a circle of parents or a duplicate code is
    reported at its line and column, and nothing is written. The file is written atomically;
    it names iData by a path relative to itself.

    OPTIONS
      -o FILE.idx      write the methodology there (else it is printed)
      --force          replace FILE.idx even when it is read-only

    EXAMPLE
      idx import coinr iData.csv iMeta.csv -o asem.idx
      idx run asem.idx

    """
}
