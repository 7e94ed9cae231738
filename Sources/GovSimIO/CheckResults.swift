import Foundation
import GovSim
import GovSimExperiments

/// check.json: every target of every checked file, observed against predicted, with its kind
/// (`fitted` or `predicted`) and how it was observed (`observed_as`: a value or a % change).
/// A fitted target is `met` when the predicted mean lies within its tolerance; a prediction is a
/// `hit` when the observed figure lies inside the 90% predictive interval (`predicted_pi90`), and
/// carries the no-policy `counterfactual` beside it.
public enum CheckResults {
    public static func json(_ results: [TargetEvaluator.FileResult]) -> String {
        JSONText.object([
            "version": .string(RunResults.version),
            "all_met": .bool(results.allSatisfy { $0.predictions.allSatisfy(\.met) }),
            "all_passed": .bool(results.allSatisfy { $0.predictions.allSatisfy(\.passed) }),
            "fitted_met": .bool(results.allSatisfy { $0.predictions.allSatisfy { $0.met || $0.target.kind != .fitted } }),
            "predictions_hit": .integer(results.flatMap(\.predictions).filter { $0.target.kind == .predicted && $0.hit }.count),
            "predictions": .integer(results.flatMap(\.predictions).filter { $0.target.kind == .predicted }.count),
            "files": .array(results.map { r in
                .object([
                    "file": .string(r.file.path),
                    "scenario": .string(r.file.scenario.name),
                    "trials": .integer(r.trials),
                    "seed": .integer(Int(r.seed)),
                    "targets": .array(r.predictions.map { p in
                        var entry: [String: JSONText] = [
                            "output": .string(p.target.metric.name),
                            "tolerance": .number(p.target.tolerance),
                            "predicted": .number(p.mean),
                            "predicted_ci95": .array([.number(p.ci95.lo), .number(p.ci95.hi)]),
                            "predicted_pi90": .array([.number(p.pi90.lo), .number(p.pi90.hi)]),
                            "met": .bool(p.met),
                            "kind": .string(p.target.kind.rawValue),
                        ]
                        if p.target.kind == .predicted {
                            entry["hit"] = .bool(p.hit)
                            entry["counterfactual"] = p.counterfactual.map { .number($0) } ?? .null
                            entry["counterfactual_pi90"] = p.counterfactualPI90.map { .array([.number($0.lo), .number($0.hi)]) } ?? .null
                        }
                        switch p.target.observed {
                        case .value(let v):
                            entry["observed"] = .number(v)
                            entry["observed_as"] = .string("value")
                        case .change(let pct, let reference):
                            entry["observed"] = .number(pct)
                            entry["observed_as"] = .string("change_pct")
                            entry["relative_to"] = .string(reference.written)
                        }
                        return .object(entry)
                    }),
                ])
            }),
        ]).rendered
    }
}
