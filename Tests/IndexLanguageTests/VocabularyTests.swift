import Testing

@testable import IndexLanguage

/// What editors offer is what the checker accepts: every method of every property and every
/// formula function is documented, and nothing else is.
@Suite struct VocabularyTests {
  @Test func methodsAreTheCheckersMethods() {
    #expect(Vocabulary.methods(for: "normalize").map(\.name) == Interpreter.normalizers)
    #expect(Vocabulary.methods(for: "aggregate").map(\.name) == Interpreter.aggregators)
    #expect(Vocabulary.methods(for: "impute").map(\.name) == Interpreter.imputations)
    #expect(Vocabulary.methods(for: "treat").map(\.name) == Interpreter.treatments)
    #expect(Vocabulary.methods(for: "transform").map(\.name) == Interpreter.treatments)
    #expect(Vocabulary.methods(for: "scale").map(\.name) == Interpreter.scalings)
    #expect(Vocabulary.methods(for: "weights").map(\.name) == Interpreter.weightings)
    #expect(Vocabulary.methods(for: "screen").map(\.name) == Interpreter.screenings)
    #expect(Vocabulary.methods(for: "value").isEmpty)
  }

  @Test func functionsAreTheFormulaLibrary() {
    #expect(
      Set(Vocabulary.functions.map(\.name))
        == Set(FormulaBuilder.usage.keys.map(\.rawValue)))
  }

  @Test func everyPropertyHasAMeaning() {
    for kind in DeclSyntax.Kind.allCases {
      for property in Vocabulary.properties(of: kind) {
        #expect(Vocabulary.meaning(ofProperty: property) != nil, "\(kind).\(property)")
      }
    }
    #expect(Vocabulary.properties(of: .indicator).contains("normalize"))
  }

  @Test func signaturesShowParameters() {
    let minmax = Vocabulary.methods(for: "normalize").first { $0.name == "minmax" }
    #expect(minmax?.signature == "minmax(low, high)")
    #expect(Vocabulary.isReserved("members") && !Vocabulary.isReserved("soft"))
    #expect(Vocabulary.isKeyword("soft") && !Vocabulary.isKeyword("papers"))
  }
}
