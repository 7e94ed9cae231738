import Foundation
import GovSim

/// The files a run writes into its output folder, built from its trials. Every byte except the
/// manifest's timings depends only on the scenario, seed and trials, never on threads or time.
public struct RunResults: Sendable {
    public var loaded: LoadedScenario
    public var seed: UInt64
    public var trials: [TrialResult]
    public var summary: EnsembleSummary

    /// Version of govsim, written into every result.
    public static let version = "0.1.0"

    public init(loaded: LoadedScenario, seed: UInt64, trials: [TrialResult]) {
        self.loaded = loaded
        self.seed = seed
        self.trials = trials
        summary = EnsembleSummary(trials)
    }

    public var scenario: Scenario { loaded.scenario }

    /// summary.json: scenario, seed, trials, days, version and every metric's summary; for a
    /// district of several groups, `groups` and `estates` with households, residents and every
    /// metric that is not district-only, summarised the same way.
    public var summaryJSON: String {
        var document: [String: JSONText] = [
            "scenario": .string(scenario.name),
            "seed": .integer(Int(seed)),
            "trials": .integer(trials.count),
            "days": .integer(scenario.run.days),
            // What the predictive intervals (pi90, pi95) hold: parameter draws and chance.
            "parameter_uncertainty": .string(scenario.run.uncertainty.rawValue),
            "parameters_drawn": .integer(scenario.distributionPaths.count),
            "parameters_from_shipped_priors": .integer(scenario.shippedPriorPaths.count),
            "version": .string(RunResults.version),
            "metrics": RunResults.metricsJSON(summary, Metric.allCases),
        ]
        let parts = scenario.outputParts
        if !parts.isEmpty && trials.allSatisfy({ $0.parts.count == parts.count }) {
            var groups: [String: JSONText] = [:], estates: [String: JSONText] = [:]
            let local = Metric.allCases.filter { !$0.isDistrictOnly }
            for (p, part) in parts.enumerated() {
                let partTrials = trials.map { TrialResult(trial: $0.trial, metrics: $0.parts[p], series: [], parameterDraws: []) }
                let s = EnsembleSummary(partTrials)
                let households: Double
                switch part.kind {
                case .group:
                    let g = scenario.district.cells[p]
                    households = Double(g.count) * g.households.value
                case .estate:
                    households = scenario.district.cells.filter { $0.estate.rawValue == part.name }
                        .reduce(0.0) { $0 + Double($1.count) * $1.households.value }
                }
                var entry: [String: JSONText] = [
                    "households": .number(households), "residents": .number(s[.residents].mean),
                    "metrics": RunResults.metricsJSON(s, local),
                ]
                if part.kind == .group {
                    let g = scenario.district.cells[p]
                    entry["cells"] = .integer(g.count)
                    entry["estate"] = .string(g.estate.rawValue)
                    entry["overrides"] = .array(RunResults.overridePaths(g).map { .string($0) })
                }
                if part.kind == .group { groups[part.name] = .object(entry) } else { estates[part.name] = .object(entry) }
            }
            document["groups"] = .object(groups)
            document["estates"] = .object(estates)
            document["district_only_metrics"] = .array(Metric.allCases.filter(\.isDistrictOnly).map { .string($0.name) })
        }
        return JSONText.object(document).rendered
    }

    /// The paths (relative to the group) a group overrides, for the summary.
    static func overridePaths(_ g: Scenario.CellGroup) -> [String] {
        func paths<S>(_ name: String, _ p: SectionPatch<S>) -> [String] { p.keys.map { "\(name).\($0)" } }
        return paths("council", g.council) + paths("sensors", g.sensors) + paths("volunteers", g.volunteers)
            + paths("preventiveVisits", g.preventiveVisits) + paths("elderlyCare", g.elderlyCare)
            + paths("response", g.response) + paths("residents", g.residents)
    }

