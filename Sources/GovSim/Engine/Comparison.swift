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
        /// The trial cap with a precision target or a selection, unless one is given (also the
        /// command line's `--max-trials` default).
        public static let defaultMaxTrials = 5_000
        /// Trials added per arm and round, unless given (also `--batch`'s default).
        public static let defaultBatch = 50
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
        /// Indifference zone δ on the objective (its unit): differences smaller than this are
        /// not worth telling apart. Used for the indistinguishable group and the selection.
        public var indifference: Double
        /// Run Kim–Nelson selection (first stage `trials`, then `batch` at a time, up to
        /// `maxTrials`) instead of the precision rule; needs `indifference` > 0.
        public var select: Bool
        /// 1 − confidence of the selection and of the indistinguishable group.
        public var alpha: Double

        public init(trials: Int, precision: Double? = nil, maxTrials: Int = Plan.defaultMaxTrials, batch: Int = Plan.defaultBatch,
                    objective: Metric = .safetyScore, precisionMetrics: [Metric] = [.safetyScore, .satisfactionPct],
                    indifference: Double = 0, select: Bool = false, alpha: Double = 0.05) {
            self.trials = trials
            self.precision = precision
            self.maxTrials = max(maxTrials, trials)
            self.batch = max(1, batch)
            self.objective = objective
            self.precisionMetrics = precisionMetrics
            self.indifference = indifference
            self.select = select
            self.alpha = alpha
        }
    }

    /// What Kim–Nelson selection did.
    public struct Selection: Sendable {
        public var delta: Double
        public var alpha: Double
        public var firstStage: Int
        public var selected: Int
        /// Per arm, the trial count at which it was eliminated (nil for the selected arm).
        public var eliminatedAt: [Int?]
        /// Observations per arm when the procedure stopped.
        public var stage: Int
        /// False when the trial cap stopped the procedure first (then no guarantee holds).
        public var guaranteed: Bool
    }

    public struct Outcome: Sendable {
        /// Per arm, its trials in trial order (arms may have different counts when adaptive).
        public var results: [[TrialResult]]
        /// Per policy arm (index − 1), per metric (`Metric.rawValue`): the paired difference
        /// against the baseline over their common trials.
        public var differences: [[PairedDifference]]
        /// Arm indices by the objective's mean, best first.
        public var ranking: [Int]
        /// Share of 2,000 paired bootstrap resamples in which `ranking[0]` has the best mean
        /// objective (ties split evenly): a descriptive measure, not a guarantee.
        public var probabilityBest: Double
        /// Arms (ranking[0] first) that cannot be told apart from the first within the
        /// indifference zone (`IndifferenceGroup`).
        public var indistinguishable: [Int]
        /// Kim–Nelson's result when `Plan.select` was set.
        public var selection: Selection?
        /// Why trials stopped: "fixed", "precision reached", "max trials", "interrupted".
        public var stoppedBecause: String
    }

    /// Runs the comparison.
    /// - Parameters:
    ///   - progress: called with (trials finished this round, trials to run in this round).
    ///   - known: per arm, trials already run (read back from a journal by `--resume`): a job
    ///     whose trial is known is not run again. Which trials run next depends only on the
    ///     results, so a comparison replayed with its known trials ends exactly as an
    ///     uninterrupted one.
    ///   - finished: called with (arm, trial) as each trial that ran finishes, from a worker
    ///     thread (e.g. to journal it).
    public func run(_ plan: Plan, progress: (@Sendable (Int, Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil,
                    known: [[Int: TrialResult]] = [],
                    finished: (@Sendable (Int, TrialResult) -> Void)? = nil) -> Outcome {
        var results = [[TrialResult]](repeating: [], count: arms.count)
        var running = Array(arms.indices)
        var size = plan.trials
        var reason = plan.precision == nil ? "fixed" : "max trials"
        var kn = plan.select ? KimNelson(k: arms.count, n0: max(2, plan.trials), delta: plan.indifference, alpha: plan.alpha) : nil
        if kn != nil { reason = "max trials" }
        while !running.isEmpty {
            let limit = kn.map { k in { (arm: Int) in min(results[arm].count + size, max(k.needed, min(k.lastStage, plan.maxTrials))) } }
            let jobs = running.flatMap { arm in
                (results[arm].count..<min(limit?(arm) ?? (results[arm].count + size), cap(plan))).map { (arm, $0) }
            }
            if jobs.isEmpty { break }
            var batch = jobs.map { job in job.0 < known.count ? known[job.0][job.1] : nil }
            let todo = jobs.indices.filter { batch[$0] == nil }
            let total = todo.count
            let ran = TrialBatch.run(todo.map { TrialJob(run: jobs[$0].0, trial: jobs[$0].1) }, of: arms.map { TrialRun($0, seed: seed) },
                                     threads: threads, progress: progress.map { p in { @Sendable done in p(done, total) } },
                                     shouldStop: shouldStop, finished: finished.map { f in { @Sendable job, r in f(job.run, r) } })
            for (k, j) in todo.enumerated() { batch[j] = ran[k] }
            // Keep, per arm, the prefix of trials that finished (an interruption may leave gaps).
            for arm in running {
                for (k, job) in jobs.enumerated() where job.0 == arm {
                    guard let r = batch[k], r.trial == results[arm].count else { break }
                    results[arm].append(r)
                }
            }
            if batch.contains(where: { $0 == nil }) { reason = "interrupted"; break }
            size = plan.batch
            if var k = kn {
                let sign = plan.objective.higherIsBetter ? 1.0 : -1.0
                k.update(results.map { arm in arm.map { t in let v = t[plan.objective]; return v.isNaN ? -Double.infinity : sign * v } })
                kn = k
                if k.selected != nil { reason = "selected"; break }
                running = k.survivors
                if running.contains(where: { results[$0].count >= plan.maxTrials }) { break }
                continue
            }
            guard let target = plan.precision else { break }
            running = armsNeedingTrials(results, target: target, plan: plan)
            if running.isEmpty { reason = "precision reached" }
        }
        let differences = (1..<max(arms.count, 1)).map { arm in
            Metric.allCases.map { m in PairedDifference(baseline: results[0].map { $0[m] }, arm: results[arm].map { $0[m] }, kind: m.kind) }
        }
        var selection: Selection?
        if var k = kn, reason != "interrupted" {
            let guaranteed = k.selected != nil
            k.stopNow()
            selection = Selection(delta: plan.indifference, alpha: plan.alpha, firstStage: k.n0, selected: k.selected!,
                                  eliminatedAt: k.eliminatedAt, stage: k.stage, guaranteed: guaranteed)
        }
        var ranking = rank(results, plan.objective)
        if let chosen = selection?.selected { ranking = [chosen] + ranking.filter { $0 != chosen } }
        let first = ranking.first ?? 0
        let group = IndifferenceGroup.members(results.map { arm in arm.map { $0[plan.objective] } }, best: first,
                                              delta: plan.indifference, alpha: plan.alpha, higherIsBetter: plan.objective.higherIsBetter)
        return Outcome(results: results, differences: differences, ranking: ranking,
                       probabilityBest: probabilityBest(results, first, plan.objective),
                       indistinguishable: group, selection: selection, stoppedBecause: reason)
    }

    private func cap(_ plan: Plan) -> Int { plan.precision == nil && !plan.select ? plan.trials : plan.maxTrials }

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
    /// `chosen` has the best mean objective, a tie for best counting 1/(arms tied) to each.
    /// Seeded from the scenario seed: reproducible.
    func probabilityBest(_ results: [[TrialResult]], _ chosen: Int, _ objective: Metric) -> Double {
        guard results.count > 1 else { return 1 }
        let common = results.map(\.count).min() ?? 0
        guard common > 1 else { return .nan }
        let values = results.map { arm in arm.prefix(common).map { $0[objective] } }
        let rng = RandomStream(seed: StreamSeed.mix(seed ^ 0xB007_5742_AB1E_5EED))
        let resamples = 2_000
        var wins = 0.0
        var sums = [Double](repeating: 0, count: values.count)
        for _ in 0..<resamples {
            for a in sums.indices { sums[a] = 0 }
            for _ in 0..<common {
                let i = rng.index(common)
                for a in values.indices { sums[a] += values[a][i] }
            }
            // Ties (common with common random numbers) are shared, not given to the lower index.
            let top = objective.higherIsBetter ? sums.max()! : sums.min()!
            if sums[chosen] == top { wins += 1 / Double(sums.filter { $0 == top }.count) }
        }
        return wins / Double(resamples)
    }
}
