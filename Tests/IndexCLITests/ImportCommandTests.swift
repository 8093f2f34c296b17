import Foundation
import IndexCLI
import IndexLanguage
import Testing

/// `idx import coinr` as a user runs it: the file written (atomically, relative to itself),
/// printed without `-o`, and never written when a table is malformed.
@Suite struct ImportCommandTests {
  static let meta = """
    Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type
    1,a,Alpha,1,1,,,,Top,Indicator
    1,b,Beta,-1,1,,,pop,Top,Indicator
    2,Top,Top index,1,1,,,,,Aggregate
    ,pop,Population,,,,,,,Denominator

    """
  static let data = """
    uCode,uName,Time,pop,a,b
    AA,Aland,2020,10,1,20
    BB,Bland,2020,20,3,10
    CC,Cland,2020,40,2,40

    """

  static func idx(_ files: MemoryFileSystem, _ arguments: String...) -> CLI.Outcome {
    CLI(context: .init(fileSystem: files, color: false)).run(arguments)
  }

  static func files() -> MemoryFileSystem {
    MemoryFileSystem(["tables/iData.csv": data, "tables/iMeta.csv": meta])
  }

  @Test func writesAMethodologyThatRuns() throws {
    let files = Self.files()
    let outcome = Self.idx(
      files, "import", "coinr", "tables/iData.csv", "tables/iMeta.csv", "-o", "out/top.idx")
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(
      outcome.stdout
        == "wrote out/top.idx\nnote: iData is outside the folder of out/top.idx: run it with "
        + "`--root tables`, or move it there\n")
    let text = String(decoding: try files.read("out/top.idx"), as: UTF8.self)
    #expect(text.contains("data coinr = csv(\"../tables/iData.csv\")"))
    #expect(text.contains("value:     coinr.b / coinr.pop  // Denominate(): by pop"))
    let run = Self.idx(files, "run", "out/top.idx", "--root", "tables", "--format", "csv")
    #expect(run.code == 0, "\(run.stderr)")
    // b per head: 2, 0.5, 1 (lower is better): min-max 0, 100, 66.7; a: 0, 100, 50.
    // Index: AA (0 + 0)/2 = 0, BB (100 + 100)/2 = 100, CC (50 + 66.67)/2 = 58.33.
    #expect(
      run.stdout.contains(
        "BB,2020,100,1,100,100\nCC,2020,58.333333333333336,2,50,66.66666666666667\nAA,2020,0,3,0,0")
    )
  }

  @Test func printsTheMethodologyWithoutAnOutput() {
    let outcome = Self.idx(Self.files(), "import", "coinr", "tables/iData.csv", "tables/iMeta.csv")
    #expect(outcome.code == 0)
    #expect(outcome.stdout.hasPrefix("// Imported from COINr's two tables"))
    #expect(outcome.stdout.contains("index Top \"Top index\" {"))
  }

  @Test func aMalformedTableWritesNothing() {
    let files = Self.files()
    files.set(
      "tables/iMeta.csv",
      Self.meta.replacingOccurrences(of: ",,Top,Indicator\n1,b", with: ",,Tpo,Indicator\n1,b"))
    let outcome = Self.idx(
      files, "import", "coinr", "tables/iData.csv", "tables/iMeta.csv", "-o", "out/top.idx")
    #expect(outcome.code == 1)
    #expect(
      outcome.stderr.contains("error[E0504]: `a`'s Parent `Tpo` is not an aggregate of iMeta"))
    #expect(outcome.stderr.contains(" --> tables/iMeta.csv:2:18"))
    #expect(outcome.stderr.hasSuffix("nothing written: fix the tables first\n"))
    #expect((try? files.read("out/top.idx")) == nil)
  }

  @Test func usageMistakesAreExplained() {
    let files = Self.files()
    #expect(Self.idx(files, "import").code == 2)
    #expect(Self.idx(files, "import", "excel", "a.csv", "b.csv").stderr.contains("`excel`"))
    #expect(Self.idx(files, "import", "coinr", "tables/iData.csv").code == 2)
    let missing = Self.idx(files, "import", "coinr", "nope.csv", "tables/iMeta.csv")
    #expect(missing.code == 2 && missing.stderr.contains("cannot read `nope.csv`"))
  }
}
