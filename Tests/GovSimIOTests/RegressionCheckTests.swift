import GovSimTestSupport
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

/// The statistical check's false-alarm rate and its power at the change `govsim baseline`
/// records as detectable, on synthetic trials (every output normal, 55 of them, sizes like the
/// shipped regression scenarios): fast enough for hundreds of checks. Binomial tolerances at
/// 99.8% (Clopper–Pearson).
final class RegressionPowerTests: XCTestCase {
    static let trials = 30, checks = 300

    /// Synthetic trials: output m has mean 100·(m + 1) and sd 10·(m + 1) (10% noise), plus
    /// `shift` added to `metric`.
    static func trials(_ rng: RandomStream, count: Int, shift: Double = 0, metric: Metric = .disputes) -> [TrialResult] {
        (0..<count).map { t in
            let values = Metric.allCases.map { m -> Double in
                let scale = Double(m.rawValue + 1)
                return rng.normal(mean: 100 * scale, sd: 10 * scale) + (m == metric ? shift : 0)
            }
            return TrialResult(trial: t, metrics: values, series: [], parameterDraws: [])
        }
    }

    static func baseline(_ trials: [TrialResult]) -> RegressionBaseline {
        RegressionBaseline(version: "test", platform: "test", scenario: "synthetic", scenarioFile: "synthetic.json5", seed: 1,
                           trials: trials.count, days: 1, trialsDigest: "", rows: trials.map(\.metrics))
    }

    func testFalseAlarmRateAndPowerAtTheRecordedDetectableChange() {
        let rng = RandomStream(seed: StreamSeed.key("regression-power"))
        var falseAlarms = 0, caught = 0, caughtHalf = 0
        var detectable: [Double] = []
        for _ in 0..<Self.checks {
            // An independent baseline per check, as on a new platform.
            let b = Self.baseline(Self.trials(rng, count: Self.trials))
            let d = b.detectableChange(.disputes)
            detectable.append(d)
            if b.statisticalCheck(Self.trials(rng, count: Self.trials)).contains(where: \.test.drifted) { falseAlarms += 1 }
            // The true change the sd's truth (10·5 = 50 for disputes) makes detectable: the
            // power claim is about the true sd, so use the formula with it.
            let truth = DriftTest.detectableChange(sd: 50, oldTrials: Self.trials, newTrials: Self.trials,
                                                   tolerance: 0.01 * 500, alpha: b.alphaPerMetric())
            let changed = b.statisticalCheck(Self.trials(rng, count: Self.trials, shift: truth))
            if changed.first(where: { $0.metric == .disputes })!.test.drifted { caught += 1 }
            let half = b.statisticalCheck(Self.trials(rng, count: Self.trials, shift: truth / 2))
            if half.first(where: { $0.metric == .disputes })!.test.drifted { caughtHalf += 1 }
        }
        print("statistical check, \(Self.trials) trials, \(Self.checks) checks: \(falseAlarms) false alarms (family-wise α 0.05); "
              + "a change of the recorded 90%-power size (median \(MetricSummary(detectable).p50) on a mean of 500) caught \(caught), half of it \(caughtHalf)")
        // False alarms at most α = 5%.
        XCTAssertLessThanOrEqual(Intervals.clopperPearson(k: falseAlarms, n: Self.checks, level: 0.998).lo, 0.05)
        // The recorded detectable change is caught 90% of the time: neither significantly less
        // (the claim would be false) nor significantly more (it would be needlessly large).
        let power = Intervals.clopperPearson(k: caught, n: Self.checks, level: 0.998)
        XCTAssertGreaterThanOrEqual(power.hi, 0.9)
        XCTAssertLessThanOrEqual(power.lo, 0.9)
        // Half of it is not: the power depends on the size, so the test can fail.
        XCTAssertLessThan(Intervals.clopperPearson(k: caughtHalf, n: Self.checks, level: 0.998).hi, 0.9)
    }

    /// `--detect`'s trial count: at that count the detectable change is at most the target, and
    /// one trial fewer it is not.
    func testTrialsToDetect() {
        let sd = 50.0, mean = 500.0, tolerance = 0.01 * mean, alpha = 0.05 / 55
        let n = DriftTest.trialsToDetect(change: 0.05 * mean, sd: sd, tolerance: tolerance, alpha: alpha)!
        XCTAssertLessThanOrEqual(DriftTest.detectableChange(sd: sd, oldTrials: n, newTrials: n, tolerance: tolerance, alpha: alpha), 0.05 * mean)
        XCTAssertGreaterThan(DriftTest.detectableChange(sd: sd, oldTrials: n - 1, newTrials: n - 1, tolerance: tolerance, alpha: alpha), 0.05 * mean)
        XCTAssertNil(DriftTest.trialsToDetect(change: 0.005 * mean, sd: sd, tolerance: tolerance, alpha: alpha), "below the tolerance")
    }
}
