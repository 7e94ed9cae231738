import Foundation
import GovSim
import GovSimIO
import GovSimReport

/// The run's answer on stdout: a line on what was run, a sentence per headline output, and a
/// table of the headline metrics (mean, 95% CI of the mean, 90% predictive interval); with
/// `colour`, the table's header is bold.
enum HeadlineReport {
    static func text(_ r: RunResults, residents: Int, threads: Int, seconds: Double, colour: Bool = false) -> String {
        let s = r.scenario
        var out = Catalogue.runLine(s.name, trials: r.trials.count, days: s.run.days, seed: "\(r.seed)", residents: grouped(residents),
                                    threads: threads, seconds: String(format: "%.1f", seconds)) + "\n"
        if !s.run.outputWindow.isWholeHorizon {
            let w = s.run.outputWindow.range(days: s.run.days)
            out += Catalogue.outputsReadOverCountedDays(w.lowerBound, w.upperBound - 1) + "\n"
        }
        out += "\n"
        let safety = r.summary[.safetyScore], satisfaction = r.summary[.satisfactionPct]
        out += Catalogue.predictedSafety(number(safety.mean), number(safety.ci95.lo), number(safety.ci95.hi),
                                         number(safety.prediction90.lo), number(safety.prediction90.hi)) + "\n"
        out += Catalogue.predictedSatisfaction(number(satisfaction.mean), number(satisfaction.ci95.lo), number(satisfaction.ci95.hi),
                                               number(satisfaction.prediction90.lo), number(satisfaction.prediction90.hi)) + "\n"
        let drawn = s.distributionPaths.count
        out += (s.run.uncertainty == .priors ? Catalogue.intervalsHoldPriors(drawn) : Catalogue.intervalsHoldFixed(drawn)) + "\n\n"
        // In Chinese, each output's name comes first and its key (summary.json's) beside it.
        let named = Language.current != .en
        let rows = Metric.headline.map { m -> [String] in
            let x = r.summary[m]
            return (named ? [m.displayName] : []) + [m.name, Catalogue.unit(m.unit), number(x.mean),
                    "\(number(x.ci95.lo)) – \(number(x.ci95.hi))", "\(number(x.prediction90.lo)) – \(number(x.prediction90.hi))"]
        }
        out += TextTable.render(header: (named ? [tr("output")] : []) + ["metric", "unit", "mean", "95% CI of mean", "90% predictive"].map(tr),
                                rows: rows, alignments: (named ? [.left] : []) + [.left, .left, .right, .right, .right],
                                style: colour ? { row, _ in row < 0 ? ANSI.bold : nil } : nil)
        return out + byGroup(r, colour: colour) + byYear(r, colour: colour)
    }

    /// For a horizon over a year, the main outputs year by year (means over trials; intervals are
    /// in summary.json's `years`), up to 10 years.
    static func byYear(_ r: RunResults, colour: Bool) -> String {
        let years = r.scenario.run.yearWindows
        guard !years.isEmpty, r.trials.allSatisfy({ $0.years.count == years.count }) else { return "" }
        guard years.count <= 10 else { return "\n" + tr("Outputs by year: summary.json (years).") + "\n" }
        let metrics: [Metric] = [.safetyScore, .satisfactionPct, .disputes, .petitions, .incidents, .seriousHarm,
                                 .responseMinutesMedian, .costTotal]
        let rows = years.enumerated().map { y, range -> [String] in
            ["\(y + 1)", "\(range.lowerBound)–\(range.upperBound - 1)"] + metrics.map { m in
                number(MetricSummary(r.trials.map { $0.years[y][m.rawValue] }).mean)
            }
        }
        return "\n" + tr("By year (means over trials; counts and costs are each year's):") + "\n" + TextTable.render(
            header: [tr("year"), tr("days")] + metrics.map(columnName), rows: rows,
            alignments: [.left, .left] + metrics.map { _ in .right }, style: colour ? { row, _ in row < 0 ? ANSI.bold : nil } : nil)
    }

    /// For a district of several groups, the main outputs by group and estate type (means over
    /// trials; intervals are in summary.json), up to 20 parts.
    static func byGroup(_ r: RunResults, colour: Bool) -> String {
        let parts = r.scenario.outputParts
        guard !parts.isEmpty, r.trials.allSatisfy({ $0.parts.count == parts.count }) else { return "" }
        guard parts.count <= 20 else { return "\n" + tr("Outputs by group and estate: summary.json (groups, estates) and trials.csv (metric@group).") + "\n" }
        let metrics: [Metric] = [.residents, .safetyScore, .satisfactionPct, .elderlySatisfactionPct, .disputes, .petitions,
                                 .incidents, .responseMinutesMedian, .elderlyAdverseEvents]
        let rows = parts.enumerated().map { p, part -> [String] in
            [part.kind == .group ? part.name : part.name + tr(" (estate)")] + metrics.map { m in
                number(MetricSummary(r.trials.map { $0.parts[p][m.rawValue] }).mean)
            }
        }
        return "\n" + tr("By group (means over trials):") + "\n" + TextTable.render(
            header: [tr("group")] + metrics.map(columnName), rows: rows,
            alignments: [.left] + metrics.map { _ in .right }, style: colour ? { row, _ in row < 0 ? ANSI.bold : nil } : nil)
    }

    /// An output as a column header: its key in English, its name in Chinese.
    static func columnName(_ m: Metric) -> String { Language.current == .en ? m.name : m.displayName }

    /// Three significant figures at most, thousands grouped; "–" when undefined.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let magnitude = abs(x)
        if magnitude >= 1_000 { return grouped(Int(x.rounded())) }
        if magnitude >= 100 { return String(format: "%.0f", x) }
        if magnitude >= 10 { return String(format: "%.1f", x) }
        return String(format: "%.2f", x)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
