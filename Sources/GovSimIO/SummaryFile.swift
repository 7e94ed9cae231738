import Foundation
import GovSim

/// summary.json, the one schema of the file: `RunResults` writes it through this type and every
/// reader (the run report, a redraw) reads it back through this type, so a key is named once,
/// in `Key`, and a field added here is written and read alike (`SchemaFileTests` checks the
/// round trip). The python loader (python/govsim/results.py) reads the same keys.
public struct SummaryFile: Sendable {
    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case scenario, seed, trials, days, version, metrics
        case parameterUncertainty = "parameter_uncertainty", parametersDrawn = "parameters_drawn"
        case parametersFromShippedPriors = "parameters_from_shipped_priors"
        case groups, estates, districtOnlyMetrics = "district_only_metrics"
        case outputWindow = "output_window", years, schedules
        // A metric's entry.
        case mean, sd, ci95, ci95Method = "ci95_method", p025, p05, p50, p95, p975
        case prediction95, prediction95Method = "prediction95_method", pi90, pi95, n, unit, kind, bound, note
        // A group's or estate type's entry.
        case households, residents, cells, estate, overrides
        // A year's entry, the output window and a schedule.
        case year, fromDay, toDay, policy, startDay, rampDays, endDay
    }

    /// One output summarised over trials, as the file holds it (NaN where it has null).
    public struct Stat: Sendable {
        public var mean = Double.nan, sd = Double.nan
        /// 95% confidence interval of the mean, and which interval it is ("t", "t+poisson", …).
        public var ci95 = Interval(lo: .nan, hi: .nan), ci95Method = ""
        /// Quantiles across trials.
        public var p025 = Double.nan, p05 = Double.nan, p50 = Double.nan, p95 = Double.nan, p975 = Double.nan
        /// Predictive intervals: where one more trial would land (parameters and chance).
        public var pi90 = Interval(lo: .nan, hi: .nan), pi95 = Interval(lo: .nan, hi: .nan), predictionMethod = ""
        /// Trials in which the output was defined.
        public var n = 0
        /// The output's unit and kind (Metric's declaration: count, share, score, minutes, yuan).
        public var unit = "", kind = ""
        /// The one-sided 95% bound when every trial sat at a limit, and why the interval is so.
        public var bound: Double?, note: String?

        public init() {}

        public init(_ s: MetricSummary, of metric: Metric) {
            mean = s.mean; sd = s.sd
            ci95 = s.ci95; ci95Method = s.method
            (p025, p05, p50, p95, p975) = (s.p025, s.p05, s.p50, s.p95, s.p975)
            pi90 = s.prediction90; pi95 = s.prediction95; predictionMethod = s.predictionMethod
            n = s.n; unit = metric.unit; kind = metric.kind.rawValue
            bound = s.bound; note = s.note
        }
    }

    /// A group's or an estate type's outputs (the metrics that are not district-only).
    public struct Part: Sendable {
        public var households = Double.nan, residents = Double.nan
        public var metrics: [String: Stat] = [:]
        /// A group's cells, estate type and the paths it overrides (nil for an estate type).
        public var cells: Int?, estate: String?, overrides: [String]?
        public init() {}
    }

    /// One year's district outputs, over its counted days.
    public struct Year: Sendable {
        public var year: Int, fromDay: Int, toDay: Int
        public var metrics: [String: Stat]
    }

    /// A policy in time: its first day of effect, ramp, and last day (nil: never ends).
    public struct Schedule: Sendable {
        public var policy: String, startDay: Int, rampDays: Int, endDay: Int?
    }

    public var scenario: String
    public var seed: String?
    public var trials = 0, days = 0
    public var version: String?
    /// "priors" or "fixed", how many parameters each trial drew and how many of them from the
    /// shipped priors (nil in files from before priors shipped).
    public var parameterUncertainty: String?
    public var parametersDrawn: Int?, parametersFromShippedPriors: Int?
    public var metrics: [String: Stat]
    /// By group and by estate type, and the metrics given for the district alone (several groups only).
    public var groups: [String: Part]?, estates: [String: Part]?, districtOnlyMetrics: [String]?
    /// The counted days, when not the whole horizon.
    public var outputWindow: (fromDay: Int, toDay: Int)?
    public var years: [Year]?
    public var schedules: [Schedule]?

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension SummaryFile {
    /// The summary of a run.
    public init(_ run: RunResults) {
        let scenario = run.scenario, trials = run.trials
        self.scenario = scenario.name
        seed = String(Int(run.seed))
        self.trials = trials.count
        days = scenario.run.days
        version = RunResults.version
        // What the predictive intervals (pi90, pi95) hold: parameter draws and chance.
        parameterUncertainty = scenario.run.uncertainty.rawValue
        parametersDrawn = scenario.distributionPaths.count
        parametersFromShippedPriors = scenario.shippedPriorPaths.count
        metrics = SummaryFile.stats(run.summary, Metric.allCases)
        let parts = scenario.outputParts
        if !parts.isEmpty && trials.allSatisfy({ $0.parts.count == parts.count }) {
            var groups: [String: Part] = [:], estates: [String: Part] = [:]
            let local = Metric.allCases.filter { !$0.isDistrictOnly }
            for (p, part) in parts.enumerated() {
                let partTrials = trials.map { TrialResult(trial: $0.trial, metrics: $0.parts[p], series: [], parameterDraws: []) }
                let s = EnsembleSummary(partTrials)
                var entry = Part()
                switch part.kind {
                case .group:
                    let g = scenario.district.cells[p]
                    entry.households = Double(g.count) * g.households.value
                    entry.cells = g.count
                    entry.estate = g.estate.rawValue
                    entry.overrides = SummaryFile.overridePaths(g)
                case .estate:
                    entry.households = scenario.district.cells.filter { $0.estate.rawValue == part.name }
                        .reduce(0.0) { $0 + Double($1.count) * $1.households.value }
                }
                entry.residents = s[.residents].mean
                entry.metrics = SummaryFile.stats(s, local)
                if part.kind == .group { groups[part.name] = entry } else { estates[part.name] = entry }
            }
            self.groups = groups
            self.estates = estates
            districtOnlyMetrics = Metric.allCases.filter(\.isDistrictOnly).map(\.name)
        }
        // Policies in time (docs/model.md §11): the window read, each year, each schedule.
        let window = scenario.run.outputWindow.range(days: scenario.run.days)
        if !scenario.run.outputWindow.isWholeHorizon { outputWindow = (window.lowerBound, window.upperBound) }
        let yearWindows = scenario.run.yearWindows
        if !yearWindows.isEmpty && trials.allSatisfy({ $0.years.count == yearWindows.count }) {
            years = yearWindows.enumerated().map { y, range in
                let yearTrials = trials.map { TrialResult(trial: $0.trial, metrics: $0.years[y], series: [], parameterDraws: []) }
                return Year(year: y + 1, fromDay: range.lowerBound, toDay: range.upperBound,
                            metrics: SummaryFile.stats(EnsembleSummary(yearTrials), Metric.allCases))
            }
        }
        if !scenario.schedules.isEmpty {
            schedules = scenario.schedules.map { n in
                Schedule(policy: n.name, startDay: n.schedule.startDay, rampDays: n.schedule.rampDays,
                         endDay: n.schedule.endDay == Scenario.Schedule.never ? nil : n.schedule.endDay)
            }
        }
    }

    /// The paths (relative to the group) a group overrides.
    static func overridePaths(_ g: Scenario.CellGroup) -> [String] {
        func paths<S>(_ name: String, _ p: SectionPatch<S>) -> [String] { p.keys.map { "\(name).\($0)" } }
        return paths("council", g.council) + paths("sensors", g.sensors) + paths("volunteers", g.volunteers)
            + paths("preventiveVisits", g.preventiveVisits) + paths("elderlyCare", g.elderlyCare)
            + paths("response", g.response) + paths("residents", g.residents)
    }

    static func stats(_ summary: EnsembleSummary, _ list: [Metric]) -> [String: Stat] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.name, Stat(summary[$0], of: $0)) })
    }
}

