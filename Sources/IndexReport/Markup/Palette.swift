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

  /// Correlations from −1 to 1 in eleven classes of 0.2: ColorBrewer's diverging RdBu
  /// (Cynthia Brewer, colorbrewer2.org), which ColorBrewer marks colour-blind safe: red for
  /// negative, white near 0, blue for positive, lightness falling away from 0 on both sides
  /// so the scale also reads in greyscale.
  static let diverging = [
    "#67001F", "#B2182B", "#D6604D", "#F4A582", "#FDDBC7", "#F7F7F7", "#D1E5F0", "#92C5DE",
    "#4393C3", "#2166AC", "#053061",
  ]

  /// The class of a correlation in `diverging` (0 for −1, 5 around 0, 10 for 1).
  static func divergingClass(_ r: Double) -> Int {
    Swift.min(10, Swift.max(0, Int(((r + 1) * 5).rounded())))
  }

  /// The colour of series `index`, cycling.
  static func color(_ index: Int) -> String {
    series[index % series.count]
  }
}
