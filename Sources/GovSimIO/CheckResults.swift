import Foundation
import GovSim

/// check.json: every target of every checked file, observed against predicted, with its kind
/// (`fitted` or `predicted`) and how it was observed (`observed_as`: a value or a % change).
public enum CheckResults {
    public static func json(_ results: [TargetEvaluator.FileResult]) -> String {
        JSONText.object([
            "version": .string(RunResults.version),
            "all_met": .bool(results.allSatisfy { $0.predictions.allSatisfy(\.met) }),
            "fitted_met": .bool(results.allSatisfy { $0.predictions.allSatisfy { $0.met || $0.target.kind != .fitted } }),
            "files": .array(results.map { r in
                .object([
                    "file": .string(r.loaded.path),
                    "scenario": .string(r.loaded.scenario.name),
                    "trials": .integer(r.trials),
                    "seed": .integer(Int(r.seed)),
                    "targets": .array(r.predictions.map { p in
                        var entry: [String: JSONText] = [
                            "output": .string(p.target.metric.name),
                            "tolerance": .number(p.target.tolerance),
                            "predicted": .number(p.mean),
                            "predicted_ci95": .array([.number(p.ci95.lo), .number(p.ci95.hi)]),
                            "met": .bool(p.met),
                            "kind": .string(p.target.kind.rawValue),
                        ]
                        switch p.target.observed {
                        case .value(let v):
                            entry["observed"] = .number(v)
                            entry["observed_as"] = .string("value")
                        case .change(let pct, _, let written):
                            entry["observed"] = .number(pct)
                            entry["observed_as"] = .string("change_pct")
                            entry["relative_to"] = .string(written)
                        }
                        return .object(entry)
                    }),
                ])
            }),
        ]).rendered
    }
}
