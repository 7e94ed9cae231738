import GovSimTestSupport
import XCTest
@testable import GovSim

/// The model's laws (docs/model.md §8), one named test each.
///
/// Tolerances come from the statistics of the trials, never from a margin chosen to pass:
/// - **Same answer** (partition, scale): two independent ensembles agree when their means differ by
///   less than 3.29 standard errors of the difference (a two-sided test at α = 0.001 per output, so a
///   handful of outputs keeps the family-wise false-alarm rate below 1%). The old model fails these
///   by 10–40 standard errors.
/// - **Never worse** (monotonicity): paired trials on common random numbers; "more of a good
///   thing" fails the law when the paired mean difference is worse by more than 3.29 of its
///   standard errors.
/// - **Exact** (null policies, bounds): bit-for-bit equality or a hard inequality on every trial.
final class ModelLawTests: XCTestCase {
    static let z = 3.29

    // MARK: Helpers

    private func run(_ s: Scenario, trials: Int = 16, seed: UInt64 = 42) -> [TrialResult] {
        TestScenarios.run(s, trials: trials, seed: seed)
    }

    /// Two independent ensembles agree on `metric`'s mean within `z` standard errors.
    private func assertSameMean(_ a: [TrialResult], _ b: [TrialResult], _ metric: Metric, _ label: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        let x = MetricSummary(a.map { $0[metric] }), y = MetricSummary(b.map { $0[metric] })
        let se = (x.sd * x.sd / Double(x.n) + y.sd * y.sd / Double(y.n)).squareRoot()
        let gap = abs(x.mean - y.mean)
        XCTAssertLessThanOrEqual(gap, ModelLawTests.z * se,
                                 "\(label): \(metric.name) \(x.mean) vs \(y.mean) differ by \(gap / max(se, 1e-12)) standard errors",
                                 file: file, line: line)
    }

    /// Paired trials: `better` is not worse than `worse` on `metric` beyond `z` standard errors,
    /// where worse means lower when `higherIsBetter`, else higher.
    private func assertNotWorse(_ base: [TrialResult], _ more: [TrialResult], _ metric: Metric, higherIsBetter: Bool,
                                _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let d = MetricSummary(zip(base, more).map { $1[metric] - $0[metric] })
        let se = d.sd / Double(max(d.n, 1)).squareRoot()
        let worse = higherIsBetter ? -d.mean : d.mean
        XCTAssertLessThanOrEqual(worse, ModelLawTests.z * se,
                                 "\(label): \(metric.name) moved the wrong way by \(d.mean) (se \(se))", file: file, line: line)
    }

    /// A paired difference whose 95% interval lies wholly inside ±`bound`.
    private func assertPairedWithin(_ base: [TrialResult], _ variant: [TrialResult], _ metric: Metric, _ bound: Double,
                                    _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let d = TestScenarios.pairedDifferences(base, variant, metric)
        XCTAssertTrue(d.ci95.lo > -bound && d.ci95.hi < bound,
                      "\(label): \(metric.name) moved by \(d.mean) (95% CI \(d.ci95.lo)…\(d.ci95.hi)), law: within ±\(bound)",
                      file: file, line: line)
    }

    /// An old-estate district of `cells` × `households`, with `workers` grid workers in all.
    private func district(cells: Int, households: Double, workers: Double, days: Int = 180) -> Scenario {
        var s = TestScenarios.small(days: days)
        s.district.cells[0].count = cells
        s.district.cells[0].households = .fixed(households)
        s.response.gridWorkersPerCell = .fixed(workers / Double(cells))
        return s
    }

    // MARK: Invariance

    /// The same 3,000 households and 10 grid workers as 1, 10 or 30 cells: the same district.
    func testPartitionDoesNotChangeTheDistrict() {
        let one = run(district(cells: 1, households: 3_000, workers: 10))
        let ten = run(district(cells: 10, households: 300, workers: 10))
        let thirty = run(district(cells: 30, households: 100, workers: 10))
        for metric in [Metric.safetyScore, .satisfactionPct, .meanTrust, .responseMinutesMedian, .petitions, .disputes] {
            assertSameMean(one, ten, metric, "1 vs 10 cells")
            assertSameMean(ten, thirty, metric, "10 vs 30 cells")
        }
    }

