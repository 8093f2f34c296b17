import Diagnostics
import IndexLanguage
import ScoringEngine
import Testing

/// What a new user ran into (issue 7, item 6), each fixed and kept fixed.
@Suite struct NewUserFixesTests {
  static let base = """
    index base "Base" {
      members { talent: 60%, research: 40% }
    }
    data s = csv("s.csv") { key: code }
    indicator talent { value: s.t, normalize: minmax }
    dimension research {
      members { papers: 50%, citations: 50% }
    }
    indicator papers { value: s.p, normalize: minmax }
    indicator citations { value: s.c, normalize: minmax }
    """
  static let csv = "code,t,p,c\nA,1,4,2\nB,2,2,2\nC,4,1,3\n"

  static func compile(_ files: [String: String]) -> Compilation {
    var all = ["base.idx": base, "s.csv": csv]
    all.merge(files) { _, new in new }
    return IndexLanguage.compile(path: "fork.idx", fileSystem: MemoryFileSystem(all))
  }

  @Test func aWeightEditThatBreaksTheGroupPointsAtTheEdit() throws {
    let fork = "extends \"base.idx\"\nindex fork {}\nset talent.weight = 25% because \"less\"\n"
    let compilation = Self.compile(["fork.idx": fork])
    let error = try #require(compilation.diagnostics.first { $0.code == "E0304" })
    #expect(error.message == "the weights of `fork` add up to 65%, not 100%")
    #expect(error.primary?.span.location == "fork.idx:3:21")
    #expect(error.primary?.span.text == "25%")
    #expect(error.secondary.first?.span.file.path == "base.idx")
    #expect(error.secondary.first?.message == "the index's members, in the base")
    #expect(error.notes == ["talent 25% + research 40% = 65%"])
    #expect(
      error.help == [
        "to give `talent` this weight and rescale the others to fill the rest, write "
          + "`weights { talent: 25%, rest: pro_rata }` instead"
      ])
    // In a dimension's group, the `weights` edit names the dimension.
    let inner = Self.compile([
      "fork.idx": "extends \"base.idx\"\nindex fork {}\nset papers.weight = 70% because \"x\"\n"
    ])
    let second = try #require(inner.diagnostics.first { $0.code == "E0304" })
    #expect(second.secondary.first?.message == "the members of `research`, in the base")
    #expect(
      second.help.first?.contains("`weights research { papers: 70%, rest: pro_rata }`") == true)
    // The suggested edit is accepted.
    let fixed = Self.compile([
      "fork.idx": "extends \"base.idx\"\nindex fork {}\nweights { talent: 25%, rest: pro_rata }\n"
    ])
    #expect(!fixed.diagnostics.hasErrors, "\(fixed.diagnostics.map(\.message))")
  }

  @Test func aTreeCycleNamesOnlyTheCycle() throws {
    let text = """
      index t {
        members { papers, outer }
      }
      data s = csv("s.csv") { key: code }
      indicator papers { value: s.p, normalize: minmax }
      indicator patents { value: s.c, normalize: minmax }
      dimension outer { members { inner } }
      dimension inner { members { patents, outer } }
      """
    let compilation = Self.compile(["fork.idx": text])
    let error = try #require(compilation.diagnostics.first { $0.code == "E0308" })
    #expect(error.message == "the tree of dimensions has a cycle: `outer` → `inner` → `outer`")
  }

  @Test func bareMinmaxScaleMeansZeroToHundredLikeNormalize() throws {
    let text = """
      index t {
        scale: minmax
        members { talent }
      }
      data s = csv("s.csv") { key: code }
      indicator talent { value: s.t, normalize: zscore }
      """
    let compilation = Self.compile(["fork.idx": text])
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    #expect(plan.scaling == .minmax(0...100))
    let results = run(plan, on: try #require(compilation.table))
    #expect(results.indexScore(entity: "C", period: 0) == 100)
    #expect(results.indexScore(entity: "A", period: 0) == 0)
    // One argument is still wrong, as for `normalize: minmax(5)`.
    let one = Self.compile([
      "fork.idx": text.replacingOccurrences("scale: minmax", "scale: minmax(5)")
    ])
    #expect(one.diagnostics.map(\.code) == ["E0309"])
  }

  @Test func aForkReplacesADataSourceUnderTheSameName() throws {
    // `remove data s` and a new `data s`: every formula reading `s.…` reads the new file.
    let fork = """
      extends "base.idx"
      index fork {}
      remove data s because "The revised file"
      data s = csv("revised.csv") { key: code }
      """
    let compilation = Self.compile([
      "fork.idx": fork, "revised.csv": "code,t,p,c\nA,9,4,2\nB,2,2,2\nC,4,1,3\n",
    ])
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
    let results = run(try #require(compilation.plan), on: try #require(compilation.table))
    // talent in the revised file: A 9 is now the highest.
    #expect(results.score("talent", entity: "A", period: 0) == 100)
    // A `data` declaration without the `remove` is still a duplicate name.
    let duplicate = Self.compile([
      "fork.idx":
        "extends \"base.idx\"\nindex fork {}\ndata s = csv(\"revised.csv\") { key: code }\n",
      "revised.csv": "code,t,p,c\nA,9,4,2\n",
    ])
    #expect(duplicate.diagnostics.contains { $0.code == "E0202" })
  }

  @Test func anUncertaintyBlockWithNothingUncertainSaysSo() throws {
    let text = """
      index t {
        members { talent }
      }
      data s = csv("s.csv") { key: code }
      indicator talent { value: s.t, normalize: minmax }
      uncertainty { draws: 1000, seed: 42 }
      """
    let compilation = Self.compile(["fork.idx": text])
    let warning = try #require(compilation.diagnostics.first)
    #expect(compilation.diagnostics.count == 1)
    #expect(warning.code == "W0303")
    #expect(warning.severity == .warning)
    #expect(warning.message == "the `uncertainty` block declares nothing uncertain")
    #expect(warning.primary?.span.location == "fork.idx:6:1")
  }
}

extension String {
  /// This text with every `target` replaced (Foundation-free, for the tests).
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
