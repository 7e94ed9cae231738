import Foundation
import XCTest
@testable import GovSim
@testable import GovSimExperiments

/// ABC-SMC (`ApproximateBayes`) on a toy model cheap enough for hundreds of repetitions.
///
/// The toy: θ = (a, b) with priors a ~ U(0, 10), b ~ U(−5, 5); a simulation gives the mean of 4
/// trials of (a + e₁, a + b + e₂), e ~ N(0, 2²), so each summary has noise sd 1 — shaped like
/// calibrate's distance, the Euclidean norm of standardised errors of trial means.
///
/// Why coverage can be exact here: ABC that accepts ‖s − y‖ ≤ ε samples the exact posterior of
/// the model "y = simulated summary + ε·U(unit ball)" (Wilkinson 2013). Each repetition draws the
/// truth from the prior and the observation from that very model with ε = 1, and the run stops
/// at minimumTolerance 1, so the ABC posterior is the true posterior up to the particle
/// approximation, and a 90% credible interval holds the truth in 90% of repetitions.
final class ApproximateBayesTests: XCTestCase {
    static let priors: [ABCPrior] = [.uniform(lo: 0, hi: 10), .uniform(lo: -5, hi: 5)]

    /// The toy simulator's summaries at θ for one seed.
    static func summaries(_ theta: [Double], seed: UInt64, noisy: Bool = true) -> [Double] {
        let rng = RandomStream(seed: seed)
        var s = [0.0, 0.0]
        for _ in 0..<4 {
            s[0] += theta[0] + (noisy ? rng.normal(mean: 0, sd: 2) : 0)
            s[1] += theta[0] + theta[1] + (noisy ? rng.normal(mean: 0, sd: 2) : 0)
        }
        return s.map { $0 / 4 }
    }

