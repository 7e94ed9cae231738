import Foundation
import GovSim

/// The prior of one parameter fitted by ABC-SMC: uniform over a range, or a scenario
/// distribution truncated to the field's range.
public enum ABCPrior: Sendable, Equatable {
    case uniform(lo: Double, hi: Double)
    /// A scenario distribution (`Parameter`, not `.fixed`) truncated to `range`.
    case distribution(Parameter, range: ClosedRange<Double>)

    /// Where a draw can lie.
    public var support: ClosedRange<Double> {
        switch self {
        case .uniform(let lo, let hi): return lo...hi
        case .distribution(let p, let range):
            let s = p.support
            return max(s.lowerBound, range.lowerBound)...min(s.upperBound, range.upperBound)
        }
    }

    /// One draw (a truncated distribution by rejection; after 10,000 misses the draw is clamped,
    /// which only a prior with almost no mass inside the field's range can reach).
    public func draw(_ rng: RandomStream) -> Double {
        switch self {
        case .uniform(let lo, let hi): return lo + (hi - lo) * rng.uniform()
        case .distribution(let p, let range):
            var x = p.draw(rng)
            for _ in 0..<10_000 where !range.contains(x) { x = p.draw(rng) }
            return min(max(x, range.lowerBound), range.upperBound)
        }
    }

    /// The density at `x` up to a constant factor (the same for every `x`), 0 outside the support.
    /// The factor cancels when importance weights are normalised.
    public func density(_ x: Double) -> Double {
        guard x.isFinite, support.contains(x) else { return 0 }
        switch self {
        case .uniform: return 1
        case .distribution(let p, _):
            switch p {
            case .fixed: return 1
            case .uniform: return 1
            case .normal(let m, let s): return exp(-0.5 * (x - m) * (x - m) / (s * s))
            case .lognormal(let median, let s):
                guard x > 0 else { return 0 }
                let z = (log(x) - log(median)) / s
                return exp(-0.5 * z * z) / x
            case .beta(let a, let b):
                guard x > 0 && x < 1 else { return 0 }
                return exp((a - 1) * log(x) + (b - 1) * log1p(-x))
            case .triangular(let lo, let mode, let hi):
                guard hi > lo else { return 1 }
                if x < mode { return mode > lo ? (x - lo) / (mode - lo) : 1 }
                return hi > mode ? (hi - x) / (hi - mode) : 1
            }
        }
    }
}

/// One generation of an ABC-SMC run: the accepted particles, their normalised importance
/// weights and distances, and what it cost.
public struct ABCGeneration: Sendable, Equatable {
    /// 0 for the prior sample.
    public var index: Int
    /// The acceptance tolerance (infinite for generation 0, which takes the prior sample whole).
    public var tolerance: Double
    /// One parameter vector per particle.
    public var particles: [[Double]]
    /// Normalised importance weights (sum 1).
    public var weights: [Double]
    /// Each particle's distance.
    public var distances: [Double]
    /// Simulations this generation ran (accepted or not).
    public var simulations: Int

    public init(index: Int, tolerance: Double, particles: [[Double]], weights: [Double], distances: [Double], simulations: Int) {
        self.index = index
        self.tolerance = tolerance
        self.particles = particles
        self.weights = weights
        self.distances = distances
        self.simulations = simulations
    }

    /// Accepted particles per simulation.
    public var acceptanceRate: Double { simulations > 0 ? Double(particles.count) / Double(simulations) : 0 }
    /// Kish's effective sample size, 1 / Σ w².
    public var effectiveSampleSize: Double { 1 / weights.reduce(0) { $0 + $1 * $1 } }

    /// The weighted `q`-quantile of parameter `k` (the smallest particle value whose cumulative
    /// weight reaches q).
    public func quantile(_ q: Double, parameter k: Int) -> Double {
        ApproximateBayes.weightedQuantile(particles.map { $0[k] }, weights, q)
    }
}

/// Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo,
/// Beaumont et al. 2009, with the adaptive tolerances of Del Moral et al. 2012).
///
/// Generation 0 is a sample of `particles` vectors from the prior. Generation t ≥ 1 takes the
/// tolerance ε_t = max(the weighted `quantile` of generation t−1's distances, `minimumTolerance`),
/// proposes by drawing a particle of generation t−1 by weight and moving it with a multivariate
/// normal kernel whose covariance is twice generation t−1's weighted covariance, and keeps a
/// proposal when its distance is ≤ ε_t, until `particles` are kept. Kept particle θ gets weight
/// π(θ) / Σ_j w_j K(θ | θ_j). The run stops after a generation whose tolerance reached
/// `minimumTolerance` or whose acceptance rate fell below `minimumAcceptance`, after
/// `maximumGenerations`, or when the next generation cannot finish within `simulationBudget`
/// simulations (an unfinished generation is discarded: the result is the last whole one).
///
/// Pure and deterministic: proposal k of generation t draws from its own stream, seeded from
/// (seed, t, k) through `StreamSeed`, and passes `simulate` a seed derived from it; proposals are
/// run in batches whose size depends only on counts so far (never on the thread count), and kept
/// in proposal order. So the result is the same for any `threads`.
public enum ApproximateBayes {
    public struct Settings: Sendable, Equatable {
        /// Particles per generation.
        public var particles = 200
        /// The quantile of the previous distances that sets the next tolerance (0 < q < 1).
        public var quantile = 0.5
        /// Largest number of simulations in all.
        public var simulationBudget = 10_000
        /// Stop once a generation's tolerance reaches this.
        public var minimumTolerance = 0.0
        /// Stop once a generation's acceptance rate falls below this.
        public var minimumAcceptance = 0.02
        public var maximumGenerations = 50
        public var seed: UInt64 = 1
        public var threads = 1

        public init() {}
    }

    public enum StopReason: String, Sendable, Equatable {
        case minimumTolerance = "minimum tolerance reached"
        case acceptance = "acceptance rate below the threshold"
        case budget = "simulation budget reached"
        case generations = "maximum generations reached"
        case interrupted = "interrupted"
    }

    public struct Result: Sendable, Equatable {
        /// Every whole generation, the posterior sample last.
        public var generations: [ABCGeneration]
        /// Simulations run in all, including those of a discarded unfinished generation.
        public var simulations: Int
        public var stopReason: StopReason
        public var posterior: ABCGeneration { generations[generations.count - 1] }
    }

