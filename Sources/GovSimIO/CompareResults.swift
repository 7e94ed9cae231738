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

    static func entry(_ d: PairedDifference, _ m: Metric) -> JSONText {
        var entry: [String: JSONText] = [
            "n": .integer(d.n), "baseline_mean": .number(d.baselineMean), "arm_mean": .number(d.armMean),
            "difference": .number(d.difference), "ci95": .array([.number(d.ci95.lo), .number(d.ci95.hi)]),
                    "pi90": .array([.number(d.prediction90.lo), .number(d.prediction90.hi)]),
            "ci95_method": .string(d.method), "p_value": .number(d.pValue), "test": .string(d.testMethod),
            "unit": .string(m.unit), "kind": .string(m.kind.rawValue),
        ]
        if let b = d.bound { entry["bound"] = .number(b) }
        if let note = d.note { entry["note"] = .string(note) }
        return .object(entry)
    }

    public var json: String {
        var differences: [String: JSONText] = [:]
        var effectiveness: [String: JSONText] = [:]
        var byPart: [String: JSONText] = [:]
        for arm in 1..<names.count {
            var groups: [String: JSONText] = [:], estates: [String: JSONText] = [:]
            for (part, list) in partDifferences(arm) {
                let metrics = JSONText.object(Dictionary(uniqueKeysWithValues: list.map { ($0.0.name, CompareResults.entry($0.1, $0.0)) }))
                if part.kind == .group { groups[part.name] = metrics } else { estates[part.name] = metrics }
            }
            if !groups.isEmpty { byPart[names[arm]] = .object(["groups": .object(groups), "estates": .object(estates)]) }
            var metrics: [String: JSONText] = [:]
            for m in Metric.allCases {
                let d = outcome.differences[arm - 1][m.rawValue]
                var entry: [String: JSONText] = [
                    "n": .integer(d.n), "baseline_mean": .number(d.baselineMean), "arm_mean": .number(d.armMean),
                    "difference": .number(d.difference), "ci95": .array([.number(d.ci95.lo), .number(d.ci95.hi)]),
                    "pi90": .array([.number(d.prediction90.lo), .number(d.prediction90.hi)]),
                    "ci95_method": .string(d.method),
                    "relative_change_pct": .number(d.relativeChangePct),
                    "relative_change_ci95": .array([.number(d.relativeChangeCI95.lo), .number(d.relativeChangeCI95.hi)]),
                    "effect_size": .number(d.effectSize),
                    "p_value": .number(d.pValue), "test": .string(d.testMethod), "correlation": .number(d.correlation),
                    "unpaired_half_width": .number(d.unpairedHalfWidth), "unit": .string(m.unit), "kind": .string(m.kind.rawValue),
                ]
                if let b = d.bound { entry["bound"] = .number(b) }
                if let note = d.note { entry["note"] = .string(note) }
                metrics[m.name] = .object(entry)
            }
            differences[names[arm]] = .object(metrics)
            let ce = costEffectiveness(arm)
            effectiveness[names[arm]] = .object([
                "extra_cost": .number(ce.extraCost),
                "safety_points_per_million_yuan": .number(ce.safetyPointsPerMillion),
                "satisfaction_points_per_million_yuan": .number(ce.satisfactionPointsPerMillion),
                "cost_per_dispute_averted": .number(ce.costPerDisputeAverted),
                "cost_per_safety_point": .number(ce.costPerSafetyPoint),
            ])
        }
        var document: [String: JSONText] = [
            "version": .string(RunResults.version),
            "seed": .integer(Int(seed)),
            "baseline": .string(names[0]),
            "arms": .array(names.map { .string($0) }),
            "trials": .object(Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], JSONText.integer(outcome.results[$0].count)) })),
            "stopped_because": .string(outcome.stoppedBecause),
            "objective": .string(objective.name),
            "satisfaction_definition": .object([
                "threshold": .number(satisfiedThreshold), "threshold_spread": .number(satisfiedThresholdSpread),
                "meaning": .string("a resident is satisfied when their happiness is at or above their own threshold, drawn around the mean threshold with this spread (points 0–100)"),
            ]),
            "ranking": .array(outcome.ranking.map { .string(names[$0]) }),
            "probability_best": .number(outcome.probabilityBest),
            "probability_best_meaning": .string("share of paired bootstrap resamples in which the first-ranked arm has the best mean (ties split); descriptive, not a guarantee"),
            "indifference": .number(indifference),
            "indistinguishable": .array(outcome.indistinguishable.map { .string(names[$0]) }),
            "selection": outcome.selection.map { sel in
                .object([
                    "procedure": .string("Kim–Nelson KN (Kim & Nelson 2001, ACM TOMACS 11(3):251–273)"),
                    "delta": .number(sel.delta), "alpha": .number(sel.alpha), "first_stage": .integer(sel.firstStage),
                    "selected": .string(names[sel.selected]), "stage": .integer(sel.stage),
                    "eliminated_at": .object(Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], sel.eliminatedAt[$0].map { JSONText.integer($0) } ?? .null) })),
                    "guaranteed": .bool(sel.guaranteed),
                    "guarantee": .string(sel.guaranteed
                        ? "P(correct selection) ≥ \(1 - sel.alpha) when the best arm's mean exceeds every other's by ≥ \(sel.delta)"
                        : "none: the trial cap stopped the procedure before it ended; the arm with the best mean is shown"),
                ])
            } ?? .null,
            "differences": .object(differences),
            "cost_effectiveness": .object(effectiveness),
        ]
        if !byPart.isEmpty { document["differences_by_group"] = .object(byPart) }
        return JSONText.object(document).rendered
    }

    /// compare.csv: one row per policy arm and metric.
    public var csv: String {
        var table = CSVTable(header: ["arm", "metric", "unit", "n", "baseline_mean", "arm_mean", "difference", "ci95_lo", "ci95_hi",
                                      "relative_change_pct", "effect_size", "p_value", "correlation", "unpaired_half_width",
                                      "ci95_method", "relative_change_ci95_lo", "relative_change_ci95_hi", "test"])
        for arm in 1..<names.count {
            for m in Metric.allCases {
                let d = outcome.differences[arm - 1][m.rawValue]
                table.append([names[arm], m.name, m.unit, String(d.n)] + [d.baselineMean, d.armMean, d.difference, d.ci95.lo, d.ci95.hi,
                              d.relativeChangePct, d.effectSize, d.pValue, d.correlation, d.unpairedHalfWidth].map(CSVTable.number)
                              + [d.method, CSVTable.number(d.relativeChangeCI95.lo), CSVTable.number(d.relativeChangeCI95.hi), d.testMethod])
            }
            // Then by group (`metric@group`) and estate (`metric@estate:name`), fewer columns filled.
            for (part, list) in partDifferences(arm) {
                let suffix = part.kind == .group ? part.name : "estate:\(part.name)"
                for (m, d) in list {
                    table.append([names[arm], "\(m.name)@\(suffix)", m.unit, String(d.n)] + [d.baselineMean, d.armMean, d.difference, d.ci95.lo, d.ci95.hi]
                                  .map(CSVTable.number) + ["", "", "", "", "", d.method, "", "", d.testMethod])
                }
            }
        }
        return table.rendered
    }

    /// trials.csv: every arm's trials, one row per (arm, trial).
    public var trialsCSV: String {
        var table = CSVTable(header: ["arm", "trial"] + Metric.allCases.map(\.name))
        for (arm, results) in outcome.results.enumerated() {
            for t in results { table.append([names[arm], String(t.trial)] + t.metrics.map(CSVTable.number)) }
        }
        return table.rendered
    }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = ["compare.json", "compare.csv", "trials.csv"]

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
        for (name, text) in [("compare.json", json), ("compare.csv", csv), ("trials.csv", trialsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
