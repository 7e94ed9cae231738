import Foundation
import GovSim
import GovSimIO

/// report.html: a run's results as one self-contained page (inline CSS and SVG, no script, no
/// network), drawn only from the data files in the results folder so it can be re-rendered
/// without re-running. The bytes depend only on those files.
public enum RunReport {
    /// A data file of the results folder is missing, unreadable or malformed.
    public struct DataError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The report's file name inside the results folder.
    public static let fileName = "report.html"

    /// The report of the run whose files are in `resultsFolder`.
    public static func html(resultsFolder: String) throws -> String {
        page(try RunData(folder: resultsFolder))
    }

    /// Writes report.html into `resultsFolder` atomically. Throws `DataError` when a data file is
    /// missing or malformed and `AtomicFile.WriteError` when the report cannot be written.
    public static func write(resultsFolder: String) throws {
        let text = try html(resultsFolder: resultsFolder)
        try AtomicFile.write(text, to: (resultsFolder as NSString).appendingPathComponent(fileName))
    }

    // MARK: - The page

    static func page(_ d: RunData) -> String {
        document(title: "govsim report: \(d.scenario)",
                 body: header(d) + headlines(d) + groups(d) + maps(d) + weekly(d) + years(d) + spread(d) + disputes(d) + incidents(d) + costs(d)
                     + metricTable(d) + resolved(d) + footer(d))
    }

    static func header(_ d: RunData) -> String {
        var facts = ["\(d.trials) trials × \(d.days) days", "seed \(d.seed)"]
        if let w = d.window { facts.append("outputs read over days \(w.from)–\(w.to - 1)") }
        if let r = d.residents { facts.append("~\(LinearScale.grouped(Double(r), decimals: 0)) residents per trial") }
        facts.append("govsim \(d.version)")
        var out = "<header>\n<p class=\"kicker\">govsim run report</p>\n<h1>\(esc(d.scenario))</h1>\n"
        if !d.description.isEmpty { out += "<p class=\"lead\">\(esc(d.description))</p>\n" }
        out += "<p class=\"facts\">\(esc(facts.joined(separator: " · ")))</p>\n"
        if let p = d.partial {
            out += "<p class=\"warn\"><strong>Partial run.</strong> The run was interrupted: \(p.finished) of \(p.requested) "
                + "trials finished, and everything below is computed from those alone.</p>\n"
        }
        return out + "</header>\n"
    }

    static func headlines(_ d: RunData) -> String {
        let safety = d[.safetyScore], satisfaction = d[.satisfactionPct]
        let horizon = d.window.map { "at the end of the window of days \($0.from)–\($0.to - 1)" } ?? "at the end of the \(d.days) days"
        let safetyText = safety.mean.isFinite
            ? "Residents' perceived safety \(horizon) averages \(v(safety.mean)) out of 100 over \(safety.n) trials. "
              + "The trials pin that average down to \(v(safety.lo))–\(v(safety.hi)) (95% confidence); one realisation "
              + "of the period ends between \(v(safety.pi90lo)) and \(v(safety.pi90hi)) nine times out of ten (90% predictive interval)."
            : "No trial defined a safety score."
        let satisfactionText = satisfaction.mean.isFinite
            ? "On average \(v(satisfaction.mean))% of residents are satisfied \(horizon) (95% confidence: "
              + "\(v(satisfaction.lo))–\(v(satisfaction.hi))%); nine times out of ten one realisation ends between "
              + "\(v(satisfaction.pi90lo))% and \(v(satisfaction.pi90hi))% (90% predictive interval)."
            : "No trial defined satisfaction."
        return "<section class=\"cards\" aria-label=\"Headline outputs\">\n"
            + card("Safety score", safety, unit: "/ 100", suffix: "", text: safetyText)
            + card("Satisfaction", satisfaction, unit: "% of residents", suffix: "%", text: satisfactionText)
            + "</section>\n"
    }

