/// Sensitivity analysis of the model: which varied parameters drive which outputs.
///
/// A stochastic model is not a deterministic function: each design point is run `replicates`
/// trials (the same trial indices at every point, common random numbers) and the indices are
/// computed on the point means. The trial-to-trial noise that remains in those means is
/// estimated from the replicates and reported beside the indices, so noise is not read as
/// sensitivity.
public struct SensitivityStudy: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        /// Sobol first- and total-order indices (Saltelli sampling on a Sobol sequence).
        case sobol
        /// Morris elementary effects (screening).
        case morris
    }

    public var scenario: Scenario
    public var axes: [Axis]
    public var metrics: [Metric]
    public var method: Method
    /// Sobol: base rows N (N·(k + 2) points). Morris: trajectories r (r·(k + 1) points).
    public var samples: Int
    public var replicates: Int
    public var seed: UInt64
    public var threads: Int

    public init(scenario: Scenario, axes: [Axis], metrics: [Metric], method: Method, samples: Int, replicates: Int, seed: UInt64, threads: Int) {
        self.scenario = scenario
        self.axes = axes
        self.metrics = metrics
        self.method = method
        self.samples = samples
        self.replicates = replicates
        self.seed = seed
        self.threads = threads
    }

    /// What one metric's analysis found.
    public struct MetricResult: Sendable {
        public var metric: Metric
        public var sobol: SobolIndices.Estimate?
        public var morris: MorrisScreening.Effects?
        /// Variance of the point means across the design.
        public var outputVariance: Double
        /// Variance of a point mean due to trial-to-trial noise (mean within-point variance / replicates).
        public var noiseVariance: Double
        /// Largest change of any index between half and all of the base rows (Sobol only).
        public var convergenceChange: Double
        /// Share of the output variance that is noise, 0–1.
        public var noiseShare: Double { outputVariance > 0 ? min(1, noiseVariance / outputVariance) : .nan }
    }

    public struct Result: Sendable {
        /// Design points in unit coordinates and their trials.
        public var points: [[Double]]
        public var trials: [[TrialResult]]
        public var metrics: [MetricResult]
    }

    /// The design points, in the order the estimators expect.
    public var designPoints: [[Double]] {
        switch method {
        case .sobol:
            let (a, b) = SobolIndices.baseMatrices(parameters: axes.count, rows: samples)
            return SobolIndices.evaluationPoints(a: a, b: b)
        case .morris:
            return MorrisScreening.trajectories(parameters: axes.count, count: samples, seed: seed).flatMap { $0 }
        }
    }

    /// Runs the study; nil when interrupted before every point finished.
    public func run(progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) -> Result? {
        let points = designPoints
        let sweep = Sweep(scenario: scenario, axes: axes, unitPoints: points, trials: replicates, seed: seed, threads: threads)
        let done = sweep.run(progress: progress, shouldStop: shouldStop)
        guard done.count == points.count else { return nil }
        let trials = points.indices.map { done[$0]! }
        let k = axes.count
        let results = metrics.map { m -> MetricResult in
            let f = trials.map { MetricSummary($0.map { $0[m] }).mean }
            let within = trials.map { MetricSummary($0.map { $0[m] }).sd.squared }.filter { !$0.isNaN }
            let noise = replicates > 1 ? MetricSummary(within).mean / Double(replicates) : .nan
            switch method {
            case .sobol:
                let estimate = SobolIndices.estimate(f, parameters: k, bootstrap: 500, seed: seed)
                let half = SobolIndices.indices(f, k: k, n: samples, rows: Array(0..<(samples / 2)))
                let change = zip(estimate.first + estimate.total, half.first + half.total).map { abs($0 - $1) }.max() ?? .nan
                return MetricResult(metric: m, sobol: estimate, morris: nil, outputVariance: estimate.variance,
                                    noiseVariance: noise, convergenceChange: change)
            case .morris:
                let paths = MorrisScreening.trajectories(parameters: k, count: samples, seed: seed)
                let values = (0..<samples).map { t in Array(f[(t * (k + 1))..<((t + 1) * (k + 1))]) }
                return MetricResult(metric: m, sobol: nil, morris: MorrisScreening.effects(paths, values: values),
                                    outputVariance: MetricSummary(f).sd.squared, noiseVariance: noise, convergenceChange: .nan)
            }
        }
        return Result(points: points, trials: trials, metrics: results)
    }
}