// MARK: Writing

extension SummaryFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String { json.rendered }

    var json: JSONText {
        var document: [Key: JSONText] = [
            .scenario: .string(scenario),
            .trials: .integer(trials), .days: .integer(days),
            .metrics: SummaryFile.json(metrics),
        ]
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        if let version { document[.version] = .string(version) }
        if let parameterUncertainty { document[.parameterUncertainty] = .string(parameterUncertainty) }
        if let parametersDrawn { document[.parametersDrawn] = .integer(parametersDrawn) }
        if let parametersFromShippedPriors { document[.parametersFromShippedPriors] = .integer(parametersFromShippedPriors) }
        if let groups { document[.groups] = .object(groups.mapValues(\.json)) }
        if let estates { document[.estates] = .object(estates.mapValues(\.json)) }
        if let districtOnlyMetrics { document[.districtOnlyMetrics] = .array(districtOnlyMetrics.map { .string($0) }) }
        if let outputWindow {
            document[.outputWindow] = JSONText.keyed([SummaryFile.Key.fromDay: .integer(outputWindow.fromDay), .toDay: .integer(outputWindow.toDay)])
        }
        if let years {
            document[.years] = .array(years.map { y in
                JSONText.keyed([SummaryFile.Key.year: .integer(y.year), .fromDay: .integer(y.fromDay), .toDay: .integer(y.toDay),
                                    .metrics: SummaryFile.json(y.metrics)])
            })
        }
        if let schedules {
            document[.schedules] = .array(schedules.map { n in
                JSONText.keyed([SummaryFile.Key.policy: .string(n.policy), .startDay: .integer(n.startDay), .rampDays: .integer(n.rampDays),
                                    .endDay: n.endDay.map { .integer($0) } ?? .null])
            })
        }
        return JSONText.keyed(document)
    }


    static func json(_ metrics: [String: Stat]) -> JSONText { .object(metrics.mapValues(\.json)) }

}