    static func card(_ title: String, _ s: RunData.Stat, unit: String, suffix: String, text: String) -> String {
        """
        <div class="card">
        <h2>\(esc(title))</h2>
        <p class="big">\(v(s.mean))<span class="unit"> \(esc(unit))</span></p>
        <dl>
        <dt>95% CI of the mean</dt><dd>\(range(s.lo, s.hi, suffix: suffix))</dd>
        <dt>90% predictive interval</dt><dd>\(range(s.pi90lo, s.pi90hi, suffix: suffix))</dd>
        </dl>
        <p>\(esc(text))</p>
        </div>

        """
    }

    static func weekly(_ d: RunData) -> String {
        let charts: [(String, String, Chart.Axis)] = [
            ("safety_score", "Safety score, week by week", Chart.Axis("safety score (points 0–100)")),
            ("satisfaction_pct", "Residents satisfied, week by week", Chart.Axis("satisfied (% of residents)", suffix: "%")),
            ("mean_happiness", "Mean happiness, week by week", Chart.Axis("happiness (points 0–100)")),
            ("mean_trust", "Mean trust in local governance, week by week", Chart.Axis("trust (points 0–100)")),
            ("disputes", "Disputes arising per week", Chart.Axis("disputes per week")),
            ("incidents", "Safety incidents per week", Chart.Axis("incidents per week")),
        ]
        // A scheduled policy's start (and end) is a vertical marker: weeks run from day 0, so a
        // policy from day d starts at week d / 7.
        var breaks: [Chart.Break] = []
        for s in d.schedules {
            let ramp = s.rampDays > 1 ? ", full by day \(s.startDay + s.rampDays - 1)" : ""
            breaks.append(Chart.Break(x: Double(s.startDay) / 7, label: "\(s.policy) from day \(s.startDay)\(ramp)"))
            if let end = s.endDay { breaks.append(Chart.Break(x: Double(end) / 7, label: "\(s.policy) ends day \(end)")) }
        }
        let scheduled = d.schedules.isEmpty ? "" : " Dashed vertical lines mark when a scheduled policy starts or ends "
            + "(days after warm-up; timeseries.csv gives its share of full effect week by week as the series policy_share:…)."
        var out = section("Week by week", note: "Each chart shows, for every week, the band 90% of trials fall in (5th to 95th "
                          + "percentile across trials), the median and the mean. The run records no quartiles, so there is no "
                          + "50% band. Scores are snapshots at the end of each week; disputes and incidents are counts over the week."
                          + scheduled)
        out += "<div class=\"charts\">\n"
        for (series, title, axis) in charts {
            out += figure(Chart.fan(d.weekly[series] ?? [], title: title, x: Chart.Axis("week"), y: axis, breaks: breaks))
        }
        return out + "</div>\n</section>\n"
    }

