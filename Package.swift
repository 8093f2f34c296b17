// swift-tools-version: 6.0
import Foundation
import PackageDescription

// idx: a declarative language for composite indices, and the tool that scores them.
// No package dependencies by design: everything builds from the toolchain alone.

/// The CPU that the code is compiled for: the building machine's vector level when it has AVX2.
///
/// On x86-64 the default target is the 2003 baseline (SSE2, two doubles a vector). The engine's
/// hot loops (extremes, weighted means, the number scan and writer) are written to vectorize, so
/// when the machine that builds idx has AVX2 and FMA, as x86-64 servers and laptops have had
/// since 2013–2015, the code is built for that level ("haswell": four doubles a vector). Results
/// are the same bits either way: Swift never contracts a multiply and an add into one rounding.
/// `IDX_PORTABLE=1` builds for the baseline, for a binary that must run on older machines.
let cpuSettings: [SwiftSetting] = {
  #if arch(x86_64) && os(Linux)
    let environment = ProcessInfo.processInfo.environment
    guard environment["IDX_PORTABLE"] != "1",
      let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    let haswell: Set<String> = ["avx", "avx2", "fma", "bmi1", "bmi2", "movbe", "f16c", "abm"]
    guard haswell.isSubset(of: flags) else { return [] }
    return [.unsafeFlags(["-target-cpu", "haswell"])]
  #else
    return []
  #endif
}()

let package = Package(
  name: "idx",
  products: [
    .executable(name: "idx", targets: ["idx"]),
    .library(name: "ScoringEngine", targets: ["ScoringEngine"]),
    .library(name: "IndexLanguage", targets: ["IndexLanguage"]),
  ],
  targets: [
    .target(name: "Diagnostics", swiftSettings: cpuSettings),
    // Cache hints Swift cannot spell (a C header of inline functions; part of the package).
    .target(name: "MemoryHints"),
    .target(
      name: "ScoringEngine", dependencies: ["Diagnostics", "MemoryHints"],
      swiftSettings: cpuSettings),
    .target(
      name: "IndexLanguage", dependencies: ["Diagnostics", "ScoringEngine"],
      swiftSettings: cpuSettings),
    .target(
      name: "IndexAnalysis", dependencies: ["Diagnostics", "ScoringEngine", "IndexLanguage"],
      swiftSettings: cpuSettings),
    .target(
      name: "IndexReport", dependencies: ["IndexAnalysis", "ScoringEngine"],
      swiftSettings: cpuSettings),
    .target(
      name: "IndexImport", dependencies: ["Diagnostics", "ScoringEngine", "IndexAnalysis"],
      swiftSettings: cpuSettings),
    .target(name: "LineEditor", swiftSettings: cpuSettings),
    .target(
      name: "LanguageServer", dependencies: ["Diagnostics", "IndexLanguage", "ScoringEngine"],
      swiftSettings: cpuSettings),
    .target(
      name: "IndexCLI",
      dependencies: [
        "Diagnostics", "ScoringEngine", "IndexLanguage", "IndexAnalysis", "LanguageServer",
        "IndexReport", "LineEditor", "IndexImport",
      ], swiftSettings: cpuSettings),
    .executableTarget(
      name: "idx", dependencies: ["IndexCLI"], swiftSettings: cpuSettings,
      linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
    .executableTarget(
      name: "idx-bench",
      dependencies: [
        "ScoringEngine", "IndexLanguage", "IndexAnalysis", "LanguageServer", "IndexReport",
        "IndexCLI",
        "IndexImport",
      ],
      path: "benchmarks/Sources", swiftSettings: cpuSettings,
      linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
    .target(
      name: "RobustnessCorpus", dependencies: ["ScoringEngine"], path: "Tests/RobustnessCorpus"),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
    .testTarget(
      name: "IndexAnalysisTests", dependencies: ["IndexAnalysis", "IndexLanguage", "ScoringEngine"]),
    .testTarget(
      name: "IndexReportTests",
      dependencies: ["IndexReport", "IndexAnalysis", "IndexLanguage", "ScoringEngine"],
      exclude: ["testdata"]),
    .testTarget(
      name: "ScoringEngineTests", dependencies: ["ScoringEngine"]),
    .testTarget(
      name: "IndexLanguageTests", dependencies: ["IndexLanguage", "RobustnessCorpus"],
      exclude: ["Syntax/testdata", "Format/testdata"]),
    .testTarget(
      name: "LanguageServerTests",
      dependencies: ["LanguageServer", "IndexLanguage", "ScoringEngine", "RobustnessCorpus"],
      exclude: ["testdata"]),
    .testTarget(
      name: "IndexImportTests",
      dependencies: ["IndexImport", "IndexLanguage", "ScoringEngine", "Diagnostics"],
      exclude: ["testdata"]),
    .testTarget(
      name: "IndexCLITests", dependencies: ["IndexCLI", "IndexLanguage"], exclude: ["testdata"]),
  ],
  swiftLanguageModes: [.v6]
)
