import Foundation
import GovSim
import GovSimExperiments

/// sweep.json, the one schema of the file: `SweepFolder` writes it through this type (it is
/// also the sweep's descriptor, which a resumed sweep must match byte for byte) and the sweep
/// report reads it back through this type, so a key is named once, in `Key`. sweep.csv's
/// columns are `SweepFile.Table`'s.
public struct SweepFile: Sendable {
    public static let fileName = "sweep.json"

    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case version, scenario, scenarioDigest = "scenario_digest", seed, trialsPerPoint = "trials_per_point", design
        case axes, points, reference
        // An axis's entry.
        case path, lo, hi, steps, unit
        // The reference's entry.
        case values, meaning
    }

    /// A varied parameter: its path, range, steps (grids) and unit.
    public struct Axis: Sendable {
        public var path: String?, unit: String?
        public var lo = Double.nan, hi = Double.nan
        public var steps: Int?
        public init(path: String?, unit: String?, lo: Double, hi: Double, steps: Int?) {
            (self.path, self.unit, self.lo, self.hi, self.steps) = (path, unit, lo, hi, steps)
        }
    }

    /// The values of the axes every point's difference is paired against (the scenario as written).
    public struct Reference: Sendable {
        public var values: [Double]?, meaning: String?
    }

    public var version: String?
    public var scenario: String?
    /// The digest of the scenario as resolved (`RunCheckpoint.digest`).
    public var scenarioDigest: String?
    public var seed: String?
    public var trialsPerPoint: Int?
    /// "grid", "lhs" or "sobol".
    public var design: String?
    public var axes: [Axis]
    /// Every planned point's values of the axes.
    public var points: [[Double]]?
    public var reference: Reference?

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension SweepFile {
    /// The file of a sweep.
    public init(_ sweep: Sweep, design: DesignKind) {
        version = RunResults.version
        scenario = sweep.scenario.name
        scenarioDigest = RunCheckpoint.digest(sweep.scenario)
        seed = String(Int(sweep.seed))
        trialsPerPoint = sweep.trials
        self.design = design.rawValue
        axes = sweep.axes.map { Axis(path: $0.path.text, unit: $0.path.bounds.unit, lo: $0.lo, hi: $0.hi, steps: $0.steps) }
        points = sweep.unitPoints.indices.map { sweep.values(at: $0) }
        reference = Reference(values: sweep.referenceValues,
                              meaning: "every point's difference (sweep.csv: difference, difference_ci95_lo/hi) is paired against the scenario as written, at these values of the axes, on the same trials")
    }
}

// MARK: Writing

extension SweepFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .axes: .array(axes.map { a in
                var entry: [Key: JSONText] = [.lo: .number(a.lo), .hi: .number(a.hi), .steps: a.steps.map { .integer($0) } ?? .null]
                if let path = a.path { entry[.path] = .string(path) }
                if let unit = a.unit { entry[.unit] = .string(unit) }
                return JSONText.keyed(entry)
            }),
        ]
        if let version { document[.version] = .string(version) }
        if let scenario { document[.scenario] = .string(scenario) }
        if let scenarioDigest { document[.scenarioDigest] = .string(scenarioDigest) }
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        if let trialsPerPoint { document[.trialsPerPoint] = .integer(trialsPerPoint) }
        if let design { document[.design] = .string(design) }
        if let points { document[.points] = .array(points.map { .array($0.map { .number($0) }) }) }
        if let reference {
            var entry: [Key: JSONText] = [:]
            if let values = reference.values { entry[.values] = .array(values.map { .number($0) }) }
            if let meaning = reference.meaning { entry[.meaning] = .string(meaning) }
            document[.reference] = JSONText.keyed(entry)
        }
        return JSONText.keyed(document).rendered
    }

}

// MARK: Reading

extension SweepFile {
    /// Reads sweep.json's text. Keys a file of an older govsim lacks are nil; a file without
    /// `axes` (one or more) is not a sweep.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let axes = top.objects(key(.axes)), !axes.isEmpty else { throw ReadError(reason: "lacks 'axes'") }
        self.axes = axes.map { a in
            Axis(path: a.string(key(.path)), unit: a.string(key(.unit)), lo: a.number(key(.lo)), hi: a.number(key(.hi)),
                 steps: a.int(key(.steps)))
        }
        version = top.string(key(.version))
        scenario = top.string(key(.scenario))
        scenarioDigest = top.string(key(.scenarioDigest))
        seed = top.text(key(.seed))
        trialsPerPoint = top.int(key(.trialsPerPoint))
        design = top.string(key(.design))
        // A point that is not an array of numbers still counts as a planned point.
        points = top.array(key(.points))?.map { item -> [Double] in
            if case .array(let values) = item { return values.map { $0.numberValue ?? .nan } }
            return []
        }
        reference = top.object(key(.reference)).map { Reference(values: $0.numbers(key(.values)), meaning: $0.string(key(.meaning))) }
    }
}

