/// Allocating a budget across policy levers: which values of the named parameters (staff,
/// purchase-of-service budget, sensor coverage, ...) give the best objective at a mean total
/// cost within the budget.
///
/// Candidates are Sobol points over the levers' ranges, plus the scenario as it stands. Every
/// candidate runs the same trial indices (common random numbers), so candidates are compared on
/// the same luck. The best few feasible candidates are then re-evaluated on fresh trials, which
/// removes the winner's curse of picking the luckiest candidate. Among the finalists the best
/// cannot be told apart from (paired 95% interval of the objective's difference reaching 0), the
/// cheapest is chosen: a statistical tie is broken by cost. Constraints bound how far other outputs
/// may move from the status quo, and the chosen mix's effect on every output is reported.
public struct Optimization: Sendable {
    /// A bound on an output's change from the status quo: `median_resolution_hours<=+10%` (a
    /// relative change, %) or `mean_trust>=-1` (a difference in the output's unit).
    public struct Constraint: Sendable, Equatable {
        public var metric: Metric
        /// `<=` when true, `>=` when false.
        public var atMost: Bool
        public var bound: Double
        /// The bound is a % change of the status quo's mean rather than a difference.
        public var relative: Bool

        public init(metric: Metric, atMost: Bool, bound: Double, relative: Bool) {
            self.metric = metric
            self.atMost = atMost
            self.bound = bound
            self.relative = relative
        }

        /// The change it bounds, from the status quo's mean to a candidate's.
        public func change(candidate: Double, statusQuo: Double) -> Double {
            relative ? (statusQuo != 0 ? 100 * (candidate - statusQuo) / abs(statusQuo) : (candidate == statusQuo ? 0 : .infinity * (candidate - statusQuo)))
                : candidate - statusQuo
        }

        public func holds(candidate: Double, statusQuo: Double) -> Bool {
            let c = change(candidate: candidate, statusQuo: statusQuo)
            guard !c.isNaN else { return false }
            return atMost ? c <= bound : c >= bound
        }

        /// As written: `median_resolution_hours<=+10%`.
        public var text: String {
            let number = (bound >= 0 ? "+" : "") + JSONLiteral.number(bound)
            return "\(metric.name)\(atMost ? "<=" : ">=")\(number)\(relative ? "%" : "")"
        }
    }

