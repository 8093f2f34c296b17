/// One key press (or one pasted block) as the editor sees it, after the decoder has turned the
/// terminal's bytes into events.
///
/// Keys name what was pressed, not what it does: the editor's state machine decides that, so
/// the decoder can be tested alone and a different key map needs no new decoder.
public enum Key: Hashable, Sendable {
  /// Printable text typed at the keyboard: one Unicode scalar per event.
  case text(String)
  /// A bracketed paste, inserted literally (newlines included, no completion).
  case paste(String)
  case enter
  case tab
  case backspace
  case delete
  /// A lone Escape: reported only when no further byte of a sequence followed in time.
  case escape
  case up
  case down
  case left
  case right
  case home
  case end
  case pageUp
  case pageDown
  case insert
  /// Ctrl-Left or Alt-Left (`CSI 1;5D`, `CSI 1;3D`).
  case wordLeft
  /// Ctrl-Right or Alt-Right (`CSI 1;5C`, `CSI 1;3C`).
  case wordRight
  /// Alt-Backspace (`ESC DEL`).
  case altBackspace
  /// Ctrl and a key: `"a"` … `"z"`, and `"@"`, `"\\"`, `"]"`, `"^"`, `"_"`. Ctrl-H, Ctrl-I,
  /// Ctrl-J and Ctrl-M arrive as `.backspace`, `.tab` and `.enter`, as terminals send them.
  case control(Character)
  /// Alt (Meta) and a key, sent by terminals as `ESC` followed by the key.
  case alt(Character)
  /// An escape sequence the editor has no use for; it is ignored, never inserted.
  case unknown([UInt8])
}
