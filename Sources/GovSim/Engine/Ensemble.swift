import Dispatch
import Synchronization

/// Runs the trials of a scenario in parallel.
///
/// Each trial's result depends only on (scenario, seed, trial index), and results are stored by
/// trial index, so the output is bit-identical whatever the thread count or the order trials
/// finish in.
public struct Ensemble: Sendable {
    public var scenario: Scenario
    public var seed: UInt64
    public var threads: Int

    public init(scenario: Scenario, seed: UInt64, threads: Int) {
        self.scenario = scenario
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// Runs `trials` (e.g. `0..<1000`, or a shard's range) and returns results in trial order.
    /// - Parameters:
    ///   - progress: called after each finished trial with the number finished so far, from a
    ///     worker thread (the callee synchronises).
    ///   - shouldStop: polled before each trial; once true, no new trial starts and the trials
    ///     finished so far are returned (in trial order, possibly with gaps).
    ///   - finished: called with each trial as it finishes, from a worker thread (e.g. to journal it).
    public func run(trials: Range<Int>,
                    progress: (@Sendable (Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil,
                    finished: (@Sendable (TrialResult) -> Void)? = nil) -> [TrialResult] {
        TrialBatch.run(TrialBatch.jobs(runs: [0], trials: trials), of: [TrialRun(scenario, seed: seed)], threads: threads,
                       progress: progress, shouldStop: shouldStop, finished: finished.map { f in { @Sendable _, t in f(t) } })
            .compactMap { $0 }
    }

    /// Runs the given trial indices (e.g. the ones an interrupted run did not finish); results
    /// in the order given.
    public func run(indices: [Int], progress: (@Sendable (Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil,
                    finished: (@Sendable (TrialResult) -> Void)? = nil) -> [TrialResult] {
        TrialBatch.run(indices.map { TrialJob(run: 0, trial: $0) }, of: [TrialRun(scenario, seed: seed)], threads: threads,
                       progress: progress, shouldStop: shouldStop, finished: finished.map { f in { @Sendable _, t in f(t) } })
            .compactMap { $0 }
    }

    /// The number of logical cores, the default thread count.
    public static var availableCores: Int { ProcessInfoCores.count }
}

/// Parallel map over job indices with results kept in index order.
public enum Parallel {
    /// Runs `body(i)` for every i in `0..<count` on `threads` workers. Jobs are handed out one at
    /// a time from an atomic counter; each result is stored in its own slot, so the workers share
    /// nothing mutable but the counter. Returns a result per index, nil for jobs not started
    /// because `shouldStop` turned true.
    public static func map<T: Sendable>(count: Int, threads: Int,
                                        progress: (@Sendable (Int) -> Void)? = nil,
                                        shouldStop: (@Sendable () -> Bool)? = nil,
                                        _ body: @escaping @Sendable (Int) -> T) -> [T?] {
        let slots = ResultSlots<T>(count: count)
        let next = Counter(), finished = Counter()
        let workers = min(max(1, threads), max(count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                if shouldStop?() == true { return }
                let k = next.increment() - 1
                if k >= count { return }
                slots.store(body(k), at: k)
                let done = finished.increment()
                progress?(done)
            }
        }
        return slots.results()
    }
}

/// An atomic counter shared by the workers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds one and returns the new value.
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
}

/// One slot per job; each worker writes only the slots of the jobs it ran.
final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func store(_ result: T, at index: Int) { storage[index] = result }
    func results() -> [T?] { Array(storage) }
}
