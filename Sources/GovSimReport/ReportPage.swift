import Foundation
import GovSimIO

/// The scaffolding every report page shares: one self-contained HTML document (inline CSS and
/// SVG, no script, no network) with the same look, sections, figures and tables. A report type
/// conforms to use these pieces unqualified.
protocol ReportPage {}

extension ReportPage {
    /// The whole document around `body` (the page's header, sections and footer).
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(Language.current.htmlTag)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(esc(title))</title>
        <style>\(ReportStyle.css)\(ReportStyle.languageCSS)</style>
        </head>
        <body>
        <main>

        """ + body + "</main>\n</body>\n</html>\n"
    }

    /// The page's header: a kicker naming the kind of report, the title, an optional lead
    /// paragraph, a line of facts and warnings (text, escaped here; `markedWarnings` are HTML).
    static func pageHeader(kicker: String, title: String, lead: String? = nil, facts: [String], warnings: [String] = [],
                           markedWarnings: [String] = []) -> String {
        var out = "<header>\n<p class=\"kicker\">\(esc(kicker))</p>\n<h1>\(esc(title))</h1>\n"
        if let lead, !lead.isEmpty { out += "<p class=\"lead\">\(esc(lead))</p>\n" }
        out += "<p class=\"facts\">\(esc(facts.joined(separator: " · ")))</p>\n"
        for w in warnings { out += "<p class=\"warn\">\(esc(w))</p>\n" }
        for w in markedWarnings { out += "<p class=\"warn\">\(w)</p>\n" }
        return out + "</header>\n"
    }

    /// The footer: which files the page was drawn from and how to draw it again, then `more`
    /// (HTML: how the results were made).
    static func pageFooter(version: String, files: [String], more: String = "") -> String {
        "<footer>\n<p>" + Catalogue.drawnBy(esc(version), files: esc(files.joined(separator: ", "))) + more + "</p>\n</footer>\n"
    }

    /// Opens a section with its heading and an optional muted note; the caller closes it.
    static func section(_ title: String, note: String?) -> String {
        "<section>\n<h2>\(esc(title))</h2>\n" + (note.map { "<p class=\"note\">\(esc($0))</p>\n" } ?? "")
    }

    static func figure(_ svg: String) -> String { "<figure>\n\(svg)</figure>\n" }

    /// A figure on its own, outside a grid of charts, at most 800 px wide.
    static func wideFigure(_ svg: String) -> String { "<figure class=\"wide\">\n\(svg)</figure>\n" }

    /// A table; cells are HTML (escape text with `esc`), `header` is text, which may break
    /// after "." and "_" (parameter paths, output names) to keep the table narrow. The first
    /// `leftColumns` columns are left-aligned, the rest (numbers) right-aligned. `rowClasses`
    /// gives rows a class ("chosen"), by row index.
    static func table(_ header: [String], _ rows: [[String]], leftColumns: Int = 2, rowClasses: [Int: String] = [:]) -> String {
        let align = { (i: Int) in i < leftColumns ? " class=\"l\"" : "" }
        var out = "<div class=\"table-wrap\">\n<table class=\"data\">\n<thead><tr>"
        let breakable = { (text: String) in
            esc(text).replacingOccurrences(of: ".", with: ".<wbr/>").replacingOccurrences(of: "_", with: "_<wbr/>")
        }
        out += header.enumerated().map { "<th\(align($0))>\(breakable($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            out += (rowClasses[r].map { "<tr class=\"\($0)\">" } ?? "<tr>")
                + row.enumerated().map { "<td\(align($0))>\($1)</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    static func esc(_ text: String) -> String { SVG.escape(text) }

    /// A number for the page: three significant figures at most, "–" when undefined.
    static func v(_ x: Double) -> String { Chart.value(x) }

    /// A difference with its sign: "+1.5", "-0.2", "0"; "–" when undefined.
    static func signed(_ x: Double) -> String { Chart.signed(x) }

    /// "lo – hi", or "–" when the interval is undefined.
    static func range(_ lo: Double, _ hi: Double, suffix: String = "") -> String {
        lo.isFinite || hi.isFinite ? "\(v(lo))\(suffix) – \(v(hi))\(suffix)" : "–"
    }

    /// A p-value as the tables show it: "<0.001", "0.042", "–".
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        return p < 0.001 ? "&lt;0.001" : String(format: "%.3f", p)
    }
}

/// The style sheet of every report: readable on a phone (fluid grid, tables scroll sideways)
/// and in print (two charts a row, nothing split across pages).
enum ReportStyle {
    /// What a page in the current language adds to `css`: nothing in English; in Chinese, fonts
    /// with Simplified Chinese glyphs (the SVG charts inherit them), no letter-spaced capitals.
    static var languageCSS: String {
        switch Language.current {
        case .en: return ""
        case .zh: return zhCSS
        }
    }

    static let zhCSS = """
body, svg text { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1, h2, .big { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "PingFang SC", "Microsoft YaHei", serif; }
.kicker { text-transform: none; letter-spacing: .15em; }
.lead, p { line-height: 1.7; }
/* Chinese has no spaces between words: break table headers only at spaces, not inside a word. */
table.data thead th { word-break: keep-all; }

"""

    static let css = """

:root { color-scheme: light; --ink: #222; --muted: #5f5f5f; --line: #e2e2e2; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 16px 48px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .1rem 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
.lead { font-size: 1.1rem; margin: 0 0 .3rem; }
.facts, .note, figcaption { color: var(--muted); }
.note { font-size: .95rem; }
figcaption { font-size: .9rem; margin-top: 4px; }
.warn { background: #FFF4E0; border-left: 4px solid #E69F00; padding: 8px 12px; }
.ok { background: #EAF4FB; border-left: 4px solid #0072B2; padding: 8px 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 16px; margin-top: 1.5rem; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px; padding: 12px 20px; }
.card h2 { margin: 0; padding: 0; border: 0; font-size: 1rem; color: var(--muted); }
.big { font-size: 2.8rem; font-weight: 700; line-height: 1.1; margin: .2rem 0; font-variant-numeric: tabular-nums; }
.big .unit { font-size: 1.1rem; font-weight: 400; color: var(--muted); }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: .4rem 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr)); gap: 16px 28px; }
.charts > * { min-width: 0; }
figure { margin: 0 0 16px; }
figure.wide { max-width: 800px; }
figure svg { display: block; width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
table.data th, table.data td { text-align: right; }
table.data th.l, table.data td.l { text-align: left; }
table.data thead th { white-space: normal; vertical-align: bottom; }
p code { white-space: nowrap; }
thead th { border-bottom: 2px solid #bbb; }
tbody tr:nth-child(even) { background: #fafafa; }
tr.chosen td { font-weight: 700; background: #EAF4FB; }
tr.met td { background: #EAF4FB; }
tr.missed td { background: #FFF4E0; }
.better { color: #0072B2; font-weight: 600; }
.worse { color: #D55E00; font-weight: 600; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
details { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
summary { cursor: pointer; }
pre { overflow-x: auto; line-height: 1.4; }
footer { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
code.command { word-break: break-all; }
@media (max-width: 600px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 1.5rem; }
  /* A chart keeps its drawn size (its text 12–16 px) and scrolls sideways inside its figure,
     rather than shrinking to 6 px text; the page itself never scrolls sideways. */
  figure { overflow-x: auto; }
  figure svg { width: auto; max-width: none; }
  /* Wide tables scroll inside their frame with the first column held in place. */
  .table-wrap th:first-child, .table-wrap td:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
  tbody tr:nth-child(even) td:first-child { background: #fafafa; }
  .card dl { grid-template-columns: 1fr; }
}
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, .card, tr { break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  /* Nothing scrolls on paper: tables wrap and shrink to the page, code wraps. */
  .table-wrap, figure, pre { overflow: visible; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  table, table.data { font-size: .68rem; }
  th, td, table.data th, table.data td { white-space: normal; padding: 2px 3px; overflow-wrap: anywhere; }
  code { overflow-wrap: anywhere; }
}

"""
}
