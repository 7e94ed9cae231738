import XCTest
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

    func testStopKeepsFinishedTrials() {
        let s = TestScenarios.small(days: 30)
        let results = Ensemble(scenario: s, seed: 5, threads: 1).run(trials: 0..<10, shouldStop: { true })
        XCTAssertEqual(results, [])
    }

    func testWeeklySeriesCoverTheHorizon() {
        let r = Ensemble(scenario: TestScenarios.small(days: 70), seed: 5, threads: 1).run(trials: 0..<1)[0]
        XCTAssertEqual(r.weeks, 10)
        let safety = (0..<r.weeks).map { r.series[$0 * WeeklySeries.allCases.count + WeeklySeries.safetyScore.rawValue] }
        XCTAssertTrue(safety.allSatisfy { (0...100).contains($0) })
    }
}
