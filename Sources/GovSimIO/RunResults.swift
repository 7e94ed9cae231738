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
    /// metric that is not district-only, summarised the same way (the schema: `SummaryFile`).
    public var summaryJSON: String { SummaryFile(self).rendered }

    /// trials.csv: a row per trial, a column per metric, then a column per drawn parameter;
    /// for several groups, `metric@group` columns (Metric.byGroupColumns) follow the draws (the
    /// schema: `TrialsFile`).
    public var trialsCSV: String {
        let groups = scenario.outputParts.enumerated().filter { $0.element.kind == .group }.map { (index: $0.offset, name: $0.element.name) }
        return TrialsFile(run: trials, parameters: scenario.distributionPaths, groups: groups).rendered
    }

    /// timeseries.csv: tidy rows (week, day, series, mean, p05, p50, p95) across trials, and a
    /// scheduled policy's share of full effect (the schema: `TimeseriesFile`).
    public var timeseriesCSV: String { TimeseriesFile(weekly: summary.weekly, schedules: scenario.schedules).rendered }

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
    public static let fileNames = ["trials.csv", TimeseriesFile.fileName, "summary.json", "scenario.resolved.json5", "manifest.json"]

    /// The files this run's `write` writes: `fileNames`, and the geometry's copy when the
    /// scenario has one (`geometry.geojson`, named by the resolved scenario).
    public var files: [String] { RunResults.files(of: loaded) }

    /// The files a run of `loaded` writes: `fileNames`, and the geometry's copy when it has one.
    public static func files(of loaded: LoadedScenario) -> [String] {
        fileNames + (loaded.geometry == nil ? [] : [DistrictGeometry.fileName])
    }

    /// Writes the normalised copy of the scenario's geometry into `directory`, if it has one.
    public func writeGeometry(to directory: String) throws(AtomicFile.WriteError) {
        guard let geometry = loaded.geometry else { return }
        try AtomicFile.write(geometry.geoJSON, to: (directory as NSString).appendingPathComponent(DistrictGeometry.fileName))
    }

    /// Writes the data files into `directory` (each atomically), plus the manifest.
    public func write(to directory: String, manifest: RunManifest) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        let files: [(String, String)] = [
            ("trials.csv", trialsCSV), (TimeseriesFile.fileName, timeseriesCSV), ("summary.json", summaryJSON),
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

    /// Every key of manifest.json, for its writer and its readers.
    public enum Key: String, CaseIterable, Sendable {
        case govsimVersion = "govsim_version", command, scenarioFile = "scenario_file", seed
        case randomStreams = "random_streams", trials, days, threads
        case residentsPerTrial = "residents_per_trial", started, wallSeconds = "wall_seconds"
        case trialsPerSecond = "trials_per_second", residentDaysPerSecond = "resident_days_per_second"
        case platform, resumedTrials = "resumed_trials", runDigest = "run_digest", partial
        // `partial`'s entry.
        case requestedTrials = "requested_trials", finishedTrials = "finished_trials", finished
    }

    public var json: String {
        let formatter = ISO8601DateFormatter()
        let residentDays = Double(residents) * Double(days) * Double(trials)
        let document: [Key: JSONText] = [
            .govsimVersion: .string(RunResults.version),
            .command: .array(command.map { .string($0) }),
            .scenarioFile: .string(scenarioFile),
            .seed: .integer(Int(seed)),
            .randomStreams: .string("xoshiro256** per (seed, trial, process), SplitMix64-derived; see docs/model.md"),
            .trials: .integer(trials),
            .days: .integer(days),
            .threads: .integer(threads),
            .residentsPerTrial: .integer(residents),
            .started: .string(formatter.string(from: started)),
            .wallSeconds: .number((seconds * 1000).rounded() / 1000),
            .trialsPerSecond: .number(seconds > 0 ? (Double(trials) / seconds * 100).rounded() / 100 : 0),
            .residentDaysPerSecond: .number(seconds > 0 ? (residentDays / seconds).rounded() : 0),
            .platform: .string(RunManifest.platform),
            .resumedTrials: resumedTrials.map { .integer($0) } ?? .null,
            .runDigest: runDigest.map { .string($0) } ?? .null,
            .partial: partial.map { p in
                JSONText.keyed([RunManifest.Key.requestedTrials: .integer(p.requestedTrials), .finishedTrials: .integer(p.finishedTrials.count),
                                    .finished: .array(p.finishedTrials.map { .integer($0) })])
            } ?? .null,
        ]
        return JSONText.keyed(document).rendered
    }


    /// What readers take from a manifest.json: how the run was made and whether it finished.
    public struct Record: Sendable {
        public var started: String?, command: [String]?, platform: String?, residentsPerTrial: Int?
        /// Set when the run was interrupted: trials finished of those asked for.
        public var partial: (finished: Int, requested: Int)?
        public var runDigest: String?

        /// Reads manifest.json's text; nil when it is not a JSON object.
        public init?(text: String) {
            guard let m = JSONObject(text: text) else { return nil }
            started = m.string(Key.started.rawValue)
            command = m.strings(Key.command.rawValue)
            platform = m.string(Key.platform.rawValue)
            residentsPerTrial = m.int(Key.residentsPerTrial.rawValue)
            runDigest = m.string(Key.runDigest.rawValue)
            if let p = m.object(Key.partial.rawValue), let finished = p.int(Key.finishedTrials.rawValue),
               let requested = p.int(Key.requestedTrials.rawValue) {
                partial = (finished, requested)
            }
            isPartial = m.has(Key.partial.rawValue) && m.members[Key.partial.rawValue] != .null
        }

        /// Whether the manifest says the run stopped early (a `partial` that is not null).
        public var isPartial: Bool
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