    /// Double the district and every district-wide resource: the same per-household rates.
    func testScaleDoesNotChangeTheRates() {
        var single = district(cells: 4, households: 300, workers: 4)
        single.services.budget = 200_000
        single.preventiveVisits.enabled = true
        var double = single
        double.district.cells[0].count = 8
        for t in double.mediation.tiers.indices { double.mediation.tiers[t].staff = .fixed(2 * single.mediation.tiers[t].staff.value) }
        double.services.budget = 400_000
        double.preventiveVisits.visitsPerWeek = .fixed(2 * single.preventiveVisits.visitsPerWeek.value)
        func perHousehold(_ trials: [TrialResult], households: Double) -> [TrialResult] {
            trials.map { t in
                var t = t
                for m in [Metric.disputes, .petitions, .disputesReported, .incidents] { t.metrics[m.rawValue] /= households }
                return t
            }
        }
        let a = perHousehold(run(single), households: 1_200), b = perHousehold(run(double), households: 2_400)
        for metric in [Metric.safetyScore, .satisfactionPct, .meanTrust, .complaintRatePct, .disputes, .petitions,
                       .disputesReported, .incidents, .medianResolutionHours] {
            assertSameMean(a, b, metric, "×1 vs ×2")
        }
    }

    // MARK: Monotonicity

    func testMoreMediatorsNeverLengthenResolution() {
        var previous: [TrialResult]?
        for staff in [0.5, 1, 2, 4] {
            var s = TestScenarios.small()
            for t in s.mediation.tiers.indices { s.mediation.tiers[t].staff = .fixed(staff) }
            let trials = run(s)
            if let previous {
                assertNotWorse(previous, trials, .medianResolutionHours, higherIsBetter: false, "staff \(staff / 2) → \(staff)")
                assertNotWorse(previous, trials, .petitions, higherIsBetter: false, "staff \(staff / 2) → \(staff)")
                assertNotWorse(previous, trials, .meanTrust, higherIsBetter: true, "staff \(staff / 2) → \(staff)")
            }
            previous = trials
        }
    }

    func testMoreDetectionNeverRaisesHarm() {
        var previous: [TrialResult]?
        for detection in [0.0, 0.5, 1.0] {
            var s = TestScenarios.small()
            for keyPath in [\Scenario.sensors.cameras, \.sensors.smokeDetectors, \.sensors.elevatorMonitors] {
                s[keyPath: keyPath].coverage = 1
                s[keyPath: keyPath].detection = .fixed(detection)
            }
            let trials = run(s)
            if let previous {
                assertNotWorse(previous, trials, .seriousHarm, higherIsBetter: false, "detection → \(detection)")
                assertNotWorse(previous, trials, .incidents, higherIsBetter: false, "detection → \(detection)")
                assertNotWorse(previous, trials, .safetyScore, higherIsBetter: true, "detection → \(detection)")
            }
            previous = trials
        }
    }

    /// No district is better off for having disputes.
    func testAHigherDisputeRateNeverRaisesTrust() {
        var previous: [TrialResult]?
        for rate in [0.0, 0.5, 1, 2] {
            var s = TestScenarios.small()
            s.disputes.rateMultiplier = .fixed(rate)
            let trials = run(s)
            if let previous {
                assertNotWorse(trials, previous, .meanTrust, higherIsBetter: true, "fewer disputes than ×\(rate)")
                assertNotWorse(trials, previous, .satisfactionPct, higherIsBetter: true, "fewer disputes than ×\(rate)")
            }
            previous = trials
        }
    }

