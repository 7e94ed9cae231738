import XCTest
import GovSim
@testable import GovSimIO

/// The regression check's statistics, measured on the model itself: an unchanged model
/// re-seeded should fail at most about the nominal false-alarm rate, and a small real change
/// (+5% dispute rate) should be caught with high power. Seeds are fixed: the counts are exact
/// for this code; the bounds are what the binomial allows at the nominal rates.
final class RegressionCheckTests: XCTestCase {
    /// Many disputes per trial at little cost: rates ×10, a small district, two months.
    private func scenario(rate: Double) -> Scenario {
        var s = Scenario()
        s.run.days = 60
        s.district.cells[0].count = 3
        s.district.cells[0].households = 250
        s.district.cells[0].estate = .oldEstate
        s.disputes.rateMultiplier = .fixed(10 * rate)
        return s
    }

    private func baseline(_ s: Scenario, seed: UInt64, trials: Int) -> RegressionBaseline {
        let loaded = LoadedScenario(scenario: s, path: "regression.json5", extends: [])
        return RegressionBaseline(results: RunResults(loaded: loaded, seed: seed, trials: Ensemble(scenario: s, seed: seed, threads: 2).run(trials: 0..<trials)),
                                  scenarioFile: "regression.json5")
    }

    func testFalseAlarmRateAndPower() {
        let trials = 80, reseeds = 8
        let recorded = baseline(scenario(rate: 1), seed: 1, trials: trials)
        var falseAlarms = 0, caught = 0
        for k in 0..<reseeds {
            let seed = UInt64(1_000 + k)
            let same = Ensemble(scenario: scenario(rate: 1), seed: seed, threads: 2).run(trials: 0..<trials)
            if recorded.statisticalCheck(same).contains(where: \.test.drifted) { falseAlarms += 1 }
            let changed = Ensemble(scenario: scenario(rate: 1.05), seed: seed, threads: 2).run(trials: 0..<trials)
            if recorded.statisticalCheck(changed).contains(where: \.test.drifted) { caught += 1 }
        }
        print("regression check: \(falseAlarms) false alarms in \(reseeds) re-seeds of an unchanged model (nominal 5%); +5% dispute rate caught in \(caught) of \(reseeds)")
        // At a 5% false-alarm rate, 8 re-seeds give 2 or more alarms with probability 5.7%: allow 1.
        XCTAssertLessThanOrEqual(falseAlarms, 1)
        // High power: at 90% power, 6 or fewer catches in 8 happen with probability 19%, 5 or fewer 4%.
        XCTAssertGreaterThanOrEqual(caught, 7, "a +5% dispute rate should be caught with high power")
    }

    func testExactModeDigestAndRoundTrip() throws {
        let b = baseline(scenario(rate: 1), seed: 3, trials: 3)
        let folder = TemporaryFolder()
        let path = folder.write("b.json", b.json)
        let read = try RegressionBaseline.read(path: path)
        XCTAssertEqual(read.trialsDigest, b.trialsDigest)
        XCTAssertEqual(read.rows.map { $0.map { $0.isNaN ? 0 : $0.bitPattern } }, b.rows.map { $0.map { $0.isNaN ? 0 : $0.bitPattern } })
        XCTAssertEqual(read.platform, RegressionBaseline.currentPlatform)
        // The same seed reproduces the digest; another seed does not.
        XCTAssertEqual(baseline(scenario(rate: 1), seed: 3, trials: 3).trialsDigest, b.trialsDigest)
        XCTAssertNotEqual(baseline(scenario(rate: 1), seed: 4, trials: 3).trialsDigest, b.trialsDigest)
    }

    func testDriftTestOnKnownSummaries() {
        let old = MetricSummary([10, 10.2, 9.8, 10.1, 9.9]), same = MetricSummary([10.05, 9.95, 10.1, 9.9, 10])
        XCTAssertFalse(DriftTest(old: old, new: same, tolerance: 0.1, alpha: 0.05).drifted)
        let far = MetricSummary([12, 12.2, 11.8, 12.1, 11.9])
        let t = DriftTest(old: old, new: far, tolerance: 0.1, alpha: 0.05)
        XCTAssertTrue(t.drifted)
        XCTAssertEqual(t.difference, 2, accuracy: 1e-12)
    }
}
