import Foundation
import GovSim

/// An observed value a scenario should reproduce, with its tolerance: either a value of an
/// output (`complaint_rate_pct: { value: 30, tolerance: 3 }`) or a change against another
/// scenario's output (`disputes: { relativeTo: "pudong-baseline.json5", change_pct: -70,
/// tolerance: 10 }`, tolerance in percentage points of change), and its `kind`: `"fitted"` (the
/// default) or `"predicted"`.
///
/// Targets belong to the file that states them: a file that `extends` another does not
/// inherit its targets (a policy's observed "after" is not its baseline's "before").
public struct Target: Sendable, Equatable {
    public enum Observed: Sendable, Equatable {
        case value(Double)
        /// Percentage change against the scenario in `file` (resolved path; `written` as in the file).
        case change(pct: Double, file: String, written: String)
    }

    /// What a target is to the model: a figure of the place before a policy that the scenario
    /// was fitted to (its rates and levels), or a figure the model predicts from its mechanisms
    /// and evidence, which no fitting touched. `govsim check` fails on a missed fitted target,
    /// and reports predictions hit or missed (`--strict` fails on a miss too).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case fitted, predicted
    }

    public var metric: Metric
    public var observed: Observed
    /// Largest |predicted − observed| still counted as met (the metric's unit, or percentage
    /// points of change).
    public var tolerance: Double
    public var kind: Kind

    public init(metric: Metric, observed: Observed, tolerance: Double, kind: Kind = .fitted) {
        self.metric = metric
        self.observed = observed
        self.tolerance = tolerance
        self.kind = kind
    }

    /// The observed number: a value, or a change in %.
    public var number: Double {
        switch observed {
        case .value(let v): return v
        case .change(let pct, _, _): return pct
        }
    }

    /// Whether the target is a change against another scenario.
    public var isChange: Bool {
        if case .change = observed { return true }
        return false
    }

    /// Whether a prediction meets the target.
    public func isMet(by predicted: Double) -> Bool { predicted.isFinite && abs(predicted - number) <= tolerance }

    /// Reads a `targets` object. Keys are output names; problems are reported against `file`.
    static func parse(_ value: JSONValue, file: String) throws(ScenarioFileError) -> [Target] {
        guard case .object(let members) = value else {
            throw ScenarioFileError(file: file, problems: ["targets: expected an object of outputs, e.g. { satisfaction_pct: { value: 55, tolerance: 4 } }, got \(value.kindDescription)"])
        }
        var targets: [Target] = [], problems: [String] = []
        let names = Metric.allCases.map(\.name)
        for key in members.keys.sorted() {
            let path = "targets.\(key)"
            guard let metric = Metric(name: key) else {
                problems.append("\(path): no output '\(key)'" + (closestMatch(to: key, among: names).map { "; did you mean '\($0)'?" } ?? " (outputs are the names in summary.json)"))
                continue
            }
            guard case .object(let entry) = members[key]! else {
                problems.append("\(path): expected { value, tolerance } or { relativeTo, change_pct, tolerance }, got \(members[key]!.kindDescription)")
                continue
            }
            let known = ["value", "relativeTo", "change_pct", "tolerance", "kind"]
            for k in entry.keys.sorted() where !known.contains(k) {
                problems.append("\(path).\(k): unknown key '\(k)'" + (closestMatch(to: k, among: known).map { "; did you mean '\($0)'?" } ?? "; known keys here: \(known.joined(separator: ", "))"))
            }
            guard let tolerance = entry["tolerance"]?.numberValue, tolerance.isFinite, tolerance > 0 else {
                problems.append("\(path).tolerance: expected a number > 0 (in the output's unit, or percentage points for change_pct)")
                continue
            }
            var kind = Kind.fitted
            if let k = entry["kind"] {
                guard case .string(let name) = k, let parsed = Kind(rawValue: name) else {
                    problems.append("\(path).kind: expected \"fitted\" (a figure of the place the scenario was fitted to) or \"predicted\" (a figure the model must predict), got \(k.kindDescription)")
                    continue
                }
                kind = parsed
            }
            if let v = entry["value"] {
                guard entry["relativeTo"] == nil && entry["change_pct"] == nil else {
                    problems.append("\(path): give either value or relativeTo with change_pct, not both")
                    continue
                }
                guard let x = v.numberValue, x.isFinite else {
                    problems.append("\(path).value: expected a finite number, got \(v.kindDescription)")
                    continue
                }
                targets.append(Target(metric: metric, observed: .value(x), tolerance: tolerance, kind: kind))
            } else {
                guard case .string(let other)? = entry["relativeTo"], !other.isEmpty else {
                    problems.append("\(path): expected value, or relativeTo (a scenario file) with change_pct")
                    continue
                }
                guard let pct = entry["change_pct"]?.numberValue, pct.isFinite else {
                    problems.append("\(path).change_pct: expected a finite number (percent change, e.g. -70)")
                    continue
                }
                let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
                let resolved = other.hasPrefix("/") ? other : directory.appendingPathComponent(other).path
                guard FileManager.default.fileExists(atPath: resolved) else {
                    problems.append("\(path).relativeTo: no such file '\(other)' (looked for \(resolved))")
                    continue
                }
                targets.append(Target(metric: metric, observed: .change(pct: pct, file: resolved, written: other), tolerance: tolerance, kind: kind))
            }
        }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        return targets.sorted { $0.metric.rawValue < $1.metric.rawValue }
    }
}