// MARK: sweep.csv

extension SweepFile {
    /// sweep.csv, the one schema of the file: a row per point and metric, with the point's
    /// values of the axes, the metric's summary over the point's trials and its paired
    /// difference from the reference. `SweepFolder` writes it through this type and the sweep
    /// report reads it back through this type, so a column's name is made and parsed in one place.
    public struct Table: ResultTable {
        public static let fileName = "sweep.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            case point
            /// The point's value of the axis with this path (named by the path).
            case axis(String)
            case metric, unit, n, mean, sd, ci95Lo, ci95Hi, p05, p50, p95
            /// The paired difference from the reference, with its 95% CI.
            case difference, differenceCI95Lo, differenceCI95Hi
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// The columns that are not axes, in the file's order.
            public static let fixed: [Column] = [.point, .metric, .unit, .n, .mean, .sd, .ci95Lo, .ci95Hi, .p05, .p50, .p95,
                                                 .difference, .differenceCI95Lo, .differenceCI95Hi]

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .point: return "point"
                case .axis(let path): return path
                case .metric: return "metric"
                case .unit: return "unit"
                case .n: return "n"
                case .mean: return "mean"
                case .sd: return "sd"
                case .ci95Lo: return "ci95_lo"
                case .ci95Hi: return "ci95_hi"
                case .p05: return "p05"
                case .p50: return "p50"
                case .p95: return "p95"
                case .difference: return "difference"
                case .differenceCI95Lo: return "difference_ci95_lo"
                case .differenceCI95Hi: return "difference_ci95_hi"
                case .other(let name): return name
                }
            }

            /// The column a header name stands for, given the sweep's axis paths.
            public init(name: String, axes: [String]) {
                if let fixed = Column.fixed.first(where: { $0.name == name }) { self = fixed; return }
                self = axes.contains(name) ? .axis(name) : .other(name)
            }
        }

        public var columns: [Column]
        /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
        public var rows: [[String]] = []

        /// An empty table of a sweep over `axes` (their paths).
        public init(axes: [String]) {
            columns = [.point] + axes.map { .axis($0) } + [.metric, .unit, .n, .mean, .sd, .ci95Lo, .ci95Hi, .p05, .p50, .p95,
                                                          .difference, .differenceCI95Lo, .differenceCI95Hi]
        }

        /// Appends point `p`'s row for metric `m`: `values` are the point's values of the axes.
        public mutating func append(point p: Int, values: [Double], metric m: Metric, summary s: MetricSummary, difference d: PairedDifference) {
            rows.append([String(p)] + values.map(CSVTable.number) + [m.name, m.unit, String(s.n)]
                        + [s.mean, s.sd, s.ci95.lo, s.ci95.hi, s.p05, s.p50, s.p95, d.difference, d.ci95.lo, d.ci95.hi].map(CSVTable.number))
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads sweep.csv's text for a sweep over `axes` (their paths); `required` are the
        /// columns it must have.
        public init(text: String, axes: [String], required: [Column]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: { Column(name: $0, axes: axes) }, required: required)
        }
    }
}

extension SweepFile {
    /// sweep_trials.csv, the one schema of the file: a row per point and trial, with the
    /// point's values of the axes and the trial's district outputs. `SweepFolder` writes it
    /// through this type.
    public struct Trials: ResultTable {
        public static let fileName = "sweep_trials.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            case point
            /// The point's value of the axis with this path (named by the path).
            case axis(String)
            case trial
            /// An output of the district.
            case metric(Metric)
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .point: return "point"
                case .axis(let path): return path
                case .trial: return "trial"
                case .metric(let m): return m.name
                case .other(let name): return name
                }
            }

            /// The column a header name stands for, given the sweep's axis paths.
            public init(name: String, axes: [String]) {
                if name == "point" { self = .point; return }
                if name == "trial" { self = .trial; return }
                if axes.contains(name) { self = .axis(name); return }
                self = Metric(name: name).map { .metric($0) } ?? .other(name)
            }
        }

        public var columns: [Column]
        /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
        public var rows: [[String]] = []

        /// An empty table of a sweep over `axes` (their paths).
        public init(axes: [String]) {
            columns = [.point] + axes.map { .axis($0) } + [.trial] + Metric.allCases.map { .metric($0) }
        }

        /// Appends point `p`'s rows: `values` are the point's values of the axes.
        public mutating func append(point p: Int, values: [Double], trials: [TrialResult]) {
            let head = [String(p)] + values.map(CSVTable.number)
            for t in trials { rows.append(head + [String(t.trial)] + t.metrics.map(CSVTable.number)) }
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads sweep_trials.csv's text for a sweep over `axes` (their paths); `required` are
        /// the columns it must have.
        public init(text: String, axes: [String], required: [Column] = [.point, .trial]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: { Column(name: $0, axes: axes) }, required: required)
        }
    }
}
