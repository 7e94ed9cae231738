import GovSim
/// Sensitivity analysis of the model: which varied parameters drive which outputs.
///
/// A stochastic model is not a deterministic function: each design point is run `replicates`
/// trials (the same trial indices at every point, common random numbers) and the indices are
/// computed on the point means. The trial-to-trial noise that remains in those means is
/// reported beside the indices, so noise is not read as sensitivity.
///
/// Under common random numbers most of a point mean's noise is shared by every point (it shifts
/// them all together and cannot move an index); the within-point variance over replicates
/// counts it all and overstates the noise, by ×10 to ×3800 on the example. So a few design
/// points are run again on independent streams (another seed), and the noise that differs
/// between points is measured from the two runs: Var_x(f₁(x) − f₂(x)) / 2 over those points.
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
        /// Variance of a point mean due to trial noise that differs between points, measured on
        /// the independently replicated points (see the type's comment); NaN with fewer than 3.
        public var noiseVariance: Double
        /// The within-point variance of the trials / replicates: the noise a point mean would
        /// have without common random numbers (an upper bound under them), for comparison.
        public var independentNoiseVariance: Double
        /// Largest change of any index between half and all of the base rows (Sobol only).
        public var convergenceChange: Double
        /// Largest half-width of an index's 95% bootstrap interval (Sobol only).
        public var bootstrapHalfWidth: Double
        /// Indices whose estimate lies outside [0, 1] (by more than 0.01): estimation error, not
        /// sensitivity; described as "first order of PATH: VALUE" (Sobol only).
        public var outOfRange: [String]
        /// Share of the output variance that is noise, 0–1.
        public var noiseShare: Double { outputVariance > 0 ? min(1, noiseVariance / outputVariance) : .nan }
        /// Converged: every index's bootstrap 95% half-width ≤ `SensitivityStudy.convergenceLimit`
        /// and none is outside [0, 1] (Sobol only; Morris does not estimate convergence).
        public var converged: Bool {
            sobol != nil && outOfRange.isEmpty && bootstrapHalfWidth.isFinite && bootstrapHalfWidth <= SensitivityStudy.convergenceLimit
        }
    }

    /// Largest bootstrap 95% half-width of an index that counts as converged.
    public static let convergenceLimit = 0.05
    /// Design points re-run on independent streams to measure the trial noise.
    public static let noisePoints = 8

    public struct Result: Sendable {
        /// Design points in unit coordinates and their trials.
        public var points: [[Double]]
        public var trials: [[TrialResult]]
        public var metrics: [MetricResult]
    }

    /// The variance of a point mean's noise that differs between points: half the variance,
    /// over the replicated points, of (mean on the design's streams − mean on independent
    /// streams). A shift shared by every point on the same streams cancels. NaN with fewer than
    /// three replicated points.
    public static func pointNoise(_ f: [Double], replicated: [(point: Int, mean: Double)]) -> Double {
        let gaps = replicated.map { f[$0.point] - $0.mean }.filter { !$0.isNaN }
        return gaps.count >= 3 ? MetricSummary(gaps).sd.squared / 2 : .nan
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
        // A few points spread over the design, again on independent streams.
        let chosen = Array(Set((0..<min(Self.noisePoints, points.count)).map { $0 * points.count / min(Self.noisePoints, points.count) })).sorted()
        let again = Sweep(scenario: scenario, axes: axes, unitPoints: chosen.map { points[$0] }, trials: replicates,
                          seed: StreamSeed.mix(seed ^ 0x1DE9_E4DE_4751_12EA), threads: threads).run(shouldStop: shouldStop)
        guard again.count == chosen.count else { return nil }
        let results = metrics.map { m -> MetricResult in
            let f = trials.map { MetricSummary($0.map { $0[m] }).mean }
            let within = trials.map { MetricSummary($0.map { $0[m] }).sd.squared }.filter { !$0.isNaN }
            let independent = replicates > 1 ? MetricSummary(within).mean / Double(replicates) : .nan
            let noise = Self.pointNoise(f, replicated: chosen.indices.map { j in (chosen[j], MetricSummary(again[j]!.map { $0[m] }).mean) })
            switch method {
            case .sobol:
                let estimate = SobolIndices.estimate(f, parameters: k, bootstrap: 500, seed: seed)
                let half = SobolIndices.indices(f, k: k, n: samples, rows: Array(0..<(samples / 2)))
                let change = zip(estimate.first + estimate.total, half.first + half.total).map { abs($0 - $1) }.max() ?? .nan
                let width = (estimate.firstCI + estimate.totalCI).map(\.halfWidth).max() ?? .nan
                var outside: [String] = []
                for i in 0..<k {
                    if !(estimate.first[i] >= -0.01 && estimate.first[i] <= 1.01) { outside.append("first order of \(axes[i].path.text): \(estimate.first[i])") }
                    if !(estimate.total[i] >= -0.01 && estimate.total[i] <= 1.01) { outside.append("total order of \(axes[i].path.text): \(estimate.total[i])") }
                }
                return MetricResult(metric: m, sobol: estimate, morris: nil, outputVariance: estimate.variance,
                                    noiseVariance: noise, independentNoiseVariance: independent, convergenceChange: change,
                                    bootstrapHalfWidth: width, outOfRange: outside)
            case .morris:
                let paths = MorrisScreening.trajectories(parameters: k, count: samples, seed: seed)
                let values = (0..<samples).map { t in Array(f[(t * (k + 1))..<((t + 1) * (k + 1))]) }
                return MetricResult(metric: m, sobol: nil, morris: MorrisScreening.effects(paths, values: values),
                                    outputVariance: MetricSummary(f).sd.squared, noiseVariance: noise, independentNoiseVariance: independent,
                                    convergenceChange: .nan, bootstrapHalfWidth: .nan, outOfRange: [])
            }
        }
        return Result(points: points, trials: trials, metrics: results)
    }
}
