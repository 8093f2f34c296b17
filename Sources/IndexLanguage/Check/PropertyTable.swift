import Diagnostics

/// The properties of a node the checker reads, found in one pass over the declaration's list.
///
/// `Declaration.property(_:)` searches the list by name each time it is asked; building a plan
/// node asks for ten properties of the node and several of the index, which for ten thousand
/// indicators is three hundred thousand string comparisons. Here each property's name is
/// matched once, and the last one written with a name wins, as in `property(_:)`.
struct PropertyTable {
  /// The properties the checker reads when it builds a plan node.
  enum Key: Int {
    case value, direction, impute, treat, transform, target, normalize, maxAdjust
    case aggregate, coverage, weights
  }

  /// The key of a property name.
  ///
  /// A switch rather than a dictionary: a name is a few bytes, and a comparison of two short
  /// names costs less than hashing one.
  private static func key(_ name: String) -> Key? {
    switch name {
    case "value": .value
    case "normalize": .normalize
    case "direction": .direction
    case "impute": .impute
    case "treat": .treat
    case "transform": .transform
    case "target": .target
    case "max_adjust": .maxAdjust
    case "aggregate": .aggregate
    case "coverage": .coverage
    case "weights": .weights
    default: nil
    }
  }

  private let properties: [Declaration.Property]
  /// The position in `properties` of each key's property, -1 when none is written.
  private var slots = SIMD16<Int32>(repeating: -1)

  init(_ declaration: Declaration) {
    properties = declaration.properties
    for (position, property) in properties.enumerated() {
      if let key = Self.key(property.name) { slots[key.rawValue] = Int32(position) }
    }
  }

  /// The property written for a key, if any.
  subscript(key: Key) -> Declaration.Property? {
    let position = slots[key.rawValue]
    return position < 0 ? nil : properties[Int(position)]
  }
}
