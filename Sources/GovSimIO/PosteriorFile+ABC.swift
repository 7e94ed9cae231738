import Foundation
import GovSim
import GovSimExperiments

/// The files an ABC fit writes: the posterior sample with its manifest in comment lines.
extension ABCCalibration {
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
