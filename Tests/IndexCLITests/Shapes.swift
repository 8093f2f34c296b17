import Foundation
import IndexLanguage

/// Generated methodologies of hostile shapes (issue 16's table), in memory: deep, long or
/// wide where real ones are shallow, and never committed as megabyte files.
///
/// Every shape scores the same data (`x` = 1, 2, 4 for A, B, C) through one chain, so its
/// correct result is known: min-max gives A 0, B 33.33…, C 100.
enum Shapes {
  static let data = "code,year,x,y\nA,2024,1,5\nB,2024,2,3\nC,2024,4,1\n"

  /// The correct index scores of every chain-shaped methodology below.
  static let expected = ["A": 0.0, "B": 100.0 / 3, "C": 100.0]

  /// An index whose only member is `first`, over `data.csv`.
  static func header(members: String = "a", data: String = "data.csv") -> String {
    """
    index t "T" {
      period: 2024
      normalize: minmax
      members { \(members) }
    }
    data d = csv("\(data)") {
      key: code
      period: year
    }

    """
  }

  /// `m/main.idx` with the given text, `m/data.csv`, and any other files under `m/`.
  static func files(_ main: String, _ others: [String: String] = [:]) -> MemoryFileSystem {
    let files = MemoryFileSystem(["m/main.idx": main, "m/data.csv": data])
    for (name, text) in others { files.set("m/" + name, text) }
    return files
  }

  /// One formula of `count` chained operators: `value: d.x + 0 + 0 + …`.
  static func operatorChain(_ count: Int) -> MemoryFileSystem {
    let chain = "d.x" + String(repeating: " + 0", count: count)
    return files(header() + "indicator a { value: \(chain) }\n")
  }

  /// `count` dimensions, each the only member of the one before: a deep but legal tree.
  static func deepTree(_ count: Int) -> MemoryFileSystem {
    var lines = [header(members: "d0")]
    for level in 0..<count {
      let member = level == count - 1 ? "a" : "d\(level + 1)"
      lines.append("dimension d\(level) { members { \(member) } }")
    }
    lines.append("indicator a { value: d.x }")
    return files(lines.joined(separator: "\n") + "\n")
  }

  /// `count` indicators, each computed from the next (`a { value: k1 }`, `k1 { value: k2 }`).
  static func indicatorChain(_ count: Int) -> MemoryFileSystem {
    var lines = [header()]
    for step in 0..<count {
      let name = step == 0 ? "a" : "k\(step)"
      lines.append("indicator \(name) { value: k\(step + 1) }")
    }
    lines.append("indicator k\(count) { value: d.x }")
    return files(lines.joined(separator: "\n") + "\n")
  }

  /// `count` files, each `extends` the next; the last is the methodology itself.
  static func fileChain(_ count: Int) -> MemoryFileSystem {
    var others: [String: String] = [:]
    for step in 1..<count {
      others["f\(step).idx"] =
        step == count - 1
        ? header().replacingOccurrences(of: "index t ", with: "index t\(step) ")
          + "indicator a { value: d.x }\n"
        : "extends \"f\(step + 1).idx\"\nindex t\(step) \"T\" { version: \"\(step)\" }\n"
    }
    return files("extends \"f1.idx\"\nindex t \"T\" { version: \"0\" }\n", others)
  }

  /// `count` libraries, each using the next one twice: exponential if resolved per use.
  static func useFanOut(_ count: Int) -> MemoryFileSystem {
    var others: [String: String] = [:]
    for step in 0..<count {
      let next = step + 1 < count ? "use \"l\(step + 1).idx\"\nuse \"l\(step + 1).idx\"\n" : ""
      others["l\(step).idx"] = next + "indicator x\(step) { value: d.y }\n"
    }
    return files("use \"l0.idx\"\n" + header() + "indicator a { value: d.x }\n", others)
  }
}
