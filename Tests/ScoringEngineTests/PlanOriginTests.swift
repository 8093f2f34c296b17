import ScoringEngine
import Testing

/// A node's origin kept in two parts reads as one string, and setting it replaces both.
@Suite struct PlanOriginTests {
  static func leaf() -> Plan.Node {
    Plan.Node(name: "x", kind: .indicator(.init(source: .formula(.variable("d.x")))))
  }

  @Test func theTwoPartsReadAsOne() {
    var node = Self.leaf()
    #expect(node.origin == nil)
    node.setOrigin(written: "d.x / d.y", files: " (d = \"d.csv\")")
    #expect(node.origin == "d.x / d.y (d = \"d.csv\")")
    node.setOrigin(written: "d.x", files: nil)
    #expect(node.origin == "d.x")
  }

  @Test func settingTheOriginReplacesBothParts() {
    var node = Self.leaf()
    node.setOrigin(written: "d.x", files: " (d = \"d.csv\")")
    node.origin = "expert ratings"
    #expect(node.origin == "expert ratings")
    node.origin = nil
    #expect(node.origin == nil)
  }
}
