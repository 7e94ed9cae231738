/// Allocating a budget across policy levers: which values of the named parameters (staff,
/// purchase-of-service budget, sensor coverage, ...) give the best objective at a mean total
/// cost within the budget.
///
/// Candidates are Sobol points over the levers' ranges, plus the scenario as it stands. Every
/// candidate runs the same trial indices (common random numbers), so candidates are compared on
/// the same luck. The best few feasible candidates are then re-evaluated on fresh trials, which
/// removes the winner's curse of picking the luckiest candidate.
public struct Optimization: Sendable {
    public var scenario: Scenario
    public var levers: [Axis]
    /// Objective weights: Σ w·mean(metric), with metrics where lower is better entering negated.
    public var weights: [(metric: Metric, weight: Double)]
    /// Upper bound on the mean of `cost_total` over the run's days (yuan).
    public var budget: Double
    public var candidates: Int
    public var trials: Int
    public var finalists: Int
    public var finalTrials: Int
    public var seed: UInt64
    public var threads: Int

    public init(scenario: Scenario, levers: [Axis], weights: [(metric: Metric, weight: Double)], budget: Double,
                candidates: Int, trials: Int, finalists: Int, finalTrials: Int, seed: UInt64, threads: Int) {
        self.scenario = scenario
        self.levers = levers
        self.weights = weights
        self.budget = budget
        self.candidates = candidates
        self.trials = trials
        self.finalists = finalists
        self.finalTrials = finalTrials
        self.seed = seed
        self.threads = threads
    }

    public struct Candidate: Sendable {
        /// Lever values (parameter units).
        public var values: [Double]
        public var cost: MetricSummary
        /// Objective per trial's summary.
        public var objective: MetricSummary
        public var feasible: Bool
        public var onFrontier: Bool
        /// Re-evaluation on fresh trials (finalists only).
        public var finalObjective: MetricSummary?
        public var finalCost: MetricSummary?
    }

    public struct Result: Sendable {
        /// Candidate 0 is the scenario as it stands (levers clamped to their ranges).
        public var candidates: [Candidate]
        /// Index of the chosen candidate (nil when no candidate is within the budget).
        public var best: Int?
        /// The chosen candidate against the status quo on the re-evaluation trials (paired).
        public var bestVersusStatusQuo: PairedDifference?
    }

    /// The objective of one trial.
    public func objective(_ t: TrialResult) -> Double {
        weights.reduce(0) { sum, w in sum + (w.metric.higherIsBetter ? 1 : -1) * w.weight * t[w.metric] }
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) -> Result? {
        let statusQuo = levers.map { a in a.hi > a.lo ? min(1, max(0, (a.path.value(in: scenario) - a.lo) / (a.hi - a.lo))) : 0 }
        let sobol = SobolSequence(dimensions: levers.count)
        let points = [statusQuo] + (0..<candidates).map { _ in sobol.next() }
        let sweep = Sweep(scenario: scenario, axes: levers, unitPoints: points, trials: trials, seed: seed, threads: threads)
        let done = sweep.run(progress: progress, shouldStop: shouldStop)
        guard done.count == points.count else { return nil }
        var list = points.indices.map { p -> Candidate in
            let trials = done[p]!
            let cost = MetricSummary(trials.map { $0[.costTotal] })
            return Candidate(values: sweep.values(at: p), cost: cost, objective: MetricSummary(trials.map(objective)),
                             feasible: cost.mean <= budget, onFrontier: false, finalObjective: nil, finalCost: nil)
        }
        // Pareto frontier: no other candidate is at most as costly and strictly better, or cheaper and at least as good.
        for i in list.indices {
            list[i].onFrontier = !list.indices.contains { j in
                j != i && list[j].cost.mean <= list[i].cost.mean && list[j].objective.mean >= list[i].objective.mean
                    && (list[j].cost.mean < list[i].cost.mean || list[j].objective.mean > list[i].objective.mean)
            }
        }
        let chosen = list.indices.filter { list[$0].feasible }.sorted { list[$0].objective.mean > list[$1].objective.mean }.prefix(finalists)
        guard !chosen.isEmpty else { return Result(candidates: list, best: nil, bestVersusStatusQuo: nil) }
        // Re-evaluate the finalists and the status quo on fresh trial indices.
        let finals = [0] + chosen.filter { $0 != 0 }
        let fresh = Sweep(scenario: scenario, axes: levers, unitPoints: finals.map { points[$0] }, trials: finalTrials, seed: seed, threads: threads)
        let offset = trials
        let again = Parallel.map(count: finals.count * finalTrials, threads: threads, shouldStop: shouldStop) { k in
            let (slot, trial) = k.quotientAndRemainder(dividingBy: finalTrials)
            return runTrial(fresh.scenario(at: slot), seed: fresh.seed, trial: offset + trial)
        }
        guard !again.contains(where: { $0 == nil }) else { return nil }
        let rerun = finals.indices.map { slot in (0..<finalTrials).map { again[slot * finalTrials + $0]! } }
        for (slot, c) in finals.enumerated() {
            list[c].finalObjective = MetricSummary(rerun[slot].map(objective))
            list[c].finalCost = MetricSummary(rerun[slot].map { $0[.costTotal] })
        }
        let feasibleFinals = finals.indices.filter { list[finals[$0]].feasible && (list[finals[$0]].finalCost?.mean ?? .infinity) <= budget }
        guard let bestSlot = feasibleFinals.max(by: { list[finals[$0]].finalObjective!.mean < list[finals[$1]].finalObjective!.mean }) else {
            return Result(candidates: list, best: nil, bestVersusStatusQuo: nil)
        }
        let versus = PairedDifference(baseline: rerun[0].map(objective), arm: rerun[bestSlot].map(objective))
        return Result(candidates: list, best: finals[bestSlot], bestVersusStatusQuo: versus)
    }
}
