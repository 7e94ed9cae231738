import Foundation
import GovSim
import GovSimIO

/// explore.html of `govsim explore`: one self-contained page (inline style, script and data, no
/// network) with a slider per lever. The chosen setting is the design point the sliders stand on
/// (they step through the grid; nothing is interpolated); for it the page shows each output's
/// mean, 95% CI and 90% predictive interval, and its paired difference from the baseline (the
/// scenario as written) with its 95% CI. A pinned setting B is shown beside the live one A.
///
/// Every number on the page is explore.json's (its schema: `ExploreFile`), embedded verbatim in one
/// `<script type="application/json" id="data">` block; the script picks and formats (the one
/// sum it does is A − B, the difference of two means it shows). Every user-visible string is in
/// `strings` below, which the page's fixed text and the script's table `T` are both drawn from:
/// a translation is another table with the same keys, and `lang` sets `<html lang>`.
enum ExploreReport: ReportPage {
    static let pageName = "explore.html"

    /// The page's text in English, by key. `{name}` marks a value put in by the page.
    static let english: [String: String] = {
        var t: [String: String] = [
            "kicker": "govsim explore",
            "title": "Explore {scenario}",
            "lead": "Move a slider to choose a setting of the levers. Every number below is that design point's (unless you ask for interpolation), "
                + "from its paired trials against the baseline (the scenario as written). Pin a setting to keep it as B beside the live one, A.",
            "facts": "{points} design points (a full grid) × {trials} trials each, paired with the baseline on the same random streams · seed {seed} · govsim {version}",
            "levers": "Levers",
            "leversNote": "Each slider steps through its lever's design points, from its low to its high end. The page shows the "
                + "nearest design point, which is where the sliders stand; nothing is interpolated between points unless you switch "
                + "interpolation on below.",
            "leverBaseline": "baseline: {value}",
            "leverBaselineOutside": "baseline: {value} (outside the range explored)",
            "sliderText": "{value} (step {step} of {steps})",
            "sliderValueText": "{value} {unit}, step {step} of {steps}",
            "pin": "Pin this setting as B",
            "unpin": "Clear B",
            "settingA": "A (live): nearest design point {point} of {points}, {values}",
            "settingB": "B (pinned): design point {point}, {values}",
            "settingAInterpolated": "A (live): interpolated between design points, {values}",
            "settingBInterpolated": "B (pinned): interpolated between design points, {values}",
            "sliderTextBetween": "{value} (between steps {lo} and {hi} of {steps}: interpolated)",
            "sliderValueTextBetween": "{value} {unit}, between steps {lo} and {hi} of {steps}, interpolated",
            "interpolate": "Interpolate between design points",
            "interpolateNote": "Off (as the page opens): the sliders step through the design points, and every number is a design point's own. "
                + "On: they move in tenths of a step, and between design points every number (means, intervals, differences) is the "
                + "multilinear interpolation of the neighbouring design points' numbers, an emulator of the model rather than a run of it; "
                + "each output then says how far off such interpolation is, measured by leaving design points out. A whole-number "
                + "lever (staff, say) takes only whole values in the model: between them, the page interpolates, nothing more.",
            "emulator": "Interpolated. Its error, leaving design points out: {rms} root mean square, at most {max} ({n} means predicted "
                + "from their two neighbours along a lever, twice as far apart as here, so an overstatement for a smooth response); "
                + "a point's paired 95% CI half-width is typically {hw}.",
            "emulatorNone": "Interpolated. Its error cannot be measured with 2 design points per lever (no point has a neighbour on both sides).",
            "noB": "B: nothing pinned yet. Press the button to keep the current setting as B.",
            "settingBaseline": "Baseline: the scenario as written, {values}",
            "assign": "{path} = {value}",
            "outcomes": "Outcomes at the chosen setting",
            "outcomesNote": "Mean over the trials with its 95% confidence interval (how precisely the mean is known); “90% of runs”: "
                + "the 90% predictive interval, where one more run of the district would land. “vs baseline”: the mean paired difference "
                + "from the baseline, trial by trial on the same random streams, with its 95% CI; coloured when the interval excludes 0 "
                + "(blue better, orange worse). “A − B” is the difference of the two means shown, without an interval.",
            "legend": "In each strip: the thin line is the 90% predictive interval, the bar the 95% CI of the mean, the tick the mean; "
                + "grey the baseline, blue A, orange B. Every strip of an output has the same scale.",
            "colMean": "mean",
            "colCI": "95% CI",
            "colPI": "90% of runs",
            "colDiff": "vs baseline",
            "rowA": "A",
            "rowB": "B",
            "rowBaseline": "baseline",
            "aMinusB": "A − B: {value}",
            "interval": "{lo} to {hi}",
            "summaryA": "At A: safety score {safety} ({dsafety} vs baseline), {satisfaction}% satisfied ({dsatisfaction}), cost {cost} yuan ({dcost}).",
            "noscript": "This page needs JavaScript to show its numbers; all of them are in explore.json beside it.",
            "footer": "Drawn by govsim {version} from explore.json, which this page holds in full; `govsim report FOLDER` draws it again.",
            "better": "better than the baseline",
            "worse": "worse than the baseline",
        ]
        let titles: [Metric: String] = [
            .safetyScore: "Safety score", .satisfactionPct: "Residents satisfied", .costTotal: "Total cost",
            .meanHappiness: "Mean happiness", .meanTrust: "Mean trust", .disputes: "Disputes", .complaintRatePct: "Complaint rate",
            .petitions: "Petitions", .massIncidents: "Mass incidents", .mediationSuccessPct: "Mediation success",
            .resolutionPct: "Disputes resolved", .medianResolutionHours: "Median time to resolution", .incidents: "Safety incidents",
            .accidents: "Traffic accidents", .elderlyAdverseEvents: "Elderly adverse events",
            .responseMinutesMedian: "Median report-to-response time", .costPerResident: "Cost per resident",
        ]
        for m in ExploreResults.metrics {
            t["metric.\(m.name)"] = titles[m] ?? m.name
            t["unit.\(m.name)"] = m.unit
        }
        return t
    }()

