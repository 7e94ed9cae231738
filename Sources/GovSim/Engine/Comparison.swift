/// Runs several arms — a baseline and policies — with common random numbers: trial i of every
/// arm uses the same seed and trial index, so the streams of every process a policy does not
/// change are shared, and arm-to-baseline differences are paired.
///
/// With a precision target, trials run in deterministic batches (trial indices k·batch ..<
/// (k+1)·batch) until every precision metric's 95% half-width is below the target, or the
/// trial cap is reached. With several policies, only arms still in contention for first place
/// on the objective get further batches (ranking and selection). Which arms continue depends
/// only on the results, never on the thread count, so the stopping point is reproducible.
public struct Comparison: Sendable {
    /// The arms; arm 0 is the baseline.
    public var arms: [Scenario]
    public var seed: UInt64
    public var threads: Int

    public init(arms: [Scenario], seed: UInt64, threads: Int) {
        precondition(!arms.isEmpty, "a comparison needs at least one arm")
        self.arms = arms
        self.seed = seed
        self.threads = threads
    }

    public struct Plan: Sendable {
        /// Trials per arm without a precision target; the first batch with one.
        public var trials: Int
        /// Target 95% half-width of each difference (of each arm alone when there is one arm).
        public var precision: Double?
        /// Cap on trials per arm when a precision target is set.
        public var maxTrials: Int
        /// Trials added to each continuing arm per round.
        public var batch: Int
        /// What "first place" means in ranking and selection.
        public var objective: Metric
        /// The metrics the precision target applies to.
        public var precisionMetrics: [Metric]

        public init(trials: Int, precision: Double? = nil, maxTrials: Int = 10_000, batch: Int = 50,
                    objective: Metric = .safetyScore, precisionMetrics: [Metric] = [.safetyScore, .satisfactionPct]) {
            self.trials = trials
            self.precision = precision
            self.maxTrials = max(maxTrials, trials)
            self.batch = max(1, batch)
            self.objective = objective
            self.precisionMetrics = precisionMetrics
        }
    }

    public struct Outcome: Sendable {
        /// Per arm, its trials in trial order (arms may have different counts when adaptive).
        public var results: [[TrialResult]]
        /// Per policy arm (index − 1), per metric (`Metric.rawValue`): the paired difference
        /// against the baseline over their common trials.
        public var differences: [[PairedDifference]]
        /// Arm indices by the objective's mean, best first.
        public var ranking: [Int]
        /// Bootstrap probability that `ranking[0]` is truly best on the objective.
        public var probabilityBest: Double
        /// Why trials stopped: "fixed", "precision reached", "max trials", "interrupted".
        public var stoppedBecause: String
    }

