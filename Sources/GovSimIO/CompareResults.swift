import Foundation
import GovSim

/// The files `govsim compare` writes: compare.json, compare.csv and trials.csv (every arm's
/// trials, tidy, with an `arm` column). Bytes depend only on the scenarios, seed and trials.
public struct CompareResults: Sendable {
    /// Arm names: scenario names, made unique.
    public var names: [String]
    public var seed: UInt64
    public var outcome: Comparison.Outcome
    public var objective: Metric

    public init(scenarios: [Scenario], seed: UInt64, outcome: Comparison.Outcome, objective: Metric) {
        var names: [String] = []
        for s in scenarios {
            var name = s.name
            var k = 2
            while names.contains(name) { name = "\(s.name)-\(k)"; k += 1 }
            names.append(name)
        }
        self.names = names
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

    public var json: String {
        var differences: [String: JSONText] = [:]
        var effectiveness: [String: JSONText] = [:]
        for arm in 1..<names.count {
            var metrics: [String: JSONText] = [:]
            for m in Metric.allCases {
                let d = outcome.differences[arm - 1][m.rawValue]
                metrics[m.name] = .object([
                    "n": .integer(d.n), "baseline_mean": .number(d.baselineMean), "arm_mean": .number(d.armMean),
                    "difference": .number(d.difference), "ci95": .array([.number(d.ci95.lo), .number(d.ci95.hi)]),
                    "relative_change_pct": .number(d.relativeChangePct), "effect_size": .number(d.effectSize),
                    "p_value": .number(d.pValue), "correlation": .number(d.correlation),
                    "unpaired_half_width": .number(d.unpairedHalfWidth), "unit": .string(m.unit),
                ])
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
        return JSONText.object([
            "version": .string(RunResults.version),
            "seed": .integer(Int(seed)),
            "baseline": .string(names[0]),
            "arms": .array(names.map { .string($0) }),
            "trials": .object(Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], JSONText.integer(outcome.results[$0].count)) })),
            "stopped_because": .string(outcome.stoppedBecause),
            "objective": .string(objective.name),
            "ranking": .array(outcome.ranking.map { .string(names[$0]) }),
            "probability_best": .number(outcome.probabilityBest),
            "differences": .object(differences),
            "cost_effectiveness": .object(effectiveness),
        ]).rendered
    }

    /// compare.csv: one row per policy arm and metric.
    public var csv: String {
        var table = CSVTable(header: ["arm", "metric", "unit", "n", "baseline_mean", "arm_mean", "difference", "ci95_lo", "ci95_hi",
                                      "relative_change_pct", "effect_size", "p_value", "correlation", "unpaired_half_width"])
        for arm in 1..<names.count {
            for m in Metric.allCases {
                let d = outcome.differences[arm - 1][m.rawValue]
                table.append([names[arm], m.name, m.unit, String(d.n)] + [d.baselineMean, d.armMean, d.difference, d.ci95.lo, d.ci95.hi,
                              d.relativeChangePct, d.effectSize, d.pValue, d.correlation, d.unpairedHalfWidth].map(CSVTable.number))
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

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [("compare.json", json), ("compare.csv", csv), ("trials.csv", trialsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
