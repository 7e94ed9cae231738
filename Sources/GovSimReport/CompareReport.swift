import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim compare`, drawn from compare.json and trials.csv alone: the ranking,
/// a forest plot of every policy's differences from the baseline, cost-effectiveness, and the
/// full tables of differences.
enum CompareReport: ReportPage {
    /// The files the page is drawn from.
    static let files = ["compare.json", "trials.csv"]

    /// The outputs of the forest plots: scores and shares change in points, counts and costs in %.
    static let pointMetrics: [Metric] = [.safetyScore, .satisfactionPct, .meanHappiness, .meanTrust, .elderlySafetyScore]
    static let relativeMetrics: [Metric] = [.disputes, .petitions, .incidents, .elderlyAdverseEvents, .costTotal]

    /// One policy against the baseline on one output, as compare.json holds it.
    struct Difference {
        var n = 0
        var baselineMean = Double.nan, armMean = Double.nan, difference = Double.nan
        var ci = Interval(lo: .nan, hi: .nan)
        /// 90% predictive interval of the difference in one realisation (compare.json `pi90`).
        var pi90 = Interval(lo: .nan, hi: .nan)
        var relativeChangePct = Double.nan, effectSize = Double.nan, pValue = Double.nan, correlation = Double.nan

        /// The relative change's 95% interval (%): the difference's, over the baseline mean.
        var relativeCI: Interval {
            baselineMean != 0 ? Interval(lo: 100 * ci.lo / abs(baselineMean), hi: 100 * ci.hi / abs(baselineMean))
                : Interval(lo: .nan, hi: .nan)
        }

        /// +1 when the interval lies wholly on the better side of zero, −1 on the worse, else 0.
        func verdict(_ m: Metric) -> Int {
            guard ci.lo > 0 || ci.hi < 0 else { return 0 }
            return (difference > 0) == m.higherIsBetter ? 1 : -1
        }
    }

    struct Data {
        var arms: [String], seed: String, version: String
        var trials: [String: Int]
        var stoppedBecause: String, objective: Metric, ranking: [String], probabilityBest: Double
        /// The mean satisfaction threshold and its spread (points; NaN in older files).
        var satisfiedThreshold = Double.nan, satisfiedThresholdSpread = Double.nan
        /// Arms that cannot be told apart from the first (compare.json's `indistinguishable`), and δ.
        var indistinguishable: [String], indifference: Double
        /// Policy arm → metric → difference from the baseline.
        var differences: [String: [Metric: Difference]]
        var costEffectiveness: [String: JSONObject]
        /// Arm → metric → per-trial values (trials.csv).
        var values: [String: [Metric: [Double]]]

        var baseline: String { arms[0] }
        var policies: [String] { Array(arms.dropFirst()) }
        subscript(_ arm: String, _ m: Metric) -> Difference { differences[arm]?[m] ?? Difference() }

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim compare")
            let json = try files.object("compare.json")
            guard let arms = json.strings("arms"), arms.count >= 2, let differences = json.object("differences") else {
                throw files.lacking("compare.json", "'arms' (two or more) or 'differences'")
            }
            self.arms = arms
            seed = json.text("seed") ?? "–"
            version = json.string("version") ?? "–"
            trials = [:]
            for arm in arms { trials[arm] = json.object("trials")?.int(arm) }
            stoppedBecause = json.string("stopped_because") ?? "–"
            objective = json.string("objective").flatMap(Metric.init(name:)) ?? .safetyScore
            satisfiedThreshold = json.object("satisfaction_definition")?.number("threshold") ?? .nan
            satisfiedThresholdSpread = json.object("satisfaction_definition")?.number("threshold_spread") ?? .nan
            ranking = json.strings("ranking") ?? arms
            probabilityBest = json.number("probability_best")
            indistinguishable = json.strings("indistinguishable") ?? []
            indifference = json.number("indifference")
            self.differences = [:]
            for arm in arms.dropFirst() {
                guard let metrics = differences.object(arm) else { continue }
                for m in Metric.allCases {
                    guard let d = metrics.object(m.name) else { continue }
                    self.differences[arm, default: [:]][m] = Difference(
                        n: d.int("n") ?? 0, baselineMean: d.number("baseline_mean"), armMean: d.number("arm_mean"),
                        difference: d.number("difference"), ci: d.interval("ci95"), pi90: d.interval("pi90"),
                        relativeChangePct: d.number("relative_change_pct"),
                        effectSize: d.number("effect_size"), pValue: d.number("p_value"), correlation: d.number("correlation"))
                }
            }
            costEffectiveness = [:]
            for arm in arms.dropFirst() { costEffectiveness[arm] = json.object("cost_effectiveness")?.object(arm) }

            let table = try files.table("trials.csv", required: ["arm", "trial"])
            values = [:]
            let armColumn = table.column("arm")!
            for m in Metric.allCases {
                guard let c = table.column(m.name) else { continue }
                for row in table.rows { values[row[armColumn], default: [:]][m, default: []].append(Double(row[c]) ?? .nan) }
            }
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: "govsim comparison: \(d.policies.joined(separator: ", ")) vs \(d.baseline)",
                 body: header(d) + ranking(d) + differences(d) + costEffectiveness(d) + d.policies.map { full(d, $0) }.joined()
                     + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        let counts = d.arms.map { d.trials[$0] ?? 0 }
        let trials = Set(counts).count == 1 ? "\(counts[0]) trials per arm"
            : "trials per arm: " + d.arms.map { "\($0) \(d.trials[$0] ?? 0)" }.joined(separator: ", ")
        let stopped = ["fixed": "a fixed number of trials", "precision reached": "stopped when precise enough",
                       "max trials": "stopped at the trial cap before reaching the precision asked for",
                       "interrupted": "interrupted"][d.stoppedBecause] ?? d.stoppedBecause
        var warnings: [String] = []
        if d.stoppedBecause == "interrupted" {
            warnings.append("Interrupted: everything below is computed from the trials that finished before the interruption.")
        }
        return pageHeader(kicker: "govsim comparison report", title: "\(d.policies.joined(separator: ", ")) vs \(d.baseline)",
                          lead: "Every arm ran the same trial indices with the same seed (common random numbers), so each "
                              + "difference below is a paired difference: trial i of a policy against trial i of the baseline.",
                          facts: [trials, "seed \(d.seed)", stopped, "govsim \(d.version)"], warnings: warnings)
    }

    static func ranking(_ d: Data) -> String {
        let m = d.objective
        var out = section("Ranking by \(m.name)", note: nil)
        let first = d.ranking.first ?? d.baseline
        out += "<p>Arms are ranked by the mean of <code>\(esc(m.name))</code> (\(esc(m.unit)); \(m.higherIsBetter ? "higher" : "lower") "
            + "is better). "
            + (d.indistinguishable.count > 1
                ? "These arms cannot be told apart from \(esc(first)) (none is shown to be more than \(v(d.indifference.isFinite ? d.indifference : 0)) behind it, simultaneous 95% intervals): <strong>\(d.indistinguishable.map(esc).joined(separator: ", "))</strong>. "
                : d.indistinguishable.count == 1 ? "\(esc(first)) is ahead of every other arm (simultaneous 95% intervals). " : "")
            + "In \(v(100 * d.probabilityBest))% of paired bootstrap resamples \(esc(first)) has the best mean (ties split): a description of the trials, not a guarantee.</p>\n"
        let rows = d.ranking.enumerated().map { rank, arm -> [String] in
            let s = MetricSummary(d.values[arm]?[m] ?? [])
            let name = esc(arm) + (arm == d.baseline ? " <span class=\"note\">(baseline)</span>" : "")
            guard arm != d.baseline else { return [String(rank + 1), name, v(s.mean), range(s.ci95.lo, s.ci95.hi), "", "", "", ""] }
            let diff = d[arm, m], cost = d[arm, .costTotal]
            return [String(rank + 1), name, v(s.mean), range(s.ci95.lo, s.ci95.hi), styled(diff, m),
                    "\(signed(diff.ci.lo)) – \(signed(diff.ci.hi))", pValue(diff.pValue), signed(cost.difference)]
        }
        out += table(["rank", "arm", "mean (\(m.unit))", "95% CI of mean", "difference from baseline", "95% CI", "p",
                      "extra cost (yuan)"], rows)
        return out + "</section>\n"
    }

    static func differences(_ d: Data) -> String {
        var out = section("Differences from the baseline", note: "Each point is a policy's change in an output's mean; the line is "
                          + "its 95% confidence interval. Scores and percentages change in points (a share going from 60% to 63% "
                          + "is +3 points, not +5%); counts and costs change as a percentage of the baseline's mean. ↑ marks "
                          + "outputs where more is better, ↓ where less is better. An output the baseline never produced (mean 0) "
                          + "has no relative change; the tables below give its difference.")
        let points = pointMetrics.map { m in
            Chart.EstimateGroup("\(m.name) \(m.higherIsBetter ? "↑" : "↓")", d.policies.map { arm in
                let diff = d[arm, m]
                return Chart.Estimate(diff.difference, interval: diff.ci)
            })
        }
        let relative = relativeMetrics.map { m in
            Chart.EstimateGroup("\(m.name) \(m.higherIsBetter ? "↑" : "↓")", d.policies.map { arm in
                let diff = d[arm, m]
                return Chart.Estimate(diff.relativeChangePct, interval: diff.relativeCI, note: "baseline mean is 0")
            })
        }
        out += satisfactionNote(d)
        out += "<div class=\"charts\">\n"
        out += figure(Chart.forest(points, series: d.policies, title: "Change from \(d.baseline) in points",
                                   subtitle: "scores and shares: difference of the mean with its 95% CI; dashed line: no change",
                                   value: Chart.Axis("change from the baseline's mean (points)")))
        out += figure(Chart.forest(relative, series: d.policies, title: "Change from \(d.baseline) in %",
                                   subtitle: "counts and costs: relative change of the mean with its 95% CI; dashed line: no change",
                                   value: Chart.Axis("change from the baseline's mean (%)", suffix: "%")))
        return out + scatter(d) + "</div>\n</section>\n"
    }

    /// What "satisfied" means, and how near the baseline sits to that edge: a small change in
    /// happiness moves the share satisfied most when the baseline's happiness is near the threshold.
    static func satisfactionNote(_ d: Data) -> String {
        guard d.satisfiedThreshold.isFinite, let arm = d.policies.first else { return "" }
        let happiness = d[arm, .meanHappiness].baselineMean
        let gap = happiness - d.satisfiedThreshold
        let nearness = abs(gap) < d.satisfiedThresholdSpread
            ? "within one spread of it, so small changes in happiness move the share satisfied steeply"
            : "more than one spread from it, so the share satisfied responds less to changes in happiness"
        return "<p class=\"note\"><strong>What \"satisfied\" means.</strong> A resident counts as satisfied when their happiness "
            + "(0–100) is at or above their own threshold; thresholds average \(v(d.satisfiedThreshold)) points with a spread of "
            + "\(v(d.satisfiedThresholdSpread)) (set it to the survey's wording, residents.satisfiedThreshold). The baseline's mean "
            + "happiness is \(v(happiness)), \(signed(gap)) points from the mean threshold: \(nearness).</p>\n"
    }

    static func scatter(_ d: Data) -> String {
        let m = d.objective
        let points = d.policies.enumerated().map { i, arm -> Chart.ScatterPoint in
            let cost = d[arm, .costTotal], gain = d[arm, m]
            return Chart.ScatterPoint(x: cost.difference, y: gain.difference, xInterval: cost.ci, yInterval: gain.ci, series: i,
                                      label: arm, tooltip: "\(arm): extra cost \(signed(cost.difference)) yuan "
                                          + "(95% CI \(signed(cost.ci.lo)) to \(signed(cost.ci.hi))), \(m.name) "
                                          + "\(signed(gain.difference)) \(m.unit) (95% CI \(signed(gain.ci.lo)) to "
                                          + "\(signed(gain.ci.hi)))")
        }
        return figure(Chart.scatter(points, series: d.policies.indices.map { Chart.ScatterSeries.numbered($0, d.policies[$0]) },
                                    title: "Cost and \(m.name) against \(d.baseline)",
                                    subtitle: "extra cost and change in \(m.name) (\(m.higherIsBetter ? "higher" : "lower") is better), 95% CIs",
                                    x: Chart.Axis("extra cost (yuan per trial over the counted days)"),
                                    y: Chart.Axis("\(m.name) difference (\(m.unit))"),
                                    references: [Chart.Reference(x: 0, "no extra cost"), Chart.Reference(y: 0, "no change in \(m.name)")]))
    }

    static func costEffectiveness(_ d: Data) -> String {
        var out = section("Cost-effectiveness", note: "Extra cost is the policy's mean cost_total minus the baseline's over the "
                          + "counted days; gains per million yuan divide the mean differences by it. Ratios are undefined (–) "
                          + "where the denominator is zero or the gain is not positive. They are this package's average return, "
                          + "not a price per point: they assume nothing about a larger or smaller package, whose effect need not "
                          + "scale with its cost (mediators and patrols saturate, coverage has a ceiling). Compare packages of "
                          + "different size by running them, or sweep the budget.")
        let rows = d.policies.map { arm -> [String] in
            let ce = d.costEffectiveness[arm] ?? JSONObject([:])
            return [esc(arm), signed(ce.number("extra_cost")), v(ce.number("safety_points_per_million_yuan")),
                    v(ce.number("satisfaction_points_per_million_yuan")), v(ce.number("cost_per_dispute_averted")),
                    v(ce.number("cost_per_safety_point"))]
        }
        out += table(["policy", "extra cost (yuan)", "safety points per million yuan", "satisfaction points per million yuan",
                      "yuan per dispute averted", "yuan per safety point"], rows, leftColumns: 1)
        return out + "</section>\n"
    }

    static func full(_ d: Data, _ arm: String) -> String {
        var out = section("\(arm) − \(d.baseline): every output", note: "Paired difference (policy − baseline) with the 95% "
                          + "confidence interval of its mean (how precisely the average effect is known), its 90% predictive "
                          + "interval (how the effect could turn out in one realisation, over chance and the parameters both "
                          + "arms draw alike), relative change, effect size (Cohen's d), paired t-test p-value and the "
                          + "correlation of the two arms across trials (what pairing bought). Coloured: the interval excludes "
                          + "zero, blue on the better side, vermillion (orange-red) on the worse.")
        let rows = Metric.allCases.map { m -> [String] in
            let x = d[arm, m]
            return ["<code>\(esc(m.name))</code>", esc(m.unit), v(x.baselineMean), v(x.armMean), styled(x, m),
                    "\(signed(x.ci.lo)) – \(signed(x.ci.hi))", x.pi90.lo.isFinite ? "\(signed(x.pi90.lo)) – \(signed(x.pi90.hi))" : "–",
                    change(x, m),
                    v(x.effectSize), pValue(x.pValue), v(x.correlation), String(x.n)]
        }
        out += table(["output", "unit", "baseline", "policy", "difference", "95% CI of mean", "90% predictive", "change", "effect d", "p",
                      "pairing r", "n"], rows)
        return out + "</section>\n"
    }

    /// The change column: points for a score or a share (a share's relative change would read
    /// as a change of points), percent of the baseline's mean otherwise.
    static func change(_ x: Difference, _ m: Metric) -> String {
        Chart.change(m, difference: x.difference, relativePct: x.relativeChangePct, signed: signed)
    }

    /// A difference, marked better or worse when its interval excludes zero.
    static func styled(_ x: Difference, _ m: Metric) -> String {
        switch x.verdict(m) {
        case 1: return "<span class=\"better\">\(signed(x.difference))</span>"
        case -1: return "<span class=\"worse\">\(signed(x.difference))</span>"
        default: return signed(x.difference)
        }
    }
}
