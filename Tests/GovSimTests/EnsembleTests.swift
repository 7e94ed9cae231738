import GovSimTestSupport
import XCTest
import Synchronization
@testable import GovSim

final class EnsembleTests: XCTestCase {
    /// Results are bit-identical for any thread count and come back in trial order.
    func testThreadCountDoesNotChangeResults() {
        var s = TestScenarios.small(days: 90)
        s.disputes.rateMultiplier = .lognormal(median: 1, sigma: 0.2)
        let one = Ensemble(scenario: s, seed: 77, threads: 1).run(trials: 0..<6)
        let two = Ensemble(scenario: s, seed: 77, threads: 2).run(trials: 0..<6)
        let five = Ensemble(scenario: s, seed: 77, threads: 5).run(trials: 0..<6)
        XCTAssertEqual(one.map(\.trial), Array(0..<6))
        XCTAssertEqual(one, two)
        XCTAssertEqual(one, five)
    }

    /// A trial's result depends on its index, not on which other trials run (shards agree).
    func testShardsAgreeWithTheWhole() {
        let s = TestScenarios.small(days: 60)
        let e = Ensemble(scenario: s, seed: 5, threads: 2)
        XCTAssertEqual(e.run(trials: 0..<4), e.run(trials: 0..<2) + e.run(trials: 2..<4))
    }

    func testDifferentSeedsDiffer() {
        let s = TestScenarios.small(days: 60)
        XCTAssertNotEqual(Ensemble(scenario: s, seed: 1, threads: 1).run(trials: 0..<1)[0].metrics,
                          Ensemble(scenario: s, seed: 2, threads: 1).run(trials: 0..<1)[0].metrics)
    }

    /// Stopped after four trials have finished, a run returns the trials that finished, each
    /// exactly as an uninterrupted run has it, and starts no other; on one thread, in order.
    func testStopKeepsFinishedTrials() {
        let s = TestScenarios.small(days: 30)
        let whole = Ensemble(scenario: s, seed: 5, threads: 1).run(trials: 0..<10)
        for threads in [1, 2] {
            let finished = Mutex(0)
            let kept = Ensemble(scenario: s, seed: 5, threads: threads).run(
                trials: 0..<10, shouldStop: { finished.withLock { $0 } >= 4 }, finished: { _ in finished.withLock { $0 += 1 } })
            XCTAssertGreaterThanOrEqual(kept.count, 4, "threads \(threads): the finished trials are kept")
            XCTAssertLessThanOrEqual(kept.count, 3 + threads, "threads \(threads): no trial starts after the stop")
            for r in kept { XCTAssertEqual(r, whole[r.trial], "threads \(threads): trial \(r.trial) as an uninterrupted run has it") }
            if threads == 1 { XCTAssertEqual(kept.map(\.trial), [0, 1, 2, 3]) }
        }
        XCTAssertEqual(Ensemble(scenario: s, seed: 5, threads: 2).run(trials: 0..<10, shouldStop: { true }), [], "stopped before any")
    }

    func testWeeklySeriesCoverTheHorizon() {
        let r = Ensemble(scenario: TestScenarios.small(days: 70), seed: 5, threads: 1).run(trials: 0..<1)[0]
        XCTAssertEqual(r.weeks, 10)
        let safety = (0..<r.weeks).map { r.series[$0 * WeeklySeries.allCases.count + WeeklySeries.safetyScore.rawValue] }
        XCTAssertTrue(safety.allSatisfy { (0...100).contains($0) })
    }
}
