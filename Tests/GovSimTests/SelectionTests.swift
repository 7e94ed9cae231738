import GovSimTestSupport
import XCTest
@testable import GovSim

/// Ranking and selection: Kim–Nelson's guarantee measured by simulation on a synthetic
/// problem (normal systems sharing random numbers, the best ahead by exactly δ: the least
/// favourable configuration), and the indistinguishable group on ties.
final class SelectionTests: XCTestCase {
    /// Runs KN once on k correlated normal systems; returns (selected, observations per system).
    static func runKN(means: [Double], sds: [Double], correlation rho: Double, n0: Int, delta: Double, alpha: Double,
                      rng: RandomStream) -> (Int, Int) {
        var kn = KimNelson(k: means.count, n0: n0, delta: delta, alpha: alpha)
        var x = [[Double]](repeating: [], count: means.count)
        func observe() {
            let common = rng.normal(mean: 0, sd: 1)  // the shared random numbers of one trial
            for i in means.indices {
                x[i].append(means[i] + sds[i] * (rho.squareRoot() * common + (1 - rho).squareRoot() * rng.normal(mean: 0, sd: 1)))
            }
        }
        for _ in 0..<n0 { observe() }
        while kn.update(x) == nil { observe() }
        return (kn.selected!, kn.stage)
    }

    func testKimNelsonSelectsTheBestWithProbabilityAtLeastOneMinusAlpha() {
        let repetitions = 500, delta = 0.5, alpha = 0.05, n0 = 10
        // The best is last, so ties (broken toward the lower index) cannot help it.
        let means = [0, 0, 0, delta], sds = [1, 1.5, 0.8, 1.2]
        let rng = RandomStream(seed: StreamSeed.key("kim-nelson-pcs"))
        var correct = 0, naive = 0, observations = 0
        for _ in 0..<repetitions {
            let (chosen, stage) = Self.runKN(means: means, sds: sds, correlation: 0.5, n0: n0, delta: delta, alpha: alpha, rng: rng)
            if chosen == 3 { correct += 1 }
            observations += stage
            // The control: pick the best first-stage mean, with no guarantee.
            var sums = [Double](repeating: 0, count: 4)
            for _ in 0..<n0 {
                let c = rng.normal(mean: 0, sd: 1)
                for i in 0..<4 { sums[i] += means[i] + sds[i] * (0.5.squareRoot() * c + 0.5.squareRoot() * rng.normal(mean: 0, sd: 1)) }
            }
            if sums.indices.max(by: { sums[$0] < sums[$1] }) == 3 { naive += 1 }
        }
        print("Kim–Nelson: P(correct selection) \(correct)/\(repetitions) at δ = \(delta), α = \(alpha); mean stage \(observations / repetitions); best-of-\(n0) control \(naive)/\(repetitions)")
        // Not significantly below 1 − α (Clopper–Pearson 99.8%); the control is.
        XCTAssertGreaterThanOrEqual(Intervals.clopperPearson(k: correct, n: repetitions, level: 0.998).hi, 1 - alpha)
        XCTAssertLessThan(Intervals.clopperPearson(k: naive, n: repetitions, level: 0.998).hi, 1 - alpha)
    }

    /// The procedure's constants against Kim & Nelson's formula, and the degenerate cases.
    func testKimNelsonConstantsAndTies() {
        let kn = KimNelson(k: 4, n0: 10, delta: 1, alpha: 0.05)
        let eta = 0.5 * (pow(2 * 0.05 / 3, -2.0 / 9) - 1)
        XCTAssertEqual(kn.h2, 2 * eta * 9, accuracy: 1e-12)
        // Identical systems (common random numbers make every difference 0): no variance, so
        // the procedure ends at the first stage instead of running forever, and picks the first.
        var tie = KimNelson(k: 3, n0: 5, delta: 0.1, alpha: 0.05)
        let same = [1.0, 2, 3, 4, 5]
        XCTAssertEqual(tie.update([same, same, same]), 0)
        XCTAssertEqual(tie.stage, 5)
        XCTAssertEqual(KimNelson(k: 1, n0: 2, delta: 1, alpha: 0.05).selected, 0)
    }

    /// Arms that tie form one group; an arm clearly behind does not join it.
    func testIndifferenceGroup() {
        let rng = RandomStream(seed: 7)
        let base = (0..<30).map { _ in rng.normal(mean: 10, sd: 1) }
        let worse = base.map { $0 - 2 + 0.1 * rng.normal(mean: 0, sd: 1) }
        let slightly = base.map { $0 - 0.05 + 0.1 * rng.normal(mean: 0, sd: 1) }
        XCTAssertEqual(IndifferenceGroup.members([base, base, worse], best: 0, delta: 0, higherIsBetter: true), [0, 1])
        XCTAssertEqual(IndifferenceGroup.members([base, slightly, worse], best: 0, delta: 0.5, higherIsBetter: true), [0, 1])
        XCTAssertEqual(IndifferenceGroup.members([base, slightly, worse], best: 2, delta: 0.5, higherIsBetter: false), [2])
    }

    /// Through the engine: KN on the model picks the arm that is clearly better, the same on any
    /// thread count, and reports the stage and eliminations.
    func testComparisonSelectsReproducibly() {
        var few = TestScenarios.small(days: 60)
        for t in few.mediation.tiers.indices { few.mediation.tiers[t].staff = 1 }
        var many = few
        for t in many.mediation.tiers.indices { many.mediation.tiers[t].staff = 6 }
        let plan = Comparison.Plan(trials: 5, maxTrials: 200, batch: 5, objective: .medianResolutionHours, indifference: 1, select: true)
        let one = Comparison(arms: [few, many, few], seed: 11, threads: 1).run(plan)
        let two = Comparison(arms: [few, many, few], seed: 11, threads: 2).run(plan)
        XCTAssertEqual(one.selection?.selected, 1)
        XCTAssertEqual(one.ranking.first, 1)
        XCTAssertEqual(one.stoppedBecause, "selected")
        XCTAssertEqual(one.selection?.stage, two.selection?.stage)
        XCTAssertEqual(one.results.map(\.count), two.results.map(\.count))
        XCTAssertNotNil(one.selection?.eliminatedAt[0])
    }
}
