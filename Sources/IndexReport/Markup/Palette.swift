/// The report's colours: the Okabe–Ito palette, chosen because its eight colours stay
/// distinguishable under the common forms of colour blindness (protanopia, deuteranopia,
/// tritanopia) and in greyscale print by lightness.
///
/// Okabe, M. and Ito, K. (2008), *Color Universal Design*. The order puts the strongest
/// contrasts first; black is kept for text, medians and axes. Series beyond the seventh reuse
/// the colours in order: every chart also labels its series in a legend and in its table, so
/// colour is never the only way to tell them apart. Adjustments and the scaling offset are
/// grey.
enum Palette {
  /// Series colours, in order of use.
  static let series = [
    "#E69F00",  // orange
    "#56B4E9",  // sky blue
    "#009E73",  // bluish green
    "#0072B2",  // blue
    "#D55E00",  // vermillion
    "#CC79A7",  // reddish purple
    "#F0E442",  // yellow
  ]
  /// Lines over time, where black is a usable eighth series.
  static let lines = series + ["#000000"]
  /// Terms that are not a member of the index (adjustments, the scaling offset).
  static let neutral = "#999999"
  /// The entity's dot in the profile and bars of one entity.
  static let focus = "#0072B2"

  /// The colour of series `index`, cycling.
  static func color(_ index: Int) -> String {
    series[index % series.count]
  }
}
