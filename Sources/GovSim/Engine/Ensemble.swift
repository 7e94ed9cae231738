import Dispatch
import Synchronization

/// Runs the trials of a scenario in parallel.
///
/// Trials are handed out one at a time from an atomic counter to `threads` workers; each trial's
/// result depends only on (scenario, seed, trial index), and results are stored by trial index,
/// so the output is bit-identical whatever the thread count or the order trials finish in.
/// Workers share nothing mutable but the counter and their own result slots.
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
    public func run(trials: Range<Int>,
                    progress: (@Sendable (Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil) -> [TrialResult] {
        let slots = ResultSlots(count: trials.count)
        let next = Counter()
        let finished = Counter()
        let scenario = self.scenario, seed = self.seed
        let workers = min(threads, max(trials.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                if shouldStop?() == true { return }
                let k = next.increment() - 1
                if k >= trials.count { return }
                let result = runTrial(scenario, seed: seed, trial: trials.lowerBound + k)
                slots.store(result, at: k)
                let done = finished.increment()
                progress?(done)
            }
        }
        return slots.results()
    }

    /// The number of logical cores, the default thread count.
    public static var availableCores: Int { ProcessInfoCores.count }
}

/// An atomic counter shared by the workers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds one and returns the new value.
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
}

/// One slot per trial; each worker writes only the slots of the trials it ran.
final class ResultSlots: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<TrialResult?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func store(_ result: TrialResult, at index: Int) { storage[index] = result }
    func results() -> [TrialResult] { storage.compactMap { $0 } }
}
