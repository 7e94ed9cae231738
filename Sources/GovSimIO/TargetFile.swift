import Foundation
import GovSim
import GovSimExperiments

/// Reading the `targets` of a scenario file (the type is the experiments layer's: a target is
/// what calibration and check predict).
extension Target {
    /// Reads a `targets` object. Keys are output names; problems are reported against `file`.
    /// A relative target's reference is loaded here (without its own targets), so the targets
    /// come out whole and predicting them reads no file. `references` holds the scenarios read
    /// so far by canonical path: several targets against one baseline read it once.
    static func parse(_ value: JSONValue, file: String, references: inout [String: Scenario]) throws(ScenarioFileError) -> [Target] {
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
                do throws(ScenarioFileError) {
                    let reference = try TargetReference.load(path: resolved, written: other, statedIn: file, read: &references)
                    targets.append(Target(metric: metric, observed: .change(pct: pct, reference: reference), tolerance: tolerance, kind: kind))
                } catch {
                    problems.append("\(path).relativeTo: " + error.problems.joined(separator: "; "))
                }
            }
        }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        return targets.sorted { $0.metric.rawValue < $1.metric.rawValue }
    }
}

extension TargetReference {
    /// Loads the scenario at `path` (resolved) that the file `statedIn` refers to as `written`,
    /// without its own targets (a reference's targets are its own business, and reading them
    /// could loop). A problem in a file outside the stating file's folder names the file, never
    /// its content (it may be anything readable). `read` holds the scenarios already read, by
    /// canonical path; the one read here joins them.
    static func load(path: String, written: String, statedIn file: String,
                     read: inout [String: Scenario]) throws(ScenarioFileError) -> TargetReference {
        let key = ScenarioLoader.canonical(path)
        if let scenario = read[key] { return TargetReference(key: key, path: path, written: written, scenario: scenario) }
        do throws(ScenarioFileError) {
            let loaded = try ScenarioLoader.load(path: path, resolvingTargets: false)
            read[key] = loaded.scenario
            return TargetReference(key: key, path: path, written: written, scenario: loaded.scenario)
        } catch {
            guard ScenarioLoader.isInside(path, folderOf: file) else {
                let root = ScenarioLoader.canonical(URL(fileURLWithPath: file).deletingLastPathComponent().path)
                throw ScenarioFileError(file: file, problems: ["'\(written)' lies outside this scenario's folder (\(root)) and is not a valid scenario file (its content is not shown)"])
            }
            throw ScenarioFileError(file: file, problems: ["'\(written)' is not a valid scenario file: " + error.description])
        }
    }
}
