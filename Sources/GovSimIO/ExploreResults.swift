import Foundation
import GovSim
import GovSimExperiments

/// The data of `govsim explore`: a full grid over the levers, each point's trials paired with
/// the baseline (the scenario as written, on the same seed and trial indices), summarised in
/// Swift so that explore.html only picks and formats numbers. explore.json is this data; the
/// page embeds it verbatim, so `govsim report` redraws the page byte for byte from it.
public struct ExploreResults: Sendable {
    public static let fileName = "explore.json"
    /// The data files of an explore folder (the page is drawn from explore.json; manifest.json
    /// says how and when it was made).
    public static let fileNames = [fileName, "manifest.json"]
    /// What the file is, for readers that check.
    public static let format = "govsim-explore 1"
    /// The outputs the page shows, in its order: the two headline scores and the cost first, then
    /// the other main outputs of a run's table.
    public static let metrics: [Metric] = [.safetyScore, .satisfactionPct, .costTotal]
        + Metric.headline.filter { ![.safetyScore, .satisfactionPct, .costTotal].contains($0) } + [.costPerResident]

    public var sweep: Sweep
    /// Each point's trials, by point index (every point of `sweep`).
    public var results: [Int: [TrialResult]]
    /// The baseline's trials: the scenario as written on the same trials.
    public var baseline: [TrialResult]

    public init(sweep: Sweep, results: [Int: [TrialResult]], baseline: [TrialResult]) {
        self.sweep = sweep
        self.results = results
        self.baseline = baseline
    }

    /// A lever's values, step by step (its design points' values along it).
    public func steps(of axis: Axis) -> [Double] {
        let n = max(1, axis.steps ?? 1)
        return (0..<n).map { axis.value(at: n == 1 ? 0.5 : Double($0) / Double(n - 1)) }
    }

    /// Point `p`'s step on each lever (the grid's last lever varies fastest, as `Design` lays it out).
    public func gridIndex(of p: Int) -> [Int] {
        var rest = p, index: [Int] = []
        for axis in sweep.axes.reversed() {
            let n = max(1, axis.steps ?? 1)
            index.append(rest % n)
            rest /= n
        }
        return index.reversed()
    }

    /// One output of one setting: its spread over the trials, summarised as `govsim run` does
    /// (intervals made for the metric's kind, so a count's never go below 0), and (for a design
    /// point) its paired difference from the baseline, the same numbers `sweep.csv` gives.
    static func stats(_ m: Metric, _ trials: [TrialResult], baseline: [TrialResult]?) -> [String: JSONText] {
        let s = MetricSummary(trials.map { $0[m] }, kind: m.kind)
        var out: [String: JSONText] = [
            "n": .integer(s.n), "mean": .number(s.mean), "sd": .number(s.sd),
            "ci95": .array([.number(s.ci95.lo), .number(s.ci95.hi)]),
            "pi90": .array([.number(s.prediction90.lo), .number(s.prediction90.hi)]),
            "p05": .number(s.p05), "p50": .number(s.p50), "p95": .number(s.p95),
        ]
        if let baseline {
            let d = PairedDifference(baseline: baseline.map { $0[m] }, arm: trials.map { $0[m] }, kind: m.kind)
            out["difference"] = .number(d.difference)
            out["difference_ci95"] = .array([.number(d.ci95.lo), .number(d.ci95.hi)])
            out["difference_pi90"] = .array([.number(d.prediction90.lo), .number(d.prediction90.hi)])
        }
        return out
    }

    /// Each output's drawing range on the page: the hull of every setting's 90% predictive
    /// interval, 5–95% quantiles and 95% CI, so strips of different settings share one scale.
    func scale(_ m: Metric, _ entries: [[String: JSONText]]) -> [Double] {
        var lo = Double.infinity, hi = -Double.infinity
        for e in entries {
            for key in ["ci95", "pi90"] {
                if case .array(let pair)? = e[key] { for case .number(let x) in pair where x.isFinite { lo = min(lo, x); hi = max(hi, x) } }
            }
            for key in ["p05", "p95", "mean"] {
                if case .number(let x)? = e[key], x.isFinite { lo = min(lo, x); hi = max(hi, x) }
            }
        }
        guard lo.isFinite, hi.isFinite else { return [0, 1] }
        if hi - lo <= 1e-12 * max(1, abs(lo)) {
            let pad = max(1, abs(lo) * 0.05)
            return [m.kind.bounds.contains(lo - pad) ? lo - pad : lo, hi + pad]
        }
        return [lo, hi]
    }

