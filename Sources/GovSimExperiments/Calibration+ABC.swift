import Foundation
import GovSim

/// `govsim calibrate --method abc`: a posterior over the fitted parameters by ABC-SMC
/// (`ApproximateBayes`), with the targets' standardised errors as the distance.
///
/// A particle θ is run on every file (and every file a relative target refers to) for `trials`
/// trials with a seed of its own (so each particle's noise is independent; a relative target is
/// still a paired difference on that seed); its distance is √Σ e², e = (predicted mean −
/// observed) / tolerance over every target of every file. Trials run in parallel over `threads`;
/// particles are proposed in batches in a fixed order, so the result does not depend on threads.
public struct ABCCalibration: Sendable {
    public var files: [TargetedScenario]
    public var paths: [ParameterPath]
    public var priors: [ABCPrior]
    /// Trials per file and particle (the distance uses their mean).
    public var trials: Int
    public var settings: ApproximateBayes.Settings
    /// Worker threads for the trials of one particle.
    public var threads: Int

    public init(files: [TargetedScenario], paths: [ParameterPath], priors: [ABCPrior], trials: Int,
                settings: ApproximateBayes.Settings, threads: Int) {
        self.files = files
        self.paths = paths
        self.priors = priors
        self.trials = trials
        self.settings = settings
        self.threads = threads
    }

    /// The scenario with θ set.
    func applying(_ theta: [Double]) -> @Sendable (Scenario) -> Scenario {
        let paths = self.paths
        return { s in zip(paths, theta).reduce(s) { $1.0.setting($1.1, in: $0) } }
    }

    /// The distance of a set of predictions: √Σ e², non-finite errors making it infinite.
    static func distance(_ results: [TargetEvaluator.FileResult]) -> Double {
        var sum = 0.0
        for p in results.flatMap(\.predictions) {
            let e = p.standardisedError
            guard e.isFinite else { return .infinity }
            sum += e * e
        }
        return sum.squareRoot()
    }

    /// Identifies the fit (files, parameters, priors, settings except budget and generations),
    /// so `--resume` continues only the same fit.
    public var fingerprint: String {
        var text = files.map { $0.key + "\n" + ScenarioWriter.text(of: $0.scenario) }.joined(separator: "\n")
        text += "\n" + zip(paths, priors).map { "\($0.text)~\($1)" }.joined(separator: ";")
        text += "\ntrials \(trials) particles \(settings.particles) q \(settings.quantile) eps \(settings.minimumTolerance) acc \(settings.minimumAcceptance) seed \(settings.seed)"
        return String(StreamSeed.key(text), radix: 16)
    }

    /// Runs the fit.
    /// - Parameters:
    ///   - resume: a journal's generations and simulations, to continue.
    ///   - generationDone: each whole generation with the simulations so far (write the journal here).
    public func run(resume: (generations: [ABCGeneration], simulations: Int)? = nil,
                    generationDone: ((ABCGeneration, Int) -> Void)? = nil,
                    shouldStop: (@Sendable () -> Bool)? = nil) -> ApproximateBayes.Result? {
        let evaluator = TargetEvaluator(threads: threads)
        let files = self.files, trials = self.trials, me = self
        var settings = self.settings
        settings.threads = 1
        return ApproximateBayes.run(priors: priors, settings: settings, resume: resume, simulate: { theta, seed in
            guard let r = evaluator.evaluate(files, trials: trials, seed: seed, transform: me.applying(theta), shouldStop: shouldStop) else { return .infinity }
            return ABCCalibration.distance(r)
        }, generationDone: generationDone, shouldStop: { shouldStop?() == true })
    }

    /// The posterior's weighted mean of each parameter.
    public static func means(_ g: ABCGeneration) -> [Double] {
        (0..<(g.particles.first?.count ?? 0)).map { k in zip(g.particles, g.weights).reduce(0) { $0 + $1.0[k] * $1.1 } }
    }
}
