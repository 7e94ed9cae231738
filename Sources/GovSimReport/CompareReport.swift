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

    /// One policy against the baseline on one output, as compare.json holds it (its schema:
    /// `CompareFile`).
    typealias Difference = CompareFile.Difference

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
        var costEffectiveness: [String: CompareResults.CostEffectiveness]
        /// Arm → metric → per-trial values (trials.csv).
        var values: [String: [Metric: [Double]]]

        var baseline: String { arms[0] }
        var policies: [String] { Array(arms.dropFirst()) }
        subscript(_ arm: String, _ m: Metric) -> Difference { differences[arm]?[m] ?? Difference() }

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim compare")
            let file = try files.read("compare.json", CompareFile.init(text:))
            let arms = file.arms
            self.arms = arms
            seed = file.seed ?? "–"
            version = file.version ?? "–"
            trials = file.trials.filter { arms.contains($0.key) }
            stoppedBecause = file.stoppedBecause ?? "–"
            objective = file.objective.flatMap(Metric.init(name:)) ?? .safetyScore
            satisfiedThreshold = file.satisfiedThreshold
            satisfiedThresholdSpread = file.satisfiedThresholdSpread
            ranking = file.ranking ?? arms
            probabilityBest = file.probabilityBest
            indistinguishable = file.indistinguishable ?? []
            indifference = file.indifference
            differences = [:]
            for arm in arms.dropFirst() {
                guard let metrics = file.differences[arm] else { continue }
                for m in Metric.allCases { if let d = metrics[m.name] { differences[arm, default: [:]][m] = d } }
            }
            costEffectiveness = file.costEffectiveness.filter { arms.dropFirst().contains($0.key) }

            let table = try files.trials(required: [.arm, .trial])
            values = [:]
            let armOfRow = table.fields(.arm)
            for m in Metric.allCases where table.columns.contains(.metric(m)) {
                for (arm, value) in zip(armOfRow, table.values(.metric(m))) { values[arm, default: [:]][m, default: []].append(value) }
            }
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: tr("govsim comparison: ") + Catalogue.versus(d.policies.joined(separator: ", "), d.baseline),
                 body: header(d) + ranking(d) + differences(d) + costEffectiveness(d) + d.policies.map { full(d, $0) }.joined()
                     + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        let counts = d.arms.map { d.trials[$0] ?? 0 }
        let trials = Set(counts).count == 1 ? Catalogue.trialsPerArm(counts[0])
            : tr("trials per arm: ") + d.arms.map { "\($0) \(d.trials[$0] ?? 0)" }.joined(separator: ", ")
        let stopped = ["fixed": "a fixed number of trials", "precision reached": "stopped when precise enough",
                       "max trials": "stopped at the trial cap before reaching the precision asked for",
                       "interrupted": "interrupted"][d.stoppedBecause].map(tr) ?? d.stoppedBecause
        var warnings: [String] = []
        if d.stoppedBecause == "interrupted" {
            warnings.append(tr("Interrupted: everything below is computed from the trials that finished before the interruption."))
        }
        return pageHeader(kicker: tr("govsim comparison report"), title: Catalogue.versus(d.policies.joined(separator: ", "), d.baseline),
                          lead: tr("Every arm ran the same trial indices with the same seed (common random numbers), so each "
                              + "difference below is a paired difference: trial i of a policy against trial i of the baseline."),
                          facts: [trials, tr("seed ") + d.seed, stopped, "govsim \(d.version)"], warnings: warnings)
    }

    static func ranking(_ d: Data) -> String {
        let m = d.objective
        var out = section(Catalogue.rankingBy(metricLabel(m)), note: nil)
        let first = d.ranking.first ?? d.baseline
        out += "<p>" + Catalogue.armsRankedBy(esc(m.name), metric: esc(m.displayName), unit: esc(Catalogue.unit(m.unit)), higherIsBetter: m.higherIsBetter)
            + (d.indistinguishable.count > 1
                ? Catalogue.indistinguishable(esc(first), v(d.indifference.isFinite ? d.indifference : 0), d.indistinguishable.map(esc).joined(separator: ", "))
                : d.indistinguishable.count == 1 ? Catalogue.aheadOfEvery(esc(first)) : "")
            + Catalogue.probabilityBest(v(100 * d.probabilityBest), esc(first)) + "</p>\n"
        let rows = d.ranking.enumerated().map { rank, arm -> [String] in
            let s = MetricSummary(d.values[arm]?[m] ?? [])
            let name = esc(arm) + (arm == d.baseline ? " <span class=\"note\">\(tr("(baseline)"))</span>" : "")
            guard arm != d.baseline else { return [String(rank + 1), name, v(s.mean), range(s.ci95.lo, s.ci95.hi), "", "", "", ""] }
            let diff = d[arm, m], cost = d[arm, .costTotal]
            return [String(rank + 1), name, v(s.mean), range(s.ci95.lo, s.ci95.hi), styled(diff, m),
                    "\(signed(diff.ci95.lo)) – \(signed(diff.ci95.hi))", pValue(diff.pValue), signed(cost.difference)]
        }
        out += table([tr("rank"), tr("arm"), Catalogue.meanIn(Catalogue.unit(m.unit)), tr("95% CI of mean"), tr("difference from baseline"),
                      tr("95% CI"), "p", tr("extra cost (yuan)")], rows)
        return out + "</section>\n"
    }

    static func differences(_ d: Data) -> String {
        var out = section(tr("Differences from the baseline"), note: tr("Each point is a policy's change in an output's mean; the line is "
                          + "its 95% confidence interval. Scores and percentages change in points (a share going from 60% to 63% "
                          + "is +3 points, not +5%); counts and costs change as a percentage of the baseline's mean. ↑ marks "
                          + "outputs where more is better, ↓ where less is better. An output the baseline never produced (mean 0) "
                          + "has no relative change; the tables below give its difference."))
        let points = pointMetrics.map { m in
            Chart.EstimateGroup("\(metricLabel(m)) \(m.higherIsBetter ? "↑" : "↓")", d.policies.map { arm in
                let diff = d[arm, m]
                return Chart.Estimate(diff.difference, interval: diff.ci95)
            })
        }
        let relative = relativeMetrics.map { m in
            Chart.EstimateGroup("\(metricLabel(m)) \(m.higherIsBetter ? "↑" : "↓")", d.policies.map { arm in
                let diff = d[arm, m]
                return Chart.Estimate(diff.relativeChangePct ?? .nan, interval: diff.relativeCI, note: tr("baseline mean is 0"))
            })
        }
        out += satisfactionNote(d)
        out += "<div class=\"charts\">\n"
        out += figure(Chart.forest(points, series: d.policies, title: Catalogue.changeFromInPoints(d.baseline),
                                   subtitle: tr("scores and shares: difference of the mean with its 95% CI; dashed line: no change"),
                                   value: Chart.Axis(tr("change from the baseline's mean (points)"))))
        out += figure(Chart.forest(relative, series: d.policies, title: Catalogue.changeFromInPercent(d.baseline),
                                   subtitle: tr("counts and costs: relative change of the mean with its 95% CI; dashed line: no change"),
                                   value: Chart.Axis(tr("change from the baseline's mean (%)"), suffix: "%")))
        return out + scatter(d) + "</div>\n</section>\n"
    }

    /// What "satisfied" means, and how near the baseline sits to that edge: a small change in
    /// happiness moves the share satisfied most when the baseline's happiness is near the threshold.
    static func satisfactionNote(_ d: Data) -> String {
        guard d.satisfiedThreshold.isFinite, let arm = d.policies.first else { return "" }
        let happiness = d[arm, .meanHappiness].baselineMean
        let gap = happiness - d.satisfiedThreshold
        let nearness = abs(gap) < d.satisfiedThresholdSpread
            ? tr("within one spread of it, so small changes in happiness move the share satisfied steeply")
            : tr("more than one spread from it, so the share satisfied responds less to changes in happiness")
        return "<p class=\"note\">" + Catalogue.satisfiedMeans(v(d.satisfiedThreshold), v(d.satisfiedThresholdSpread), v(happiness),
                                                               signed(gap), esc(nearness)) + "</p>\n"
    }

    static func scatter(_ d: Data) -> String {
        let m = d.objective
        let points = d.policies.enumerated().map { i, arm -> Chart.ScatterPoint in
            let cost = d[arm, .costTotal], gain = d[arm, m]
            return Chart.ScatterPoint(x: cost.difference, y: gain.difference, xInterval: cost.ci95, yInterval: gain.ci95, series: i,
                                      label: arm, tooltip: Catalogue.scatterTip(arm, cost: signed(cost.difference), costLo: signed(cost.ci95.lo),
                                                                                costHi: signed(cost.ci95.hi), metric: metricLabel(m),
                                                                                gain: signed(gain.difference), unit: Catalogue.unit(m.unit),
                                                                                gainLo: signed(gain.ci95.lo), gainHi: signed(gain.ci95.hi)))
        }
        return figure(Chart.scatter(points, series: d.policies.indices.map { Chart.ScatterSeries.numbered($0, d.policies[$0]) },
                                    title: Catalogue.costAndAgainst(metricLabel(m), d.baseline),
                                    subtitle: Catalogue.extraCostAndChange(metricLabel(m), higherIsBetter: m.higherIsBetter),
                                    x: Chart.Axis(tr("extra cost (yuan per trial over the counted days)")),
                                    y: Chart.Axis(Catalogue.metricDifference(metricLabel(m), Catalogue.unit(m.unit))),
                                    references: [Chart.Reference(x: 0, tr("no extra cost")), Chart.Reference(y: 0, Catalogue.noChangeIn(metricLabel(m)))]))
    }

    static func costEffectiveness(_ d: Data) -> String {
        var out = section(tr("Cost-effectiveness"), note: tr("Extra cost is the policy's mean cost_total minus the baseline's over the "
                          + "counted days; gains per million yuan divide the mean differences by it. Ratios are undefined (–) "
                          + "where the denominator is zero or the gain is not positive. They are this package's average return, "
                          + "not a price per point: they assume nothing about a larger or smaller package, whose effect need not "
                          + "scale with its cost (mediators and patrols saturate, coverage has a ceiling). Compare packages of "
                          + "different size by running them, or sweep the budget."))
        let rows = d.policies.map { arm -> [String] in
            let ce = d.costEffectiveness[arm]
            return [esc(arm), signed(ce?.extraCost ?? .nan), v(ce?.safetyPointsPerMillion ?? .nan),
                    v(ce?.satisfactionPointsPerMillion ?? .nan), v(ce?.costPerDisputeAverted ?? .nan),
                    v(ce?.costPerSafetyPoint ?? .nan)]
        }
        out += table(["policy", "extra cost (yuan)", "safety points per million yuan", "satisfaction points per million yuan",
                      "yuan per dispute averted", "yuan per safety point"].map(tr), rows, leftColumns: 1)
        return out + "</section>\n"
    }

    static func full(_ d: Data, _ arm: String) -> String {
        var out = section(Catalogue.everyOutputOf(arm, d.baseline), note: tr("Paired difference (policy − baseline) with the 95% "
                          + "confidence interval of its mean (how precisely the average effect is known), its 90% predictive "
                          + "interval (how the effect could turn out in one realisation, over chance and the parameters both "
                          + "arms draw alike), relative change, effect size (Cohen's d), paired t-test p-value and the "
                          + "correlation of the two arms across trials (what pairing bought). Coloured: the interval excludes "
                          + "zero, blue on the better side, vermillion (orange-red) on the worse."))
        let rows = Metric.allCases.map { m -> [String] in
            let x = d[arm, m]
            return [RunReport.metricCell(m.name), esc(Catalogue.unit(m.unit)), v(x.baselineMean), v(x.armMean), styled(x, m),
                    "\(signed(x.ci95.lo)) – \(signed(x.ci95.hi))", x.pi90.lo.isFinite ? "\(signed(x.pi90.lo)) – \(signed(x.pi90.hi))" : "–",
                    change(x, m),
                    v(x.effectSize ?? .nan), pValue(x.pValue), v(x.correlation ?? .nan), String(x.n)]
        }
        out += table(["output", "unit", "baseline", "policy", "difference", "95% CI of mean", "90% predictive", "change", "effect d", "p",
                      "pairing r", "n"].map(tr), rows)
        return out + "</section>\n"
    }

    /// An output in a chart's label or title: its key in English, its name in Chinese.
    static func metricLabel(_ m: Metric) -> String { Language.current == .en ? m.name : m.displayName }

    /// The change column: points for a score or a share (a share's relative change would read
    /// as a change of points), percent of the baseline's mean otherwise.
    static func change(_ x: Difference, _ m: Metric) -> String {
        Chart.change(m, difference: x.difference, relativePct: x.relativeChangePct ?? .nan, signed: signed)
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

extension CompareFile.Difference {
    /// The relative change's 95% interval (%): the difference's, over the baseline mean.
    var relativeCI: Interval {
        baselineMean != 0 ? Interval(lo: 100 * ci95.lo / abs(baselineMean), hi: 100 * ci95.hi / abs(baselineMean))
            : Interval(lo: .nan, hi: .nan)
    }

    /// +1 when the interval lies wholly on the better side of zero, −1 on the worse, else 0.
    func verdict(_ m: Metric) -> Int {
        guard ci95.lo > 0 || ci95.hi < 0 else { return 0 }
        return (difference > 0) == m.higherIsBetter ? 1 : -1
    }
}
