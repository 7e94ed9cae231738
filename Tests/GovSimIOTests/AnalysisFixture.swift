import GovSimTestSupport
import Foundation
import GovSim
@testable import GovSimExperiments
@testable import GovSimIO

/// Results folders of compare, sweep, sensitivity and optimize, written in-process from a tiny
/// scenario (2 cells × 100 households, 28 days, a few trials) whose safety score, satisfaction
/// and cost do move with the levers, so the reports have something to draw.
enum AnalysisFixture {
    static let base = """
    { name: "base", run: { trials: 3, days: 28, seed: 5 },
      district: { cells: [{ count: 2, households: 100, estate: "oldEstate" }] },
      incidents: { rateMultiplier: { dist: "uniform", min: 0.5, max: 2 } } }
    """
    static let policy = """
    { extends: "base.json5", name: "cameras & <council>", sensors: { cameras: { coverage: 0.8 } }, council: { enabled: true } }
    """

    static func scenario(in folder: TemporaryFolder) throws -> Scenario {
        try ScenarioLoader.load(path: folder.write("base.json5", base)).scenario
    }

    static func axis(_ path: String, _ lo: Double, _ hi: Double, steps: Int? = nil, in s: Scenario) throws -> Axis {
        Axis(path: try ParameterPath(path, in: s), lo: lo, hi: hi, steps: steps)
    }

    /// `govsim compare base policy` with 3 paired trials; returns the folder.
    static func compare(in folder: TemporaryFolder) throws -> String {
        let scenarios = [try scenario(in: folder), try ScenarioLoader.load(path: folder.write("policy.json5", policy)).scenario]
        let outcome = Comparison(arms: scenarios, seed: 5, threads: 2).run(Comparison.Plan(trials: 3))
        let out = folder.path + "/compare"
        try CompareResults(scenarios: scenarios, seed: 5, outcome: outcome, objective: .safetyScore).write(to: out)
        return out
    }

    /// `govsim explain base policy` (two levers: cameras and the council) with 3 paired trials.
    static func explain(in folder: TemporaryFolder) throws -> String {
        let base = try scenario(in: folder), policy = try ScenarioLoader.load(path: folder.write("policy.json5", policy)).scenario
        let attribution = LeverAttribution(levers: PolicyLevers(baseline: base, policy: policy), seed: 5)
        let outcome = Comparison(arms: attribution.scenarios(), seed: 5, threads: 2).run(Comparison.Plan(trials: 3))
        let out = folder.path + "/explain"
        try ExplainResults(baselineName: base.name, policyName: policy.name, seed: 5, days: base.run.days, attribution: attribution,
                           results: outcome.results).write(to: out)
        return out
    }

    /// A sweep of camera coverage alone (`axes` 1) or with the volunteer share too (2), on a
    /// grid or another design; returns the folder.
    static func sweep(in folder: TemporaryFolder, axes count: Int, design: DesignKind = .grid) throws -> String {
        let s = try scenario(in: folder)
        let axes = try [axis("sensors.cameras.coverage", 0, 1, steps: 3, in: s), axis("volunteers.initialShare", 0, 0.05, steps: 3, in: s)]
            .prefix(count)
        let unit = Design.unitPoints(design, axes: Array(axes), count: design == .grid ? 0 : 6, seed: 5)
        let sweep = Sweep(scenario: s, axes: Array(axes), unitPoints: unit, trials: 2, seed: 5, threads: 2)
        let out = folder.path + "/sweep-\(count)-\(design.rawValue)"
        let files = SweepFolder(directory: out, sweep: sweep, design: design)
        _ = try files.prepare(resume: false)
        try files.writeTables(sweep.run(), reference: sweep.runReference()!)
        return out
    }

    /// Sobol indices or Morris effects of two levers; returns the folder.
    static func sensitivity(in folder: TemporaryFolder, method: SensitivityStudy.Method = .sobol) throws -> String {
        let s = try scenario(in: folder)
        let study = SensitivityStudy(scenario: s, axes: [try axis("sensors.cameras.coverage", 0, 1, in: s),
                                                         try axis("volunteers.initialShare", 0, 0.05, in: s)],
                                     metrics: [.safetyScore, .satisfactionPct], method: method, samples: 4, replicates: 2, seed: 5,
                                     threads: 2)
        let out = folder.path + "/sensitivity-\(method.rawValue)"
        try SensitivityResults(study: study, result: study.run()!).write(to: out)
        return out
    }

    /// The best mix of two levers within a budget that leaves some candidates over it.
    static func optimize(in folder: TemporaryFolder, budget: Double = 65_000) throws -> String {
        let s = try scenario(in: folder)
        let o = Optimization(scenario: s, levers: [try axis("sensors.cameras.coverage", 0, 1, in: s),
                                                   try axis("volunteers.initialShare", 0, 0.05, in: s)],
                             weights: [(.safetyScore, 1)], budget: budget, candidates: 8, trials: 2, finalists: 2, finalTrials: 3,
                             seed: 5, threads: 2)
        let out = folder.path + "/optimize"
        try OptimizeResults(optimization: o, result: o.run()!).write(to: out)
        return out
    }

    /// `govsim check` of the tiny policy with a fitted value, a fitted change against the base
    /// and a predicted value (which carries its no-policy counterfactual), 3 trials.
    static func check(in folder: TemporaryFolder) throws -> String {
        folder.write("base.json5", base)
        let stated = folder.write("targeted.json5", """
        { extends: "base.json5", name: "targeted", council: { enabled: true },
          targets: { satisfaction_pct: { value: 60, tolerance: 5 },
                     disputes: { relativeTo: "base.json5", change_pct: -20, tolerance: 10 },
                     safety_score: { value: 70, tolerance: 3, kind: "predicted" } } }
        """)
        let targeted = try ScenarioLoader.load(path: stated).targeted
        let out = folder.path + "/check"
        try CheckResults.write(TargetEvaluator(threads: 2).evaluate([targeted], trials: 3, seed: 5)!, to: out)
        return out
    }
}
