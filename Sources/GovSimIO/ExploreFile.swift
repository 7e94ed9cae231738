import Foundation
import GovSim
import GovSimExperiments

/// explore.json, the one schema of the file: `ExploreResults` writes it through this type and
/// explore.html's drawing reads it back through this type (checking it is a whole grid), so a
/// key is named once, in `Key`. The page embeds the file's text verbatim; its script reads the
/// same keys.
public struct ExploreFile: Sendable {
    public static let fileName = "explore.json"
    /// What the file is, for readers that check (its `format`).
    public static let format = "govsim-explore 1"

    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case format, version, scenario, scenarioDigest = "scenario_digest", seed, trials, design, setting, meaning
        case levers, outputs, baseline, points
        // A lever's entry (and `baseline`, its value in the scenario as written).
        case path, unit, lo, hi, integer, values
        // An output's entry.
        case name, kind, higherIsBetter = "higher_is_better", scale, interpolation
        // The interpolation's error.
        case method, n, rmsError = "rms_error", maxAbsError = "max_abs_error"
        case medianDifferenceCI95HalfWidth = "median_difference_ci95_half_width"
        // A point's entry.
        case point, index
        // One output of one setting.
        case mean, sd, ci95, pi90, p05, p50, p95, difference, differenceCI95 = "difference_ci95", differencePI90 = "difference_pi90"
    }

    /// A lever: its path, unit, range, whether it takes whole values, its steps' values and its
    /// value in the scenario as written.
    public struct Lever: Sendable {
        public var path: String, unit: String?
        public var lo = Double.nan, hi = Double.nan
        public var integer: Bool?
        public var values: [Double]
        public var baseline = Double.nan
    }

    /// How well linear interpolation between design points predicts an output's mean (leave one out).
    public struct Interpolation: Sendable {
        public var method: String?
        public var n = 0
        public var rmsError = Double.nan, maxAbsError = Double.nan
        /// The median half-width of a point's paired 95% CI (NaN: none is finite).
        public var medianDifferenceCI95HalfWidth = Double.nan
    }

    /// An output the page shows: its name, unit, kind, direction, drawing range and the error
    /// of interpolating it (nil with 2 points per lever).
    public struct Output: Sendable {
        public var name: String, unit: String?, kind: String?, higherIsBetter: Bool?
        public var scale: [Double]?
        public var interpolation: Interpolation?
    }

    /// One output of one setting over its trials (NaN where the file has null), and, for a design
    /// point, its paired difference from the baseline.
    public struct Stats: Sendable {
        public var n = 0
        public var mean = Double.nan, sd = Double.nan
        public var ci95 = Interval(lo: .nan, hi: .nan), pi90 = Interval(lo: .nan, hi: .nan)
        public var p05 = Double.nan, p50 = Double.nan, p95 = Double.nan
        public var difference: Double?, differenceCI95: Interval?, differencePI90: Interval?
        public init() {}
    }

    /// The scenario as written: its values of the levers and its outputs (by name).
    public struct Baseline: Sendable {
        public var values: [Double]?
        public var outputs: [String: Stats]
    }

    /// A design point: its index, its step on each lever, its values and its outputs (by name).
    public struct Point: Sendable {
        public var point: Int?
        public var index: [Int]
        public var values: [Double]?
        public var outputs: [String: Stats]
    }

    public var format = ExploreFile.format
    public var version: String?
    public var scenario: String?
    public var scenarioDigest: String?
    public var seed: String?
    public var trials: String?
    public var design: String?
    /// What a setting of the sliders shows, and what the numbers mean.
    public var setting: String?, meaning: String?
    public var levers: [Lever]
    public var outputs: [Output]
    public var baseline: Baseline
    public var points: [Point]

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension ExploreFile {
    /// The file of an exploration.
    public init(_ r: ExploreResults) {
        let sweep = r.sweep
        let pointStats = sweep.unitPoints.indices.map { p in
            Dictionary(uniqueKeysWithValues: ExploreResults.metrics.map { ($0, ExploreResults.stats($0, r.results[p] ?? [], baseline: r.baseline)) })
        }
        let base = Dictionary(uniqueKeysWithValues: ExploreResults.metrics.map { ($0, ExploreResults.stats($0, r.baseline, baseline: nil)) })
        outputs = ExploreResults.metrics.map { m in
            Output(name: m.name, unit: m.unit, kind: m.kind.rawValue, higherIsBetter: m.higherIsBetter,
                   scale: r.scale(m, [base[m]!] + pointStats.map { $0[m]! }), interpolation: r.interpolationError(m))
        }
        let reference = sweep.referenceValues
        levers = sweep.axes.enumerated().map { k, a in
            Lever(path: a.path.text, unit: a.path.bounds.unit, lo: a.lo, hi: a.hi, integer: a.path.bounds.integer,
                  values: r.steps(of: a), baseline: reference[k])
        }
        version = RunResults.version
        scenario = sweep.scenario.name
        scenarioDigest = RunCheckpoint.digest(sweep.scenario)
        seed = String(Int(sweep.seed))
        trials = String(sweep.trials)
        design = "grid"
        setting = "nearest design point; the page may interpolate linearly between design points (outputs[].interpolation: its leave-one-out error)"
        baseline = Baseline(values: reference, outputs: Dictionary(uniqueKeysWithValues: base.map { ($0.key.name, $0.value) }))
        points = pointStats.enumerated().map { p, stats in
            Point(point: p, index: r.gridIndex(of: p), values: sweep.values(at: p),
                  outputs: Dictionary(uniqueKeysWithValues: stats.map { ($0.key.name, $0.value) }))
        }
        meaning = "each point ran the same seed and trial indices as the baseline (the scenario as written, at baseline.values of the levers): "
            + "difference = mean over trials of (point − baseline), with its paired 95% CI (difference_ci95) and 90% predictive interval "
            + "of one realisation's difference (difference_pi90); mean, ci95 (as govsim run gives it for the metric's kind), pi90 (where one more trial would land) and "
            + "p05/p50/p95 are over the point's own trials"
    }
}

