import Foundation
import GovSim
import GovSimExperiments

/// The files of `govsim optimize`: optimize.json (the chosen mix, its interval, the frontier) and
/// optimize.csv (every candidate).
public struct OptimizeResults: Sendable {
    public var optimization: Optimization
    public var result: Optimization.Result

    public init(optimization: Optimization, result: Optimization.Result) {
        self.optimization = optimization
        self.result = result
    }

    public var csv: String {
        let levers = optimization.levers.map(\.path.text)
        var table = CSVTable(header: ["candidate"] + levers + ["cost_mean", "objective_mean", "objective_ci95_lo", "objective_ci95_hi",
                                                               "feasible", "on_frontier", "final_objective_mean", "final_cost_mean", "chosen"])
        for (i, c) in result.candidates.enumerated() {
            table.append([String(i)] + c.values.map(CSVTable.number)
                         + [c.cost.mean, c.objective.mean, c.objective.ci95.lo, c.objective.ci95.hi].map(CSVTable.number)
                         + [String(c.feasible), String(c.onFrontier), CSVTable.number(c.finalObjective?.mean ?? .nan),
                            CSVTable.number(c.finalCost?.mean ?? .nan), String(result.best == i)])
        }
        return table.rendered
    }

    func levers(_ c: Optimization.Candidate) -> JSONText {
        .object(Dictionary(uniqueKeysWithValues: zip(optimization.levers, c.values).map { ($0.path.text, JSONText.number($1)) }))
    }

    public var json: String {
        let o = optimization
        var best: JSONText = .null
        if let b = result.best, let final = result.candidates[b].finalObjective {
            let c = result.candidates[b]
            let versus = result.bestVersusStatusQuo
            best = .object([
                "candidate": .integer(b),
                "levers": levers(c),
                "objective_mean": .number(final.mean),
                "objective_ci95": .array([.number(final.ci95.lo), .number(final.ci95.hi)]),
                "cost_mean": .number(c.finalCost?.mean ?? .nan),
                "gain_over_status_quo": .number(versus?.difference ?? .nan),
                "gain_ci95": .array([.number(versus?.ci95.lo ?? .nan), .number(versus?.ci95.hi ?? .nan)]),
                "top_candidate": result.top.map { .integer($0) } ?? .null,
                "tied_with": .array(result.tied.map { .integer($0) }),
                "chosen_because": .string(result.top != b ? "statistically tied with the top candidate and cheaper"
                                          : result.tied.isEmpty ? "best objective on the fresh trials" : "best objective and cheapest of those tied"),
                "effects": .object(Dictionary(uniqueKeysWithValues: Metric.allCases.compactMap { m -> (String, JSONText)? in
                    guard m.rawValue < result.effects.count else { return nil }
                    let d = result.effects[m.rawValue]
                    return (m.name, .object(["status_quo_mean": .number(d.baselineMean), "chosen_mean": .number(d.armMean),
                                             "difference": .number(d.difference), "ci95": .array([.number(d.ci95.lo), .number(d.ci95.hi)]),
                                             "relative_change_pct": .number(d.relativeChangePct), "unit": .string(m.unit)]))
                })),
            ])
        }
        return JSONText.object([
            "version": .string(RunResults.version),
            "scenario": .string(o.scenario.name),
            "seed": .integer(Int(o.seed)),
            "budget": .number(o.budget),
            "objective": .object(Dictionary(uniqueKeysWithValues: o.weights.map { ($0.metric.name, JSONText.number($0.weight)) })),
            "candidates": .integer(result.candidates.count),
            "trials_per_candidate": .integer(o.trials),
            "final_trials": .integer(o.finalTrials),
            "best": best,
            "constraints": .array(o.constraints.map { .string($0.text) }),
            "pareto": o.secondObjective.map { second in
                .object(["objectives": .array([.string("objective"), .string(second.name)]),
                         "front": .array(result.candidates.indices.filter { result.candidates[$0].onSecondFront }.map { i in
                             .object(["candidate": .integer(i), "levers": levers(result.candidates[i]),
                                      "objective_mean": .number(result.candidates[i].objective.mean),
                                      second.name: .number(result.candidates[i].means[second.rawValue]),
                                      "cost_mean": .number(result.candidates[i].cost.mean)])
                         })])
            } ?? .null,
            "frontier": .array(result.candidates.indices.filter { result.candidates[$0].onFrontier }
                .sorted { result.candidates[$0].cost.mean < result.candidates[$1].cost.mean }
                .map { i in .object(["candidate": .integer(i), "levers": levers(result.candidates[i]),
                                     "cost_mean": .number(result.candidates[i].cost.mean),
                                     "objective_mean": .number(result.candidates[i].objective.mean)]) }),
        ]).rendered
    }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = ["optimize.json", "optimize.csv"]

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [("optimize.json", json), ("optimize.csv", csv)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