    /// Every listed metric's summary, as summary.json gives it.
    static func metricsJSON(_ summary: EnsembleSummary, _ list: [Metric]) -> JSONText {
        var metrics: [String: JSONText] = [:]
        for m in list {
            let s = summary[m]
            var entry: [String: JSONText] = [
                "mean": .number(s.mean), "sd": .number(s.sd),
                "ci95": .array([.number(s.ci95.lo), .number(s.ci95.hi)]), "ci95_method": .string(s.method),
                "p025": .number(s.p025), "p05": .number(s.p05), "p50": .number(s.p50),
                "p95": .number(s.p95), "p975": .number(s.p975),
                "prediction95": .array([.number(s.prediction95.lo), .number(s.prediction95.hi)]),
                "prediction95_method": .string(s.predictionMethod),
                // Predictive intervals (parameters and chance) beside ci95 (the mean's precision).
                "pi90": .array([.number(s.prediction90.lo), .number(s.prediction90.hi)]),
                "pi95": .array([.number(s.prediction95.lo), .number(s.prediction95.hi)]),
                "n": .integer(s.n), "unit": .string(m.unit), "kind": .string(m.kind.rawValue),
            ]
            if let b = s.bound { entry["bound"] = .number(b) }
            if let note = s.note { entry["note"] = .string(note) }
            metrics[m.name] = .object(entry)
        }
        return .object(metrics)
    }

    /// trials.csv: a row per trial, a column per metric, then a column per drawn parameter.
    public var trialsCSV: String {
        let params = scenario.distributionPaths
        // For several groups, `metric@group` columns (Metric.byGroupColumns) follow the draws.
        let groups = scenario.outputParts.enumerated().filter { $0.element.kind == .group }
        var header = ["trial"] + Metric.allCases.map(\.name) + params.map { "param:\($0)" }
        for (_, part) in groups { header += Metric.byGroupColumns.map { "\($0.name)@\(part.name)" } }
        var table = CSVTable(header: header)
        for t in trials {
            var row = [String(t.trial)] + t.metrics.map(CSVTable.number) + t.parameterDraws.map(CSVTable.number)
            for (p, _) in groups where p < t.parts.count { row += Metric.byGroupColumns.map { CSVTable.number(t.parts[p][$0.rawValue]) } }
            table.append(row)
        }
        return table.rendered
    }

    /// timeseries.csv: tidy rows (week, day, series, mean, p05, p50, p95) across trials.
    public var timeseriesCSV: String {
        var table = CSVTable(header: ["week", "day", "series", "mean", "p05", "p50", "p95"])
        for (w, week) in summary.weekly.enumerated() {
            for s in WeeklySeries.allCases {
                let v = week[s.rawValue]
                table.append([String(w + 1), String(7 * (w + 1)), s.name,
                              CSVTable.number(v.mean), CSVTable.number(v.p05), CSVTable.number(v.p50), CSVTable.number(v.p95)])
            }
        }
        return table.rendered
    }

    /// scenario.resolved.json5: every parameter with defaults filled in and the seed used.
    public var resolvedScenario: String { resolvedScenario(trials: trials.count) }

    /// The resolved scenario of the whole run of `trials` trials (a shard writes its run's).
    public func resolvedScenario(trials: Int) -> String {
        var s = scenario
        s.run.seed = Int(truncatingIfNeeded: seed)
        s.run.trials = trials
        var header = ["govsim \(RunResults.version): the scenario as run, every field shown with its unit.",
                      "Running this file reproduces the run: govsim run scenario.resolved.json5"]
        header.append("Read from \(loaded.path)" + (loaded.extends.isEmpty ? "" : ", which extends \(loaded.extends.joined(separator: " → "))"))
        let text = ScenarioWriter.text(of: s, header: header)
        var named = text
        if let posterior = s.posterior, let open = named.range(of: "\n{\n") {
            // The posterior sample is a side file: name it (absolute) so the file still reproduces the run.
            named = named.replacingCharacters(in: open, with: "\n{\n  posterior: \(JSONLiteral.quoted(posterior.source)),  // each trial draws one vector from it\n")
        }
        return loaded.geometry == nil ? named : DistrictGeometry.naming(copyIn: named)
    }

    /// The files `write` writes (without the geometry's copy).
    public static let fileNames = ["trials.csv", "timeseries.csv", "summary.json", "scenario.resolved.json5", "manifest.json"]