    /// Runs ABC-SMC.
    /// - Parameters:
    ///   - priors: one per parameter.
    ///   - resume: generations of an earlier run with the same settings (e.g. read back from a
    ///     journal) and the simulations it ran; the run continues after the last one and gives
    ///     what an uninterrupted run gives.
    ///   - simulate: the distance between the observed targets and a simulation at θ with the
    ///     given seed (non-finite: never accepted). Called from worker threads.
    ///   - generationDone: called with each whole generation and the simulations so far.
    ///   - shouldStop: polled between batches; when true the run ends after the last whole generation.
    public static func run(priors: [ABCPrior], settings: Settings,
                           resume: (generations: [ABCGeneration], simulations: Int)? = nil,
                           simulate: @escaping @Sendable ([Double], UInt64) -> Double,
                           generationDone: ((ABCGeneration, Int) -> Void)? = nil,
                           shouldStop: (@Sendable () -> Bool)? = nil) -> Result? {
        let n = max(2, settings.particles)
        var generations = resume?.generations ?? []
        var simulations = resume?.simulations ?? 0
        func finish(_ reason: StopReason) -> Result? {
            generations.isEmpty ? nil : Result(generations: generations, simulations: simulations, stopReason: reason)
        }
        if let last = generations.last, let reason = stopAfter(last, settings: settings) { return finish(reason) }
        while true {
            let t = generations.count
            if t >= settings.maximumGenerations { return finish(.generations) }
            let previous = generations.last
            let tolerance: Double
            var kernel: Kernel?
            if let previous {
                tolerance = max(weightedQuantile(previous.distances, previous.weights, settings.quantile), settings.minimumTolerance)
                kernel = Kernel(particles: previous.particles, weights: previous.weights, priors: priors)
            } else {
                tolerance = .infinity
            }
            let generationSeed = StreamSeed.stream(seed: settings.seed, trial: t, process: .parameters)
            var kept: [(theta: [Double], distance: Double)] = []
            var proposed = 0
            while kept.count < n {
                if shouldStop?() == true { return finish(.interrupted) }
                let needed = n - kept.count
                let rate = proposed > 0 ? max(Double(kept.count) / Double(proposed), 0.01) : (previous.map { max($0.acceptanceRate * settings.quantile, 0.01) } ?? 1)
                var batch = min(n, max(needed, Int((Double(needed) / rate).rounded(.up))))
                batch = min(batch, settings.simulationBudget - simulations)
                if batch <= 0 { return finish(.budget) }
                let start = proposed, k = kernel
                let results = Parallel.map(count: batch, threads: settings.threads) { i -> ([Double], Double) in
                    let attemptSeed = StreamSeed.substream(generationSeed, UInt64(start + i))
                    let rng = RandomStream(seed: attemptSeed)
                    let theta = k.map { $0.propose(rng) } ?? priors.map { $0.draw(rng) }
                    return (theta, simulate(theta, StreamSeed.mix(attemptSeed ^ 0x5349_4D55_4C41_5445)))
                }
                proposed += batch
                simulations += batch
                for case let (theta, d)? in results where d.isFinite && d <= tolerance && kept.count < n {
                    kept.append((theta, d))
                }
            }
            let particles = kept.map(\.theta)
            var weights: [Double]
            if let kernel {
                weights = particles.map { theta in
                    let prior = zip(priors, theta).reduce(1.0) { $0 * $1.0.density($1.1) }
                    return prior / kernel.mixtureDensity(theta)
                }
                let total = weights.reduce(0, +)
                weights = total > 0 && total.isFinite ? weights.map { $0 / total } : Array(repeating: 1 / Double(n), count: n)
            } else {
                weights = Array(repeating: 1 / Double(n), count: n)
            }
            let generation = ABCGeneration(index: t, tolerance: tolerance, particles: particles, weights: weights,
                                           distances: kept.map(\.distance), simulations: proposed)
            generations.append(generation)
            generationDone?(generation, simulations)
            if let reason = stopAfter(generation, settings: settings) { return finish(reason) }
        }
    }

    /// Why a run stops after `g`, if it does.
    static func stopAfter(_ g: ABCGeneration, settings: Settings) -> StopReason? {
        if g.index > 0 && g.tolerance <= settings.minimumTolerance { return .minimumTolerance }
        if g.index > 0 && g.acceptanceRate < settings.minimumAcceptance { return .acceptance }
        if g.index + 1 >= settings.maximumGenerations { return .generations }
        return nil
    }

