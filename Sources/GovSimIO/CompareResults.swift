import Foundation
import GovSim
import GovSimExperiments

/// The files `govsim compare` writes: compare.json, compare.csv and trials.csv (every arm's
/// trials, tidy, with an `arm` column). Bytes depend only on the scenarios, seed and trials.
public struct CompareResults: Sendable {
    /// Arm names: scenario names, made unique.
    public var names: [String]
    public var seed: UInt64
    public var outcome: Comparison.Outcome
    public var objective: Metric
    /// The indifference zone δ the comparison used (objective's unit).
    public var indifference: Double
    /// 1 − confidence of the indistinguishable group.
    public var alpha: Double
    /// Each arm's output parts (groups and estates; `Scenario.outputParts`).
    public var parts: [[Scenario.OutputPart]]
    /// What "satisfied" means in the baseline: the mean of residents' own thresholds on happiness
    /// and their spread (points), so a reader can see how near the edge the baseline sits.
    public var satisfiedThreshold: Double, satisfiedThresholdSpread: Double

    public init(scenarios: [Scenario], seed: UInt64, outcome: Comparison.Outcome, objective: Metric, indifference: Double = 0,
                alpha: Double = 0.05) {
        self.indifference = indifference
        self.alpha = alpha
        var names: [String] = []
        for s in scenarios {
            var name = s.name
            var k = 2
            while names.contains(name) { name = "\(s.name)-\(k)"; k += 1 }
            names.append(name)
        }
        self.names = names
        parts = scenarios.map(\.outputParts)
        satisfiedThreshold = scenarios.first?.residents.satisfiedThreshold.value ?? .nan
        satisfiedThresholdSpread = scenarios.first?.residents.satisfiedThresholdSpread.value ?? .nan
        self.seed = seed
        self.outcome = outcome
        self.objective = objective
    }

    /// Cost-effectiveness of policy arm `arm` (≥ 1) against the baseline.
    public struct CostEffectiveness: Sendable {
        /// Extra cost of the policy over the counted days (yuan).
        public var extraCost: Double
        /// Safety-score points gained per million yuan of extra cost.
        public var safetyPointsPerMillion: Double
        /// Satisfaction percentage points gained per million yuan.
        public var satisfactionPointsPerMillion: Double
        /// Extra cost per dispute averted (yuan); NaN when no dispute is averted.
        public var costPerDisputeAverted: Double
        /// Extra cost per safety-score point (yuan); NaN when safety does not rise.
        public var costPerSafetyPoint: Double
    }

    public func costEffectiveness(_ arm: Int) -> CostEffectiveness {
        let d = outcome.differences[arm - 1]
        let cost = d[Metric.costTotal.rawValue].difference
        let safety = d[Metric.safetyScore.rawValue].difference
        let satisfaction = d[Metric.satisfactionPct.rawValue].difference
        let averted = -d[Metric.disputes.rawValue].difference
        let millions = cost / 1e6
        return CostEffectiveness(
            extraCost: cost,
            safetyPointsPerMillion: millions != 0 ? safety / millions : .nan,
            satisfactionPointsPerMillion: millions != 0 ? satisfaction / millions : .nan,
            costPerDisputeAverted: averted > 0 ? cost / averted : .nan,
            costPerSafetyPoint: safety > 0 ? cost / safety : .nan)
    }

    /// Paired differences of policy arm `arm` against the baseline by part: for every group (and
    /// estate) of the baseline that the arm has too (same kind and name), every metric of
    /// `Metric.byGroupColumns`, on the trials both ran.
    public func partDifferences(_ arm: Int) -> [(part: Scenario.OutputPart, differences: [(Metric, PairedDifference)])] {
        var out: [(part: Scenario.OutputPart, differences: [(Metric, PairedDifference)])] = []
        let base = outcome.results[0], other = outcome.results[arm]
        let n = min(base.count, other.count)
        for (pb, part) in parts[0].enumerated() {
            guard let pa = parts[arm].firstIndex(of: part), base.prefix(n).allSatisfy({ $0.parts.count > pb }),
                  other.prefix(n).allSatisfy({ $0.parts.count > pa }) else { continue }
            out.append((part, Metric.byGroupColumns.map { m in
                (m, PairedDifference(baseline: base.prefix(n).map { $0.parts[pb][m.rawValue] },
                                     arm: other.prefix(n).map { $0.parts[pa][m.rawValue] }, kind: m.kind))
            }))
        }
        return out
    }

    /// compare.json: the ranking, every policy's differences from the baseline (by group too)
    /// and its cost-effectiveness (the schema: `CompareFile`).
    public var json: String { CompareFile(self).rendered }

    /// compare.csv: one row per policy arm and metric, then by part (the schema: `CompareFile.Table`).
    public var csv: String { CompareFile.Table(self).rendered }

    /// trials.csv: every arm's trials, one row per (arm, trial) (the schema: `TrialsFile`).
    public var trialsCSV: String { TrialsFile(arms: names, results: outcome.results).rendered }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = ["compare.json", CompareFile.Table.fileName, "trials.csv"]

    /// Identifies a comparison for its journal and `--resume`: every arm's resolved scenario
    /// (with the seed), and the plan (trials, stopping rule, objective), which decides what runs.
    public static func digest(_ arms: [Scenario], plan: Comparison.Plan) -> String {
        var text = arms.map { ScenarioWriter.text(of: $0) }.joined(separator: "\n--- arm ---\n")
        text += "\n--- plan ---\ntrials \(plan.trials) precision \(plan.precision.map { JSONLiteral.number($0) } ?? "none") "
        text += "max \(plan.maxTrials) batch \(plan.batch) objective \(plan.objective.name) "
        text += "metrics \(plan.precisionMetrics.map(\.name).joined(separator: ",")) indifference \(JSONLiteral.number(plan.indifference)) "
        text += "select \(plan.select) alpha \(JSONLiteral.number(plan.alpha))"
        return String(StreamSeed.key(text), radix: 16)
    }

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [("compare.json", json), (CompareFile.Table.fileName, csv), ("trials.csv", trialsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