// MARK: Writing

extension ExploreFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .format: .string(format),
            .levers: .array(levers.map(\.json)),
            .outputs: .array(outputs.map(\.json)),
            .points: .array(points.map(\.json)),
        ]
        var base: [Key: JSONText] = [.outputs: ExploreFile.json(baseline.outputs)]
        if let values = baseline.values { base[.values] = ExploreFile.numbers(values) }
        document[.baseline] = JSONText.keyed(base)
        if let version { document[.version] = .string(version) }
        if let scenario { document[.scenario] = .string(scenario) }
        if let scenarioDigest { document[.scenarioDigest] = .string(scenarioDigest) }
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        if let trials { document[.trials] = Int(trials).map { .integer($0) } ?? .string(trials) }
        if let design { document[.design] = .string(design) }
        if let setting { document[.setting] = .string(setting) }
        if let meaning { document[.meaning] = .string(meaning) }
        return JSONText.keyed(document).rendered
    }



    static func numbers(_ xs: [Double]) -> JSONText { .array(xs.map { .number($0) }) }

    static func json(_ outputs: [String: Stats]) -> JSONText { .object(outputs.mapValues(\.json)) }
}

extension ExploreFile.Lever {
    var json: JSONText {
        var entry: [ExploreFile.Key: JSONText] = [.path: .string(path), .lo: .number(lo), .hi: .number(hi),
                                                  .values: ExploreFile.numbers(values), .baseline: .number(baseline)]
        if let unit { entry[.unit] = .string(unit) }
        if let integer { entry[.integer] = .bool(integer) }
        return JSONText.keyed(entry)
    }
}

extension ExploreFile.Output {
    var json: JSONText {
        var entry: [ExploreFile.Key: JSONText] = [.name: .string(name), .interpolation: interpolation?.json ?? .null]
        if let unit { entry[.unit] = .string(unit) }
        if let kind { entry[.kind] = .string(kind) }
        if let higherIsBetter { entry[.higherIsBetter] = .bool(higherIsBetter) }
        if let scale { entry[.scale] = ExploreFile.numbers(scale) }
        return JSONText.keyed(entry)
    }
}

extension ExploreFile.Interpolation {
    var json: JSONText {
        var entry: [ExploreFile.Key: JSONText] = [
            .n: .integer(n), .rmsError: .number(rmsError), .maxAbsError: .number(maxAbsError),
            .medianDifferenceCI95HalfWidth: .number(medianDifferenceCI95HalfWidth),
        ]
        if let method { entry[.method] = .string(method) }
        return JSONText.keyed(entry)
    }
}

extension ExploreFile.Stats {
    var json: JSONText {
        var entry: [ExploreFile.Key: JSONText] = [
            .n: .integer(n), .mean: .number(mean), .sd: .number(sd), .ci95: JSONText.pair(ci95), .pi90: JSONText.pair(pi90),
            .p05: .number(p05), .p50: .number(p50), .p95: .number(p95),
        ]
        if let difference { entry[.difference] = .number(difference) }
        if let differenceCI95 { entry[.differenceCI95] = JSONText.pair(differenceCI95) }
        if let differencePI90 { entry[.differencePI90] = JSONText.pair(differencePI90) }
        return JSONText.keyed(entry)
    }
}

extension ExploreFile.Point {
    var json: JSONText {
        var entry: [ExploreFile.Key: JSONText] = [.index: .array(index.map { .integer($0) }), .outputs: ExploreFile.json(outputs)]
        if let point { entry[.point] = .integer(point) }
        if let values { entry[.values] = ExploreFile.numbers(values) }
        return JSONText.keyed(entry)
    }
}

