/// The one way every experiment runs trials: a list of jobs, each one trial of one of the
/// experiment's runs (a scenario with its seed: an arm of a comparison, a design point of a
/// sweep, a coalition of levers, a case file), spread over threads. A job's result depends only
/// on (scenario, seed, trial index), and results come back in job order, so whatever the
/// thread count or the order jobs finish in, an experiment sees the same results; which jobs
/// form the next batch is the experiment's decision, taken from results alone.
public struct TrialRun: Sendable {
    public var scenario: Scenario
    public var seed: UInt64
    public init(_ scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        self.seed = seed
    }
}

/// One trial of one run: `run` indexes the runs given to `TrialBatch.run`.
public struct TrialJob: Sendable, Hashable {
    public var run: Int
    public var trial: Int
    public init(run: Int, trial: Int) {
        self.run = run
        self.trial = trial
    }
}

public enum TrialBatch {
    /// The jobs of trials `trials` of each of `runs`, run by run (run-major).
    public static func jobs(runs: some Sequence<Int>, trials: Range<Int>) -> [TrialJob] {
        runs.flatMap { run in trials.map { TrialJob(run: run, trial: $0) } }
    }

    /// Runs `jobs` on `threads` workers; one result per job, in job order, nil for jobs not
    /// started because `shouldStop` turned true.
    /// - Parameters:
    ///   - progress: called after each finished job with the number finished so far, from a
    ///     worker thread.
    ///   - finished: called with each job and its result as it finishes, from a worker thread
    ///     (e.g. to journal it).
    public static func run(_ jobs: [TrialJob], of runs: [TrialRun], threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil,
                           shouldStop: (@Sendable () -> Bool)? = nil,
                           finished: (@Sendable (TrialJob, TrialResult) -> Void)? = nil) -> [TrialResult?] {
        Parallel.map(count: jobs.count, threads: threads, progress: progress, shouldStop: shouldStop) { k in
            let job = jobs[k]
            let r = runTrial(runs[job.run].scenario, seed: runs[job.run].seed, trial: job.trial)
            finished?(job, r)
            return r
        }
    }
}
