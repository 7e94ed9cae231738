/// `posterior: "pudong.posterior.csv"`: a weighted sample of joint parameter vectors (what
/// `govsim calibrate --method abc` writes) from which each trial draws ONE vector, by weight,
/// that overrides those parameters for the trial. The draw uses its own stream, keyed from
/// (seed, trial, "posterior"), so the same trial index draws the same vector in every scenario
/// that carries the sample (both arms of a compare share it: common random numbers), and adding
/// or changing a distribution elsewhere never changes which vector a trial draws.
public struct PosteriorSample: Sendable, Equatable {
    /// The file name as the scenario gives it (for messages and manifests).
    public var source: String
    /// The parameter paths, one per column.
    public var paths: [String]
    /// One vector per row, in `paths` order.
    public var rows: [[Double]]
    /// Normalised weights (sum 1), one per row.
    public private(set) var weights: [Double]
    private var cumulative: [Double]

    /// Weights need not be normalised but must be > 0 and finite (the reader checks).
    public init(source: String, paths: [String], rows: [[Double]], weights: [Double]) {
        self.source = source
        self.paths = paths
        self.rows = rows
        let total = weights.reduce(0, +)
        self.weights = weights.map { $0 / total }
        var c = 0.0
        cumulative = self.weights.map { c += $0; return c }
    }

    /// The sample without the column `path` (the joint sample's marginal over the others; nil
    /// when no column is left).
    public func removing(_ path: String) -> PosteriorSample? {
        guard let k = paths.firstIndex(of: path) else { return self }
        guard paths.count > 1 else { return nil }
        var p = paths
        p.remove(at: k)
        return PosteriorSample(source: source, paths: p, rows: rows.map { var r = $0; r.remove(at: k); return r }, weights: weights)
    }

    /// The row a uniform draw u ∈ [0, 1) picks (row i with probability weights[i]).
    public func row(for u: Double) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The row trial `trial` of a run with `seed` draws.
    public func row(seed: UInt64, trial: Int) -> Int {
        let stream = RandomStream(seed: StreamSeed.substream(StreamSeed.stream(seed: seed, trial: trial, process: .parameters),
                                                             StreamSeed.key("posterior")))
        return row(for: stream.uniform())
    }
}

/// Sets the parameters of one posterior row (clamped into bounds, rounded for integer fields).
final class PosteriorOverride: PathTrackingVisitor {
    private let values: [String: Double]
    private(set) var applied: [String: Double] = [:]

    init(paths: [String], values: [Double]) {
        self.values = Dictionary(zip(paths, values), uniquingKeysWith: { a, _ in a })
    }

    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        let p = path(key)
        guard let x = values[p] else { return }
        let v = bounds.realise(x)
        value = .fixed(v)
        applied[p] = v
    }
}