    /// The weighted `q`-quantile: the smallest value whose cumulative weight reaches `q`.
    public static func weightedQuantile(_ values: [Double], _ weights: [Double], _ q: Double) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let total = weights.reduce(0, +)
        var cumulative = 0.0
        for i in order {
            cumulative += weights[i] / total
            if cumulative >= q - 1e-12 { return values[i] }
        }
        return values[order.last!]
    }

    /// The weighted mean and covariance of vectors.
    static func weightedCovariance(_ x: [[Double]], _ w: [Double]) -> (mean: [Double], cov: [[Double]]) {
        let d = x[0].count
        var mean = Array(repeating: 0.0, count: d)
        for (v, wi) in zip(x, w) { for k in 0..<d { mean[k] += wi * v[k] } }
        var cov = Array(repeating: Array(repeating: 0.0, count: d), count: d)
        for (v, wi) in zip(x, w) {
            for a in 0..<d { for b in 0...a { cov[a][b] += wi * (v[a] - mean[a]) * (v[b] - mean[b]) } }
        }
        // Unbiased for reliability weights: divide by 1 − Σ w².
        let s2 = w.reduce(0) { $0 + $1 * $1 }
        let scale = s2 < 1 ? 1 / (1 - s2) : 1
        for a in 0..<d { for b in 0...a { cov[a][b] *= scale; cov[b][a] = cov[a][b] } }
        return (mean, cov)
    }

    /// The perturbation kernel: a multivariate normal with twice the previous generation's
    /// weighted covariance (Beaumont et al. 2009), as its lower Cholesky factor.
    struct Kernel: Sendable {
        var particles: [[Double]]
        var cumulative: [Double]
        var weights: [Double]
        var cholesky: [[Double]]
        var priors: [ABCPrior]

        init(particles: [[Double]], weights: [Double], priors: [ABCPrior]) {
            self.particles = particles
            self.weights = weights
            self.priors = priors
            var c = 0.0
            cumulative = weights.map { c += $0; return c }
            var (_, cov) = ApproximateBayes.weightedCovariance(particles, weights)
            let d = cov.count
            for a in 0..<d { for b in 0..<d { cov[a][b] *= 2 } }
            // A component that has collapsed (every particle equal) keeps a small spread: a
            // millionth of its prior's width, or of its value.
            for a in 0..<d {
                let s = priors[a].support
                let width = s.upperBound - s.lowerBound
                let floor = 1e-12 * (width.isFinite ? width * width : max(1, particles[0][a] * particles[0][a]))
                if !(cov[a][a] > floor) { cov[a][a] = floor; for b in 0..<d where b != a { cov[a][b] = 0; cov[b][a] = 0 } }
            }
            cholesky = ApproximateBayes.cholesky(cov)
        }

        /// θ_j drawn by weight, moved by the kernel; redrawn until every component lies in its
        /// prior's support (10,000 tries, then the last is clamped into it).
        func propose(_ rng: RandomStream) -> [Double] {
            let d = cholesky.count
            var theta: [Double] = []
            for _ in 0..<10_000 {
                let u = rng.uniform() * cumulative[cumulative.count - 1]
                var lo = 0, hi = cumulative.count - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
                let z = (0..<d).map { _ in rng.normal(mean: 0, sd: 1) }
                theta = (0..<d).map { a in particles[lo][a] + (0...a).reduce(0.0) { $0 + cholesky[a][$1] * z[$1] } }
                if zip(priors, theta).allSatisfy({ $0.0.density($0.1) > 0 }) { return theta }
            }
            return zip(priors, theta).map { p, x in min(max(x, p.support.lowerBound), p.support.upperBound) }
        }

        /// Σ_j w_j K(θ | θ_j), up to the kernel's normalising constant (the same for all θ).
        func mixtureDensity(_ theta: [Double]) -> Double {
            let d = cholesky.count
            var total = 0.0
            var y = Array(repeating: 0.0, count: d)
            for (p, w) in zip(particles, weights) {
                var q = 0.0
                for a in 0..<d {
                    var s = theta[a] - p[a]
                    for b in 0..<a { s -= cholesky[a][b] * y[b] }
                    y[a] = s / cholesky[a][a]
                    q += y[a] * y[a]
                }
                total += w * exp(-0.5 * q)
            }
            return total
        }
    }

    /// The lower Cholesky factor of a symmetric positive semi-definite matrix; a pivot that is
    /// not positive (a direction with no spread) is set to a tiny positive value.
    static func cholesky(_ m: [[Double]]) -> [[Double]] {
        let d = m.count
        var l = Array(repeating: Array(repeating: 0.0, count: d), count: d)
        for a in 0..<d {
            for b in 0...a {
                var s = m[a][b]
                for k in 0..<b { s -= l[a][k] * l[b][k] }
                if a == b {
                    l[a][a] = s > 1e-300 ? s.squareRoot() : max(m[a][a], 1e-300).squareRoot() * 1e-6
                } else {
                    l[a][b] = s / l[b][b]
                }
            }
        }
        return l
    }
}