    /// The files this run's `write` writes: `fileNames`, and the geometry's copy when the
    /// scenario has one (`geometry.geojson`, named by the resolved scenario).
    public var files: [String] { RunResults.fileNames + (loaded.geometry == nil ? [] : [DistrictGeometry.fileName]) }

    /// Writes the normalised copy of the scenario's geometry into `directory`, if it has one.
    public func writeGeometry(to directory: String) throws(AtomicFile.WriteError) {
        guard let geometry = loaded.geometry else { return }
        try AtomicFile.write(geometry.geoJSON, to: (directory as NSString).appendingPathComponent(DistrictGeometry.fileName))
    }

    /// Writes the data files into `directory` (each atomically), plus the manifest.
    public func write(to directory: String, manifest: RunManifest) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        let files: [(String, String)] = [
            ("trials.csv", trialsCSV), ("timeseries.csv", timeseriesCSV), ("summary.json", summaryJSON),
            ("scenario.resolved.json5", resolvedScenario), ("manifest.json", manifest.json),
        ]
        for (name, text) in files {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
        try writeGeometry(to: directory)
    }
}

/// The trials an interrupted run finished.
public struct PartialRun: Sendable {
    public var requestedTrials: Int
    public var finishedTrials: [Int]
    public init(requestedTrials: Int, finishedTrials: [Int]) {
        self.requestedTrials = requestedTrials
        self.finishedTrials = finishedTrials
    }
}

/// manifest.json: how a run was made (version, command, seeds, timings, machine). The only
/// output file with wall-clock values in it.
public struct RunManifest: Sendable {
    public var command: [String]
    public var scenarioFile: String
    public var seed: UInt64
    public var trials: Int
    public var days: Int
    public var threads: Int
    public var residents: Int
    public var started: Date
    public var seconds: Double
    /// Set when the run was interrupted: which trials finished.
    public var partial: PartialRun?
    /// Trials read back from the journal by `--resume` (nil when the run did not resume).
    public var resumedTrials: Int?
    /// The run's identity (`RunCheckpoint.digest`), so `--resume` knows a finished run as its own.
    public var runDigest: String?

    public init(command: [String], scenarioFile: String, seed: UInt64, trials: Int, days: Int, threads: Int,
                residents: Int, started: Date, seconds: Double) {
        self.command = command
        self.scenarioFile = scenarioFile
        self.seed = seed
        self.trials = trials
        self.days = days
        self.threads = threads
        self.residents = residents
        self.started = started
        self.seconds = seconds
    }

    public var json: String {
        let formatter = ISO8601DateFormatter()
        let residentDays = Double(residents) * Double(days) * Double(trials)
        return JSONText.object([
            "govsim_version": .string(RunResults.version),
            "command": .array(command.map { .string($0) }),
            "scenario_file": .string(scenarioFile),
            "seed": .integer(Int(seed)),
            "random_streams": .string("xoshiro256** per (seed, trial, process), SplitMix64-derived; see docs/model.md"),
            "trials": .integer(trials),
            "days": .integer(days),
            "threads": .integer(threads),
            "residents_per_trial": .integer(residents),
            "started": .string(formatter.string(from: started)),
            "wall_seconds": .number((seconds * 1000).rounded() / 1000),
            "trials_per_second": .number(seconds > 0 ? (Double(trials) / seconds * 100).rounded() / 100 : 0),
            "resident_days_per_second": .number(seconds > 0 ? (residentDays / seconds).rounded() : 0),
            "platform": .string(RunManifest.platform),
            "resumed_trials": resumedTrials.map { .integer($0) } ?? .null,
            "run_digest": runDigest.map { .string($0) } ?? .null,
            "partial": partial.map { p in
                .object(["requested_trials": .integer(p.requestedTrials), "finished_trials": .integer(p.finishedTrials.count),
                         "finished": .array(p.finishedTrials.map { .integer($0) })])
            } ?? .null,
        ]).rendered
    }

    static var platform: String {
        var u = utsname()
        uname(&u)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(u.sysname)) \(text(u.release)) \(text(u.machine))"
    }
}