extension SummaryFile.Stat {
    var json: JSONText {
        var entry: [SummaryFile.Key: JSONText] = [
            .mean: .number(mean), .sd: .number(sd), .ci95: JSONText.pair(ci95), .ci95Method: .string(ci95Method),
            .p025: .number(p025), .p05: .number(p05), .p50: .number(p50), .p95: .number(p95), .p975: .number(p975),
            // `prediction95` is the older name of pi95, kept for the scripts that read it.
            .prediction95: JSONText.pair(pi95), .prediction95Method: .string(predictionMethod),
            // Predictive intervals (parameters and chance) beside ci95 (the mean's precision).
            .pi90: JSONText.pair(pi90), .pi95: JSONText.pair(pi95),
            .n: .integer(n), .unit: .string(unit), .kind: .string(kind),
        ]
        if let bound { entry[.bound] = .number(bound) }
        if let note { entry[.note] = .string(note) }
        return JSONText.keyed(entry)
    }
}

extension SummaryFile.Part {
    var json: JSONText {
        var entry: [SummaryFile.Key: JSONText] = [
            .households: .number(households), .residents: .number(residents), .metrics: SummaryFile.json(metrics),
        ]
        if let cells { entry[.cells] = .integer(cells) }
        if let estate { entry[.estate] = .string(estate) }
        if let overrides { entry[.overrides] = .array(overrides.map { .string($0) }) }
        return JSONText.keyed(entry)
    }
}

// MARK: Reading