    /// More grid workers: a response no slower, and felt in perceived safety.
    func testFasterResponseIsFelt() {
        let few = run(district(cells: 4, households: 300, workers: 1))
        let many = run(district(cells: 4, households: 300, workers: 16))
        assertNotWorse(few, many, .responseMinutesMedian, higherIsBetter: false, "1 → 16 workers")
        assertNotWorse(few, many, .seriousHarm, higherIsBetter: false, "1 → 16 workers")
        let safety = TestScenarios.pairedDifferences(few, many, .safetyScore)
        XCTAssertGreaterThan(safety.ci95.lo, 0, "a faster response should raise perceived safety: \(safety)")
    }

    /// Purchased elderly care buys visits that change outcomes, more with more money.
    func testPurchasedElderlyCareCutsAdverseEvents() {
        var none = TestScenarios.small(days: 365)
        none.residents.elderlyShare = 0.3
        none.residents.elderlyLivingAloneShare = 0.6
        none.services.budget = 0
        for share in [\Scenario.services.mediationShare, \.services.legalAdviceShare, \.services.volunteerCoordinationShare] {
            none[keyPath: share] = 0
        }
        none.services.elderlyCareShare = 1
        var some = none
        some.services.budget = 5_000_000
        let noneTrials = run(none, trials: 24), someTrials = run(some, trials: 24)
        let d = TestScenarios.pairedDifferences(noneTrials, someTrials, .elderlyAdverseEvents)
        XCTAssertLessThan(d.ci95.hi, 0, "a care budget should cut elderly adverse events: \(d)")
        var more = some
        more.services.budget = 10_000_000
        assertNotWorse(someTrials, run(more, trials: 24), .elderlyAdverseEvents, higherIsBetter: false, "5 M → 10 M yuan")
    }

    // MARK: What a policy moves, and only through what it does

    /// Cameras that detect, deter and falsely alarm nothing, with no privacy cost: the baseline's
    /// trials exactly (costs aside); with the default privacy cost, safety still moves < 2 points.
    func testBlindCamerasChangeNothingResidentsLiveThrough() {
        let base = TestScenarios.small()
        var blind = base
        blind.sensors.cameras.coverage = 1
        blind.sensors.cameras.detection = 0
        blind.sensors.cameras.deterrence = 0
        blind.sensors.cameras.falseAlarmsPerDeviceYear = 0
        var silent = blind
        silent.sensors.privacyTrustCost = 0
        let baseTrials = run(base, trials: 8)
        assertSameTrialsExceptCosts(baseTrials, run(silent, trials: 8), "blind cameras with no privacy cost")
        assertPairedWithin(baseTrials, run(blind, trials: 8), .safetyScore, 2, "blind cameras")
    }

    /// A council in a district with no disputes has nothing to settle: satisfaction moves < 3 points.
    func testACouncilWithNothingToSettleChangesLittle() {
        var base = TestScenarios.small()
        base.disputes.rateMultiplier = 0
        var council = base
        council.council.enabled = true
        assertPairedWithin(run(base), run(council), .satisfactionPct, 3, "council, no disputes")
    }

    /// Policies whose effect parameters are all zero give the baseline's trials exactly.
    func testNullPoliciesGiveTheBaselineExactly() {
        let base = TestScenarios.small(days: 90)
        let baseTrials = run(base, trials: 6)

        var council = base
        council.council.enabled = true
        council.council.propertyDisputeReduction = 0
        council.council.collectiveReduction = 0
        council.council.participationGain = 0
        assertSameTrialsExceptCosts(baseTrials, run(council, trials: 6), "null council")

        var services = base
        services.services.budget = 1_000_000
        for share in [\Scenario.services.mediationShare, \.services.legalAdviceShare,
                      \.services.volunteerCoordinationShare, \.services.elderlyCareShare] {
            services[keyPath: share] = 0
        }
        assertSameTrialsExceptCosts(baseTrials, run(services, trials: 6), "a budget spent on nothing")

        var visits = base
        visits.preventiveVisits.enabled = true
        visits.preventiveVisits.disputeReduction = 0
        visits.preventiveVisits.defuseProbability = 0
        assertSameTrialsExceptCosts(baseTrials, run(visits, trials: 6), "visits that avert and defuse nothing",
                                    ignoring: [.preventiveVisits])

        var care = base
        care.elderlyCare.wearableCoverage = 1
        care.elderlyCare.wearableDetection = 0
        care.elderlyCare.wearableAlarm = 0
        care.elderlyCare.wearableFalseAlarmsPerYear = 0
        care.elderlyCare.coveredSafetyGain = 0
        assertSameTrialsExceptCosts(baseTrials, run(care, trials: 6), "wearables that sense nothing")
    }

