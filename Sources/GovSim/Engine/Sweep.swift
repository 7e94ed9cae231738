import Synchronization

/// A parameter sweep: the scenario run at each point of a design, `trials` trials per point.
/// Every point uses the same seed and trial indices (common random numbers), so differences
/// between points come from the parameters. Jobs are (point, trial) pairs spread over the
/// threads; results depend only on (scenario, point, seed, trial).
public struct Sweep: Sendable {
    public var scenario: Scenario
    public var axes: [Axis]
    /// Points in unit coordinates (see `Design.unitPoints`).
    public var unitPoints: [[Double]]
    public var trials: Int
    public var seed: UInt64
    public var threads: Int

    public init(scenario: Scenario, axes: [Axis], unitPoints: [[Double]], trials: Int, seed: UInt64, threads: Int) {
        self.scenario = scenario
        self.axes = axes
        self.unitPoints = unitPoints
        self.trials = trials
        self.seed = seed
        self.threads = threads
    }

    /// The parameter values of point `p`, axis by axis.
    public func values(at p: Int) -> [Double] { zip(axes, unitPoints[p]).map { $0.value(at: $1) } }

    /// The scenario at point `p`.
    public func scenario(at p: Int) -> Scenario {
        zip(axes, values(at: p)).reduce(scenario) { s, pair in pair.0.path.setting(pair.1, in: s) }
    }

    /// The reference every point is compared with: the scenario as written, its own values of the
    /// axes (clamped to nothing: the file's values, which may lie outside the swept ranges).
    public var referenceValues: [Double] { axes.map { $0.path.value(in: scenario) } }

    /// The reference's trials: the scenario as written on the same seed and trial indices as every
    /// point (common random numbers), so each point's paired difference from it is what the swept
    /// parameters change. Nil when stopped.
    public func runReference(shouldStop: (@Sendable () -> Bool)? = nil) -> [TrialResult]? {
        let results = TrialBatch.run(TrialBatch.jobs(runs: [0], trials: 0..<trials), of: [TrialRun(scenario, seed: seed)],
                                     threads: threads, shouldStop: shouldStop)
        guard !results.contains(where: { $0 == nil }) else { return nil }
        return results.map { $0! }
    }

    /// Runs every point not in `done`.
    /// - Parameters:
    ///   - pointFinished: called (from a worker, serialised) with each point's trials as soon as
    ///     the point is complete, so the caller can keep them on disk.
    ///   - progress: called with the number of trials finished.
    /// - Returns: the trials of each point run to completion, by point.
    public func run(skipping done: Set<Int> = [],
                    pointFinished: (@Sendable (Int, [TrialResult]) -> Void)? = nil,
                    progress: (@Sendable (Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil) -> [Int: [TrialResult]] {
        let pending = unitPoints.indices.filter { !done.contains($0) }
        let runs = pending.map { TrialRun(scenario(at: $0), seed: seed) }
        let collector = PointCollector(trials: trials, onComplete: pointFinished)
        _ = TrialBatch.run(TrialBatch.jobs(runs: runs.indices, trials: 0..<trials), of: runs, threads: threads, progress: progress,
                           shouldStop: shouldStop, finished: { job, r in collector.add(r, point: pending[job.run]) })
        return collector.complete
    }
}

/// Gathers trials by point and hands over each point once all its trials are in.
final class PointCollector: Sendable {
    private let state = Mutex<(partial: [Int: [TrialResult]], complete: [Int: [TrialResult]])>(([:], [:]))
    private let trials: Int
    private let onComplete: (@Sendable (Int, [TrialResult]) -> Void)?

    init(trials: Int, onComplete: (@Sendable (Int, [TrialResult]) -> Void)?) {
        self.trials = trials
        self.onComplete = onComplete
    }

    func add(_ result: TrialResult, point: Int) {
        state.withLock { s in
            s.partial[point, default: []].append(result)
            guard s.partial[point]!.count == trials else { return }
            let results = s.partial.removeValue(forKey: point)!.sorted { $0.trial < $1.trial }
            s.complete[point] = results
            onComplete?(point, results)
        }
    }

    var complete: [Int: [TrialResult]] { state.withLock { $0.complete } }
}