    /// Bounds on other outputs' changes; a candidate breaking one is not feasible.
    public var constraints: [Constraint] = []
    /// A second objective: the Pareto front over (objective, this output) among feasible candidates.
    public var secondObjective: Metric? = nil
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
        /// Mean of every metric over the screening trials (by `Metric.rawValue`).
        public var means: [Double] = []
        /// Not dominated on (objective, `secondObjective`) among feasible candidates.
        public var onSecondFront = false
    }

    public struct Result: Sendable {
        /// Candidate 0 is the scenario as it stands (levers clamped to their ranges).
        public var candidates: [Candidate]
        /// Index of the chosen candidate (nil when no candidate is within the budget).
        public var best: Int?
        /// The chosen candidate against the status quo on the re-evaluation trials (paired).
        public var bestVersusStatusQuo: PairedDifference?
        /// The chosen candidate's effect on every output against the status quo, on the
        /// re-evaluation trials (paired; by `Metric.rawValue`). Empty when nothing was chosen.
        public var effects: [PairedDifference] = []
        /// The finalist with the best objective, and the finalists tied with it (their paired
        /// interval of the objective's difference from it reaches 0), of which `best` is the cheapest.
        public var top: Int? = nil
        public var tied: [Int] = []
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
        let statusQuoMeans = Metric.allCases.map { m in MetricSummary(done[0]!.map { $0[m] }).mean }
        var list = points.indices.map { p -> Candidate in
            let trials = done[p]!
            let cost = MetricSummary(trials.map { $0[.costTotal] })
            let means = Metric.allCases.map { m in MetricSummary(trials.map { $0[m] }).mean }
            let allowed = constraints.allSatisfy { $0.holds(candidate: means[$0.metric.rawValue], statusQuo: statusQuoMeans[$0.metric.rawValue]) }
            return Candidate(values: sweep.values(at: p), cost: cost, objective: MetricSummary(trials.map(objective)),
                             feasible: cost.mean <= budget && allowed, onFrontier: false, finalObjective: nil, finalCost: nil,
                             means: means)
        }
        // Pareto frontier: no other candidate is at most as costly and strictly better, or cheaper and at least as good.
        for i in list.indices {
            list[i].onFrontier = !list.indices.contains { j in
                j != i && list[j].cost.mean <= list[i].cost.mean && list[j].objective.mean >= list[i].objective.mean
                    && (list[j].cost.mean < list[i].cost.mean || list[j].objective.mean > list[i].objective.mean)
            }
        }
        if let second = secondObjective {
            let sign = second.higherIsBetter ? 1.0 : -1.0
            let feasible = list.indices.filter { list[$0].feasible }
            for i in feasible {
                let (a, b) = (list[i].objective.mean, sign * list[i].means[second.rawValue])
                list[i].onSecondFront = !feasible.contains { j in
                    let (c, d) = (list[j].objective.mean, sign * list[j].means[second.rawValue])
                    return j != i && c >= a && d >= b && (c > a || d > b)
                }
            }
        }
        let chosen = list.indices.filter { list[$0].feasible }.sorted { list[$0].objective.mean > list[$1].objective.mean }.prefix(finalists)
        guard !chosen.isEmpty else { return Result(candidates: list, best: nil, bestVersusStatusQuo: nil) }
        // Re-evaluate the finalists and the status quo on fresh trial indices.
        let finals = [0] + chosen.filter { $0 != 0 }
        let fresh = Sweep(scenario: scenario, axes: levers, unitPoints: finals.map { points[$0] }, trials: finalTrials, seed: seed, threads: threads)
        let runs = finals.indices.map { TrialRun(fresh.scenario(at: $0), seed: fresh.seed) }
        let again = TrialBatch.run(TrialBatch.jobs(runs: runs.indices, trials: trials..<(trials + finalTrials)), of: runs,
                                   threads: threads, shouldStop: shouldStop)
        guard !again.contains(where: { $0 == nil }) else { return nil }
        let rerun = finals.indices.map { slot in (0..<finalTrials).map { again[slot * finalTrials + $0]! } }
        for (slot, c) in finals.enumerated() {
            list[c].finalObjective = MetricSummary(rerun[slot].map(objective))
            list[c].finalCost = MetricSummary(rerun[slot].map { $0[.costTotal] })
        }
        // Feasible on the fresh trials too: within budget and every constraint.
        let finalMeans = rerun.map { trials in Metric.allCases.map { m in MetricSummary(trials.map { $0[m] }).mean } }
        let feasibleFinals = finals.indices.filter { slot in
            list[finals[slot]].feasible && (list[finals[slot]].finalCost?.mean ?? .infinity) <= budget
                && constraints.allSatisfy { $0.holds(candidate: finalMeans[slot][$0.metric.rawValue], statusQuo: finalMeans[0][$0.metric.rawValue]) }
        }
        guard let topSlot = feasibleFinals.max(by: { list[finals[$0]].finalObjective!.mean < list[finals[$1]].finalObjective!.mean }) else {
            return Result(candidates: list, best: nil, bestVersusStatusQuo: nil)
        }
        // A statistical tie is broken by cost: of the finalists not shown worse than the top one
        // (paired on the same fresh trials), the cheapest.
        let tiedSlots = feasibleFinals.filter { slot in
            slot == topSlot || !(PairedDifference(baseline: rerun[topSlot].map(objective), arm: rerun[slot].map(objective)).ci95.hi < 0)
        }
        let bestSlot = tiedSlots.min { (list[finals[$0]].finalCost?.mean ?? .infinity, $0) < (list[finals[$1]].finalCost?.mean ?? .infinity, $1) }!
        let versus = PairedDifference(baseline: rerun[0].map(objective), arm: rerun[bestSlot].map(objective))
        let effects = Metric.allCases.map { m in
            PairedDifference(baseline: rerun[0].map { $0[m] }, arm: rerun[bestSlot].map { $0[m] }, kind: m.kind)
        }
        return Result(candidates: list, best: finals[bestSlot], bestVersusStatusQuo: versus, effects: effects,
                      top: finals[topSlot], tied: tiedSlots.map { finals[$0] }.filter { $0 != finals[topSlot] })
    }
}