    /// The page's text in Simplified Chinese, by the same keys (checked by the tests: every key of
    /// `english` is here).
    static let chinese: [String: String] = {
        var t: [String: String] = [
            "kicker": "govsim 政策探索",
            "title": "探索 {scenario}",
            "lead": "拖动滑块选择各项措施的取值。下面的每个数字都来自该设计点（除非打开插值），由它与基线（情景文件原样）的配对试验得出。"
                + "点“固定”可把当前设置保留为 B，与实时设置 A 并排比较。",
            "facts": "{points} 个设计点（完全网格）× 每点 {trials} 次试验，与基线使用相同的随机数流配对 · 随机种子 {seed} · govsim {version}",
            "levers": "措施",
            "leversNote": "每个滑块在该措施的设计点之间逐级移动，从下限到上限。页面显示滑块所在的最近设计点；除非在下方打开插值，设计点之间不做插值。",
            "leverBaseline": "基线：{value}",
            "leverBaselineOutside": "基线：{value}（在探索范围之外）",
            "sliderText": "{value}（第 {step} 级，共 {steps} 级）",
            "sliderValueText": "{value} {unit}，第 {step} 级，共 {steps} 级",
            "pin": "把当前设置固定为 B",
            "unpin": "清除 B",
            "settingA": "A（实时）：最近的设计点，第 {point} 个，共 {points} 个；{values}",
            "settingB": "B（已固定）：第 {point} 个设计点；{values}",
            "settingAInterpolated": "A（实时）：在设计点之间插值；{values}",
            "settingBInterpolated": "B（已固定）：在设计点之间插值；{values}",
            "sliderTextBetween": "{value}（在第 {lo} 级与第 {hi} 级之间，共 {steps} 级：插值）",
            "sliderValueTextBetween": "{value} {unit}，在第 {lo} 级与第 {hi} 级之间，共 {steps} 级，插值",
            "interpolate": "在设计点之间插值",
            "interpolateNote": "关闭（页面打开时的状态）：滑块在设计点之间逐级移动，每个数字都是设计点本身的结果。"
                + "打开：滑块以十分之一级移动，设计点之间的每个数字（均值、区间、差值）都是相邻设计点数字的多线性插值，是模型的近似（仿真器），而不是模型的一次运行；"
                + "此时每个指标都会说明这种插值的误差有多大（用留出设计点的方法测得）。取整数的措施（如人员编制）在模型中只取整数值，其间的数值只是页面插值。",
            "emulator": "插值结果。留出设计点测得的误差：均方根 {rms}，最大 {max}（用沿某项措施的两个相邻点预测 {n} 个均值，其间距是这里的两倍，"
                + "因此对平滑的响应会高估误差）；单个设计点配对 95% 置信区间的半宽一般为 {hw}。",
            "emulatorNone": "插值结果。每项措施只有 2 个设计点时无法测量其误差（没有哪个点两侧都有相邻点）。",
            "noB": "B：尚未固定。按上面的按钮可把当前设置保留为 B。",
            "settingBaseline": "基线：情景文件原样，{values}",
            "assign": "{path} = {value}",
            "outcomes": "所选设置下的结果",
            "outcomesNote": "各次试验的均值及其 95% 置信区间（均值估计得多准）；“90% 的运行”：90% 预测区间，即该地区再运行一次的结果可能落在的范围。"
                + "“相对基线”：与基线逐次配对（相同随机数流）的平均差值及其 95% 置信区间；区间不含 0 时着色（蓝色变好，橙色变差）。"
                + "“A − B”是所示两个均值之差，不带区间。",
            "legend": "每条带中：细线是 90% 预测区间，粗条是均值的 95% 置信区间，短竖线是均值；灰色为基线，蓝色为 A，橙色为 B。同一指标的各条带刻度相同。",
            "colMean": "均值",
            "colCI": "95% 置信区间",
            "colPI": "90% 的运行",
            "colDiff": "相对基线",
            "rowA": "A",
            "rowB": "B",
            "rowBaseline": "基线",
            "aMinusB": "A − B：{value}",
            "interval": "{lo} 至 {hi}",
            "summaryA": "A 处：安全感 {safety}（相对基线 {dsafety}），满意度 {satisfaction}%（{dsatisfaction}），成本 {cost} 元（{dcost}）。",
            "noscript": "本页需要 JavaScript 才能显示数字；全部数字都在旁边的 explore.json 中。",
            "footer": "由 govsim {version} 根据 explore.json 绘制（本页完整包含该文件）；运行 `govsim report FOLDER` 可重新绘制。",
            "better": "优于基线",
            "worse": "差于基线",
        ]
        Language.$current.withValue(.zh) {
            for m in ExploreResults.metrics {
                t["metric.\(m.name)"] = m.displayNames.zh
                t["unit.\(m.name)"] = Catalogue.unit(m.unit)
            }
        }
        return t
    }()

