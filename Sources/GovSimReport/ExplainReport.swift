import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim explain`, drawn from explain.json alone: a waterfall per headline
/// output (the baseline, each lever's Shapley share, the policy), the levers' effects alone,
/// Shapley and leave-one-out with their intervals, and the mechanism outputs each lever moves.
enum ExplainReport: ReportPage {
    static let files = [ExplainFile.fileName]

    /// The outputs drawn as waterfalls.
    static let waterfallMetrics: [Metric] = [.safetyScore, .satisfactionPct, .costTotal]
    /// The outputs given a table of every measure.
    static let tableMetrics: [Metric] = [.safetyScore, .satisfactionPct, .meanTrust, .disputes, .petitions, .incidents,
                                         .elderlyAdverseEvents, .responseMinutesMedian, .costTotal]

    struct Effect {
        var mean = Double.nan
        var ci = Interval(lo: .nan, hi: .nan)
        var n = 0
        var samplingSE = Double.nan

        init() {}
        init(_ e: ExplainFile.Estimate) {
            (mean, ci, n, samplingSE) = (e.mean, e.ci95, e.n ?? 0, e.samplingSE ?? .nan)
        }
    }

    struct Lever {
        var path: String, from: String, to: String
        var shapley: [Metric: Effect], alone: [Metric: Effect], leaveOneOut: [Metric: Effect]
    }

    struct Data {
        var baseline: String, policy: String, seed: String, version: String, method: String
        var days: Int, trials: Int, coalitions: Int, orders: Int
        var levers: [Lever]
        var total: [Metric: Effect], baselineMean: [Metric: Double], policyMean: [Metric: Double]
        var interaction: [Metric: Effect]
        var pathways: [(output: Metric, through: [Metric])]
        var ignored: [String]

        init(folder: String) throws(RunReport.DataError) {
            let file = try DataFolder(path: folder, writer: "govsim explain").read(ExplainFile.fileName, ExplainFile.init(text:))
            baseline = file.baseline ?? "baseline"
            policy = file.policy ?? "policy"
            seed = file.seed ?? "–"
            version = file.version ?? "–"
            method = file.method ?? "exact"
            days = file.days ?? 0
            trials = file.trials ?? 0
            coalitions = file.coalitions ?? 0
            orders = file.orders ?? 0
            /// The outputs this govsim knows, by metric (an output of a newer govsim is left out).
            func byMetric<T>(_ entries: [String: T]) -> [Metric: T] {
                var out: [Metric: T] = [:]
                for m in Metric.allCases { if let e = entries[m.name] { out[m] = e } }
                return out
            }
            func effects(_ entries: [String: ExplainFile.Estimate]) -> [Metric: Effect] { byMetric(entries).mapValues(Effect.init) }
            levers = file.levers.map { l in
                Lever(path: l.path ?? "?", from: l.from ?? "", to: l.to ?? "",
                      shapley: effects(l.shapley), alone: effects(l.alone), leaveOneOut: effects(l.leaveOneOut))
            }
            let totals = byMetric(file.total)
            total = totals.mapValues { Effect($0.estimate) }
            baselineMean = totals.mapValues(\.baselineMean)
            policyMean = totals.mapValues(\.policyMean)
            interaction = effects(file.interaction)
            pathways = file.pathways.compactMap { p in
                guard let output = p.output.flatMap(Metric.init(name:)) else { return nil }
                return (output, p.through.compactMap(Metric.init(name:)))
            }
            ignored = file.ignored ?? []
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: Catalogue.Explain.documentTitle(d.policy),
                 body: header(d) + waterfalls(d) + measures(d) + pathways(d) + reading(d) + pageFooter(version: d.version, files: files))
    }

    /// The lever that contributes most to `m` the better way, if any does.
    static func leading(_ d: Data, _ m: Metric) -> Lever? {
        d.levers.filter { ($0.shapley[m]?.mean ?? .nan).isFinite }
            .max { a, b in (m.higherIsBetter ? 1 : -1) * a.shapley[m]!.mean < (m.higherIsBetter ? 1 : -1) * b.shapley[m]!.mean }
    }

    static func header(_ d: Data) -> String {
        let method = d.method == "exact" ? Catalogue.Explain.exact(d.coalitions) : Catalogue.Explain.sampled(d.orders, d.coalitions)
        var lead = Catalogue.Explain.changes(d.policy, d.levers.count, d.baseline)
        for m in [Metric.safetyScore, .satisfactionPct] {
            guard let t = d.total[m], t.mean.isFinite else { continue }
            lead += Catalogue.Explain.totalEffect(label(m), signed(t.mean), signed(t.ci.lo), signed(t.ci.hi))
            if let lever = leading(d, m), let s = lever.shapley[m], (s.mean > 0) == m.higherIsBetter, s.mean != 0 {
                lead += Catalogue.Explain.mostFrom(lever.path, signed(s.mean))
            }
            lead += Catalogue.Explain.sentenceEnd
        }
        var warnings = d.ignored.map { Catalogue.Explain.notALever($0) }
        if d.levers.isEmpty { warnings.append(Catalogue.Explain.nothingToExplain) }
        return pageHeader(kicker: Catalogue.Explain.kicker, title: Catalogue.Explain.title(d.policy), lead: lead,
                          facts: [Catalogue.Explain.pairedTrials(d.trials, d.days), tr("seed ") + d.seed, method, "govsim \(d.version)"],
                          warnings: warnings)
    }

    /// An output as the page names it: its key in English, its Chinese name in Chinese.
    static func label(_ m: Metric) -> String { Language.current == .en ? m.name : m.displayName }

    static func axisTitle(_ m: Metric) -> String { pick("\(m.name) (\(m.unit))", "\(m.displayName)（\(Catalogue.unit(m.unit))）") }

    static func waterfalls(_ d: Data) -> String {
        var out = section(Catalogue.Explain.waterfallsHeading, note: Catalogue.Explain.waterfallsNote)
        out += "<div class=\"charts\">\n"
        for m in waterfallMetrics {
            let steps = d.levers.map { l -> (label: String, estimate: Chart.Estimate) in
                let s = l.shapley[m] ?? Effect()
                return (l.path, Chart.Estimate(s.mean, interval: s.ci, note: Catalogue.Explain.undefinedInSomeTrials))
            }
            out += figure(Chart.waterfall(start: (Catalogue.Explain.baselineRow(d.baseline), d.baselineMean[m] ?? .nan), steps: steps,
                                          end: (Catalogue.Explain.policyRow(d.policy), d.policyMean[m] ?? .nan), higherIsBetter: m.higherIsBetter,
                                          title: Catalogue.Explain.waterfallTitle(label(m), d.baseline, d.policy),
                                          subtitle: Catalogue.Explain.waterfallSubtitle(higherIsBetter: m.higherIsBetter),
                                          value: Chart.Axis(axisTitle(m)), intervalName: tr("95% CI"),
                                          betterName: Catalogue.Explain.better, worseName: Catalogue.Explain.worse))
        }
        return out + "</div>\n</section>\n"
    }

    static func effectCells(_ e: Effect?, _ m: Metric) -> [String] {
        guard let e, e.mean.isFinite else { return ["–", "–"] }
        let verdict = e.ci.lo > 0 || e.ci.hi < 0 ? ((e.mean > 0) == m.higherIsBetter ? "better" : "worse") : nil
        let value = verdict.map { "<span class=\"\($0)\">\(signed(e.mean))</span>" } ?? signed(e.mean)
        return [value, e.ci.lo.isFinite ? "\(signed(e.ci.lo)) – \(signed(e.ci.hi))" : "–"]
    }

    static func measures(_ d: Data) -> String {
        let e = Catalogue.Explain.self
        var out = section(e.measuresHeading, note: e.measuresNote)
        for m in tableMetrics where d.total[m] != nil {
            let name = Language.current == .en ? "" : " " + esc(m.displayName)
            out += "<h3><code>\(esc(m.name))</code>\(name) <span class=\"note\">"
                + esc(e.metricHeading(unit: Catalogue.unit(m.unit), higherIsBetter: m.higherIsBetter, baseline: v(d.baselineMean[m] ?? .nan),
                                      policy: v(d.policyMean[m] ?? .nan))) + "</span></h3>\n"
            var rows = d.levers.map { l -> [String] in
                ["<code>\(esc(l.path))</code>", esc("\(l.from) → \(l.to)")] + effectCells(l.alone[m], m) + effectCells(l.shapley[m], m)
                    + effectCells(l.leaveOneOut[m], m)
            }
            rows.append([esc(e.interaction), ""] + effectCells(d.interaction[m], m) + ["", "", "", ""])
            rows.append(["<strong>\(esc(e.wholePolicy))</strong>", ""] + effectCells(d.total[m], m) + effectCells(d.total[m], m)
                        + effectCells(d.total[m], m))
            let ci = tr("95% CI")
            out += table([e.lever, e.fromTo, e.alone, ci, e.shapley, ci, e.withoutIt, ci], rows)
        }
        return out + "</section>\n"
    }

    static func pathways(_ d: Data) -> String {
        guard !d.levers.isEmpty else { return "" }
        var out = section(Catalogue.Explain.pathwaysHeading, note: Catalogue.Explain.pathwaysNote)
        for p in d.pathways {
            out += "<h3>" + Catalogue.Explain.behind("<code>\(esc(p.output.name))</code>") + "</h3>\n"
            let header = [Catalogue.Explain.lever, label(p.output)] + p.through.map { "\(label($0)) (\(Catalogue.unit($0.unit)))" }
            let rows = d.levers.map { l -> [String] in
                let score = l.shapley[p.output] ?? Effect()
                return ["<code>\(esc(l.path))</code>", signed(score.mean)] + p.through.map { m in
                    let e = l.shapley[m] ?? Effect()
                    guard e.mean.isFinite else { return "–" }
                    return e.ci.lo > 0 || e.ci.hi < 0 ? "<strong>\(signed(e.mean))</strong>" : signed(e.mean)
                }
            }
            out += table(header, rows, leftColumns: 1)
        }
        return out + "<p class=\"note\">\(esc(Catalogue.Explain.boldNote))</p>\n</section>\n"
    }

    static func reading(_ d: Data) -> String {
        let e = Catalogue.Explain.self
        var out = section(e.howHeading, note: nil)
        out += "<p>" + e.howLevers(esc(d.policy), esc(d.baseline)) + "</p>\n"
        out += "<p>" + (d.method == "exact" ? e.howExact(d.levers.count, d.coalitions) : e.howSampled(d.levers.count, d.orders)) + "</p>\n"
        out += "<p>" + e.howIntervals + "</p>\n"
        return out + "</section>\n"
    }
}
