import Foundation
import GovSim
import GovSimIO

/// The run's answer on stdout: a line on what was run, a sentence per headline output, and a
/// table of the headline metrics (mean, 95% CI of the mean, 90% predictive interval); with
/// `colour`, the table's header is bold.
enum HeadlineReport {
    static func text(_ r: RunResults, residents: Int, threads: Int, seconds: Double, colour: Bool = false) -> String {
        let s = r.scenario
        var out = "\(s.name): \(r.trials.count) trials × \(s.run.days) days, seed \(r.seed), ~\(grouped(residents)) residents per trial, "
        out += "\(threads) thread\(threads == 1 ? "" : "s"), \(String(format: "%.1f", seconds)) s\n\n"
        let safety = r.summary[.safetyScore], satisfaction = r.summary[.satisfactionPct]
        out += "Predicted safety score \(number(safety.mean)) / 100 (95% CI \(number(safety.ci95.lo))–\(number(safety.ci95.hi))); "
        out += "90% predictive interval \(number(safety.prediction90.lo))–\(number(safety.prediction90.hi)).\n"
        out += "Predicted satisfaction \(number(satisfaction.mean))% of residents (95% CI \(number(satisfaction.ci95.lo))–\(number(satisfaction.ci95.hi))); "
        out += "90% predictive interval \(number(satisfaction.prediction90.lo))–\(number(satisfaction.prediction90.hi)).\n"
        let drawn = s.distributionPaths.count
        out += s.run.uncertainty == .priors
            ? "Predictive intervals hold chance and \(drawn) uncertain parameters drawn from their priors; the CI is only the mean's precision.\n\n"
            : "Parameters fixed (--fixed): predictive intervals hold chance\(drawn > 0 ? " and the \(drawn) distributions the scenario gives" : " alone") and understate the uncertainty.\n\n"
        let rows = Metric.headline.map { m -> [String] in
            let x = r.summary[m]
            return [m.name, m.unit, number(x.mean), "\(number(x.ci95.lo)) – \(number(x.ci95.hi))", "\(number(x.prediction90.lo)) – \(number(x.prediction90.hi))"]
        }
        out += TextTable.render(header: ["metric", "unit", "mean", "95% CI of mean", "90% predictive"], rows: rows,
                                alignments: [.left, .left, .right, .right, .right],
                                style: colour ? { row, _ in row < 0 ? ANSI.bold : nil } : nil)
        return out + byGroup(r, colour: colour)
    }

    /// For a district of several groups, the main outputs by group and estate type (means over
    /// trials; intervals are in summary.json), up to 20 parts.
    static func byGroup(_ r: RunResults, colour: Bool) -> String {
        let parts = r.scenario.outputParts
        guard !parts.isEmpty, r.trials.allSatisfy({ $0.parts.count == parts.count }) else { return "" }
        guard parts.count <= 20 else { return "\nOutputs by group and estate: summary.json (groups, estates) and trials.csv (metric@group).\n" }
        let metrics: [Metric] = [.residents, .safetyScore, .satisfactionPct, .elderlySatisfactionPct, .disputes, .petitions,
                                 .incidents, .responseMinutesMedian, .elderlyAdverseEvents]
        let rows = parts.enumerated().map { p, part -> [String] in
            [part.kind == .group ? part.name : "\(part.name) (estate)"] + metrics.map { m in
                number(MetricSummary(r.trials.map { $0.parts[p][m.rawValue] }).mean)
            }
        }
        return "\nBy group (means over trials):\n" + TextTable.render(
            header: ["group"] + metrics.map(\.name), rows: rows,
            alignments: [.left] + metrics.map { _ in .right }, style: colour ? { row, _ in row < 0 ? ANSI.bold : nil } : nil)
    }

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