    /// The page's strings in `lang` (an HTML language tag: "en", "zh-CN").
    static func strings(_ lang: String) -> [String: String] { lang.hasPrefix("zh") ? chinese : english }

    static func html(resultsFolder: String) throws -> String {
        let files = DataFolder(path: resultsFolder, writer: "govsim explore")
        let text = try files.text(ExploreFile.fileName)
        return try page(json: text, file: files.file(ExploreFile.fileName), lang: Language.current.htmlTag)
    }

    /// `{name}` in `template` replaced by `values[name]`.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// The page for explore.json's text `json`; throws naming `file` when it is not one.
    static func page(json: String, file: String, lang: String = "en") throws(RunReport.DataError) -> String {
        let d: ExploreFile
        do { d = try ExploreFile(text: json) } catch { throw RunReport.DataError(path: file, reason: error.reason) }
        let levers = d.levers, outputs = d.outputs, points = d.points
        let t = strings(lang)
        func s(_ key: String, _ values: [String: String] = [:]) -> String { fill(t[key] ?? key, values) }
        let scenario = d.scenario ?? "–", version = d.version ?? "–"
        let baselineValues = d.baseline.values ?? []

        var body = pageHeader(kicker: s("kicker"), title: s("title", ["scenario": scenario]), lead: s("lead"),
                              facts: [s("facts", ["points": String(points.count), "trials": d.trials ?? "–",
                                                  "seed": d.seed ?? "–", "version": version])])
        body += "<noscript><p class=\"warn\">\(esc(s("noscript")))</p></noscript>\n"
        body += section(s("levers"), note: s("leversNote"))
        body += "<div class=\"levers\">\n"
        for (k, lever) in levers.enumerated() {
            let values = lever.values
            let base = k < baselineValues.count ? baselineValues[k] : .nan
            // The slider starts at the step nearest the baseline's value.
            let start = values.indices.min { abs(values[$0] - base) < abs(values[$1] - base) } ?? 0
            let path = lever.path
            let unit = Language.$current.withValue(lang.hasPrefix("zh") ? .zh : .en) { Catalogue.unit(lever.unit ?? "") }
            let outside = base.isFinite && (base < (values.first ?? base) - 1e-12 || base > (values.last ?? base) + 1e-12)
            body += "<div class=\"lever\">\n<label for=\"lever-\(k)\"><code>\(esc(path))</code>\(unit.isEmpty ? "" : " <span class=\"unit\">\(lang.hasPrefix("zh") ? "（\(esc(unit))）" : "(\(esc(unit)))")</span>")</label>\n"
            body += "<div class=\"slider\"><span class=\"end\">\(esc(Chart.precise(values.first ?? .nan)))</span>"
            body += "<input type=\"range\" id=\"lever-\(k)\" min=\"0\" max=\"\(values.count - 1)\" step=\"1\" value=\"\(start)\" aria-describedby=\"lever-\(k)-base\"/>"
            body += "<span class=\"end\">\(esc(Chart.precise(values.last ?? .nan)))</span></div>\n"
            body += "<p class=\"lever-value\"><output id=\"lever-\(k)-value\" for=\"lever-\(k)\"></output> "
            body += "<span class=\"note\" id=\"lever-\(k)-base\">\(esc(s(outside ? "leverBaselineOutside" : "leverBaseline", ["value": Chart.precise(base)])))</span></p>\n</div>\n"
        }
        body += "</div>\n"
        body += "<p class=\"interpolate\"><label><input type=\"checkbox\" id=\"interpolate\"/> \(esc(s("interpolate")))</label></p>\n"
        body += "<p class=\"note\">\(esc(s("interpolateNote")))</p>\n"
        body += "<div class=\"settings\">\n<p class=\"setting a\" id=\"setting-a\" aria-live=\"polite\"></p>\n"
        body += "<p class=\"setting b\" id=\"setting-b\"></p>\n<p class=\"setting base\" id=\"setting-base\"></p>\n"
        body += "<p class=\"buttons\"><button type=\"button\" id=\"pin\">\(esc(s("pin")))</button> "
        body += "<button type=\"button\" id=\"unpin\" disabled>\(esc(s("unpin")))</button></p>\n"
        body += "<p class=\"summary\" id=\"summary-a\"></p>\n</div>\n</section>\n"

