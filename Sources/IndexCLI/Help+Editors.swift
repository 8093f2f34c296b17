// Help for the commands editors use: the formatter and the language server.

extension Help {
  static let fmt = """
    idx fmt — lay methodology files out canonically

    USAGE
      idx fmt FILE… [--check] [--diff] [--stdout]

    Rewrites each file in the canonical layout, in place and atomically (a reader sees
    the old file or the new one, never half of either). Only white space and the commas
    between items change: every token and every comment stays, in order, so the file
    checks and scores exactly as before. Formatting twice changes nothing the second time.

    THE LAYOUT
      - two spaces of indentation; a body stays on one line when it was written on one
        line and fits in 100 columns, otherwise `{` ends its line and `}` gets its own
      - items keep the lines they were written on; a one-line body too long to fit gets
        one item per line (members and weights: as many per line as fit)
      - property values line up one space after the longest `name:` of consecutive lines;
        trailing comments of consecutive lines line up two spaces after the longest code
      - one blank line around each declaration; other blank lines kept, at most one
      - expressions on one line, one space around infix operators and after commas;
        `because`, `source` and `by` move to lines of their own only past 100 columns
      - the file's line endings (LF, CRLF or CR) and byte-order mark are kept

    A file with syntax errors is left untouched: its diagnostics are printed and the exit
    code is 1.

    OPTIONS
      --check     write nothing; list the files that would change and exit 1 if any would
      --diff      write nothing; print what would change as a unified diff
      --stdout    write nothing; print the formatted text

    EXAMPLES
      idx fmt methodologies/*.idx
      idx fmt --check methodologies/*.idx        in CI: fails when a file is not formatted
      idx fmt --diff my-index.idx

    """
}

extension Help {
  static let lsp = """
    idx lsp — the language server, for editors

    USAGE
      idx lsp

    Speaks the Language Server Protocol on standard input and output (JSON-RPC with
    Content-Length headers) until the editor sends `exit`. Editors start it themselves;
    docs/editors.md shows the set-up for VS Code, Neovim, Emacs and Helix.

    WHAT IT DOES
      - diagnostics as you type (every code `idx check` reports, with related places:
        the declaration a "did you mean" names, the base file's line for a fork edit)
      - hover: a node's doc comment, kind, label, weight and effective weight, pipeline
        and scores for the index's leading entities; a method's signature and meaning
      - go to definition and references across `extends`/`use` files, and from a data
        column to its header cell in the CSV file
      - document and workspace symbols; completion of names, properties, methods,
        entity codes and columns; quick fixes (did-you-mean, `rest: pro_rata`, a missing
        `because`); formatting (as `idx fmt`); rename across a fork chain

    Unsaved text in open files counts: a fork sees its base as it is in the editor.

    """
}