    private func assertSameTrialsExceptCosts(_ a: [TrialResult], _ b: [TrialResult], _ label: String, ignoring: Set<Metric> = [],
                                             file: StaticString = #filePath, line: UInt = #line) {
        let costs: Set<Metric> = [.costTotal, .costMediation, .costServices, .costSensors, .costElderlyCare, .costVolunteers,
                                  .costCouncil, .costVisits, .costResponse, .costPerResident]
        for (x, y) in zip(a, b) {
            for m in Metric.allCases where !costs.contains(m) && !ignoring.contains(m) {
                XCTAssertEqual(x[m].bitPattern, y[m].bitPattern, "\(label): trial \(x.trial) \(m.name) \(x[m]) vs \(y[m])",
                               file: file, line: line)
            }
            XCTAssertEqual(x.series.map(\.bitPattern), y.series.map(\.bitPattern), "\(label): trial \(x.trial) weekly series",
                           file: file, line: line)
        }
    }

    // MARK: Bounds

    /// Volunteers are residents: never more volunteers than residents, however eager.
    func testVolunteersNeverOutnumberResidents() {
        var s = district(cells: 1, households: 100, workers: 1, days: 3 * 365)
        s.volunteers.recruitmentPerYear = 1
        s.volunteers.dropoutPerYear = 0
        s.residents.participationAlpha = 5
        s.residents.participationBeta = 0.2
        for t in run(s, trials: 4) {
            XCTAssertLessThanOrEqual(t[.volunteers], t[.residents], "trial \(t.trial)")
            XCTAssertGreaterThan(t[.volunteers], 0.5 * t[.residents], "eager residents should mostly volunteer (trial \(t.trial))")
        }
    }

    /// Scores stay on 0–100 and counts are never negative, even at extremes.
    func testScoresAndCountsStayInBounds() {
        var extreme = TestScenarios.small(days: 120)
        extreme.disputes.rateMultiplier = 8
        extreme.incidents.rateMultiplier = 20
        extreme.sensors.cameras.coverage = 1
        var none = TestScenarios.small(days: 120)
        for t in none.mediation.tiers.indices { none.mediation.tiers[t].staff = 0 }
        none.response.gridWorkersPerCell = 0
        none.disputes.rateMultiplier = 0
        for s in [extreme, none] {
            for t in run(s, trials: 3) {
                for m in [Metric.safetyScore, .meanHappiness, .meanTrust, .satisfactionPct] {
                    XCTAssertTrue((0...100).contains(t[m]), "\(m.name) = \(t[m])")
                }
                for m in Metric.allCases where !t[m].isNaN && m.unit == "count" {
                    XCTAssertGreaterThanOrEqual(t[m], 0, "\(m.name)")
                }
                for w in 0..<t.weeks {
                    for series in [WeeklySeries.safetyScore, .satisfactionPct, .meanHappiness, .meanTrust] {
                        XCTAssertTrue((0...100).contains(t.series[w * WeeklySeries.allCases.count + series.rawValue]))
                    }
                }
            }
        }
    }

    /// No grid workers: the town's responders come, at their stated minutes and cost.
    func testNoGridWorkersMeansTheTownResponds() {
        var s = TestScenarios.small()
        s.response.gridWorkersPerCell = 0
        let town = s.response.dispatchMinutes.value + s.response.townResponseMinutes.value
        for t in run(s, trials: 4) {
            XCTAssertEqual(t[.responseMinutesMedian], town, accuracy: 1e-9)
            XCTAssertGreaterThan(t[.townResponses], 0)
            XCTAssertEqual(t[.costResponse], t[.townResponses] * s.response.townCostPerCall.value, accuracy: 1e-6)
        }
    }
}