    /// A horizon over a year: the main outputs year by year (docs/model.md §11.1).
    static func years(_ d: RunData) -> String {
        guard !d.years.isEmpty else { return "" }
        let columns: [(String, Metric)] = [
            ("safety", .safetyScore), ("satisfied %", .satisfactionPct), ("disputes", .disputes), ("petitions", .petitions),
            ("incidents", .incidents), ("serious harm", .seriousHarm), ("response min (median)", .responseMinutesMedian),
            ("cost (yuan)", .costTotal),
        ]
        var out = section("Year by year", note: "Each year read as a window of its own: counts and costs are what happened in "
                          + "that year (they add up to the whole run's), scores are the state at the year's end; means over trials "
                          + "with the 95% confidence interval of the mean.")
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>year</th><th>days</th>"
            + columns.map { "<th>\(esc($0.0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for y in d.years {
            out += "<tr><td>\(y.year)</td><td>\(y.from)–\(y.to - 1)</td>"
            for (_, m) in columns {
                let s = y.metrics[m.name] ?? RunData.Stat()
                out += "<td>\(v(s.mean)) <small>(\(range(s.lo, s.hi)))</small></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</section>\n"
    }

    static func spread(_ d: RunData) -> String {
        var out = section("Spread across trials", note: "How the end-of-period scores vary from one simulated realisation to "
                          + "another: parameter uncertainty (values drawn per trial) and chance together.")
        out += "<div class=\"charts\">\n"
        out += figure(Chart.histogram(d.values(.safetyScore), title: "Safety score across trials",
                                      x: Chart.Axis("safety score at the end (points 0–100)")))
        out += figure(Chart.histogram(d.values(.satisfactionPct), title: "Satisfaction across trials",
                                      x: Chart.Axis("residents satisfied at the end (%)", suffix: "%")))
        return out + "</div>\n</section>\n"
    }

    static func disputes(_ d: RunData) -> String {
        let arisen = d.values(.disputes), reported = d.values(.disputesReported)
        let selfResolved = d.values(.selfResolved), resolutionPct = d.values(.resolutionPct)
        let unreportedOther = excess(excess(arisen, over: reported), over: selfResolved)
        // resolution_pct is undefined in a trial without reports: nothing was resolved there.
        let resolved = zip(reported, resolutionPct).map { $1.isNaN ? 0 : $0 * $1 / 100 }
        let unresolved = excess(reported, over: resolved)
        let rows = [
            Chart.Row("disputes arisen", [mean(reported), mean(selfResolved), mean(unreportedOther), 0, 0]),
            Chart.Row("disputes reported", [0, 0, 0, mean(resolved), mean(unresolved)]),
        ]
        let parts = ["reported", "not reported, settled by itself", "not reported, other",
                     "resolved (by mediation or petition)", "not resolved by the end"]
        var out = section("Where disputes went", note: nil)
        let shareReported = mean(arisen) > 0 ? " (\(v(100 * mean(reported) / mean(arisen)))%)" : ""
        var text = "On average \(v(mean(arisen))) disputes arose per trial and \(v(mean(reported)))\(shareReported) were "
            + "reported to the platform (reports are counted when made, so a few may concern disputes that arose earlier)."
        if d[.resolutionPct].mean.isFinite { text += " \(v(d[.resolutionPct].mean))% of reports were resolved." }
        if d[.mediationSuccessPct].mean.isFinite {
            text += " Mediation succeeded for \(v(d[.mediationSuccessPct].mean))% of the disputes it concluded."
        }
        out += "<p>\(esc(text))</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.breakdown(rows, parts: parts, layout: .stacked, title: "Disputes: reported or not, resolved or not",
                                      subtitle: "mean per trial over the counted days",
                                      value: Chart.Axis("disputes per trial")))
        let handling: [(String, Metric)] = [
            ("mediation attempts", .mediationAttempts), ("escalations to a higher tier", .escalations),
            ("misrouted by triage", .misrouted), ("petitions", .petitions), ("self-resolved (unreported)", .selfResolved),
            ("collective disputes", .collectiveDisputes), ("mass incidents", .massIncidents),
            ("mass incidents defused by visits", .massIncidentsPrevented), ("disputes averted by visits", .disputesAvertedByVisits),
        ]
        out += figure(Chart.bars(handling.map { bar($0.0, d[$0.1]) }, title: "How disputes were handled",
                                 subtitle: "counts per trial: bar = mean, whisker = range of 90% of trials",
                                 value: Chart.Axis("count per trial")))
        return out + "</div>\n</section>\n"
    }

