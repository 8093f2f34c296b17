import Diagnostics
import Foundation
import IndexLanguage
import ScoringEngine
import Testing

/// Forks: `extends`, `amends`, `use` and the edits, on small methodologies in memory.
@Suite struct ForkTests {
  static let base = """
    index base "Base" {
      members { talent: 60%, research: 40% }
    }
    data s = csv("s.csv") { key: code }
    indicator talent {
      value: s.t
      normalize: minmax
    }
    indicator research {
      value: s.r
      normalize: minmax
    }
    """
  static let csv = "code,t,r,q\nA,1,4,2\nB,2,2,2\nC,4,1,3\n"

  static func compileFork(_ fork: String, base: String = base) -> Compilation {
    let files = MemoryFileSystem(["base.idx": base, "fork.idx": fork, "s.csv": csv])
    return compile(path: "fork.idx", fileSystem: files)
  }

  static func score(_ compilation: Compilation, _ entity: String) -> Double? {
    guard let plan = compilation.plan, let table = compilation.table else { return nil }
    return run(plan, on: table).indexScore(entity: entity, period: 0)
  }

  @Test func misspeltPathInAmendsSuggestsTheBasePath() throws {
    let compilation = Self.compileFork("amends \"base.idx\"\nset talnet.weight = 15%\n")
    let error = try #require(compilation.diagnostics.first { $0.code == "E0328" })
    #expect(
      error.help.first?.contains("did you mean `talent.weight`? (declared at base.idx:5)") == true)
  }

  @Test func addingInAnAmendsFileSaysToUseExtends() throws {
    let compilation = Self.compileFork(
      "amends \"base.idx\"\nindicator extra { value: s.q, normalize: minmax }\n")
    let error = try #require(compilation.diagnostics.first { $0.code == "E0326" })
    #expect(error.help == ["to add, remove or reweight, write `extends` instead of `amends`"])
  }

  @Test func pinMismatchNamesBothHashes() throws {
    let compilation = Self.compileFork(
      "extends \"base.idx\" pin \"sha256:00\"\nset talent.normalize = zscore\n")
    let error = try #require(compilation.diagnostics.first { $0.code == "E0453" })
    #expect(error.notes.first == "pinned: sha256:00")
    #expect(error.notes.last?.hasPrefix("actual: sha256:") == true)
  }

  @Test func matchingPinIsAccepted() {
    let hash = SHA256.hex(Array(Self.base.utf8))
    let compilation = Self.compileFork(
      "extends \"base.idx\" pin \"sha256:\(hash)\"\nset talent.normalize = zscore\n")
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
  }

  @Test func setWeightThatBreaksTheTotalIsAnError() {
    let compilation = Self.compileFork("extends \"base.idx\"\nset talent.weight = 70%\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0304"))
  }

  @Test func weightsEditRescalesTheRestProRata() throws {
    let compilation = Self.compileFork(
      """
      extends "base.idx"
      add indicator extra { value: s.q, normalize: minmax }
      weights { extra: 20%, rest: pro_rata } because "a fifth"
      """)
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    let weights = plan.nodes[0].aggregate?.members.map(\.weight) ?? []
    #expect(weights.count == 3)
    #expect(Swift.abs(weights[0] - 0.48) < 1e-12)
    #expect(Swift.abs(weights[1] - 0.32) < 1e-12)
    #expect(Swift.abs(weights[2] - 0.20) < 1e-12)
  }

  @Test func addWithoutAWeightInAPercentGroupIsAnError() {
    let compilation = Self.compileFork(
      "extends \"base.idx\"\nadd indicator extra { value: s.q, normalize: minmax }\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0304"))
  }

  @Test func removeRescalesSiblings() throws {
    let compilation = Self.compileFork(
      "extends \"base.idx\"\nremove indicator research because \"not comparable\"\n")
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    #expect(plan.nodes[0].aggregate?.members.map(\.weight) == [1])
    #expect(plan.nodeIndex("research") == nil)
  }

  @Test func sameEditTwiceIsAnError() {
    let compilation = Self.compileFork(
      "extends \"base.idx\"\nset talent.normalize = zscore\nset talent.normalize = rank\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0329"))
  }

  @Test func editsWithoutABaseAreAnError() {
    let compilation = Self.compileFork(Self.base + "\nset talent.normalize = zscore\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0322"))
  }

  @Test func forkIndexNeedsANewName() {
    let compilation = Self.compileFork("extends \"base.idx\"\nindex base { version: \"2\" }\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0327"))
  }

  @Test func cycleOfExtendsIsAnError() {
    let files = MemoryFileSystem([
      "a.idx": "extends \"b.idx\"\n", "b.idx": "extends \"a.idx\"\n", "s.csv": Self.csv,
    ])
    let compilation = compile(path: "a.idx", fileSystem: files)
    #expect(compilation.diagnostics.map(\.code).contains("E0324"))
  }

  @Test func editingTheBaseChangesTheFork() throws {
    let fork = "extends \"base.idx\"\nindex fork { label: \"Fork\" }\n"
    let before = try #require(Self.score(Self.compileFork(fork), "A"))
    let changed = Self.base.replacingOccurrences(
      of: "talent: 60%, research: 40%", with: "talent: 20%, research: 80%")
    let after = try #require(Self.score(Self.compileFork(fork, base: changed), "A"))
    // A is last on talent and first on research: more research weight raises its score.
    #expect(after > before)
    #expect(Swift.abs(after - 80) < 1e-9)
  }

  @Test func chainsOfForksApplyInOrder() throws {
    let files = MemoryFileSystem([
      "base.idx": Self.base, "s.csv": Self.csv,
      "mid.idx":
        "extends \"base.idx\"\nindex mid {}\nset talent.weight = 40%\nset research.weight = 60%\n",
      "top.idx": "extends \"mid.idx\"\nindex top {}\nremove indicator talent because \"test\"\n",
    ])
    let compilation = compile(path: "top.idx", fileSystem: files)
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    #expect(compilation.plan?.name == "top")
    #expect(compilation.plan?.nodes[0].aggregate?.members.count == 1)
  }

  @Test func topLevelAdjustNeedsAReasonAndApplies() throws {
    let compilation = Self.compileFork(
      "extends \"base.idx\"\nadjust talent A +1 because \"late revision\"\n")
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    let talent = try #require(plan.nodeIndex("talent"))
    #expect(plan.nodes[talent].adjustments.first?.because == "late revision")
  }

  @Test func settingAWeightAfterAWeightsEditIsCheckedAtOnce() {
    let compilation = Self.compileFork(
      """
      extends "base.idx"
      add indicator extra { value: s.q, normalize: minmax }
      weights { extra: 20%, rest: pro_rata }
      set talent.weight = 90%
      """)
    #expect(compilation.diagnostics.map(\.code).contains("E0304"))
  }

  @Test func removingADataSourceRemovesIt() {
    let compilation = Self.compileFork(
      "extends \"base.idx\"\nremove data s because \"test\"\n")
    #expect(compilation.methodology?.data.isEmpty == true)
    #expect(compilation.diagnostics.map(\.code).contains("E0204"))
  }

  @Test func pinRecordsHashesThatThenGuardTheFiles() throws {
    let files = MemoryFileSystem([
      "base.idx": Self.base, "s.csv": Self.csv,
      "fork.idx":
        "extends \"base.idx\"\nindex fork {}\ndata extra = csv(\"s.csv\") { key: code }\n",
    ])
    let outcome = try pinFile(path: "fork.idx", fileSystem: files)
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.pinned.count == 2)
    try files.writeAtomically("fork.idx", bytes: outcome.bytes)
    let pinned = compile(path: "fork.idx", fileSystem: files)
    #expect(!pinned.diagnostics.hasErrors, "\(pinned.diagnostics.map(\.message))")
    // Pinning again is stable.
    #expect(try pinFile(path: "fork.idx", fileSystem: files).bytes == outcome.bytes)
    files.set("s.csv", Self.csv + "D,9,9,9\n")
    let codes = compile(path: "fork.idx", fileSystem: files).diagnostics.map(\.code)
    #expect(codes.filter { $0 == "E0453" }.count == 1)
    files.set("base.idx", Self.base + "\n")
    #expect(compile(path: "fork.idx", fileSystem: files).diagnostics.map(\.code).contains("E0453"))
  }

  @Test func maxAdjustBoundsJudgementCalls() {
    let compilation = Self.compileFork(
      """
      extends "base.idx"
      index fork { max_adjust: 0.5 }
      adjust talent A +2 because "too bold"
      """)
    #expect(compilation.diagnostics.map(\.code).contains("E0331"))
  }

  @Test func libraryNodesAreNotReportedAsUnused() throws {
    let files = MemoryFileSystem([
      "base.idx": Self.base, "s.csv": Self.csv,
      "lib.idx":
        "data s2 = csv(\"s.csv\") { key: code }\nindicator spare { value: s2.q, normalize: minmax }\n",
      "fork.idx": "extends \"base.idx\"\nuse \"lib.idx\"\nindex fork {}\n",
    ])
    let compilation = compile(path: "fork.idx", fileSystem: files)
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics.map(\.message))")
    let plan = try #require(compilation.plan)
    let table = try #require(compilation.table)
    #expect(run(plan, on: table).diagnostics.isEmpty)
  }

  @Test func removeNeedsAReason() {
    let compilation = Self.compileFork("extends \"base.idx\"\nremove indicator research\n")
    #expect(compilation.diagnostics.map(\.code).contains("E0332"))
  }
}
