import Foundation
import GovSim
import GovSimIO

/// A run's data files read back from its results folder: what a report is drawn from, so a
/// report can be re-rendered without re-running.
struct RunData {
    /// A metric's summary as summary.json holds it (its schema: `SummaryFile`).
    typealias Stat = SummaryFile.Stat

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
    /// trials.csv, read through its schema.
    var trialTable: TrialsFile
    var resolvedScenario: String
    /// manifest.json's fields of interest.
    var started: String, command: String, platform: String
    var residents: Int?
    var partial: (finished: Int, requested: Int)?

    /// The files a report reads, in the order they are checked.
    static let files = ["summary.json", "trials.csv", TimeseriesFile.fileName, "scenario.resolved.json5", "manifest.json"]

    subscript(_ metric: Metric) -> Stat { metrics[metric.name] ?? Stat() }

    /// Per-trial values of a metric (empty when trials.csv lacks its column).
    func values(_ metric: Metric) -> [Double] { trialTable.values(.metric(metric)) }

    init(folder: String) throws(RunReport.DataError) {
        let files = DataFolder(path: folder, writer: "govsim run")
        func path(_ name: String) -> String { files.file(name) }
        func text(_ name: String) throws(RunReport.DataError) -> String { try files.text(name) }

        // summary.json, read through its schema.
        let summary = try files.read("summary.json", SummaryFile.init(text:))
        scenario = summary.scenario
        seed = summary.seed ?? "–"
        trials = summary.trials
        days = summary.days
        uncertainty = summary.parameterUncertainty
        parametersDrawn = summary.parametersDrawn ?? 0
        version = summary.version ?? "–"
        // A pi90 a file lacks (older files) or leaves null (a constant output) is shown as p05–p95.
        func shown(_ block: [String: Stat]) -> [String: Stat] {
            block.mapValues { s in
                var s = s
                s.pi90 = Interval(lo: s.pi90.lo.isNaN ? s.p05 : s.pi90.lo, hi: s.pi90.hi.isNaN ? s.p95 : s.pi90.hi)
                return s
            }
        }
        metrics = shown(summary.metrics)
        for (kind, block) in [("group", summary.groups), ("estate", summary.estates)] {
            for (name, p) in (block ?? [:]).sorted(by: { $0.key < $1.key }) {
                parts.append(Part(kind: kind, name: name, households: p.households, residents: p.residents, metrics: p.metrics))
            }
        }
        window = summary.outputWindow.map { ($0.fromDay, $0.toDay) }
        years = (summary.years ?? []).map { ($0.year, $0.fromDay, $0.toDay, $0.metrics) }
        schedules = (summary.schedules ?? []).map { ($0.policy, $0.startDay, $0.rampDays, $0.endDay) }
        let read = summary.metrics
        metricNames = Metric.allCases.map(\.name).filter { read[$0] != nil } + read.keys.filter { Metric(name: $0) == nil }.sorted()

        // trials.csv and timeseries.csv
        trialTable = try files.trials(required: [.trial])
        let series = try files.read(TimeseriesFile.fileName) { (text) throws(ResultFileError) in try TimeseriesFile(text: text) }
        weekly = [:]
        for r in series.rows.indices {
            weekly[series.field(r, .series), default: []].append(
                Chart.FanPoint(x: series.number(r, .week), mean: series.number(r, .mean), p05: series.number(r, .p05),
                               p50: series.number(r, .p50), p95: series.number(r, .p95)))
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
        guard let manifest = RunManifest.Record(text: try text("manifest.json")) else {
            throw RunReport.DataError(path: path("manifest.json"), reason: "is not a JSON object")
        }
        started = manifest.started ?? "–"
        command = manifest.command?.joined(separator: " ") ?? "–"
        platform = manifest.platform ?? "–"
        residents = manifest.residentsPerTrial
        partial = manifest.partial
    }
}
