import Foundation
import GovSim
import GovSimIO

/// A run's data files read back from its results folder: what a report is drawn from, so a
/// report can be re-rendered without re-running.
struct RunData {
    /// A metric's summary as summary.json holds it; NaN where the file has null.
    struct Stat {
        var mean = Double.nan, lo = Double.nan, hi = Double.nan
        var p05 = Double.nan, p50 = Double.nan, p95 = Double.nan
        /// The 90% predictive interval (summary.json `pi90`; p05–p95 in older files).
        var pi90lo = Double.nan, pi90hi = Double.nan
        var n = 0
        var unit = ""
    }

    var scenario: String
    var description: String
    var seed: String
    var trials: Int
    var days: Int
    var version: String
    /// "priors" or "fixed" (nil in files from before priors shipped), and how many parameters
    /// each trial drew.
    var uncertainty: String?
    var parametersDrawn: Int
    /// Metric names in summary.json order: `Metric` order first, then any others by name.
    var metricNames: [String]
    var metrics: [String: Stat]
    /// Outputs by group, then by estate type (summary.json's `groups` and `estates`), by name.
    struct Part {
        var kind: String, name: String
        var households = Double.nan, residents = Double.nan
        var metrics: [String: Stat]
    }
    var parts: [Part] = []
    /// The groups' outlines (`geometry.geojson`, the scenario's geometry copied into the
    /// folder), nil when the run has none.
    var geometry: DistrictGeometry?
    /// Weekly bands per series name, by week.
    var weekly: [String: [Chart.FanPoint]]
    /// The scheduled policies (summary.json's `schedules`): name and first counted day on.
    var schedules: [(policy: String, startDay: Int, rampDays: Int, endDay: Int?)] = []
    /// The counted days the outputs were read over, when not the whole horizon (`output_window`).
    var window: (from: Int, to: Int)?
    /// Each year's district outputs (summary.json's `years`), for a horizon over 365 days.
    var years: [(year: Int, from: Int, to: Int, metrics: [String: Stat])] = []
    /// trials.csv: one value per trial for each column (NaN where empty).
    var columns: [String: [Double]]
    var resolvedScenario: String
    /// manifest.json's fields of interest.
    var started: String, command: String, platform: String
    var residents: Int?
    var partial: (finished: Int, requested: Int)?

    /// The files a report reads, in the order they are checked.
    static let files = ["summary.json", "trials.csv", "timeseries.csv", "scenario.resolved.json5", "manifest.json"]

    subscript(_ metric: Metric) -> Stat { metrics[metric.name] ?? Stat() }

    /// Per-trial values of a metric (empty when trials.csv lacks its column).
    func values(_ metric: Metric) -> [Double] { columns[metric.name] ?? [] }

