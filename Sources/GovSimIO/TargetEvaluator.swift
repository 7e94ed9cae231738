import Foundation
import GovSim

/// Predicts the outputs scenario files name as targets, running each file and every file its
/// relative targets refer to on the same seed and trial indices (common random numbers), so a
/// predicted change is a paired difference. Runs are cached by (file, seed, trials, days).
public final class TargetEvaluator: @unchecked Sendable {
    public struct Prediction: Sendable {
        public var target: Target
        /// Predicted mean (value, or % change) and its 95% interval (for a change, Fieller's;
        /// NaN bounds when the reference's mean cannot be told from 0).
        public var mean: Double
        public var ci95: Interval
        public var met: Bool { target.isMet(by: mean) }
        /// How far off, in tolerances: (predicted − observed) / tolerance.
        public var standardisedError: Double { (mean - target.number) / target.tolerance }
    }

    public struct FileResult: Sendable {
        public var loaded: LoadedScenario
        public var trials: Int
        public var seed: UInt64
        public var predictions: [Prediction]
    }

    private var references: [String: LoadedScenario] = [:]
    private let threads: Int

    public init(threads: Int) { self.threads = threads }

    private func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Loads (once) a file a relative target refers to.
    func reference(_ path: String) throws(ScenarioFileError) -> LoadedScenario {
        let key = canonical(path)
        if let cached = references[key] { return cached }
        let loaded = try ScenarioLoader.load(path: path)
        references[key] = loaded
        return loaded
    }

    /// Predicts every target of `files`.
    /// - Parameters:
    ///   - transform: applied to every scenario before running (calibration sets fitted values).
    public func evaluate(_ files: [LoadedScenario], trials: Int?, seed: UInt64?,
                         transform: @Sendable (Scenario) -> Scenario = { $0 },
                         shouldStop: (@Sendable () -> Bool)? = nil) throws(ScenarioFileError) -> [FileResult]? {
        // Every run needed: (scenario, seed, trials), keyed so shared references run once.
        struct Job { var key: String; var scenario: Scenario; var seed: UInt64; var trials: Int }
        var jobs: [Job] = [], index: [String: Int] = [:]
        func need(_ loaded: LoadedScenario, seed: UInt64, trials: Int, days: Int) -> String {
            let key = "\(canonical(loaded.path))|\(seed)|\(trials)|\(days)"
            if index[key] == nil {
                var s = transform(loaded.scenario)
                s.run.days = days
                index[key] = jobs.count
                jobs.append(Job(key: key, scenario: s, seed: seed, trials: trials))
            }
            return key
        }
        var plan: [(file: LoadedScenario, seed: UInt64, trials: Int, own: String, refs: [String?])] = []
        for file in files {
            let s = seed ?? UInt64(file.scenario.run.seed), n = trials ?? file.scenario.run.trials, days = file.scenario.run.days
            let own = need(file, seed: s, trials: n, days: days)
            var refs: [String?] = []
            for t in file.targets {
                if case .change(_, let path, _) = t.observed {
                    refs.append(need(try reference(path), seed: s, trials: n, days: days))
                } else {
                    refs.append(nil)
                }
            }
            plan.append((file, s, n, own, refs))
        }
        let offsets = jobs.reduce(into: [0]) { $0.append($0.last! + $1.trials) }
        let all = jobs
        let flat = Parallel.map(count: offsets.last!, threads: threads, shouldStop: shouldStop) { k in
            let j = offsets.lastIndex { $0 <= k }!
            return runTrial(all[j].scenario, seed: all[j].seed, trial: k - offsets[j])
        }
        guard !flat.contains(where: { $0 == nil }) else { return nil }
        let results = jobs.indices.map { j in (offsets[j]..<offsets[j + 1]).map { flat[$0]! } }
        return plan.map { p in
            let own = results[index[p.own]!]
            let predictions = zip(p.file.targets, p.refs).map { target, ref -> Prediction in
                let values = own.map { $0[target.metric] }
                guard let ref else {
                    let s = MetricSummary(values, kind: target.metric.kind)
                    return Prediction(target: target, mean: s.mean, ci95: s.ci95)
                }
                // A relative change: Fieller's interval, which carries the baseline mean's own
                // uncertainty (dividing the paired interval by the baseline mean does not).
                let base = results[index[ref]!].map { $0[target.metric] }
                let d = PairedDifference(baseline: base, arm: values, kind: target.metric.kind)
                return Prediction(target: target, mean: d.relativeChangePct, ci95: d.relativeChangeCI95)
            }
            return FileResult(loaded: p.file, trials: p.trials, seed: p.seed, predictions: predictions)
        }
    }
}
