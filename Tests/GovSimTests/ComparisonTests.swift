import GovSimTestSupport
import XCTest
import Synchronization
@testable import GovSim

final class ComparisonTests: XCTestCase {
    /// Known data, with reference values from SciPy's `ttest_rel` and NumPy's `corrcoef`.
    func testPairedDifferenceOnKnownData() {
        let d = PairedDifference(baseline: [1, 2, 3, 4, 5], arm: [2, 4, 5, 4, 7])
        XCTAssertEqual(d.n, 5)
        XCTAssertEqual(d.difference, 1.4, accuracy: 1e-12)
        XCTAssertEqual(d.sd, 0.8944271909999159, accuracy: 1e-12)
        XCTAssertEqual(d.pValue, 0.024896163460222765, accuracy: 1e-9)
        XCTAssertEqual(d.correlation, 0.8703882797784892, accuracy: 1e-12)
        let half = 2.7764451051977934 * 0.8944271909999159 / 5.0.squareRoot()
        XCTAssertEqual(d.ci95.lo, 1.4 - half, accuracy: 1e-9)
        XCTAssertEqual(d.ci95.hi, 1.4 + half, accuracy: 1e-9)
        XCTAssertEqual(d.relativeChangePct, 100 * 1.4 / 3, accuracy: 1e-9)
        // Pairing removes the shared variation: the paired interval is narrower than Welch's.
        XCTAssertLessThan(d.ci95.halfWidth, d.unpairedHalfWidth)
    }

    func testNaNPairsAreSkipped() {
        let d = PairedDifference(baseline: [1, .nan, 3], arm: [2, 5, .nan])
        XCTAssertEqual(d.n, 1)
        XCTAssertEqual(d.difference, 1)
    }

    /// Pairing really pairs: an arm identical to the baseline differs by exactly zero in every
    /// metric of every trial.
    func testIdenticalArmsDifferByExactlyZero() {
        let s = TestScenarios.small(days: 60)
        let outcome = Comparison(arms: [s, s], seed: 8, threads: 2).run(.init(trials: 6))
        for (m, d) in zip(Metric.allCases, outcome.differences[0]) where d.n > 0 {
            XCTAssertEqual(d.difference, 0, m.name)
            // A count never gets a bare 0–0 interval: all-zero differences bound the mean
            // difference instead (Poisson, 97.5% on each side); other kinds are exactly 0.
            let x = Intervals.zeroCountBound(n: d.n, alpha: 0.025)
            XCTAssertEqual(d.ci95, m.kind == .count ? Interval(lo: -x, hi: x) : Interval(lo: 0, hi: 0), m.name)
            XCTAssertEqual(d.bound, m.kind == .count ? x : nil, m.name)
            XCTAssertEqual(d.pValue, 1, m.name)
        }
        // Identical arms tie: they share the bootstrap and form one indistinguishable group.
        XCTAssertEqual(outcome.probabilityBest, 0.5)
        XCTAssertEqual(Set(outcome.indistinguishable), [0, 1])
        XCTAssertEqual(outcome.results[0], outcome.results[1])
    }

    /// A known policy effect is found with the right sign: more mediators resolve faster.
    func testKnownEffectHasTheRightSign() {
        var few = TestScenarios.small()
        for t in few.mediation.tiers.indices { few.mediation.tiers[t].staff = 1 }
        var many = few
        for t in many.mediation.tiers.indices { many.mediation.tiers[t].staff = 6 }
        let outcome = Comparison(arms: [few, many], seed: 3, threads: 2).run(.init(trials: 20))
        let d = outcome.differences[0][Metric.medianResolutionHours.rawValue]
        XCTAssertLessThan(d.ci95.hi, 0)
        XCTAssertLessThan(d.pValue, 0.05)
        // A policy that leaves incidents alone shares their streams: accidents are identical.
        XCTAssertEqual(outcome.differences[0][Metric.accidents.rawValue].difference, 0)
    }

    /// Adaptive replication stops where the results say, the same on any thread count, and
    /// stops adding trials to an arm that is clearly out of contention.
    func testAdaptiveStoppingIsReproducibleAndSelective() {
        let base = TestScenarios.small(days: 90)
        var good = base
        good.council.enabled = true
        good.volunteers.initialShare = 0.05
        var bad = base
        bad.sensors.cameras.coverage = 1
        let plan = Comparison.Plan(trials: 8, precision: 0.05, maxTrials: 40, batch: 8, objective: .meanTrust)
        let one = Comparison(arms: [base, good, bad], seed: 4, threads: 1).run(plan)
        let two = Comparison(arms: [base, good, bad], seed: 4, threads: 2).run(plan)
        XCTAssertEqual(one.results, two.results)
        XCTAssertEqual(one.ranking.first, 1, "the council arm has the highest trust")
        XCTAssertLessThan(one.results[2].count, one.results[1].count, "the camera arm drops out of contention")
        XCTAssertGreaterThan(one.probabilityBest, 0.95)
    }

    /// A comparison replayed with some of its trials already known (a resumed one) runs only the
    /// others and ends exactly where the uninterrupted comparison ended: the adaptive rule's
    /// batches and the arm that drops out depend on the results only.
    func testAComparisonReplayedWithKnownTrialsEndsTheSame() {
        let base = TestScenarios.small(days: 90)
        var good = base
        good.council.enabled = true
        good.volunteers.initialShare = 0.05
        var bad = base
        bad.sensors.cameras.coverage = 1
        let arms = [base, good, bad]
        let plan = Comparison.Plan(trials: 8, precision: 0.05, maxTrials: 40, batch: 8, objective: .meanTrust)
        let whole = Comparison(arms: arms, seed: 4, threads: 2).run(plan)
        // Keep a pseudo-random half of the finished trials (seed 16), as a killed run's journal might.
        let rng = RandomStream(seed: 16)
        var known = [[Int: TrialResult]](repeating: [:], count: arms.count)
        var kept = 0
        for (arm, trials) in whole.results.enumerated() {
            for t in trials where rng.uniform() < 0.5 { known[arm][t.trial] = t; kept += 1 }
        }
        XCTAssertGreaterThan(kept, 10)
        let ran = Mutex<Int>(0)
        let replay = Comparison(arms: arms, seed: 4, threads: 2).run(plan, known: known, finished: { _, _ in ran.withLock { $0 += 1 } })
        XCTAssertEqual(replay.results, whole.results)
        XCTAssertEqual(replay.ranking, whole.ranking)
        XCTAssertEqual(replay.stoppedBecause, whole.stoppedBecause)
        XCTAssertEqual(ran.withLock { $0 }, whole.results.map(\.count).reduce(0, +) - kept, "known trials are not run again")
    }
}
