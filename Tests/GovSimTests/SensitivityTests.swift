import XCTest
import Foundation
@testable import GovSim
@testable import GovSimExperiments

/// The estimators against functions whose indices are known analytically.
final class SensitivityTests: XCTestCase {
    /// Ishigami (a = 7, b = 0.1) on [−π, π]³: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    func testSobolIndicesOfTheIshigamiFunction() {
        let n = 8_192
        let (a, b) = SobolIndices.baseMatrices(parameters: 3, rows: n)
        let f = SobolIndices.evaluationPoints(a: a, b: b).map { u -> Double in
            let x = u.map { -Double.pi + 2 * Double.pi * $0 }
            return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
        }
        let e = SobolIndices.estimate(f, parameters: 3, bootstrap: 300, seed: 2)
        let first = [0.3139, 0.4424, 0.0], total = [0.5576, 0.4424, 0.2437]
        for i in 0..<3 {
            // The analytic value lies inside the 95% bootstrap interval of each estimate.
            XCTAssertTrue(e.firstCI[i].lo <= first[i] && first[i] <= e.firstCI[i].hi, "S\(i + 1) = \(e.first[i]) \(e.firstCI[i])")
            XCTAssertTrue(e.totalCI[i].lo <= total[i] && total[i] <= e.totalCI[i].hi, "ST\(i + 1) = \(e.total[i]) \(e.totalCI[i])")
            XCTAssertLessThan(e.firstCI[i].halfWidth, 0.05, "N = 8192 pins each index to ±0.05")
        }
    }

    /// A linear function: effects are its coefficients exactly, with no spread.
    func testMorrisEffectsOfALinearFunction() {
        let t = MorrisScreening.trajectories(parameters: 3, count: 10, seed: 4)
        let values = t.map { path in path.map { 2 * $0[0] + 0 * $0[1] - 1 * $0[2] } }
        let e = MorrisScreening.effects(t, values: values)
        for (got, want) in zip(e.muStar, [2.0, 0, 1]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        for (got, want) in zip(e.mu, [2.0, 0, -1]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        for s in e.sigma { XCTAssertEqual(s, 0, accuracy: 1e-12) }
        XCTAssertTrue(t.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.allSatisfy { (0...1).contains($0) } } })
    }
}

/// The trial noise under common random numbers: a synthetic model whose trials share a large
/// per-trial shock across design points (as the model's per-trial parameter draws and streams
/// do) and carry a small point-specific noise. The within-point variance counts the shared
/// shock and overstates the noise that can blur the indices; `pointNoise` measures the small
/// one, within what a chi-square with 7 degrees of freedom allows.
final class SensitivityNoiseTests: XCTestCase {
    func testPointNoiseIgnoresTheSharedShock() {
        let points = 200, replicates = 10, sharedSD = 10.0, ownSD = 0.5
        let truth = ownSD * ownSD / Double(replicates)
        // Per seed: the trial shocks shared by every point; per (seed, point, trial) the own noise.
        func means(seed: UInt64, at xs: [Int]) -> [Double] {
            let shocks = RandomStream(seed: seed)
            let shared = (0..<replicates).map { _ in shocks.normal(mean: 0, sd: sharedSD) }
            return xs.map { x in
                let own = RandomStream(seed: StreamSeed.mix(seed ^ UInt64(x + 1)))
                return (0..<replicates).map { t in Double(x % 7) + shared[t] + own.normal(mean: 0, sd: ownSD) }.reduce(0, +) / Double(replicates)
            }
        }
        let f = means(seed: 1, at: Array(0..<points))
        let chosen = (0..<8).map { $0 * points / 8 }
        let again = means(seed: 2, at: chosen)
        let noise = SensitivityStudy.pointNoise(f, replicated: zip(chosen, again).map { ($0, $1) })
        // 7·noise/truth is chi-square(7): inside its 0.1%–99.9% quantiles.
        XCTAssertGreaterThan(7 * noise / truth, 0.598)
        XCTAssertLessThan(7 * noise / truth, 24.32)
        // The old estimate (within-point variance / replicates) is about (10² + 0.5²)/10, ×400 too big.
        let within = sharedSD * sharedSD / Double(replicates)
        XCTAssertGreaterThan(within / noise, 50)
    }

    /// An index estimated above 1 is an estimation error, never "converged".
    func testOutOfRangeIndexIsNotConverged() {
        let r = SensitivityStudy.MetricResult(metric: .safetyScore,
                                              sobol: SobolIndices.Estimate(first: [1.063], total: [1.0], firstCI: [Interval(lo: 1.06, hi: 1.066)],
                                                                           totalCI: [Interval(lo: 0.99, hi: 1.0)], variance: 1),
                                              morris: nil, outputVariance: 1, noiseVariance: 0, independentNoiseVariance: 0,
                                              convergenceChange: 0.01, bootstrapHalfWidth: 0.005, outOfRange: ["first order of x: 1.063"])
        XCTAssertFalse(r.converged)
        var ok = r
        ok.outOfRange = []
        XCTAssertTrue(ok.converged)
        ok.bootstrapHalfWidth = 0.3
        XCTAssertFalse(ok.converged, "a wide bootstrap interval is not converged")
    }
}
