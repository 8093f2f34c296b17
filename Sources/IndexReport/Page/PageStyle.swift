/// The page's stylesheet: system fonts only (nothing to download), the palette's colours,
/// visible keyboard focus, a layout that narrows to one column, and a print stylesheet that
/// drops the controls and keeps each chart on one page where it fits.
enum PageStyle {
  static let css = #"""
    :root { --ink: #1a1a1a; --muted: #555; --rule: #d4d4d4; --soft: #f6f6f6; --focus: #0072B2; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header, footer { padding: 12px 24px; }
    header h1 { margin: 0 0 4px; font-size: 22px; }
    .sub, .about, .hint, .note, footer { color: var(--muted); }
    .sub { margin: 0 0 6px; }
    footer { border-top: 1px solid var(--rule); font-size: 12px; }
    .layout { display: grid; grid-template-columns: 320px minmax(0, 1fr); gap: 0 24px; padding: 0 24px; }
    aside { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto;
      padding: 8px 12px 16px 0; border-right: 1px solid var(--rule); }
    main { min-width: 0; }
    .panel { margin: 8px 0 28px; }
    .panel h2 { font-size: 17px; margin: 8px 0; padding-bottom: 2px; border-bottom: 1px solid var(--rule); }
    .panel h3 { font-size: 14px; margin: 12px 0 4px; }
    .controls { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 4px 0 8px; }
    .controls label, .period { font-weight: 600; }
    select, button, textarea { font: inherit; }
    select { max-width: 100%; }
    select[multiple] { display: block; margin-top: 4px; min-width: 18em; font-weight: 400; }
    button { padding: 4px 12px; border: 1px solid #888; border-radius: 4px; background: var(--soft); cursor: pointer; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 4px 0; font-size: 12px; }
    .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
    .swatch.dot { background: #0072B2; border-radius: 50%; }
    .swatch.median { background: #000; width: 3px; }
    .swatch.range { background: #bbb; height: 5px; vertical-align: 2px; }
    .lead { font-weight: 600; margin: 4px 0; }
    svg.chart { display: block; width: 100%; height: auto; overflow: visible; contain: layout style; }
    svg.chart text { font-size: 12px; fill: var(--ink); }
    svg.chart .tick, svg.chart .meta, svg.chart .head text { fill: var(--muted); font-size: 11px; }
    svg.chart .agg { font-weight: 600; }
    svg.chart .grid { stroke: #e6e6e6; }
    svg.chart .zero { stroke: #444; }
    svg.chart .rk, svg.chart .sc, svg.chart .nom, svg.chart .effv { font-variant-numeric: tabular-nums; }
    svg.chart .row rect { stroke: #fff; stroke-width: 0.5; }
    svg.chart .row:hover .nm, svg.chart .fw:hover text, svg.chart .fw:focus text { text-decoration: underline; }
    svg.chart .fw:focus { outline: none; }
    svg.chart .fw:focus rect.eff { stroke: var(--ink); stroke-width: 1; }
    svg.chart .range { stroke: #bbb; stroke-width: 5; stroke-linecap: round; }
    svg.chart .median { stroke: #000; stroke-width: 2; }
    svg.chart .dot { fill: #0072B2; stroke: #fff; stroke-width: 1.5; }
    svg.chart .ln path { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    svg.chart .end { font-size: 11px; font-weight: 600; }
    svg.chart.natural { width: auto; max-width: 100%; }
    svg.chart .hm { font-size: 10px; font-variant-numeric: tabular-nums; }
    svg.chart .hm.light { fill: #fff; }
    svg.chart .mark { stroke: #000; stroke-width: 2; stroke-dasharray: 5 3; }
    svg.chart .ri:hover .nm { text-decoration: underline; }
    .heatmaps { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-start; }
    figure.heat { margin: 0; max-width: 100%; }
    figure.heat figcaption { font-size: 12px; color: var(--muted); }
    .doc { min-height: 2.9em; margin: 6px 0; padding: 6px 10px; background: var(--soft); border-left: 3px solid var(--focus); }
    details.alt { margin: 6px 0; }
    details.alt summary { cursor: pointer; color: var(--muted); }
    table { border-collapse: collapse; margin: 6px 0; font-size: 12px; }
    th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
    th { border-bottom: 1px solid var(--rule); }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .group { margin: 6px 0; border-bottom: 1px solid #eee; padding-bottom: 4px; }
    .group summary { cursor: pointer; font-weight: 600; }
    .group .meta { font-weight: 400; color: var(--muted); font-size: 12px; }
    .slider { display: grid; grid-template-columns: 1fr 52px; grid-template-rows: auto auto; gap: 0 6px; margin: 4px 0 6px 10px; }
    .slider label { grid-column: 1 / 3; font-size: 12px; }
    .slider input { width: 100%; accent-color: #0072B2; }
    .slider output { text-align: right; font-variant-numeric: tabular-nums; font-size: 12px; }
    .fixed { margin: 2px 0 6px 10px; padding-left: 12px; font-size: 12px; }
    .buttons { display: flex; gap: 8px; margin: 8px 0; }
    .fork { display: block; margin-top: 10px; font-size: 12px; }
    .fork textarea { display: block; width: 100%; margin-top: 4px; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 11px; }
    .status { font-size: 12px; color: var(--muted); min-height: 1.4em; }
    @media (max-width: 900px) {
      .layout { display: block; }
      aside { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--rule); }
    }
    @media print {
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 10pt; }
      aside, .controls, .buttons, noscript, .hint, .doc { display: none !important; }
      .layout { display: block; padding: 0; }
      header, footer { padding: 0 0 8pt; }
      .panel { break-before: auto; }
      .panel h2 { break-after: avoid; }
      svg.chart { break-inside: avoid; }
      details.alt summary { display: none; }
    }

    """#
}
