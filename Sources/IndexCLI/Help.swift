/// The help texts: what each command does, with examples that work on the bundled files.
enum Help {
  static let overview = """
    idx — write a composite index down completely, then score, check and explain it.

    USAGE
      idx COMMAND [ARGUMENTS] [OPTIONS]

    COMMANDS
      check FILE…      report every problem in methodology files and their data
      run FILE         score a methodology and print the ranking
      explain FILE E   break an entity's score (or its gap to another) into exact terms
      diff A B         what changed between two methodologies (or periods), and why
      pin FILE         record the hashes of the files a methodology builds on
      audit FILE       data, coherence and influence checks of a JRC statistical audit
      fmt FILE…        lay methodology files out canonically (--check in CI)
      lsp              the language server for editors (docs/editors.md)
      report FILE      write one HTML page with charts and live weight sliders
      uncertainty FILE is the gap real? ranks and gaps under the declared uncertainty
      repl [FILE]      what-if: edit a methodology line by line and watch ranks move

    GETTING STARTED
      idx run methodologies/ai-capability.idx          the AI Capability Index, 2025
      idx run methodologies/hdi.idx --top 10           the UNDP HDI, 2022
      idx run methodologies/hdi-trend.idx --period all --format csv
                                                       the HDI of every country, 1990–2022
      idx run methodologies/asem.idx --format csv      every aggregate, machine-readable
      idx check methodologies/*.idx                    check every bundled methodology
      idx explain methodologies/ai-capability.idx CN --vs US
                                                       the 2.7-point gap, dimension by dimension

    OPTIONS
      -h, --help       show help (also `idx help COMMAND`)
      -V, --version    print the version

    EXIT CODES
      0  success
      1  problems in the input: a methodology or data file (diagnostics on stderr)
      2  usage or I/O errors: an unknown option, a file that cannot be read

    Colour is used only when standard output is a terminal and NO_COLOR is unset.
    The language is described in docs/language.md.

    """

  static let check = """
    idx check — report every problem in methodology files and their data

    USAGE
      idx check FILE… [--format text|json] [--edit STATEMENT]…

    Parses and checks each file, loads the data it names, and runs it once, so that
    misspelt names, weights that do not add up, missing columns, periods the data does
    not have and formulas that divide by zero are all reported, each with the file,
    line and column, the line itself, and a hint. Several problems are reported per run.

    OPTIONS
      --format text    diagnostics rendered for people on stderr (default)
      --format json    one JSON array of diagnostics on stdout, for editors and scripts
      --edit STMT      check each file with this statement applied, as `idx run --edit`

    EXAMPLES
      idx check methodologies/hdi.idx
      idx check methodologies/*.idx --format json

    Exit code 0 when there are no errors (warnings allowed), 1 when there are.

    """

  static let explain = """
    idx explain — break a score into terms that add up to it exactly

    USAGE
      idx explain FILE ENTITY [--vs OTHER] [--period P] [--format table|csv|json|md]

    Pushes the entity's score down the tree: an arithmetic node gives each member
    weight × value (weights renormalized over the members the entity has), a geometric
    node gives each member its share of the log of the score, min and median nodes name
    the member that decides them, each adjustment is a term of its own with its reason,
    and the final scaling multiplies every term by one factor (or adds an offset). The
    terms sum to the score. Provenance follows: which cells were imputed, treated or
    adjusted, and why.

    With --vs OTHER, each row is ENTITY's contribution minus OTHER's, first summed by the
    index's own members (dimensions), then by indicator, largest first; the rows add up to
    the gap between the two scores.

    MACHINE FORMATS
      csv   a `kind` column: indicator, adjustment and offset rows (the terms), member rows
            (summed by member of the index), a scaling row (factor, offset), total, and
            provenance rows; paths in ASCII (investment/capital)
      json  {"methodology", "period", "scaling", "explanations": [{"entity", "score",
            "rank", "members", "terms"}], "gap" (with --vs), "provenance"}

    EXAMPLES
      idx explain methodologies/ai-capability.idx CN
      idx explain methodologies/ai-capability.idx CN --vs US
      idx explain methodologies/hdi.idx NOR --vs CHE --format md

    """

  static let pin = """
    idx pin — record the hashes of the files a methodology builds on

    USAGE
      idx pin FILE [--force]

    Writes `pin "sha256:…"` after every `extends`, `amends` and `use` of FILE, and a
    `pin:` property into every `data` block, with the SHA-256 of the file's bytes as they
    are now (existing pins are updated). From then on, a change to any of those files is
    an error (E0453) naming both hashes, until FILE is pinned again. The file is rewritten
    atomically; nothing is written when FILE has errors.

    OPTIONS
      --force          replace FILE even when it is read-only (it stays read-only)

    EXAMPLE
      idx pin methodologies/ai-soft.idx

    """
}
