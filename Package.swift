// swift-tools-version: 6.0
import PackageDescription

// idx: a declarative language for composite indices, and the tool that scores them.
// No package dependencies by design: everything builds from the toolchain alone.
let package = Package(
  name: "idx",
  products: [
    .executable(name: "idx", targets: ["idx"]),
    .library(name: "ScoringEngine", targets: ["ScoringEngine"]),
    .library(name: "IndexLanguage", targets: ["IndexLanguage"]),
  ],
  targets: [
    .target(name: "Diagnostics"),
    .target(name: "ScoringEngine", dependencies: ["Diagnostics"]),
    .target(name: "IndexLanguage", dependencies: ["Diagnostics", "ScoringEngine"]),
    .target(
      name: "IndexAnalysis", dependencies: ["Diagnostics", "ScoringEngine", "IndexLanguage"]),
    .target(name: "IndexReport", dependencies: ["IndexAnalysis", "ScoringEngine"]),
    .target(name: "IndexImport", dependencies: ["Diagnostics", "ScoringEngine", "IndexAnalysis"]),
    .target(name: "LineEditor"),
    .target(
      name: "LanguageServer", dependencies: ["Diagnostics", "IndexLanguage", "ScoringEngine"]),
    .target(
      name: "IndexCLI",
      dependencies: [
        "Diagnostics", "ScoringEngine", "IndexLanguage", "IndexAnalysis", "LanguageServer",
        "IndexReport", "LineEditor", "IndexImport",
      ]),
    .executableTarget(
      name: "idx", dependencies: ["IndexCLI"],
      linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
    .executableTarget(
      name: "idx-bench",
      dependencies: [
        "ScoringEngine", "IndexLanguage", "IndexAnalysis", "LanguageServer", "IndexReport",
        "IndexCLI",
        "IndexImport",
      ],
      path: "benchmarks/Sources"),
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