    static func incidents(_ d: RunData) -> String {
        let happened = d.values(.incidents), recorded = d.values(.incidentsRecorded)
        let unrecorded = excess(happened, over: recorded)
        let rows = [
            Chart.Row("happened", [mean(recorded), mean(unrecorded), 0, 0, 0]),
            Chart.Row("prevented", [0, 0, mean(d.values(.preventedBySensors)), mean(d.values(.preventedByVolunteers)),
                                    mean(d.values(.preventedByResidents))]),
        ]
        let parts = ["recorded", "not recorded", "prevented: sensor warning", "prevented: volunteer patrol", "prevented: residents"]
        var out = section("Safety incidents: happened, prevented, recorded", note: nil)
        out += "<p>On average \(v(mean(happened))) incidents happened per trial and \(v(d[.incidentsPrevented].mean)) were "
            + "prevented in their precursor window. The authorities recorded \(v(mean(recorded))) of those that happened; "
            + "sensors and wearables also raised \(v(d[.alarmsFalse].mean)) false alarms beside \(v(d[.alarmsTrue].mean)) true ones.</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.breakdown(rows, parts: parts, layout: .stacked, title: "Incidents that happened and were prevented",
                                      subtitle: "mean per trial", value: Chart.Axis("incidents per trial")))
        let seen = [
            Chart.Row("disputes", [d[.disputes].mean, d[.disputesReported].mean]),
            Chart.Row("incidents", [d[.incidents].mean, d[.incidentsRecorded].mean]),
        ]
        out += figure(Chart.breakdown(seen, parts: ["what happened (the model's truth)", "what the authorities record"],
                                      layout: .grouped, title: "What the government sees beside what is true",
                                      subtitle: "mean per trial", value: Chart.Axis("count per trial")))
        let kinds: [(String, Metric)] = [
            ("public security", .publicSecurityIncidents), ("traffic accidents", .accidents), ("fires", .fires),
            ("elevator incidents", .elevatorIncidents), ("with serious harm (any kind)", .seriousHarm),
            ("elderly emergencies", .elderlyEmergencies), ("elderly emergencies prevented", .elderlyEmergenciesPrevented),
            ("elderly adverse events", .elderlyAdverseEvents),
        ]
        out += figure(Chart.bars(kinds.map { bar($0.0, d[$0.1]) }, title: "Incidents and elderly emergencies by kind",
                                 subtitle: "counts per trial: bar = mean, whisker = range of 90% of trials",
                                 value: Chart.Axis("count per trial")))
        return out + "</div>\n</section>\n"
    }

    /// Groups and estate types side by side (a district of several groups): the urban–rural gap
    /// at a glance.
    static func groups(_ d: RunData) -> String {
        guard !d.parts.isEmpty else { return "" }
        var out = section("Groups side by side", note: "Each cell group and each estate type, its outputs computed over its own cells: "
                          + "means over trials with the 95% confidence interval of the mean. Costs are district-wide and not split.")
        out += "<div class=\"charts\">\n"
        for (metric, title) in [(Metric.satisfactionPct, "Satisfaction by group"), (.safetyScore, "Safety score by group"),
                                (.responseMinutesMedian, "Median response by group")] {
            let bars = d.parts.compactMap { p -> Chart.Bar? in
                guard let s = p.metrics[metric.name] else { return nil }
                return bar(p.kind == "group" ? p.name : "\(p.name) (estate)", s)
            }
            out += figure(Chart.bars(bars, title: title, subtitle: "\(metric.unit): bar = mean, whisker = range of 90% of trials",
                                     value: Chart.Axis(metric.unit)))
        }
        let columns: [(String, Metric)] = [
            ("safety", .safetyScore), ("satisfied %", .satisfactionPct), ("elderly safety", .elderlySafetyScore),
            ("elderly satisfied %", .elderlySatisfactionPct), ("disputes", .disputes), ("petitions", .petitions),
            ("incidents", .incidents), ("response min (median)", .responseMinutesMedian),
            ("elderly adverse events", .elderlyAdverseEvents),
        ]
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>group</th><th>households</th><th>residents</th>"
            + columns.map { "<th>\(esc($0.0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for p in d.parts {
            out += "<tr><td>\(esc(p.kind == "group" ? p.name : "\(p.name) (estate)"))</td><td>\(v(p.households))</td><td>\(v(p.residents))</td>"
            for (_, m) in columns {
                let s = p.metrics[m.name] ?? RunData.Stat()
                out += "<td>\(v(s.mean)) <small>(\(range(s.lo, s.hi)))</small></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</div>\n</section>\n"
    }

    /// The main outputs per group on the district's map (a run whose scenario has
    /// `district.geometryFile`): one choropleth per output, a caption saying which groups have
    /// no outline and whether the groups differ beyond the noise.
    static func maps(_ d: RunData) -> String {
        let groups = d.parts.filter { $0.kind == "group" }
        guard let geometry = d.geometry, !groups.isEmpty else { return "" }
        var out = section("Maps", note: "Each group's mean over trials on the district's map (outlines from the scenario's "
                          + "geometry file, longitude and latitude drawn equirectangularly, north up). Hover over a group for "
                          + "its value and the 95% confidence interval of the mean; the colour bar states the range.")
        let missing = geometry.missing(groups.map(\.name))
        if !missing.isEmpty {
            out += "<p class=\"warn\">No outline in the geometry file for \(missing.count) of \(groups.count) groups, not drawn: "
                + "\(esc(missing.joined(separator: ", "))).</p>\n"
        }
        out += "<div class=\"charts\">\n"
        // (output, title, colour axis, the values it can take)
        let maps: [(Metric, String, Chart.Axis, ClosedRange<Double>)] = [
            (.safetyScore, "Safety score by group", Chart.Axis("safety score (points 0–100)"), 0...100),
            (.satisfactionPct, "Residents satisfied by group", Chart.Axis("satisfied (% of residents)", suffix: "%"), 0...100),
            (.responseMinutesMedian, "Median response by group", Chart.Axis("median response (minutes)"), 0...Double.infinity),
        ]
        for (metric, title, axis, limits) in maps {
            var values: [String: Chart.Estimate] = [:]
            for g in groups { if let s = g.metrics[metric.name] { values[g.name] = Chart.Estimate(s.mean, interval: Interval(lo: s.lo, hi: s.hi)) } }
            let domain = Chart.mapDomain(Array(values.values), limits: limits)
            var caption: String
            if let domain, domain.withinNoise {
                caption = "The groups' means (\(v(domain.lowest)) to \(v(domain.highest))) lie within the noise: every group's 95% "
                    + "interval overlaps every other's, so no two groups can be told apart. The colours span the intervals "
                    + "(\(v(domain.domain.lowerBound)) to \(v(domain.domain.upperBound)), within the output's possible values), not the "
                    + "means, and show no real difference."
            } else if let domain {
                caption = "Colours run from the lowest group mean (\(v(domain.lowest))) to the highest (\(v(domain.highest)))."
            } else {
                caption = "No group has a value of this output."
            }
            if metric == .responseMinutesMedian { caption += " Lower is better." }
            out += "<figure>\n" + Chart.choropleth(geometry, values: values, title: title, subtitle: "\(metric.unit), mean over trials per group",
                                                     value: axis, limits: limits) + "<figcaption>\(esc(caption))</figcaption>\n</figure>\n"
        }
        return out + "</div>\n</section>\n"
    }

    static func costs(_ d: RunData) -> String {
        let items: [(String, Metric)] = [
            ("mediation", .costMediation), ("purchased services", .costServices), ("sensors", .costSensors),
            ("elderly care", .costElderlyCare), ("volunteers", .costVolunteers), ("council", .costCouncil),
            ("preventive visits", .costVisits), ("emergency response", .costResponse),
        ]
        var out = section("Cost by item", note: nil)
        out += "<p>The policies cost \(v(d[.costTotal].mean)) yuan per trial over the counted days on average "
            + "(90% of trials: \(v(d[.costTotal].p05))–\(v(d[.costTotal].p95))), that is \(v(d[.costPerResident].mean)) "
            + "yuan per resident.</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.bars(items.map { bar($0.0, d[$0.1]) }, title: "Cost by item",
                                 subtitle: "yuan per trial: bar = mean, whisker = range of 90% of trials",
                                 value: Chart.Axis("yuan per trial over the counted days")))
        let total = d[.costTotal].mean
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>item</th><th>mean (yuan)</th><th>share</th>"
            + "<th>90% of trials (yuan)</th></tr></thead>\n<tbody>\n"
        for (label, metric) in items + [("total", .costTotal)] {
            let s = d[metric]
            let share = total > 0 && s.mean.isFinite ? v(100 * s.mean / total) + "%" : "–"
            out += "<tr><td>\(esc(label))</td><td>\(v(s.mean))</td><td>\(share)</td><td>\(range(s.p05, s.p95))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</div>\n</section>\n"
    }

    static func metricTable(_ d: RunData) -> String {
        var out = section("Every output", note: "Mean over trials; the 95% confidence interval of that mean (how precisely the "
                          + "trials pin the average down: it narrows with more trials); the 90% predictive interval (where one "
                          + "more realisation of the district would land, \(uncertaintyText(d))): it does not narrow with more "
                          + "trials; and n, the trials in which the output is defined.")
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>output</th><th>unit</th><th>mean</th><th>95% CI of mean</th>"
            + "<th>90% predictive interval</th><th>n</th></tr></thead>\n<tbody>\n"
        for name in d.metricNames {
            let s = d.metrics[name]!
            out += "<tr><td><code>\(esc(name))</code></td><td>\(esc(s.unit))</td><td>\(v(s.mean))</td>"
                + "<td>\(range(s.lo, s.hi))</td><td>\(range(s.pi90lo, s.pi90hi))</td><td>\(s.n)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</section>\n"
    }

    /// What the predictive intervals hold, in words.
    static func uncertaintyText(_ d: RunData) -> String {
        switch d.uncertainty {
        case "priors": return "over chance and the uncertainty of \(d.parametersDrawn) parameters drawn from their priors (docs/evidence.md)"
        case "fixed": return d.parametersDrawn > 0
            ? "over chance and \(d.parametersDrawn) parameters the scenario gives as distributions; the shipped priors were off (--fixed), so it understates the uncertainty"
            : "over chance alone: parameters were fixed (--fixed), so it understates the uncertainty"
        default: return "over chance and the parameters the scenario gives as distributions"
        }
    }

    static func resolved(_ d: RunData) -> String {
        section("The scenario as run", note: "Every parameter with its default filled in; running this file reproduces the run.")
            + "<details>\n<summary><code>scenario.resolved.json5</code></summary>\n<pre>\(esc(d.resolvedScenario))</pre>\n</details>\n"
            + "</section>\n"
    }

    static func footer(_ d: RunData) -> String {
        "<footer>\n<p>Drawn by govsim \(esc(d.version)) from the data files in this folder (summary.json, trials.csv, "
            + "timeseries.csv, scenario.resolved.json5, manifest.json\(d.geometry == nil ? "" : ", " + DistrictGeometry.fileName)); <code>govsim report FOLDER</code> draws it again. "
            + "The run started \(esc(d.started)) on \(esc(d.platform)): <code class=\"command\">\(esc(d.command))</code></p>\n</footer>\n"
    }

    // MARK: - Pieces

    static func bar(_ label: String, _ s: RunData.Stat) -> Chart.Bar {
        Chart.Bar(label, s.mean, interval: Interval(lo: s.p05, hi: s.p95))
    }

    /// The mean of the defined values; NaN when none is.
    static func mean(_ values: [Double]) -> Double {
        let defined = values.filter(\.isFinite)
        return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
    }

    /// Per trial, `a − b` floored at 0 (NaN where either is undefined).
    static func excess(_ a: [Double], over b: [Double]) -> [Double] {
        zip(a, b).map { $0.isNaN || $1.isNaN ? .nan : max(0, $0 - $1) }
    }
}

extension RunReport: ReportPage {}
