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

    /// The report of the run whose files are in `resultsFolder` (as `ReportKind.run.html`).
    public static func html(resultsFolder: String, language: Language = Language.current) throws -> String {
        try ReportKind.run.html(resultsFolder: resultsFolder, language: language)
    }

    /// The page for the files in `folder`, in the current language (what `ReportKind` draws).
    static func html(folder: String) throws -> String { page(try RunData(folder: folder)) }

    /// Writes report.html into `resultsFolder` atomically (as `ReportKind.run.write`). Throws
    /// `DataError` when a data file is missing or malformed and `AtomicFile.WriteError` when the
    /// report cannot be written.
    public static func write(resultsFolder: String, language: Language = Language.current) throws {
        try ReportKind.run.write(resultsFolder: resultsFolder, language: language)
    }

    // MARK: - The page

    static func page(_ d: RunData) -> String {
        document(title: tr("govsim report: ") + d.scenario,
                 body: header(d) + headlines(d) + groups(d) + maps(d) + weekly(d) + years(d) + spread(d) + disputes(d) + incidents(d) + costs(d)
                     + metricTable(d) + resolved(d) + footer(d))
    }

    static func header(_ d: RunData) -> String {
        var facts = [Catalogue.trialsByDays(d.trials, d.days), tr("seed ") + d.seed]
        if let w = d.window { facts.append(Catalogue.outputsReadOverDays(w.from, w.to - 1)) }
        if let r = d.residents { facts.append(Catalogue.residentsPerTrial(LinearScale.grouped(Double(r), decimals: 0))) }
        facts.append("govsim \(d.version)")
        return pageHeader(kicker: tr("govsim run report"), title: d.scenario, lead: d.description, facts: facts,
                          markedWarnings: d.partial.map { [Catalogue.partialRun($0.finished, $0.requested)] } ?? [])
    }

    static func headlines(_ d: RunData) -> String {
        let safety = d[.safetyScore], satisfaction = d[.satisfactionPct]
        let horizon = d.window.map { Catalogue.atEndOfWindow($0.from, $0.to - 1) } ?? Catalogue.atEndOfDays(d.days)
        let safetyText = safety.mean.isFinite
            ? Catalogue.safetyCard(horizon: horizon, mean: v(safety.mean), n: safety.n, lo: v(safety.ci95.lo), hi: v(safety.ci95.hi),
                                   pi90lo: v(safety.pi90.lo), pi90hi: v(safety.pi90.hi))
            : tr("No trial defined a safety score.")
        let satisfactionText = satisfaction.mean.isFinite
            ? Catalogue.satisfactionCard(horizon: horizon, mean: v(satisfaction.mean), lo: v(satisfaction.ci95.lo), hi: v(satisfaction.ci95.hi),
                                         pi90lo: v(satisfaction.pi90.lo), pi90hi: v(satisfaction.pi90.hi))
            : tr("No trial defined satisfaction.")
        return "<section class=\"cards\" aria-label=\"\(tr("Headline outputs"))\">\n"
            + card(tr("Safety score"), safety, unit: tr("/ 100"), suffix: "", text: safetyText)
            + card(tr("Satisfaction"), satisfaction, unit: tr("% of residents"), suffix: "%", text: satisfactionText)
            + "</section>\n"
    }

    static func card(_ title: String, _ s: RunData.Stat, unit: String, suffix: String, text: String) -> String {
        """
        <div class="card">
        <h2>\(esc(title))</h2>
        <p class="big">\(v(s.mean))<span class="unit"> \(esc(unit))</span></p>
        <dl>
        <dt>\(tr("95% CI of the mean"))</dt><dd>\(range(s.ci95.lo, s.ci95.hi, suffix: suffix))</dd>
        <dt>\(tr("90% predictive interval"))</dt><dd>\(range(s.pi90.lo, s.pi90.hi, suffix: suffix))</dd>
        </dl>
        <p>\(esc(text))</p>
        </div>

        """
    }

    static func weekly(_ d: RunData) -> String {
        let charts: [(String, String, Chart.Axis)] = [
            ("safety_score", tr("Safety score, week by week"), Chart.Axis(tr("safety score (points 0–100)"))),
            ("satisfaction_pct", tr("Residents satisfied, week by week"), Chart.Axis(tr("satisfied (% of residents)"), suffix: "%")),
            ("mean_happiness", tr("Mean happiness, week by week"), Chart.Axis(tr("happiness (points 0–100)"))),
            ("mean_trust", tr("Mean trust in local governance, week by week"), Chart.Axis(tr("trust (points 0–100)"))),
            ("disputes", tr("Disputes arising per week"), Chart.Axis(tr("disputes per week"))),
            ("incidents", tr("Safety incidents per week"), Chart.Axis(tr("incidents per week"))),
        ]
        // A scheduled policy's start (and end) is a vertical marker: weeks run from day 0, so a
        // policy from day d starts at week d / 7.
        var breaks: [Chart.Break] = []
        for s in d.schedules {
            let ramp = s.rampDays > 1 ? Catalogue.fullByDay(s.startDay + s.rampDays - 1) : ""
            breaks.append(Chart.Break(x: Double(s.startDay) / 7, label: Catalogue.policyFromDay(s.policy, s.startDay) + ramp))
            if let end = s.endDay { breaks.append(Chart.Break(x: Double(end) / 7, label: Catalogue.policyEndsDay(s.policy, end))) }
        }
        let scheduled = d.schedules.isEmpty ? "" : tr(" Dashed vertical lines mark when a scheduled policy starts or ends "
            + "(days after warm-up; timeseries.csv gives its share of full effect week by week as the series policy_share:…).")
        var out = section(tr("Week by week"), note: tr("Each chart shows, for every week, the band 90% of trials fall in (5th to 95th "
                          + "percentile across trials), the median and the mean. The run records no quartiles, so there is no "
                          + "50% band. Scores are snapshots at the end of each week; disputes and incidents are counts over the week.")
                          + scheduled)
        out += "<div class=\"charts\">\n"
        for (series, title, axis) in charts {
            out += figure(Chart.fan(d.weekly[series] ?? [], title: title, x: Chart.Axis(tr("week")), y: axis, breaks: breaks))
        }
        return out + "</div>\n</section>\n"
    }

    /// A horizon over a year: the main outputs year by year (docs/model.md §11.1).
    static func years(_ d: RunData) -> String {
        guard !d.years.isEmpty else { return "" }
        let columns: [(String, Metric)] = [
            (tr("safety"), .safetyScore), (tr("satisfied %"), .satisfactionPct), (tr("disputes"), .disputes), (tr("petitions"), .petitions),
            (tr("incidents"), .incidents), (tr("serious harm"), .seriousHarm), (tr("response min (median)"), .responseMinutesMedian),
            (tr("cost (yuan)"), .costTotal),
        ]
        var out = section(tr("Year by year"), note: tr("Each year read as a window of its own: counts and costs are what happened in "
                          + "that year (they add up to the whole run's), scores are the state at the year's end; means over trials "
                          + "with the 95% confidence interval of the mean."))
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>\(tr("year"))</th><th>\(tr("days"))</th>"
            + columns.map { "<th>\(esc($0.0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for y in d.years {
            out += "<tr><td>\(y.year)</td><td>\(y.from)–\(y.to - 1)</td>"
            for (_, m) in columns {
                let s = y.metrics[m.name] ?? RunData.Stat()
                out += "<td>\(v(s.mean)) <small>(\(range(s.ci95.lo, s.ci95.hi)))</small></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</section>\n"
    }

    static func spread(_ d: RunData) -> String {
        var out = section(tr("Spread across trials"), note: tr("How the end-of-period scores vary from one simulated realisation to "
                          + "another: parameter uncertainty (values drawn per trial) and chance together."))
        out += "<div class=\"charts\">\n"
        out += figure(Chart.histogram(d.values(.safetyScore), title: tr("Safety score across trials"),
                                      x: Chart.Axis(tr("safety score at the end (points 0–100)"))))
        out += figure(Chart.histogram(d.values(.satisfactionPct), title: tr("Satisfaction across trials"),
                                      x: Chart.Axis(tr("residents satisfied at the end (%)"), suffix: "%")))
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
            Chart.Row(tr("disputes arisen"), [mean(reported), mean(selfResolved), mean(unreportedOther), 0, 0]),
            Chart.Row(tr("disputes reported"), [0, 0, 0, mean(resolved), mean(unresolved)]),
        ]
        let parts = ["reported", "not reported, settled by itself", "not reported, other",
                     "resolved (by mediation or petition)", "not resolved by the end"].map(tr)
        var out = section(tr("Where disputes went"), note: nil)
        let shareReported = mean(arisen) > 0 ? Catalogue.inParentheses("\(v(100 * mean(reported) / mean(arisen)))%") : ""
        var text = Catalogue.disputesArose(v(mean(arisen)), v(mean(reported)), shareReported)
        if d[.resolutionPct].mean.isFinite { text += Catalogue.reportsResolved(v(d[.resolutionPct].mean)) }
        if d[.mediationSuccessPct].mean.isFinite {
            text += Catalogue.mediationSucceeded(v(d[.mediationSuccessPct].mean))
        }
        out += "<p>\(esc(text))</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.breakdown(rows, parts: parts, layout: .stacked, title: tr("Disputes: reported or not, resolved or not"),
                                      subtitle: tr("mean per trial over the counted days"),
                                      value: Chart.Axis(tr("disputes per trial"))))
        let handling: [(String, Metric)] = [
            ("mediation attempts", .mediationAttempts), ("escalations to a higher tier", .escalations),
            ("misrouted by triage", .misrouted), ("petitions", .petitions), ("self-resolved (unreported)", .selfResolved),
            ("collective disputes", .collectiveDisputes), ("mass incidents", .massIncidents),
            ("mass incidents defused by visits", .massIncidentsPrevented), ("disputes averted by visits", .disputesAvertedByVisits),
        ]
        out += figure(Chart.bars(handling.map { bar(tr($0.0), d[$0.1]) }, title: tr("How disputes were handled"),
                                 subtitle: tr("counts per trial: bar = mean, whisker = range of 90% of trials"),
                                 value: Chart.Axis(tr("count per trial"))))
        return out + "</div>\n</section>\n"
    }

    static func incidents(_ d: RunData) -> String {
        let happened = d.values(.incidents), recorded = d.values(.incidentsRecorded)
        let unrecorded = excess(happened, over: recorded)
        let rows = [
            Chart.Row(tr("happened"), [mean(recorded), mean(unrecorded), 0, 0, 0]),
            Chart.Row(tr("prevented"), [0, 0, mean(d.values(.preventedBySensors)), mean(d.values(.preventedByVolunteers)),
                                    mean(d.values(.preventedByResidents))]),
        ]
        let parts = ["recorded", "not recorded", "prevented: sensor warning", "prevented: volunteer patrol", "prevented: residents"].map(tr)
        var out = section(tr("Safety incidents: happened, prevented, recorded"), note: nil)
        out += "<p>" + Catalogue.incidentsHappened(v(mean(happened)), prevented: v(d[.incidentsPrevented].mean), recorded: v(mean(recorded)),
                                                   falseAlarms: v(d[.alarmsFalse].mean), trueAlarms: v(d[.alarmsTrue].mean)) + "</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.breakdown(rows, parts: parts, layout: .stacked, title: tr("Incidents that happened and were prevented"),
                                      subtitle: tr("mean per trial"), value: Chart.Axis(tr("incidents per trial"))))
        let seen = [
            Chart.Row(tr("disputes"), [d[.disputes].mean, d[.disputesReported].mean]),
            Chart.Row(tr("incidents"), [d[.incidents].mean, d[.incidentsRecorded].mean]),
        ]
        out += figure(Chart.breakdown(seen, parts: ["what happened (the model's truth)", "what the authorities record"].map(tr),
                                      layout: .grouped, title: tr("What the government sees beside what is true"),
                                      subtitle: tr("mean per trial"), value: Chart.Axis(tr("count per trial"))))
        let kinds: [(String, Metric)] = [
            ("public security", .publicSecurityIncidents), ("traffic accidents", .accidents), ("fires", .fires),
            ("elevator incidents", .elevatorIncidents), ("with serious harm (any kind)", .seriousHarm),
            ("elderly emergencies", .elderlyEmergencies), ("elderly emergencies prevented", .elderlyEmergenciesPrevented),
            ("elderly adverse events", .elderlyAdverseEvents),
        ]
        out += figure(Chart.bars(kinds.map { bar(tr($0.0), d[$0.1]) }, title: tr("Incidents and elderly emergencies by kind"),
                                 subtitle: tr("counts per trial: bar = mean, whisker = range of 90% of trials"),
                                 value: Chart.Axis(tr("count per trial"))))
        return out + "</div>\n</section>\n"
    }

    /// Groups and estate types side by side (a district of several groups): the urban–rural gap
    /// at a glance.
    static func groups(_ d: RunData) -> String {
        guard !d.parts.isEmpty else { return "" }
        var out = section(tr("Groups side by side"), note: tr("Each cell group and each estate type, its outputs computed over its own cells: "
                          + "means over trials with the 95% confidence interval of the mean. Costs are district-wide and not split."))
        out += "<div class=\"charts\">\n"
        for (metric, title) in [(Metric.satisfactionPct, tr("Satisfaction by group")), (.safetyScore, tr("Safety score by group")),
                                (.responseMinutesMedian, tr("Median response by group"))] {
            let bars = d.parts.compactMap { p -> Chart.Bar? in
                guard let s = p.metrics[metric.name] else { return nil }
                return bar(p.kind == "group" ? p.name : p.name + tr(" (estate)"), s)
            }
            out += figure(Chart.bars(bars, title: title, subtitle: Catalogue.unit(metric.unit) + tr(": bar = mean, whisker = range of 90% of trials"),
                                     value: Chart.Axis(Catalogue.unit(metric.unit))))
        }
        let columns: [(String, Metric)] = ([
            ("safety", .safetyScore), ("satisfied %", .satisfactionPct), ("elderly safety", .elderlySafetyScore),
            ("elderly satisfied %", .elderlySatisfactionPct), ("disputes", .disputes), ("petitions", .petitions),
            ("incidents", .incidents), ("response min (median)", .responseMinutesMedian),
            ("elderly adverse events", .elderlyAdverseEvents),
        ] as [(String, Metric)]).map { (tr($0.0), $0.1) }
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>\(tr("group"))</th><th>\(tr("households"))</th><th>\(tr("residents"))</th>"
            + columns.map { "<th>\(esc($0.0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for p in d.parts {
            out += "<tr><td>\(esc(p.kind == "group" ? p.name : p.name + tr(" (estate)")))</td><td>\(v(p.households))</td><td>\(v(p.residents))</td>"
            for (_, m) in columns {
                let s = p.metrics[m.name] ?? RunData.Stat()
                out += "<td>\(v(s.mean)) <small>(\(range(s.ci95.lo, s.ci95.hi)))</small></td>"
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
        var out = section(tr("Maps"), note: tr("Each group's mean over trials on the district's map (outlines from the scenario's "
                          + "geometry file, longitude and latitude drawn equirectangularly, north up). Hover over a group for "
                          + "its value and the 95% confidence interval of the mean; the colour bar states the range."))
        let missing = geometry.missing(groups.map(\.name))
        if !missing.isEmpty {
            out += "<p class=\"warn\">" + Catalogue.noOutline(missing.count, groups.count, esc(missing.joined(separator: ", "))) + "</p>\n"
        }
        out += "<div class=\"charts\">\n"
        // (output, title, colour axis, the values it can take)
        let maps: [(Metric, String, Chart.Axis, ClosedRange<Double>)] = [
            (.safetyScore, tr("Safety score by group"), Chart.Axis(tr("safety score (points 0–100)")), 0...100),
            (.satisfactionPct, tr("Residents satisfied by group"), Chart.Axis(tr("satisfied (% of residents)"), suffix: "%"), 0...100),
            (.responseMinutesMedian, tr("Median response by group"), Chart.Axis(tr("median response (minutes)")), 0...Double.infinity),
        ]
        for (metric, title, axis, limits) in maps {
            var values: [String: Chart.Estimate] = [:]
            for g in groups { if let s = g.metrics[metric.name] { values[g.name] = Chart.Estimate(s.mean, interval: s.ci95) } }
            let domain = Chart.mapDomain(Array(values.values), limits: limits)
            var caption: String
            if let domain, domain.withinNoise {
                caption = Catalogue.mapWithinNoise(v(domain.lowest), v(domain.highest), v(domain.domain.lowerBound), v(domain.domain.upperBound))
            } else if let domain {
                caption = Catalogue.mapColoursRun(v(domain.lowest), v(domain.highest))
            } else {
                caption = tr("No group has a value of this output.")
            }
            if metric == .responseMinutesMedian { caption += tr(" Lower is better.") }
            out += "<figure>\n" + Chart.choropleth(geometry, values: values, title: title, subtitle: Catalogue.unit(metric.unit) + tr(", mean over trials per group"),
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
        var out = section(tr("Cost by item"), note: nil)
        out += "<p>" + Catalogue.policiesCost(v(d[.costTotal].mean), v(d[.costTotal].p05), v(d[.costTotal].p95), v(d[.costPerResident].mean)) + "</p>\n"
        out += "<div class=\"charts\">\n"
        out += figure(Chart.bars(items.map { bar(tr($0.0), d[$0.1]) }, title: tr("Cost by item"),
                                 subtitle: tr("yuan per trial: bar = mean, whisker = range of 90% of trials"),
                                 value: Chart.Axis(tr("yuan per trial over the counted days"))))
        let total = d[.costTotal].mean
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>\(tr("item"))</th><th>\(tr("mean (yuan)"))</th><th>\(tr("share"))</th>"
            + "<th>\(tr("90% of trials (yuan)"))</th></tr></thead>\n<tbody>\n"
        for (label, metric) in items + [("total", .costTotal)] {
            let s = d[metric]
            let share = total > 0 && s.mean.isFinite ? v(100 * s.mean / total) + "%" : "–"
            out += "<tr><td>\(esc(tr(label)))</td><td>\(v(s.mean))</td><td>\(share)</td><td>\(range(s.p05, s.p95))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</div>\n</section>\n"
    }

    static func metricTable(_ d: RunData) -> String {
        var out = section(tr("Every output"), note: Catalogue.everyOutputNote(uncertaintyText(d)))
        out += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>\(tr("output"))</th><th>\(tr("unit"))</th><th>\(tr("mean"))</th><th>\(tr("95% CI of mean"))</th>"
            + "<th>\(tr("90% predictive interval"))</th><th>n</th></tr></thead>\n<tbody>\n"
        for name in d.metricNames {
            let s = d.metrics[name]!
            out += "<tr><td>\(metricCell(name))</td><td>\(esc(Catalogue.unit(s.unit)))</td><td>\(v(s.mean))</td>"
                + "<td>\(range(s.ci95.lo, s.ci95.hi))</td><td>\(range(s.pi90.lo, s.pi90.hi))</td><td>\(s.n)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</section>\n"
    }

    /// What the predictive intervals hold, in words.
    static func uncertaintyText(_ d: RunData) -> String {
        switch d.uncertainty {
        case "priors": return Catalogue.overPriors(d.parametersDrawn)
        case "fixed": return d.parametersDrawn > 0
            ? Catalogue.overFixedDistributions(d.parametersDrawn)
            : tr("over chance alone: parameters were fixed (--fixed), so it understates the uncertainty")
        default: return tr("over chance and the parameters the scenario gives as distributions")
        }
    }

    static func resolved(_ d: RunData) -> String {
        section(tr("The scenario as run"), note: tr("Every parameter with its default filled in; running this file reproduces the run."))
            + "<details>\n<summary><code>scenario.resolved.json5</code></summary>\n<pre>\(esc(d.resolvedScenario))</pre>\n</details>\n"
            + "</section>\n"
    }

    static func footer(_ d: RunData) -> String {
        pageFooter(version: d.version, files: RunData.files + (d.geometry == nil ? [] : [DistrictGeometry.fileName]),
                   more: " " + Catalogue.runStarted(esc(d.started), esc(d.platform)) + "<code class=\"command\">\(esc(d.command))</code>")
    }

    // MARK: - Pieces

    /// An output's cell in a table: its key as code, in Chinese after its name.
    static func metricCell(_ name: String) -> String {
        guard Language.current != .en, let m = Metric(name: name) else { return "<code>\(esc(name))</code>" }
        return "\(esc(m.displayName)) <code>\(esc(name))</code>"
    }

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