        body += section(s("outcomes"), note: s("outcomesNote"))
        body += "<p class=\"note\">\(esc(s("legend")))</p>\n<div class=\"cards explore\">\n"
        for o in outputs {
            // The names go into ids: escaped, though govsim writes only snake_case ones.
            let name = esc(o.name)
            body += "<article class=\"card\" id=\"card-\(name)\">\n<h3>\(esc(s("metric.\(o.name)"))) <span class=\"unit\">\(esc(s("unit.\(o.name)")))</span></h3>\n"
            body += "<div class=\"strip\" aria-hidden=\"true\">"
            for lane in ["base", "a", "b"] {
                body += "<div class=\"lane \(lane)\" id=\"\(lane)-strip-\(name)\"><span class=\"pi\"></span><span class=\"ci\"></span><span class=\"mean\"></span></div>"
            }
            let ci = "<br/><span class=\"sub\">\(esc(s("colCI")))</span>"
            body += "</div>\n<div class=\"table-wrap\">\n<table class=\"ab\">\n<thead><tr><th></th><th>\(esc(s("colMean")))\(ci)</th>"
            body += "<th>\(esc(s("colPI")))</th><th>\(esc(s("colDiff")))\(ci)</th></tr></thead>\n<tbody>\n"
            for (row, key) in [("a", "rowA"), ("b", "rowB"), ("base", "rowBaseline")] {
                body += "<tr class=\"\(row)\"\(row == "b" ? " hidden" : "")><th>\(esc(s(key)))</th>"
                body += "<td><span class=\"mean\" id=\"\(row)-mean-\(name)\"></span><br/><span class=\"sub\" id=\"\(row)-ci-\(name)\"></span></td>"
                body += "<td id=\"\(row)-pi-\(name)\"></td>"
                body += row == "base" ? "<td>–</td></tr>\n"
                    : "<td><span id=\"\(row)-diff-\(name)\"></span><br/><span class=\"sub\" id=\"\(row)-diffci-\(name)\"></span></td></tr>\n"
            }
            body += "</tbody>\n</table>\n</div>\n<p class=\"ab-diff\" id=\"ab-\(name)\" hidden></p>\n"
                + "<p class=\"emulator\" id=\"emu-\(name)\" hidden></p>\n</article>\n"
        }
        body += "</div>\n</section>\n"
        body += "<footer>\n<p>\(esc(s("footer", ["version": version])))</p>\n</footer>\n"
        // The data verbatim, with "<" escaped so no string in it can close the script element.
        body += "<script type=\"application/json\" id=\"data\">\n" + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>\n"
        body += "<script>\nconst T = " + JSONText.object(t.mapValues { .string($0) }).rendered.replacingOccurrences(of: "<", with: "\\u003c")
            + script + "</script>\n"
        return document(title: s("title", ["scenario": scenario]), lang: lang, body: body)
    }

    /// The whole document around `body`, in language `lang`, with the reports' style sheet and
    /// this page's own rules.
    static func document(title: String, lang: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(esc(lang))">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(esc(title))</title>
        <style>\(ReportStyle.css)\(lang.hasPrefix("zh") ? ReportStyle.zhCSS : "")\(css)</style>
        </head>
        <body>
        <main>

        """ + body + "</main>\n</body>\n</html>\n"
    }

    static let css = """
.levers { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 8px 28px; }
.lever label { display: block; font-weight: 600; }
.lever .unit, .card h3 .unit { font-weight: 400; color: var(--muted); font-size: .9rem; }
.slider { display: flex; align-items: center; gap: 8px; }
.slider input { flex: 1; min-width: 0; height: 32px; accent-color: var(--accent); }
.slider .end { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
.lever-value { margin: 0 0 .5rem; }
.lever-value output { font-weight: 700; font-variant-numeric: tabular-nums; }
.settings { margin-top: .5rem; }
.setting { margin: .2rem 0; padding: 4px 10px; border-left: 4px solid var(--line); }
.setting.a { border-color: #0072B2; font-weight: 600; }
.setting.b { border-color: #E69F00; }
.setting.base { border-color: #999; color: var(--muted); }
.buttons button { font: inherit; padding: 6px 14px; margin: 4px 8px 4px 0; border: 1px solid var(--accent); border-radius: 6px; background: #fff; color: var(--accent); cursor: pointer; }
.buttons button:disabled { border-color: var(--line); color: var(--muted); cursor: default; }
.summary { font-size: 1.05rem; }
.cards.explore { grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr)); }
.card h3 { margin: .2rem 0 .4rem; font-size: 1.05rem; }
.strip { position: relative; margin: 4px 0 8px; }
.lane { position: relative; height: 12px; margin: 3px 0; background: #f4f4f4; }
.lane[hidden] { display: none; }
.lane span { position: absolute; top: 0; height: 100%; }
.lane .pi { top: 5px; height: 2px; }
.lane .ci { top: 2px; height: 8px; opacity: .55; }
.lane .mean { width: 3px; margin-left: -1px; }
.lane.base span { background: #888; }
.lane.a span { background: #0072B2; }
.lane.b span { background: #E69F00; }
table.ab { font-size: .85rem; }
table.ab th, table.ab td { padding: 2px 6px; white-space: nowrap; }
table.ab td { white-space: normal; }
table.ab th:nth-child(-n+2), table.ab td:nth-child(-n+2) { text-align: right; }
table.ab tbody th:first-child { text-align: left; }
table.ab thead th { white-space: normal; vertical-align: bottom; font-weight: 600; color: var(--muted); }
table.ab tr.a .mean { font-weight: 700; }
tr.a th { color: #0072B2; }
tr.b th { color: #B87400; }
table.ab .sub { color: var(--muted); font-size: .8rem; font-weight: 400; }
.ab-diff { margin: .3rem 0 0; font-weight: 600; }
.emulator { margin: .3rem 0 0; font-size: .85rem; background: #FFF4E0; border-left: 4px solid #E69F00; padding: 4px 8px; }
.interpolate { margin: .2rem 0 0; font-weight: 600; }
.interpolate input { width: 1.1rem; height: 1.1rem; vertical-align: -2px; accent-color: var(--accent); }
@media (max-width: 600px) {
  table.ab { font-size: .78rem; }
  table.ab th, table.ab td { padding: 2px 3px; }
}
@media print {
  .buttons { display: none; }
}

"""

    /// The page's script: reads the data block, fills the sliders' values, the settings and every
    /// output's numbers for A (the sliders' point), B (the pinned one) and the baseline.
    static let script = #"""
;
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('data').textContent);
  const L = D.levers, O = D.outputs;
  const byIndex = new Map(D.points.map(function (p) { return [p.index.join(','), p]; }));
  const sliders = L.map(function (_, k) { return document.getElementById('lever-' + k); });
  const $ = function (id) { return document.getElementById(id); };
  let pinned = null;

  function say(key, args) {
    return (T[key] || key).replace(/\{(\w+)\}/g, function (m, n) { return args && n in args ? args[n] : m; });
  }
  // As the other reports print numbers: 0 decimals from 100, 1 from 10, else 2; thousands grouped.
  function fmt(x) {
    if (x === null || x === undefined || !isFinite(x)) return '–';
    if (x === 0) return '0';
    const a = Math.abs(x);
    let t = x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
    if (t[0] === '-' && Number(t) === 0) t = t.slice(1);
    const negative = t[0] === '-';
    if (negative) t = t.slice(1);
    const parts = t.split('.');
    const whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + whole + (parts.length > 1 ? '.' + parts[1] : '');
  }
  // A difference with its sign, "+" only when it shows a digit other than 0.
  function signed(x) { const t = fmt(x); return x !== null && x > 0 && /[1-9]/.test(t) ? '+' + t : t; }
  function interval(pair) {
    if (!pair || pair[0] === null || pair[1] === null) return '–';
    return say('interval', { lo: fmt(pair[0]), hi: fmt(pair[1]) });
  }
  // A lever's value as the page's fixed text gives it: whole and grouped from 1,000, else 4 significant figures.
  function leverValue(x) {
    if (x === null || !isFinite(x)) return '–';
    return Math.abs(x) >= 1000 ? fmt(Math.round(x)) : String(Number(x.toPrecision(4)));
  }
  function assignments(values) {
    return L.map(function (l, k) { return say('assign', { path: l.path, value: leverValue(values[k]) }); }).join(', ');
  }
  function place(lane, s, scale) {
    const span = scale[1] - scale[0] || 1;
    const pct = function (x) { return Math.max(0, Math.min(100, 100 * (x - scale[0]) / span)); };
    const bar = function (el, pair) {
      if (!pair || pair[0] === null || pair[1] === null) { el.style.width = '0'; return; }
      el.style.left = pct(pair[0]) + '%';
      el.style.width = Math.max(0.5, pct(pair[1]) - pct(pair[0])) + '%';
    };
    bar(lane.querySelector('.pi'), s.pi90);
    bar(lane.querySelector('.ci'), s.ci95);
    const mean = lane.querySelector('.mean');
    if (s.mean === null) { mean.style.width = '0'; } else { mean.style.left = pct(s.mean) + '%'; mean.style.width = ''; }
  }
  function verdict(o, s) {
    const ci = s.difference_ci95;
    if (!ci || ci[0] === null || ci[1] === null || (ci[0] <= 0 && ci[1] >= 0)) return '';
    return (ci[0] > 0) === o.higher_is_better ? 'better' : 'worse';
  }
  function show(row, point) {
    O.forEach(function (o) {
      const s = point.outputs[o.name];
      $(row + '-mean-' + o.name).textContent = fmt(s.mean);
      $(row + '-ci-' + o.name).textContent = interval(s.ci95);
      $(row + '-pi-' + o.name).textContent = interval(s.pi90);
      if (row !== 'base') {
        const diff = $(row + '-diff-' + o.name);
        diff.textContent = signed(s.difference);
        const v = verdict(o, s);
        diff.className = v;
        diff.title = v ? T[v] : '';
        $(row + '-diffci-' + o.name).textContent = interval(s.difference_ci95);
      }
      place($(row + '-strip-' + o.name), s, o.scale);
    });
  }
  // With interpolation on, a slider moves in tenths of a step.
  const SUB = 10;
  const interpolate = $('interpolate');
  function positions() { return sliders.map(function (s) { return Number(s.value) / (interpolate.checked ? SUB : 1); }); }
  // The sliders' setting: a design point, or (interpolating) the multilinear blend of the
  // 2^levers design points around it, each number weighted alike.
  function current() {
    const u = positions();
    if (u.every(function (x) { return x === Math.round(x); })) return byIndex.get(u.join(','));
    const lower = u.map(function (x, k) { return Math.min(Math.floor(x), L[k].values.length - 2); });
    const t = u.map(function (x, k) { return x - lower[k]; });
    const corners = [];
    for (let c = 0; c < (1 << L.length); c++) {
      let w = 1;
      const index = [];
      for (let k = 0; k < L.length; k++) {
        const up = (c >> k) & 1;
        w *= up ? t[k] : 1 - t[k];
        index.push(lower[k] + up);
      }
      if (w > 0) corners.push([w, byIndex.get(index.join(','))]);
    }
    const blend = function (get) {
      let sum = 0;
      for (let i = 0; i < corners.length; i++) {
        const v = get(corners[i][1]);
        if (v === null || v === undefined) return null;
        sum += corners[i][0] * v;
      }
      return sum;
    };
    const outputs = {};
    O.forEach(function (o) {
      const s = {};
      ['mean', 'difference'].forEach(function (key) { s[key] = blend(function (p) { return p.outputs[o.name][key]; }); });
      ['ci95', 'pi90', 'difference_ci95'].forEach(function (key) {
        s[key] = [0, 1].map(function (i) { return blend(function (p) { return p.outputs[o.name][key][i]; }); });
      });
      outputs[o.name] = s;
    });
    const values = L.map(function (l, k) { return l.values[lower[k]] + t[k] * (l.values[lower[k] + 1] - l.values[lower[k]]); });
    return { point: null, values: values, outputs: outputs };
  }
  function settingText(p, exact, between) {
    return p.point === null ? say(between, { values: assignments(p.values) })
      : say(exact, { point: p.point + 1, points: D.points.length, values: assignments(p.values) });
  }
  function update() {
    const a = current();
    const u = positions();
    L.forEach(function (l, k) {
      const lo = Math.floor(u[k]), exact = u[k] === lo;
      const value = exact ? l.values[lo] : a.values[k];
      const args = { value: leverValue(value), unit: l.unit, step: lo + 1, steps: l.values.length, lo: lo + 1, hi: lo + 2 };
      $('lever-' + k + '-value').textContent = say(exact ? 'sliderText' : 'sliderTextBetween', args);
      sliders[k].setAttribute('aria-valuetext', say(exact ? 'sliderValueText' : 'sliderValueTextBetween', args));
    });
    $('setting-a').textContent = settingText(a, 'settingA', 'settingAInterpolated');
    const blended = a.point === null || (pinned !== null && pinned.point === null);
    O.forEach(function (o) {
      const e = o.interpolation, emu = $('emu-' + o.name);
      emu.hidden = !blended;
      emu.textContent = !e ? T.emulatorNone
        : say('emulator', { rms: fmt(e.rms_error), max: fmt(e.max_abs_error), n: e.n, hw: fmt(e.median_difference_ci95_half_width) });
    });
    show('a', a);
    const o = a.outputs;
    $('summary-a').textContent = say('summaryA', {
      safety: fmt(o.safety_score.mean), dsafety: signed(o.safety_score.difference),
      satisfaction: fmt(o.satisfaction_pct.mean), dsatisfaction: signed(o.satisfaction_pct.difference),
      cost: fmt(o.cost_total.mean), dcost: signed(o.cost_total.difference) });
    O.forEach(function (out) {
      const ab = $('ab-' + out.name);
      ab.hidden = pinned === null;
      if (pinned !== null) {
        const x = a.outputs[out.name].mean, y = pinned.outputs[out.name].mean;
        ab.textContent = say('aMinusB', { value: x === null || y === null ? '–' : signed(x - y) });
      }
    });
  }
  function pin(point) {
    pinned = point;
    document.querySelectorAll('tr.b, .lane.b').forEach(function (el) { el.hidden = point === null; });
    $('unpin').disabled = point === null;
    $('setting-b').textContent = point === null ? T.noB : settingText(point, 'settingB', 'settingBInterpolated');
    if (point !== null) show('b', point);
    update();
  }
  sliders.forEach(function (s) { s.addEventListener('input', update); s.addEventListener('change', update); });
  // Switching interpolation off moves each slider to its nearest design point.
  interpolate.addEventListener('change', function () {
    sliders.forEach(function (s, k) {
      const steps = L[k].values.length - 1;
      if (interpolate.checked) {
        const step = Number(s.value);
        s.max = String(steps * SUB);
        s.value = String(step * SUB);
      } else {
        const step = Math.round(Number(s.value) / SUB);
        s.value = String(step);
        s.max = String(steps);
      }
    });
    update();
  });
  $('pin').addEventListener('click', function () { pin(current()); });
  $('unpin').addEventListener('click', function () { pin(null); });
  $('setting-base').textContent = say('settingBaseline', { values: assignments(D.baseline.values) });
  show('base', D.baseline);
  pin(null);
})();

"""#
}
