import Foundation
import GovSim
import GovSimExperiments
import Synchronization

/// `govsim calibrate --method abc`: a posterior over the fitted parameters by ABC-SMC
/// (`ApproximateBayes`), with the targets' standardised errors as the distance.
///
/// A particle θ is run on every file (and every file a relative target refers to) for `trials`
/// trials with a seed of its own (so each particle's noise is independent; a relative target is
/// still a paired difference on that seed); its distance is √Σ e², e = (predicted mean −
/// observed) / tolerance over every target of every file. Trials run in parallel over `threads`;
/// particles are proposed in batches in a fixed order, so the result does not depend on threads.
public struct ABCCalibration: Sendable {
    public var files: [LoadedScenario]
    public var paths: [ParameterPath]
    public var priors: [ABCPrior]
    /// Trials per file and particle (the distance uses their mean).
    public var trials: Int
    public var settings: ApproximateBayes.Settings
    /// Worker threads for the trials of one particle.
    public var threads: Int

    public init(files: [LoadedScenario], paths: [ParameterPath], priors: [ABCPrior], trials: Int,
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
        var text = files.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path + "\n" + ScenarioWriter.text(of: $0.scenario) }.joined(separator: "\n")
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
                    shouldStop: (@Sendable () -> Bool)? = nil) throws(ScenarioFileError) -> ApproximateBayes.Result? {
        let evaluator = TargetEvaluator(threads: threads)
        let failure = Mutex<ScenarioFileError?>(nil)
        let files = self.files, trials = self.trials, me = self
        var settings = self.settings
        settings.threads = 1
        let result = ApproximateBayes.run(priors: priors, settings: settings, resume: resume, simulate: { theta, seed in
            do {
                guard let r = try evaluator.evaluate(files, trials: trials, seed: seed, transform: me.applying(theta), shouldStop: shouldStop) else { return .infinity }
                return ABCCalibration.distance(r)
            } catch {
                let e = (error as? ScenarioFileError) ?? ScenarioFileError(file: files[0].path, problems: ["\(error)"])
                failure.withLock { $0 = e }
                return .infinity
            }
        }, generationDone: generationDone, shouldStop: { failure.withLock { $0 != nil } || shouldStop?() == true })
        if let error = failure.withLock({ $0 }) { throw error }
        return result
    }

    /// The CSV's comment lines: method, settings, and per generation its tolerance, acceptance,
    /// simulations and effective sample size.
    public func manifest(_ result: ApproximateBayes.Result, command: [String]) -> [String] {
        let f = { (x: Double) in x.isFinite ? JSONText.format((x * 1e6).rounded() / 1e6) : "inf" }
        var lines = ["govsim \(RunResults.version) calibrate --method abc (ABC-SMC, adaptive tolerances): \(command.joined(separator: " "))",
                     "particles=\(settings.particles) trials_per_particle=\(trials) quantile=\(f(settings.quantile)) min_tolerance=\(f(settings.minimumTolerance)) min_acceptance=\(f(settings.minimumAcceptance)) seed=\(settings.seed)",
                     "generations=\(result.generations.count) simulations=\(result.simulations) stop=\"\(result.stopReason.rawValue)\" distance=\"sqrt(sum over targets of ((mean of \(trials) trials - observed) / tolerance)^2)\""]
        for g in result.generations {
            lines.append("generation=\(g.index) tolerance=\(f(g.tolerance)) acceptance=\(f(g.acceptanceRate)) simulations=\(g.simulations) ess=\(f(g.effectiveSampleSize))")
        }
        return lines
    }

    /// `<name>.posterior.csv`: the last generation, one column per path, then `weight`.
    public func posteriorText(_ result: ApproximateBayes.Result, command: [String]) -> String {
        PosteriorFile.render(paths: paths.map(\.text), particles: result.posterior.particles, weights: result.posterior.weights,
                             comments: manifest(result, command: command))
    }

    /// The posterior's weighted mean of each parameter.
    public static func means(_ g: ABCGeneration) -> [Double] {
        (0..<(g.particles.first?.count ?? 0)).map { k in zip(g.particles, g.weights).reduce(0) { $0 + $1.0[k] * $1.1 } }
    }
}

/// The journal of an ABC fit, rewritten atomically after each generation so `--resume`
/// continues from the last whole generation: a header with the fit's fingerprint and the
/// simulations so far, then each generation (index, tolerance, simulations) and its particles
/// (values, weight, distance) in shortest round-trip form.
public enum ABCJournal {
    public static func text(fingerprint: String, generations: [ABCGeneration], simulations: Int) -> String {
        var out = "govsim-abc-journal 1 \(fingerprint) \(simulations)\n"
        for g in generations {
            out += "generation \(g.index) \(g.tolerance) \(g.simulations) \(g.particles.count)\n"
            for (p, (w, d)) in zip(g.particles, zip(g.weights, g.distances)) {
                out += (p + [w, d]).map { "\($0)" }.joined(separator: " ") + "\n"
            }
        }
        return out
    }

    public enum ReadError: Error, CustomStringConvertible {
        case different(String), damaged(String)
        public var description: String {
            switch self {
            case .different(let f): return "\(f): journal of a different fit (other files, parameters, priors or settings); use another --out or run without --resume"
            case .damaged(let f): return "\(f): damaged; delete it and run again without --resume"
            }
        }
    }

    public static func parse(_ text: String, file: String, fingerprint: String, dimensions: Int) throws(ReadError) -> (generations: [ABCGeneration], simulations: Int) {
        var lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }[...]
        guard let head = lines.popFirst(), head.count == 4, head[0] == "govsim-abc-journal", head[1] == "1", let simulations = Int(head[3]) else { throw .damaged(file) }
        guard head[2] == fingerprint else { throw .different(file) }
        var generations: [ABCGeneration] = []
        while let g = lines.popFirst() {
            guard g.count == 5, g[0] == "generation", let index = Int(g[1]), index == generations.count, let tolerance = Double(g[2]),
                  let sims = Int(g[3]), let n = Int(g[4]), n > 0, lines.count >= n else { throw .damaged(file) }
            var particles: [[Double]] = [], weights: [Double] = [], distances: [Double] = []
            for _ in 0..<n {
                let values = lines.popFirst()!.compactMap(Double.init)
                guard values.count == dimensions + 2 else { throw .damaged(file) }
                particles.append(Array(values.prefix(dimensions)))
                weights.append(values[dimensions])
                distances.append(values[dimensions + 1])
            }
            generations.append(ABCGeneration(index: index, tolerance: tolerance, particles: particles, weights: weights, distances: distances, simulations: sims))
        }
        return (generations, simulations)
    }
}
