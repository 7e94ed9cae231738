import Foundation
import GovSim
import GovSimExperiments

/// The data of `govsim explore`: a full grid over the levers, each point's trials paired with
/// the baseline (the scenario as written, on the same seed and trial indices), summarised in
/// Swift so that explore.html only picks and formats numbers. explore.json is this data; the
/// page embeds it verbatim, so `govsim report` redraws the page byte for byte from it.
public struct ExploreResults: Sendable {
    public static let fileName = ExploreFile.fileName
    /// The data files of an explore folder (the page is drawn from explore.json; manifest.json
    /// says how and when it was made).
    public static let fileNames = [fileName, "manifest.json"]
    /// What the file is, for readers that check.
    public static let format = ExploreFile.format
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
    static func stats(_ m: Metric, _ trials: [TrialResult], baseline: [TrialResult]?) -> ExploreFile.Stats {
        let s = MetricSummary(trials.map { $0[m] }, kind: m.kind)
        var out = ExploreFile.Stats()
        out.n = s.n; out.mean = s.mean; out.sd = s.sd
        out.ci95 = s.ci95; out.pi90 = s.prediction90
        (out.p05, out.p50, out.p95) = (s.p05, s.p50, s.p95)
        if let baseline {
            let d = PairedDifference(baseline: baseline.map { $0[m] }, arm: trials.map { $0[m] }, kind: m.kind)
            out.difference = d.difference
            out.differenceCI95 = d.ci95
            out.differencePI90 = d.prediction90
        }
        return out
    }

    /// Each output's drawing range on the page: the hull of every setting's 90% predictive
    /// interval, 5–95% quantiles and 95% CI, so strips of different settings share one scale.
    func scale(_ m: Metric, _ entries: [ExploreFile.Stats]) -> [Double] {
        var lo = Double.infinity, hi = -Double.infinity
        for e in entries {
            for x in [e.ci95.lo, e.ci95.hi, e.pi90.lo, e.pi90.hi, e.p05, e.p95, e.mean] where x.isFinite { lo = min(lo, x); hi = max(hi, x) }
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
    func interpolationError(_ m: Metric) -> ExploreFile.Interpolation? {
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
        guard !errors.isEmpty else { return nil }
        let rms = (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
        return ExploreFile.Interpolation(method: "leave-one-out along each lever, from the two neighbouring design points", n: errors.count,
                                         rmsError: rms, maxAbsError: errors.map(abs).max()!,
                                         medianDifferenceCI95HalfWidth: halfWidths.isEmpty ? .nan : halfWidths[halfWidths.count / 2])
    }

    /// explore.json (the schema: `ExploreFile`).
    public var json: String { ExploreFile(self).rendered }

    /// Writes explore.json into `directory`.
    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(json, to: (directory as NSString).appendingPathComponent(ExploreResults.fileName))
    }
}