    /// Runs the comparison.
    /// - Parameter progress: called with (trials finished this round, trials in this round).
    public func run(_ plan: Plan, progress: (@Sendable (Int, Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil) -> Outcome {
        var results = [[TrialResult]](repeating: [], count: arms.count)
        var running = Array(arms.indices)
        var size = plan.trials
        var reason = plan.precision == nil ? "fixed" : "max trials"
        while !running.isEmpty {
            let jobs = running.flatMap { arm in (results[arm].count..<min(results[arm].count + size, cap(plan))).map { (arm, $0) } }
            if jobs.isEmpty { break }
            let arms = self.arms, seed = self.seed, total = jobs.count
            let batch = Parallel.map(count: jobs.count, threads: threads, progress: progress.map { p in { @Sendable done in p(done, total) } },
                                     shouldStop: shouldStop) { k in
                runTrial(arms[jobs[k].0], seed: seed, trial: jobs[k].1)
            }
            // Keep, per arm, the prefix of trials that finished (an interruption may leave gaps).
            for arm in running {
                for (k, job) in jobs.enumerated() where job.0 == arm {
                    guard let r = batch[k], r.trial == results[arm].count else { break }
                    results[arm].append(r)
                }
            }
            if batch.contains(where: { $0 == nil }) { reason = "interrupted"; break }
            guard let target = plan.precision else { break }
            running = armsNeedingTrials(results, target: target, plan: plan)
            if running.isEmpty { reason = "precision reached" }
            size = plan.batch
        }
        let differences = (1..<max(arms.count, 1)).map { arm in
            Metric.allCases.map { m in PairedDifference(baseline: results[0].map { $0[m] }, arm: results[arm].map { $0[m] }) }
        }
        let ranking = rank(results, plan.objective)
        return Outcome(results: results, differences: differences, ranking: ranking,
                       probabilityBest: probabilityBest(results, ranking.first ?? 0, plan.objective), stoppedBecause: reason)
    }

    private func cap(_ plan: Plan) -> Int { plan.precision == nil ? plan.trials : plan.maxTrials }

    /// Arms that need another batch: a policy whose difference from the baseline is not yet
    /// precise enough on a precision metric, while it is still in contention for first place;
    /// the baseline while any policy continues (it must pair with their trials); a lone arm
    /// whose own interval is too wide.
    func armsNeedingTrials(_ results: [[TrialResult]], target: Double, plan: Plan) -> [Int] {
        let maxed = { (arm: Int) in results[arm].count >= plan.maxTrials }
        if arms.count == 1 {
            let wide = plan.precisionMetrics.contains { m in !(MetricSummary(results[0].map { $0[m] }).ci95.halfWidth <= target) }
            return wide && !maxed(0) ? [0] : []
        }
        let ranking = rank(results, plan.objective)
        let best = ranking[0]
        var policies: [Int] = []
        for arm in 1..<arms.count where !maxed(arm) {
            let imprecise = plan.precisionMetrics.contains { m in
                !(PairedDifference(baseline: results[0].map { $0[m] }, arm: results[arm].map { $0[m] }).ci95.halfWidth <= target)
            }
            if imprecise && (arms.count == 2 || arm == best || inContention(arm, best: best, results, plan.objective)) {
                policies.append(arm)
            }
        }
        guard !policies.isEmpty else { return [] }
        let needed = policies.map { results[$0].count + plan.batch }.max() ?? 0
        return (results[0].count < min(needed, plan.maxTrials) ? [0] : []) + policies
    }

    /// Whether `arm` may still be first: the 95% interval of (best − arm) on the objective, over
    /// their common trials, does not lie wholly on the side favouring `best`.
    func inContention(_ arm: Int, best: Int, _ results: [[TrialResult]], _ objective: Metric) -> Bool {
        let d = PairedDifference(baseline: results[arm].map { $0[objective] }, arm: results[best].map { $0[objective] })
        return objective.higherIsBetter ? !(d.ci95.lo > 0) : !(d.ci95.hi < 0)
    }

    func rank(_ results: [[TrialResult]], _ objective: Metric) -> [Int] {
        let means = results.map { MetricSummary($0.map { $0[objective] }).mean }
        return results.indices.sorted { a, b in
            let (x, y) = (means[a].isNaN ? -Double.infinity : means[a], means[b].isNaN ? -Double.infinity : means[b])
            if x != y { return objective.higherIsBetter ? x > y : x < y }
            return a < b
        }
    }

    /// Paired bootstrap over the trials all arms share: the share of 2,000 resamples in which
    /// `chosen` has the best mean objective. Seeded from the scenario seed: reproducible.
    func probabilityBest(_ results: [[TrialResult]], _ chosen: Int, _ objective: Metric) -> Double {
        guard results.count > 1 else { return 1 }
        let common = results.map(\.count).min() ?? 0
        guard common > 1 else { return .nan }
        let values = results.map { arm in arm.prefix(common).map { $0[objective] } }
        let rng = RandomStream(seed: StreamSeed.mix(seed ^ 0xB007_5742_AB1E_5EED))
        let resamples = 2_000
        var wins = 0
        var sums = [Double](repeating: 0, count: values.count)
        for _ in 0..<resamples {
            for a in sums.indices { sums[a] = 0 }
            for _ in 0..<common {
                let i = rng.index(common)
                for a in values.indices { sums[a] += values[a][i] }
            }
            let best = sums.indices.max { objective.higherIsBetter ? sums[$0] < sums[$1] : sums[$0] > sums[$1] }
            if best == chosen { wins += 1 }
        }
        return Double(wins) / Double(resamples)
    }
}
