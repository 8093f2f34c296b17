/// What a braced list of items belongs to, as messages name it: "`dimension research`",
/// "`members`".
///
/// The parser hands one to every body it reads but needs its text only when it reports a
/// mistake there, so the text is put together then, not once per declaration.
enum ItemOwner: ExpressibleByStringLiteral {
  /// A declaration's body, named by its keyword and name (the keyword alone when the name is
  /// missing).
  case declaration(DeclSyntax.Kind, NameSyntax?)
  /// A block named by fixed text, such as "`members`".
  case block(String)

  init(stringLiteral text: String) { self = .block(text) }

  /// The owner as a message shows it.
  var text: String {
    switch self {
    case .declaration(let kind, let name?) where !name.isMissing:
      "`\(kind.rawValue) \(name.text)`"
    case .declaration(let kind, _):
      "`\(kind.rawValue)`"
    case .block(let text):
      text
    }
  }
}