// MARK: Reading

extension ExploreFile {
    /// Reads explore.json's text, refusing a file that is not a whole grid: every lever with a
    /// path and values, every output named, a point per grid cell with a valid index and outputs.
    public init(text: String) throws(ReadError) {
        func key(_ k: Key) -> String { k.rawValue }
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        guard top.string(key(.format)) == ExploreFile.format else {
            throw ReadError(reason: "is not explore data (no \"format\": \"\(ExploreFile.format)\")")
        }
        guard let levers = top.objects(key(.levers)), !levers.isEmpty else { throw ReadError(reason: "lacks 'levers'") }
        guard let outputs = top.objects(key(.outputs)), !outputs.isEmpty, outputs.allSatisfy({ $0.string(key(.name)) != nil }) else {
            throw ReadError(reason: "lacks 'outputs'")
        }
        guard let points = top.objects(key(.points)) else { throw ReadError(reason: "lacks 'points'") }
        let steps = levers.map { ($0.array(key(.values)) ?? []).count }
        guard levers.allSatisfy({ $0.string(key(.path)) != nil }), steps.allSatisfy({ $0 >= 1 }) else {
            throw ReadError(reason: "has a lever without a path or values")
        }
        guard points.count == steps.reduce(1, *) else {
            throw ReadError(reason: "holds \(points.count) points, not the \(steps.reduce(1, *)) of its grid")
        }
        guard let base = top.object(key(.baseline)), let baseOutputs = base.object(key(.outputs)) else {
            throw ReadError(reason: "lacks 'baseline.outputs'")
        }
        self.points = []
        for (i, p) in points.enumerated() {
            let index = p.integers(key(.index)) ?? []
            guard index.count == levers.count, zip(index, steps).allSatisfy({ (0..<$1).contains($0) }), let outputs = p.object(key(.outputs)) else {
                throw ReadError(reason: "points[\(i)] lacks a valid 'index' or 'outputs'")
            }
            self.points.append(Point(point: p.int(key(.point)), index: index, values: p.numbers(key(.values)), outputs: ExploreFile.stats(outputs)))
        }
        self.levers = levers.map { l in
            Lever(path: l.string(key(.path))!, unit: l.string(key(.unit)), lo: l.number(key(.lo)), hi: l.number(key(.hi)),
                  integer: l.bool(key(.integer)), values: l.numbers(key(.values)) ?? [], baseline: l.number(key(.baseline)))
        }
        self.outputs = outputs.map { o in
            Output(name: o.string(key(.name))!, unit: o.string(key(.unit)), kind: o.string(key(.kind)),
                   higherIsBetter: o.bool(key(.higherIsBetter)), scale: o.numbers(key(.scale)),
                   interpolation: o.object(key(.interpolation)).map { e in
                       Interpolation(method: e.string(key(.method)), n: e.int(key(.n)) ?? 0, rmsError: e.number(key(.rmsError)),
                                     maxAbsError: e.number(key(.maxAbsError)),
                                     medianDifferenceCI95HalfWidth: e.number(key(.medianDifferenceCI95HalfWidth)))
                   })
        }
        baseline = Baseline(values: base.numbers(key(.values)), outputs: ExploreFile.stats(baseOutputs))
        version = top.string(key(.version))
        scenario = top.string(key(.scenario))
        scenarioDigest = top.string(key(.scenarioDigest))
        seed = top.text(key(.seed))
        trials = top.text(key(.trials))
        design = top.string(key(.design))
        setting = top.string(key(.setting))
        meaning = top.string(key(.meaning))
    }

    /// The entries of an output name → stats block.
    static func stats(_ block: JSONObject) -> [String: Stats] {
        var out: [String: Stats] = [:]
        for name in block.keys {
            guard let e = block.object(name) else { continue }
            func number(_ k: Key) -> Double { e.number(k.rawValue) }
            func interval(_ k: Key) -> Interval? { e.has(k.rawValue) ? e.interval(k.rawValue) : nil }
            var s = Stats()
            s.n = e.int(Key.n.rawValue) ?? 0
            (s.mean, s.sd) = (number(.mean), number(.sd))
            s.ci95 = e.interval(Key.ci95.rawValue); s.pi90 = e.interval(Key.pi90.rawValue)
            (s.p05, s.p50, s.p95) = (number(.p05), number(.p50), number(.p95))
            s.difference = e.has(Key.difference.rawValue) ? number(.difference) : nil
            s.differenceCI95 = interval(.differenceCI95)
            s.differencePI90 = interval(.differencePI90)
            out[name] = s
        }
        return out
    }
}