extension SummaryFile {
    /// Reads summary.json's text. Keys a file of an older govsim lacks are nil; a file without `scenario` or `metrics` is not a summary.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        guard let scenario = top.string(Key.scenario.rawValue), let metrics = top.object(Key.metrics.rawValue) else {
            throw ReadError(reason: "lacks 'scenario' or 'metrics'")
        }
        self.scenario = scenario
        self.metrics = SummaryFile.stats(metrics)
        seed = top.text(Key.seed.rawValue)
        trials = top.int(Key.trials.rawValue) ?? 0
        days = top.int(Key.days.rawValue) ?? 0
        version = top.string(Key.version.rawValue)
        parameterUncertainty = top.string(Key.parameterUncertainty.rawValue)
        parametersDrawn = top.int(Key.parametersDrawn.rawValue)
        parametersFromShippedPriors = top.int(Key.parametersFromShippedPriors.rawValue)
        groups = top.object(Key.groups.rawValue).map(SummaryFile.parts)
        estates = top.object(Key.estates.rawValue).map(SummaryFile.parts)
        districtOnlyMetrics = top.strings(Key.districtOnlyMetrics.rawValue)
        if let w = top.object(Key.outputWindow.rawValue), let from = w.int(Key.fromDay.rawValue), let to = w.int(Key.toDay.rawValue) {
            outputWindow = (from, to)
        }
        years = top.objects(Key.years.rawValue)?.compactMap { y in
            guard let year = y.int(Key.year.rawValue), let from = y.int(Key.fromDay.rawValue), let to = y.int(Key.toDay.rawValue),
                  let ms = y.object(Key.metrics.rawValue) else { return nil }
            return Year(year: year, fromDay: from, toDay: to, metrics: SummaryFile.stats(ms))
        }
        schedules = top.objects(Key.schedules.rawValue)?.compactMap { e in
            guard let policy = e.string(Key.policy.rawValue), let start = e.int(Key.startDay.rawValue) else { return nil }
            return Schedule(policy: policy, startDay: start, rampDays: e.int(Key.rampDays.rawValue) ?? 0, endDay: e.int(Key.endDay.rawValue))
        }
    }

    static func parts(_ block: JSONObject) -> [String: Part] {
        var out: [String: Part] = [:]
        for name in block.keys {
            guard let p = block.object(name), let ms = p.object(Key.metrics.rawValue) else { continue }
            var part = Part()
            part.households = p.number(Key.households.rawValue)
            part.residents = p.number(Key.residents.rawValue)
            part.metrics = stats(ms)
            part.cells = p.int(Key.cells.rawValue)
            part.estate = p.string(Key.estate.rawValue)
            part.overrides = p.strings(Key.overrides.rawValue)
            out[name] = part
        }
        return out
    }

    /// The entries of a `metrics` block.
    static func stats(_ block: JSONObject) -> [String: Stat] {
        var out: [String: Stat] = [:]
        for name in block.keys {
            guard let m = block.object(name) else { continue }
            var s = Stat()
            func number(_ key: Key) -> Double { m.number(key.rawValue) }
            s.mean = number(.mean); s.sd = number(.sd)
            s.ci95 = m.interval(Key.ci95.rawValue); s.ci95Method = m.string(Key.ci95Method.rawValue) ?? ""
            (s.p025, s.p05, s.p50, s.p95, s.p975) = (number(.p025), number(.p05), number(.p50), number(.p95), number(.p975))
            s.pi90 = m.interval(Key.pi90.rawValue)
            s.pi95 = m.interval((m.has(Key.pi95.rawValue) ? Key.pi95 : Key.prediction95).rawValue)
            s.predictionMethod = m.string(Key.prediction95Method.rawValue) ?? ""
            s.n = m.int(Key.n.rawValue) ?? 0
            s.unit = m.string(Key.unit.rawValue) ?? ""
            s.kind = m.string(Key.kind.rawValue) ?? ""
            s.bound = m.has(Key.bound.rawValue) ? number(.bound) : nil
            s.note = m.string(Key.note.rawValue)
            out[name] = s
        }
        return out
    }
}