    init(folder: String) throws(RunReport.DataError) {
        let files = DataFolder(path: folder, writer: "govsim run")
        func path(_ name: String) -> String { files.file(name) }
        func text(_ name: String) throws(RunReport.DataError) -> String { try files.text(name) }
        func object(_ name: String) throws(RunReport.DataError) -> [String: Any] { try files.object(name).raw }
        func table(_ name: String, required: [String]) throws(RunReport.DataError) -> CSVTable {
            try files.table(name, required: required)
        }

        // summary.json
        let summary = try object("summary.json")
        guard let scenario = summary["scenario"] as? String, let metrics = summary["metrics"] as? [String: Any] else {
            throw RunReport.DataError(path: path("summary.json"), reason: "lacks 'scenario' or 'metrics'")
        }
        self.scenario = scenario
        seed = summary["seed"] as? String ?? (summary["seed"] as? NSNumber)?.stringValue ?? "–"
        trials = summary["trials"] as? Int ?? 0
        days = summary["days"] as? Int ?? 0
        uncertainty = summary["parameter_uncertainty"] as? String
        parametersDrawn = summary["parameters_drawn"] as? Int ?? 0
        version = summary["version"] as? String ?? "–"
        self.metrics = [:]
        for (name, value) in metrics {
            guard let m = value as? [String: Any] else { continue }
            func number(_ key: String) -> Double { (m[key] as? NSNumber)?.doubleValue ?? .nan }
            let ci = m["ci95"] as? [Any] ?? []
            self.metrics[name] = Stat(mean: number("mean"), lo: (ci.first as? NSNumber)?.doubleValue ?? .nan,
                                      hi: (ci.last as? NSNumber)?.doubleValue ?? .nan, p05: number("p05"), p50: number("p50"),
                                      p95: number("p95"), n: m["n"] as? Int ?? 0, unit: m["unit"] as? String ?? "")
            let pi = m["pi90"] as? [Any] ?? []
            self.metrics[name]!.pi90lo = (pi.first as? NSNumber)?.doubleValue ?? number("p05")
            self.metrics[name]!.pi90hi = (pi.last as? NSNumber)?.doubleValue ?? number("p95")
        }
        for (kind, key) in [("group", "groups"), ("estate", "estates")] {
            guard let block = summary[key] as? [String: Any] else { continue }
            for name in block.keys.sorted() {
                guard let p = block[name] as? [String: Any], let ms = p["metrics"] as? [String: Any] else { continue }
                parts.append(Part(kind: kind, name: name, households: (p["households"] as? NSNumber)?.doubleValue ?? .nan,
                                  residents: (p["residents"] as? NSNumber)?.doubleValue ?? .nan, metrics: RunData.stats(ms)))
            }
        }
        if let w = summary["output_window"] as? [String: Any], let from = w["fromDay"] as? Int, let to = w["toDay"] as? Int {
            window = (from, to)
        }
        for case let y as [String: Any] in summary["years"] as? [Any] ?? [] {
            guard let year = y["year"] as? Int, let from = y["fromDay"] as? Int, let to = y["toDay"] as? Int,
                  let ms = y["metrics"] as? [String: Any] else { continue }
            years.append((year, from, to, RunData.stats(ms)))
        }
        for case let entry as [String: Any] in summary["schedules"] as? [Any] ?? [] {
            guard let policy = entry["policy"] as? String, let start = entry["startDay"] as? Int else { continue }
            schedules.append((policy, start, entry["rampDays"] as? Int ?? 0, entry["endDay"] as? Int))
        }
        let known = Metric.allCases.map(\.name).filter { metrics[$0] != nil }
        metricNames = known + metrics.keys.filter { Metric(name: $0) == nil }.sorted()

        // trials.csv and timeseries.csv
        let trialTable = try table("trials.csv", required: ["trial"])
        columns = [:]
        for (i, name) in trialTable.header.enumerated() {
            columns[name] = trialTable.rows.map { i < $0.count ? Double($0[i]) ?? .nan : .nan }
        }
        let series = try table("timeseries.csv", required: ["week", "series", "mean", "p05", "p50", "p95"])
        let at = Dictionary(uniqueKeysWithValues: series.header.enumerated().map { ($1, $0) })
        weekly = [:]
        for row in series.rows where row.count == series.header.count {
            func number(_ key: String) -> Double { Double(row[at[key]!]) ?? .nan }
            weekly[row[at["series"]!], default: []].append(
                Chart.FanPoint(x: number("week"), mean: number("mean"), p05: number("p05"), p50: number("p50"), p95: number("p95")))
        }

        // geometry.geojson, when the scenario has a geometry file.
        if files.has(DistrictGeometry.fileName) {
            do {
                geometry = try DistrictGeometry.parse(text: try text(DistrictGeometry.fileName), file: path(DistrictGeometry.fileName), groups: nil)
            } catch let error as RunReport.DataError {
                throw error
            } catch {
                throw RunReport.DataError(path: path(DistrictGeometry.fileName), reason: (error as? ScenarioFileError)?.problems.joined(separator: "; ") ?? "\(error)")
            }
        }

        // scenario.resolved.json5: shown whole; its description is read from it.
        resolvedScenario = try text("scenario.resolved.json5")
        do {
            let tree = try ScenarioLoader.parse(text: resolvedScenario, file: path("scenario.resolved.json5"))
            if case .object(let top) = tree, case .string(let d)? = top["description"] { description = d } else { description = "" }
        } catch {
            throw RunReport.DataError(path: path("scenario.resolved.json5"), reason: error.problems.joined(separator: "; "))
        }

        // manifest.json
        let manifest = try object("manifest.json")
        started = manifest["started"] as? String ?? "–"
        command = (manifest["command"] as? [String])?.joined(separator: " ") ?? "–"
        platform = manifest["platform"] as? String ?? "–"
        residents = manifest["residents_per_trial"] as? Int
        if let p = manifest["partial"] as? [String: Any], let finished = p["finished_trials"] as? Int,
           let requested = p["requested_trials"] as? Int {
            partial = (finished, requested)
        }
    }
}

extension RunData {
    /// Stats of a summary.json `metrics` block.
    static func stats(_ metrics: [String: Any]) -> [String: Stat] {
        var out: [String: Stat] = [:]
        for (name, value) in metrics {
            guard let m = value as? [String: Any] else { continue }
            func number(_ key: String) -> Double { (m[key] as? NSNumber)?.doubleValue ?? .nan }
            let ci = m["ci95"] as? [Any] ?? []
            out[name] = Stat(mean: number("mean"), lo: (ci.first as? NSNumber)?.doubleValue ?? .nan,
                             hi: (ci.last as? NSNumber)?.doubleValue ?? .nan, p05: number("p05"), p50: number("p50"),
                             p95: number("p95"), n: m["n"] as? Int ?? 0, unit: m["unit"] as? String ?? "")
        }
        return out
    }
}
