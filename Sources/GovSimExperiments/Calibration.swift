import Foundation
import GovSim

/// Fits named parameters so that scenarios reproduce their targets.
///
/// The objective is Σ ((predicted − observed) / tolerance)² over every target of every file,
/// predicted with common random numbers (the same seed and trial indices at every evaluation),
/// so it is a deterministic function of the parameters and a simplex can descend it. Parameters
/// are fitted jointly across the files: each value applies to every file (and to every file a
/// relative target refers to), so a case's baseline and its policy share the fitted rates.
/// Each parameter is searched within [lo, hi] through x = lo + (hi − lo)(1 + tanh z) / 2.
public struct Calibration: Sendable {
    public struct Parameter: Sendable {
        public var path: ParameterPath
        public var lo: Double
        public var hi: Double
        public init(path: ParameterPath, lo: Double, hi: Double) {
            self.path = path
            self.lo = lo
            self.hi = hi
        }
        func value(_ z: Double) -> Double { lo + (hi - lo) * (1 + tanh(z)) / 2 }
        func z(_ x: Double) -> Double {
            let u = min(max((x - lo) / (hi - lo), 1e-4), 1 - 1e-4)
            return atanh(2 * u - 1)
        }
    }

    public var files: [TargetedScenario]
    public var parameters: [Parameter]
    public var trials: Int
    public var seed: UInt64?
    public var threads: Int
    /// Largest number of objective evaluations.
    public var budget: Int

    public init(files: [TargetedScenario], parameters: [Parameter], trials: Int, seed: UInt64?, threads: Int, budget: Int) {
        self.files = files
        self.parameters = parameters
        self.trials = trials
        self.seed = seed
        self.threads = threads
        self.budget = budget
    }

    public struct Result: Sendable {
        public var values: [Double]
        public var objective: Double
        public var evaluations: Int
        public var converged: Bool
        /// Every target at the fitted values.
        public var fit: [TargetEvaluator.FileResult]
    }

    /// The scenario with the given parameter values.
    func applying(_ values: [Double]) -> @Sendable (Scenario) -> Scenario {
        let parameters = self.parameters
        return { s in zip(parameters, values).reduce(s) { $1.0.path.setting($1.1, in: $0) } }
    }

    static func objective(_ results: [TargetEvaluator.FileResult]) -> Double {
        results.flatMap(\.predictions).reduce(0) { sum, p in
            let e = p.standardisedError
            return sum + (e.isFinite ? e * e : 1e12)
        }
    }

    /// Runs the fit. `progress` gets (evaluations so far, best objective so far).
    public func run(progress: ((Int, Double) -> Void)? = nil) -> Result {
        let evaluator = TargetEvaluator(threads: threads)
        let start = parameters.map { p in p.z(p.path.value(in: files[0].scenario)) }
        var best = Double.infinity, evaluations = 0
        let fit = Minimizer.nelderMead({ z in
            let values = zip(parameters, z).map { $0.value($1) }
            let results = evaluator.evaluate(files, trials: trials, seed: seed, transform: applying(values))!
            let value = Calibration.objective(results)
            evaluations += 1
            best = min(best, value)
            progress?(evaluations, best)
            return value
        }, start: start, steps: parameters.map { _ in 0.6 }, sizeTolerance: 1e-3, maxEvaluations: budget)
        let values = zip(parameters, fit.x).map { $0.value($1) }
        let final = evaluator.evaluate(files, trials: trials, seed: seed, transform: applying(values))!
        return Result(values: values, objective: Calibration.objective(final), evaluations: fit.evaluations,
                      converged: fit.converged, fit: final)
    }
}
