import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim explain`, drawn from explain.json alone: a waterfall per headline
/// output (the baseline, each lever's Shapley share, the policy), the levers' effects alone,
/// Shapley and leave-one-out with their intervals, and the mechanism outputs each lever moves.
enum ExplainReport: ReportPage {
    static let files = ["explain.json"]

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
        init(_ o: JSONObject?) {
            guard let o else { return }
            mean = o.number("mean")
            ci = o.interval("ci95")
            n = o.int("n") ?? 0
            samplingSE = o.number("sampling_se")
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
            let files = DataFolder(path: folder, writer: "govsim explain")
            let json = try files.object("explain.json")
            guard let levers = json.objects("levers"), let total = json.object("total") else {
                throw files.lacking("explain.json", "'levers' or 'total'")
            }
            baseline = json.string("baseline") ?? "baseline"
            policy = json.string("policy") ?? "policy"
            seed = json.text("seed") ?? "–"
            version = json.string("version") ?? "–"
            method = json.string("method") ?? "exact"
            days = json.int("days") ?? 0
            trials = json.int("trials") ?? 0
            coalitions = json.int("coalitions") ?? 0
            orders = json.int("orders") ?? 0
            func effects(_ o: JSONObject?) -> [Metric: Effect] {
                var out: [Metric: Effect] = [:]
                for m in Metric.allCases { if let e = o?.object(m.name) { out[m] = Effect(e) } }
                return out
            }
            self.levers = levers.map { l in
                Lever(path: l.string("path") ?? "?", from: l.string("from") ?? "", to: l.string("to") ?? "",
                      shapley: effects(l.object("shapley")), alone: effects(l.object("alone")),
                      leaveOneOut: effects(l.object("leave_one_out")))
            }
            self.total = effects(total)
            baselineMean = [:]
            policyMean = [:]
            for m in Metric.allCases {
                baselineMean[m] = total.object(m.name)?.number("baseline_mean")
                policyMean[m] = total.object(m.name)?.number("policy_mean")
            }
            interaction = effects(json.object("interaction"))
            pathways = (json.objects("pathways") ?? []).compactMap { p in
                guard let output = p.string("output").flatMap(Metric.init(name:)) else { return nil }
                return (output, (p.strings("through") ?? []).compactMap(Metric.init(name:)))
            }
            ignored = json.strings("ignored") ?? []
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: "govsim explanation: why \(d.policy) works",
                 body: header(d) + waterfalls(d) + measures(d) + pathways(d) + reading(d) + pageFooter(version: d.version, files: files))
    }

    /// The lever that contributes most to `m` the better way, if any does.
    static func leading(_ d: Data, _ m: Metric) -> Lever? {
        d.levers.filter { ($0.shapley[m]?.mean ?? .nan).isFinite }
            .max { a, b in (m.higherIsBetter ? 1 : -1) * a.shapley[m]!.mean < (m.higherIsBetter ? 1 : -1) * b.shapley[m]!.mean }
    }

    static func header(_ d: Data) -> String {
        let method = d.method == "exact"
            ? "exact Shapley values over all \(d.coalitions) combinations of levers"
            : "Shapley values estimated from \(d.orders) random orders (\(d.coalitions) combinations run)"
        var lead = "\(d.policy) changes \(d.levers.count) \(d.levers.count == 1 ? "lever" : "levers") of \(d.baseline). "
        for m in [Metric.safetyScore, .satisfactionPct] {
            guard let t = d.total[m], t.mean.isFinite else { continue }
            lead += "\(m.name): \(signed(t.mean)) (95% CI \(signed(t.ci.lo)) to \(signed(t.ci.hi)))"
            if let lever = leading(d, m), let s = lever.shapley[m], (s.mean > 0) == m.higherIsBetter, s.mean != 0 {
                lead += ", most of it from \(lever.path) (\(signed(s.mean)))"
            }
            lead += ". "
        }
        var warnings = d.ignored.map { "Not a lever: \($0)." }
        if d.levers.isEmpty { warnings.append("The policy changes nothing the model uses: there is nothing to explain.") }
        return pageHeader(kicker: "govsim explanation", title: "Why \(d.policy) works: its levers", lead: lead,
                          facts: ["\(d.trials) paired trials × \(d.days) days", "seed \(d.seed)", method, "govsim \(d.version)"],
                          warnings: warnings)
    }

    static func axisTitle(_ m: Metric) -> String { "\(m.name) (\(m.unit))" }

    static func waterfalls(_ d: Data) -> String {
        var out = section("From the baseline to the policy, lever by lever", note: "Each bar is a lever's Shapley value: its "
                          + "effect averaged over every order in which the levers could be added, so the bars add up exactly to "
                          + "the policy's whole effect and what levers do together is shared between them. The whisker is its 95% "
                          + "interval over the paired trials. Blue moves the output the better way, vermillion the worse.")
        out += "<div class=\"charts\">\n"
        for m in waterfallMetrics {
            let steps = d.levers.map { l -> (label: String, estimate: Chart.Estimate) in
                let s = l.shapley[m] ?? Effect()
                return (l.path, Chart.Estimate(s.mean, interval: s.ci, note: "undefined in some trials"))
            }
            out += figure(Chart.waterfall(start: ("\(d.baseline) (baseline)", d.baselineMean[m] ?? .nan), steps: steps,
                                          end: ("\(d.policy) (policy)", d.policyMean[m] ?? .nan), higherIsBetter: m.higherIsBetter,
                                          title: "\(m.name): \(d.baseline) → \(d.policy)",
                                          subtitle: "\(m.higherIsBetter ? "higher" : "lower") is better; bars: Shapley values with 95% CIs",
                                          value: Chart.Axis(axisTitle(m))))
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
        var out = section("Each lever alone, its share, and the policy without it", note: "Alone: the baseline with only this "
                          + "lever pulled, minus the baseline. Shapley: its share of the policy's effect (the bars above). "
                          + "Without it: the whole policy minus the policy with this lever left out, what the package would "
                          + "lose. When the three agree the lever acts on its own; when alone is smaller than without-it, the "
                          + "lever works through the others (they complement each other); when larger, they overlap. "
                          + "Interaction: the whole effect minus the sum of the levers alone. Differences are policy minus "
                          + "baseline in the output's unit, with 95% intervals over the paired trials; coloured where the "
                          + "interval excludes zero.")
        for m in tableMetrics where d.total[m] != nil {
            out += "<h3><code>\(esc(m.name))</code> <span class=\"note\">(\(esc(m.unit)); \(m.higherIsBetter ? "higher" : "lower") is better; "
                + "baseline \(v(d.baselineMean[m] ?? .nan)), policy \(v(d.policyMean[m] ?? .nan)))</span></h3>\n"
            var rows = d.levers.map { l -> [String] in
                ["<code>\(esc(l.path))</code>", esc("\(l.from) → \(l.to)")] + effectCells(l.alone[m], m) + effectCells(l.shapley[m], m)
                    + effectCells(l.leaveOneOut[m], m)
            }
            rows.append(["interaction", ""] + effectCells(d.interaction[m], m) + ["", "", "", ""])
            rows.append(["<strong>whole policy</strong>", ""] + effectCells(d.total[m], m) + effectCells(d.total[m], m)
                        + effectCells(d.total[m], m))
            out += table(["lever", "baseline → policy", "alone", "95% CI", "Shapley", "95% CI", "without it", "95% CI"], rows)
        }
        return out + "</section>\n"
    }

    static func pathways(_ d: Data) -> String {
        guard !d.levers.isEmpty else { return "" }
        var out = section("Through which mechanisms", note: "The model moves a score only through what residents experience or "
                          + "witness. These are the mechanism outputs behind each score, split among the levers the same way "
                          + "(Shapley values, policy minus baseline): a lever that raises safety by cutting incidents shows "
                          + "here as fewer incidents; one that raises it by faster response, as fewer minutes. The model does not "
                          + "split a score itself by pathway, so read this as which mechanisms each lever moves, not as shares "
                          + "of the score.")
        for p in d.pathways {
            out += "<h3>Behind <code>\(esc(p.output.name))</code></h3>\n"
            let header = ["lever", "\(p.output.name)"] + p.through.map { "\($0.name) (\($0.unit))" }
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
        return out + "<p class=\"note\">Bold: the 95% interval of the lever's share excludes zero.</p>\n</section>\n"
    }

    static func reading(_ d: Data) -> String {
        var out = section("How this was computed", note: nil)
        out += "<p>The levers are the scenario paths \(esc(d.policy)) sets differently from \(esc(d.baseline)) (after defaults "
            + "and <code>extends</code> are filled in). The baseline with every combination of levers pulled ran as one paired "
            + "comparison: trial i of every combination used the same seed and trial index, so the random streams of every "
            + "process a combination leaves alone, and the parameter draws, are shared, and each contrast is a paired "
            + "difference within a trial.</p>\n"
        if d.method == "exact" {
            out += "<p>With \(d.levers.count) levers, all \(d.coalitions) combinations ran, and the Shapley values are exact: "
                + "for each lever, its marginal effect averaged over every order of adding the levers. They add up to the "
                + "policy's whole effect in every trial.</p>\n"
        } else {
            out += "<p>With \(d.levers.count) levers there are too many combinations to run them all; the Shapley values "
                + "average the lever's marginal effect over \(d.orders) random orders (each with its reverse), which still add "
                + "up to the whole effect in every trial. The error of sampling the orders (sampling_se in explain.json) is "
                + "added to the trial noise in each interval.</p>\n"
        }
        out += "<p>The intervals are 95% confidence intervals of mean effects over the trials: how precisely these averages "
            + "are known, not how a single realisation could turn out. explain.csv has every number of this page, tidy.</p>\n"
        return out + "</section>\n"
    }
}