    static func distance(_ s: [Double], _ y: [Double]) -> Double {
        zip(s, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    static func settings(seed: UInt64, threads: Int = 1) -> ApproximateBayes.Settings {
        var s = ApproximateBayes.Settings()
        s.particles = 100
        s.quantile = 0.5
        s.minimumTolerance = 1
        s.minimumAcceptance = 0.01
        s.simulationBudget = 20_000
        s.seed = seed
        s.threads = threads
        return s
    }

    /// Repetition `r`: truth from the prior, observation from the model with the ε-ball error.
    static func repetition(_ r: Int) -> (truth: [Double], observed: [Double]) {
        let rng = RandomStream(seed: StreamSeed.substream(0xC0FE_E000, UInt64(r)))
        let truth = priors.map { $0.draw(rng) }
        var y = summaries(truth, seed: StreamSeed.mix(UInt64(r) &+ 77))
        // A uniform point in the unit disc.
        let radius = rng.uniform().squareRoot(), angle = 2 * Double.pi * rng.uniform()
        y[0] += radius * cos(angle)
        y[1] += radius * sin(angle)
        return (truth, y)
    }

    /// 90% credible intervals cover the truth in about 90% of 200 repetitions, for each
    /// parameter. Measured (this code, these seeds): a 174/200, b 182/200 (see docs/validation.md).
    /// Tolerance: the binomial sd of a 200-repetition coverage at 90% is √(0.9·0.1/200) = 0.021;
    /// a coverage outside 0.9 ± 3·0.021 = [0.836, 0.964] fails.
    /// Control, on the same draws: a simulator that forgets its noise gives too-narrow posteriors,
    /// and its coverage must fall below that band, so the test can fail. 100 particles each.
    func testNinetyPercentIntervalsCoverTheTruthInNinetyPercentOfRepetitions() {
        let repetitions = 200
        let band = 0.9 - 3 * (0.9 * 0.1 / Double(repetitions)).squareRoot() ... 0.9 + 3 * (0.9 * 0.1 / Double(repetitions)).squareRoot()
        func coverage(noisy: Bool, repetitions: Int) -> [Int] {
            var covered = [0, 0]
            for r in 0..<repetitions {
                let (truth, y) = Self.repetition(r)
                let result = ApproximateBayes.run(priors: Self.priors, settings: Self.settings(seed: UInt64(1000 + r))) { theta, seed in
                    Self.distance(Self.summaries(theta, seed: seed, noisy: noisy), y)
                }!
                let post = result.posterior
                for k in 0..<2 where post.quantile(0.05, parameter: k) <= truth[k] && truth[k] <= post.quantile(0.95, parameter: k) {
                    covered[k] += 1
                }
            }
            return covered
        }
        let covered = coverage(noisy: true, repetitions: repetitions)
        print("ABC-SMC 90% interval coverage over \(repetitions) repetitions: a \(covered[0]), b \(covered[1])")
        for (k, name) in ["a", "b"].enumerated() {
            XCTAssertTrue(band.contains(Double(covered[k]) / Double(repetitions)), "\(name): \(covered[k])/\(repetitions) covered")
        }
        // The control on the first 50 repetitions: its coverage is far below (about half), and
        // 50 keep the test short; its 99.8% Clopper–Pearson upper bound must lie below the band.
        let control = coverage(noisy: false, repetitions: 50)
        print("control (noise forgotten): a \(control[0]), b \(control[1]) of 50")
        for (k, name) in ["a", "b"].enumerated() {
            XCTAssertLessThan(Intervals.clopperPearson(k: control[k], n: 50, level: 0.998).hi, band.lowerBound, "control \(name): \(control[k])/50")
        }
    }

    /// The same seed gives the same result whatever the thread count, and a run resumed from
    /// its first generations gives what the uninterrupted run gives.
    func testDeterministicAcrossThreadsAndResumable() {
        let (_, y) = Self.repetition(3)
        let simulate: @Sendable ([Double], UInt64) -> Double = { theta, seed in Self.distance(Self.summaries(theta, seed: seed), y) }
        let one = ApproximateBayes.run(priors: Self.priors, settings: Self.settings(seed: 9, threads: 1), simulate: simulate)!
        let two = ApproximateBayes.run(priors: Self.priors, settings: Self.settings(seed: 9, threads: 2), simulate: simulate)!
        XCTAssertEqual(one, two)
        XCTAssertGreaterThan(one.generations.count, 2)
        XCTAssertEqual(one.stopReason, .minimumTolerance)
        XCTAssertEqual(one.posterior.tolerance, 1)
        // Tolerances fall generation by generation.
        for (g, h) in zip(one.generations.dropFirst(), one.generations.dropFirst(2)) { XCTAssertLessThan(h.tolerance, g.tolerance) }
        XCTAssertEqual(one.posterior.weights.reduce(0, +), 1, accuracy: 1e-12)
        let head = Array(one.generations.prefix(2))
        let resumed = ApproximateBayes.run(priors: Self.priors, settings: Self.settings(seed: 9, threads: 2),
                                           resume: (head, head.reduce(0) { $0 + $1.simulations }), simulate: simulate)!
        XCTAssertEqual(resumed, one)
        let other = ApproximateBayes.run(priors: Self.priors, settings: Self.settings(seed: 10), simulate: simulate)!
        XCTAssertNotEqual(other.posterior.particles, one.posterior.particles)
    }

    /// The budget stops a run after its last whole generation; too small a budget for even the
    /// prior sample gives no result.
    func testBudgetStopsAfterTheLastWholeGeneration() {
        let (_, y) = Self.repetition(5)
        var s = Self.settings(seed: 4)
        s.simulationBudget = 700
        let r = ApproximateBayes.run(priors: Self.priors, settings: s) { theta, seed in Self.distance(Self.summaries(theta, seed: seed), y) }!
        XCTAssertEqual(r.stopReason, .budget)
        XCTAssertLessThanOrEqual(r.simulations, 700)
        XCTAssertLessThanOrEqual(r.generations.reduce(0) { $0 + $1.simulations }, 700)
        s.simulationBudget = 50
        XCTAssertNil(ApproximateBayes.run(priors: Self.priors, settings: s) { _, _ in 0 })
    }

    /// A truncated distribution prior: draws stay in range, the density follows the distribution.
    func testDistributionPrior() {
        let prior = ABCPrior.distribution(.normal(mean: 1, sd: 1), range: 0...3)
        let rng = RandomStream(seed: 1)
        let draws = (0..<2000).map { _ in prior.draw(rng) }
        XCTAssertTrue(draws.allSatisfy { (0...3).contains($0) })
        XCTAssertEqual(prior.density(-0.1), 0)
        XCTAssertEqual(prior.density(1), 1, accuracy: 1e-12)
        XCTAssertEqual(prior.density(2) / prior.density(1), exp(-0.5), accuracy: 1e-12)
        XCTAssertEqual(ABCPrior.distribution(.beta(alpha: 2, beta: 3), range: 0...1).density(0.5), 0.5 * 0.25, accuracy: 1e-12)
    }
}
