import Diagnostics
import IndexLanguage

// `idx-bench --layouts` prints the sizes of the front end's values: what one syntax node, one
// declaration or one span costs, to compare before and after a change of layout.

/// Prints the stride, in bytes, of each value the memory figure depends on.
func printLayouts() {
  let layouts: [(String, Int)] = [
    ("StatementSyntax", MemoryLayout<StatementSyntax>.stride),
    ("DeclSyntax", MemoryLayout<DeclSyntax>.stride),
    ("BodyItemSyntax", MemoryLayout<BodyItemSyntax>.stride),
    ("PropertySyntax", MemoryLayout<PropertySyntax>.stride),
    ("ExprSyntax", MemoryLayout<ExprSyntax>.stride),
    ("NameSyntax", MemoryLayout<NameSyntax>.stride),
    ("MemberSyntax", MemoryLayout<MemberSyntax>.stride),
    ("ArgumentSyntax", MemoryLayout<ArgumentSyntax>.stride),
    ("AdjustSyntax", MemoryLayout<AdjustSyntax>.stride),
    ("Declaration", MemoryLayout<Declaration>.stride),
    ("Declaration.Property", MemoryLayout<Declaration.Property>.stride),
    ("Declaration.Member", MemoryLayout<Declaration.Member>.stride),
    ("Span", MemoryLayout<Span>.stride),
    ("SourceFile", MemoryLayout<SourceFile>.stride),
    ("Diagnostic", MemoryLayout<Diagnostic>.stride),
  ]
  for (name, stride) in layouts { print("layout", name, stride) }
}
