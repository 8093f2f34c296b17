extension Help {
  /// `idx help repl`: the what-if session, its inputs and its commands.
  static var repl: String {
    """
    idx repl — change a methodology line by line and watch scores and ranks move

    USAGE
      idx repl [FILE] [< SCRIPT]

    With standard input not a terminal (or TERM=dumb), a script: no prompt, no colour,
    diagnostics as <stdin>:LINE:COL, exit 1 if any line failed.

    Each line is one of:
      an edit        set, add, remove, weights, adjust, or a new indicator, dimension,
                     soft, scale or data declaration: it amends the live methodology,
                     exactly as the same line at the end of a fork that `extends FILE`,
                     re-scores, and prints the rank changes and the headline gap
                     (`gap US–CN 2.70 → 3.41`; the top two, or the pair of `:pair A B`)
      an expression  score.CN, score.US - score.CN, rank.CN, research.CN, capital.raw.CN,
                     ai.private_investment_usd_bn.CN, mean(score), top(3), ans
      ?NAME          a node's doc comment, properties, weight and effective weight, where
                     it was declared and which edits changed it
      :COMMAND       any unambiguous prefix (`:u` is `:undo`):

    \(ReplHelp.commandList)
    An input whose brackets or string are still open goes on over the next lines. A
    bad line (a syntax error, an unknown name, a file that cannot be read) prints its
    diagnostic as `<stdin>:LINE:COL` and leaves the session as it was.

    On a terminal lines are edited with history (~/.local/state/idx/history) and Tab
    completion of commands, paths, nodes, entities, columns and methods; see
    docs/repl.md.

    EXAMPLES
      idx repl methodologies/ai-capability.idx
      printf 'weights { investment: 10%%, rest: pro_rata }\\n:solve CN > US by capital\\n' \\
          | idx repl methodologies/ai-capability.idx
      idx repl methodologies/ai-capability.idx < whatif.txt > whatif.out

    """
  }
}