    /// How well linear interpolation between design points predicts an output's mean, measured by
    /// leave-one-out along each lever: every point with a neighbour on either side along a lever
    /// is predicted from those two neighbours (linear in the lever's value) and compared with its
    /// own mean. The neighbours are twice as far apart as the points the page interpolates
    /// between, so this overstates the page's error for a smooth response (about fourfold for a
    /// quadratic one); it also holds the points' own trial noise. Null with 2 points per lever.
    func interpolationError(_ m: Metric) -> JSONText {
        let means = sweep.unitPoints.indices.map { MetricSummary((results[$0] ?? []).map { $0[m] }).mean }
        let steps = sweep.axes.map { max(1, $0.steps ?? 1) }
        var errors: [Double] = []
        for p in sweep.unitPoints.indices {
            let index = gridIndex(of: p)
            for (k, axis) in sweep.axes.enumerated() where index[k] > 0 && index[k] < steps[k] - 1 {
                let stride = steps[(k + 1)...].reduce(1, *)
                let values = self.steps(of: axis)
                let (lo, hi) = (means[p - stride], means[p + stride])
                let (x0, x, x1) = (values[index[k] - 1], values[index[k]], values[index[k] + 1])
                guard lo.isFinite, hi.isFinite, means[p].isFinite, x1 > x0 else { continue }
                errors.append(lo + (hi - lo) * (x - x0) / (x1 - x0) - means[p])
            }
        }
        let halfWidths = sweep.unitPoints.indices.map { p in
            PairedDifference(baseline: baseline.map { $0[m] }, arm: (results[p] ?? []).map { $0[m] }, kind: m.kind).ci95.halfWidth
        }.filter(\.isFinite).sorted()
        guard !errors.isEmpty else { return .null }
        let rms = (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
        return .object([
            "method": .string("leave-one-out along each lever, from the two neighbouring design points"),
            "n": .integer(errors.count),
            "rms_error": .number(rms),
            "max_abs_error": .number(errors.map(abs).max()!),
            "median_difference_ci95_half_width": halfWidths.isEmpty ? .null : .number(halfWidths[halfWidths.count / 2]),
        ])
    }

    /// explore.json.
    public var json: String {
        let points = sweep.unitPoints.indices.map { p in
            (p, Dictionary(uniqueKeysWithValues: ExploreResults.metrics.map { ($0, ExploreResults.stats($0, results[p] ?? [], baseline: baseline)) }))
        }
        let base = Dictionary(uniqueKeysWithValues: ExploreResults.metrics.map { ($0, ExploreResults.stats($0, baseline, baseline: nil)) })
        let outputs: [JSONText] = ExploreResults.metrics.map { m in
            .object(["name": .string(m.name), "unit": .string(m.unit), "kind": .string(m.kind.rawValue),
                     "higher_is_better": .bool(m.higherIsBetter),
                     "scale": .array(scale(m, [base[m]!] + points.map { $0.1[m]! }).map { .number($0) }),
                     "interpolation": interpolationError(m)])
        }
        let reference = sweep.referenceValues
        let levers: [JSONText] = sweep.axes.enumerated().map { k, a in
            .object(["path": .string(a.path.text), "unit": .string(a.path.bounds.unit), "lo": .number(a.lo), "hi": .number(a.hi),
                     "integer": .bool(a.path.bounds.integer), "values": .array(steps(of: a).map { .number($0) }),
                     "baseline": .number(reference[k])])
        }
        return JSONText.object([
            "format": .string(ExploreResults.format),
            "version": .string(RunResults.version),
            "scenario": .string(sweep.scenario.name),
            "scenario_digest": .string(RunCheckpoint.digest(sweep.scenario)),
            "seed": .integer(Int(sweep.seed)),
            "trials": .integer(sweep.trials),
            "design": .string("grid"),
            "setting": .string("nearest design point; the page may interpolate linearly between design points (outputs[].interpolation: its leave-one-out error)"),
            "levers": .array(levers),
            "outputs": .array(outputs),
            "baseline": .object([
                "values": .array(reference.map { .number($0) }),
                "outputs": .object(Dictionary(uniqueKeysWithValues: base.map { ($0.key.name, .object($0.value)) })),
            ]),
            "points": .array(points.map { p, stats in
                .object(["point": .integer(p), "index": .array(gridIndex(of: p).map { .integer($0) }),
                         "values": .array(sweep.values(at: p).map { .number($0) }),
                         "outputs": .object(Dictionary(uniqueKeysWithValues: stats.map { ($0.key.name, .object($0.value)) }))])
            }),
            "meaning": .string("each point ran the same seed and trial indices as the baseline (the scenario as written, at baseline.values of the levers): "
                               + "difference = mean over trials of (point − baseline), with its paired 95% CI (difference_ci95) and 90% predictive interval "
                               + "of one realisation's difference (difference_pi90); mean, ci95 (as govsim run gives it for the metric's kind), pi90 (where one more trial would land) and "
                               + "p05/p50/p95 are over the point's own trials"),
        ]).rendered
    }

    /// Writes explore.json into `directory`.
    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(json, to: (directory as NSString).appendingPathComponent(ExploreResults.fileName))
    }
}
