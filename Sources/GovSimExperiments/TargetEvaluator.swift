import GovSim

/// Predicts the outputs scenario files name as targets, running each file and every file its
/// relative targets refer to on the same seed and trial indices (common random numbers), so a
/// predicted change is a paired difference; a file and a reference with one key (one file) run
/// once per (seed, trials, days). Everything is in the `TargetedScenario`s, read when their
/// files were loaded: nothing here reads a file.
public struct TargetEvaluator: Sendable {
    public struct Prediction: Sendable {
        public var target: Target
        /// Predicted mean (value, or % change) and its 95% interval (for a change, Fieller's;
        /// NaN bounds when the reference's mean cannot be told from 0).
        public var mean: Double
        public var ci95: Interval
        /// 90% predictive interval: where the figure of one realisation of the place would lie,
        /// over chance and the parameters drawn from their priors (for a change, the paired
        /// per-trial change against the reference).
        public var pi90: Interval
        /// The no-policy counterfactual of a predicted target: for a value, the same output of the
        /// file the policy extends (its baseline), with its own 90% predictive interval; for a
        /// change, 0 (with no policy the model predicts no change). Nil for fitted targets and for
        /// files that extend nothing.
        public var counterfactual: Double?
        public var counterfactualPI90: Interval?
        /// Within the tolerance of the observed figure (what a fitted target must be).
        public var met: Bool { target.isMet(by: mean) }
        /// The observed figure lies inside the 90% predictive interval (what scores a prediction).
        public var hit: Bool { pi90.lo <= target.number && target.number <= pi90.hi }
        /// What check counts: `met` for a fitted target, `hit` for a prediction.
        public var passed: Bool { target.kind == .fitted ? met : hit }
        /// How far off, in tolerances: (predicted − observed) / tolerance.
        public var standardisedError: Double { (mean - target.number) / target.tolerance }
    }

    public struct FileResult: Sendable {
        public var file: TargetedScenario
        public var trials: Int
        public var seed: UInt64
        public var predictions: [Prediction]
    }

    private let threads: Int

    public init(threads: Int) { self.threads = threads }

    /// Predicts every target of `files`.
    /// - Parameters:
    ///   - transform: applied to every scenario before running (calibration sets fitted values).
    ///   - trials, seed: nil for each file's own `run.trials` and `run.seed`.
    /// - Returns: nil when `shouldStop` stopped the runs.
    public func evaluate(_ files: [TargetedScenario], trials: Int?, seed: UInt64?,
                         transform: @Sendable (Scenario) -> Scenario = { $0 },
                         shouldStop: (@Sendable () -> Bool)? = nil) -> [FileResult]? {
        // Every run needed: (scenario, seed, trials), keyed so shared references run once.
        struct Job { var key: String; var scenario: Scenario; var seed: UInt64; var trials: Int }
        var jobs: [Job] = [], index: [String: Int] = [:]
        func need(_ file: String, _ scenario: Scenario, seed: UInt64, trials: Int, days: Int) -> String {
            let key = "\(file)|\(seed)|\(trials)|\(days)"
            if index[key] == nil {
                var s = transform(scenario)
                s.run.days = days
                index[key] = jobs.count
                jobs.append(Job(key: key, scenario: s, seed: seed, trials: trials))
            }
            return key
        }
        var plan: [(file: TargetedScenario, seed: UInt64, trials: Int, own: String, refs: [String?], parent: String?)] = []
        for file in files {
            let s = seed ?? UInt64(file.scenario.run.seed), n = trials ?? file.scenario.run.trials, days = file.scenario.run.days
            let own = need(file.key, file.scenario, seed: s, trials: n, days: days)
            var refs: [String?] = []
            for t in file.targets {
                if case .change(_, let reference) = t.observed {
                    refs.append(need(reference.key, reference.scenario, seed: s, trials: n, days: days))
                } else {
                    refs.append(nil)
                }
            }
            // A prediction of a value is shown beside the no-policy counterfactual: the baseline
            // the policy file extends, on the same trials.
            var parent: String? = nil
            if let base = file.counterfactual, file.targets.contains(where: { $0.kind == .predicted && !$0.isChange }) {
                parent = need(base.key, base.scenario, seed: s, trials: n, days: days)
            }
            plan.append((file, s, n, own, refs, parent))
        }
        let offsets = jobs.reduce(into: [0]) { $0.append($0.last! + $1.trials) }
        let runs = jobs.map { TrialRun($0.scenario, seed: $0.seed) }
        let flat = TrialBatch.run(jobs.indices.flatMap { j in TrialBatch.jobs(runs: [j], trials: 0..<jobs[j].trials) }, of: runs,
                                  threads: threads, shouldStop: shouldStop)
        guard !flat.contains(where: { $0 == nil }) else { return nil }
        let results = jobs.indices.map { j in (offsets[j]..<offsets[j + 1]).map { flat[$0]! } }
        return plan.map { p in
            let own = results[index[p.own]!]
            let predictions = zip(p.file.targets, p.refs).map { target, ref -> Prediction in
                let values = own.map { $0[target.metric] }
                guard let ref else {
                    let s = MetricSummary(values, kind: target.metric.kind)
                    var prediction = Prediction(target: target, mean: s.mean, ci95: s.ci95, pi90: s.prediction90)
                    if target.kind == .predicted, let parent = p.parent {
                        let c = MetricSummary(results[index[parent]!].map { $0[target.metric] }, kind: target.metric.kind)
                        (prediction.counterfactual, prediction.counterfactualPI90) = (c.mean, c.prediction90)
                    }
                    return prediction
                }
                // A relative change: Fieller's interval, which carries the baseline mean's own
                // uncertainty (dividing the paired interval by the baseline mean does not).
                let base = results[index[ref]!].map { $0[target.metric] }
                let d = PairedDifference(baseline: base, arm: values, kind: target.metric.kind)
                // One realisation's change: trial by trial against the same trial's reference.
                let perTrial = zip(base, values).compactMap { b, a in b > 0 && b.isFinite && a.isFinite ? 100 * (a - b) / b : nil }
                var prediction = Prediction(target: target, mean: d.relativeChangePct, ci95: d.relativeChangeCI95,
                                            pi90: MetricSummary(perTrial).prediction90)
                if target.kind == .predicted { (prediction.counterfactual, prediction.counterfactualPI90) = (0, Interval(lo: 0, hi: 0)) }
                return prediction
            }
            return FileResult(file: p.file, trials: p.trials, seed: p.seed, predictions: predictions)
        }
    }
}
