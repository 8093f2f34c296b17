extension Help {
  /// `idx help run`: periods, layouts and what happens to cells that cannot be computed.
  static let run = """
    idx run — score a methodology and print the ranking

    USAGE
      idx run FILE [--period P|A..B|P,…|all] [--format table|csv|json|md] [--depth N]
              [--top N] [--entity E,…] [--strict] [--timings]

    Scores every entity in every period the methodology scores, then prints the periods
    asked for: the index score (after the methodology's final scaling), the rank within
    the period (1 = best; ties share the best rank), and the score of each node of the
    tree.

    A problem of single cells — a geometric mean meeting 0 for one country in one year, a
    division by zero, the log of a number ≤ 0 — is a warning: those cells are missing (no
    score, no rank), everything else is scored and printed, and the exit code is 0. A
    warning repeated over periods is given once, with the entities and their periods
    (`for PRK, MCO in 1990–2022; RWA in 1994`). Problems of the methodology itself are
    errors: nothing is printed, exit code 1.

    OPTIONS
      --period P       the periods to print (default: the latest scored period):
                         2022             one period
                         1990..2022       the scored periods in a range, ends included
                         1990,2000..2022  a list of periods and ranges
                         all              every scored period
      --format F       table (default), csv, json or md
      --depth N        node columns down to depth N (1 = the index's own members);
                       default 1 for table and md, every node for csv and json
      --top N          only the N best-ranked entities of each period
      --entity E,…     only these entities (ranks stay those among all entities)
      --strict         treat every warning as an error: print the diagnostics, no
                       results, exit code 1
      --timings        once the output is written, add a line to standard error: the
                       milliseconds spent compiling (files read, data loaded), scoring
                       and writing
      --edit STMT      apply a statement (`set`, `weights`, `add`, `remove`, `adjust`,
                       a declaration) as if written at the end of a fork that
                       `extends FILE`; repeatable, applied in order; its errors
                       point into the text as `<edit 2>:1:5`

    LAYOUT
      table, md  one row per entity and period, period by period, in rank order; a
                 period column when more than one period is printed
      csv        header, then one row per entity and period:
                 entity,period,score,rank,<one column per node>; numbers at full
                 precision; a missing value is an empty field (the period too, when the
                 data has no periods)
      json       {"methodology", "periods": [{"period", "entities": [{"entity", "name",
                 "score", "rank", "nodes": {…}}]}]}, one object per period; a missing
                 value is null; with `screen:` dropping entities, a last key "screened":
                 [{"entity", "name", "reason"}] (the table gets a note instead)

    EXAMPLES
      idx run methodologies/ai-capability.idx
      idx run methodologies/ai-capability.idx --period 2024 --format md
      idx run methodologies/hdi.idx --format csv --depth 1
      idx run methodologies/hdi-trend.idx --period 1990,2000,2010,2022 --entity NOR,CHN,IND,RWA
      idx run methodologies/hdi-trend.idx --period all --format csv > hdi-1990-2022.csv
      idx run methodologies/ai-capability.idx \
          --edit 'weights { investment: 10%, rest: pro_rata }'

    """
}
