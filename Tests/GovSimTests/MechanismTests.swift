import GovSimTestSupport
import XCTest
@testable import GovSim

/// Mechanisms move outputs the right way. Each test runs paired trials (common random numbers:
/// same seed, same trial indices) of a scenario and a variant, and asserts that the 95% interval
/// of the paired mean difference lies wholly on the expected side of zero. Seeds are fixed, so
/// the tests are deterministic; the interval is the statistical tolerance.
final class MechanismTests: XCTestCase {
    let trials = 24

    private func difference(_ base: Scenario, _ variant: Scenario, _ m: Metric) -> MetricSummary {
        TestScenarios.pairedDifferences(TestScenarios.run(base, trials: trials), TestScenarios.run(variant, trials: trials), m)
    }

    func testMoreMediatorsShortenResolution() {
        var few = TestScenarios.small()
        for t in few.mediation.tiers.indices { few.mediation.tiers[t].staff = 1 }
        var many = few
        for t in many.mediation.tiers.indices { many.mediation.tiers[t].staff = 6 }
        let d = difference(few, many, .medianResolutionHours)
        XCTAssertLessThan(d.ci95.hi, 0, "median resolution hours should fall with more staff: \(d)")
    }

    func testMoreSensorsDetectMoreIncidents() {
        let none = TestScenarios.small()
        var covered = none
        covered.sensors.cameras.coverage = 1
        covered.sensors.smokeDetectors.coverage = 1
        covered.sensors.elevatorMonitors.coverage = 1
        let alarms = difference(none, covered, .alarmsTrue)
        XCTAssertGreaterThan(alarms.ci95.lo, 0, "true alarms should rise: \(alarms)")
        let prevented = difference(none, covered, .preventedBySensors)
        XCTAssertGreaterThan(prevented.ci95.lo, 0, "sensor-prevented incidents should rise: \(prevented)")
        let happened = difference(none, covered, .incidents)
        XCTAssertLessThan(happened.ci95.hi, 0, "incidents should fall: \(happened)")
    }

    func testNoDisputesMeansNoPetitions() {
        var s = TestScenarios.small()
        s.disputes.rateMultiplier = 0
        for r in TestScenarios.run(s, trials: 8) {
            XCTAssertEqual(r[.disputes], 0)
            XCTAssertEqual(r[.petitions], 0)
            XCTAssertEqual(r[.massIncidents], 0)
            XCTAssertEqual(r[.complaintRatePct], 0)
        }
    }

    func testDirectPetitionsBypassMediationAndStayOutOfTheResolutionRecord() {
        var none = TestScenarios.small()
        none.disputes.directPetitionPerDay = 0
        for r in TestScenarios.run(none, trials: 4) { XCTAssertEqual(r[.directPetitions], 0) }
        // Nothing is ever reported: every petition is a direct one, and resolution figures
        // (about reported disputes) stay undefined however many petitions settle.
        var bypass = none
        bypass.disputes.directPetitionPerDay = 0.2
        bypass.reporting.baseProbability = 0
        bypass.reporting.trustEffect = 0
        bypass.reporting.lateReportPerDay = 0
        for r in TestScenarios.run(bypass, trials: 4) {
            XCTAssertGreaterThan(r[.directPetitions], 0)
            XCTAssertEqual(r[.petitions], r[.directPetitions])
            XCTAssertEqual(r[.disputesReported], 0)
            XCTAssertTrue(r[.resolutionPct].isNaN)
        }
        let d = difference(none, bypass, .petitions)
        XCTAssertGreaterThan(d.ci95.lo, 0, "petitions should rise with the direct-petition hazard: \(d)")
    }

    func testTravelFollowsTheAreaAWorkerCovers() {
        // Four workers instead of one in a village district: each covers a quarter of the area,
        // so the mean distance to the nearest halves (½√area → ½√(area/4)) and the queue
        // shortens, and the median report-to-response time falls by at least a third of the
        // mean distance saved (the median of a Rayleigh distance is 0.94 of its mean).
        var one = TestScenarios.small()
        one.district.cells[0].estate = .village
        one.response.gridWorkersPerCell = 1
        var four = one
        four.response.gridWorkersPerCell = 4
        let village = one.estates.village
        let area = one.district.cells[0].households.value / village.householdsPerKm2.value
        let saved = 0.5 * (area.squareRoot() - (area / 4).squareRoot()) * village.minutesPerKm.value
        let d = difference(one, four, .responseMinutesMedian)
        XCTAssertLessThan(d.ci95.hi, -saved / 3, "median response should fall with the distance saved (\(saved) min): \(d)")
    }

    func testTimeFromTheEventIncludesTheReport() {
        for r in TestScenarios.run(TestScenarios.small(), trials: 4) {
            XCTAssertGreaterThan(r[.emergencyResponseMinutesMedian], r[.responseMinutesMedian])
        }
    }

    func testWiderTriageErrorsMeanMoreEscalations() {
        var accurate = TestScenarios.small()
        accurate.triage.accuracy = 0.95
        var sloppy = accurate
        sloppy.triage.accuracy = 0.4
        let d = difference(accurate, sloppy, .escalations)
        XCTAssertGreaterThan(d.ci95.lo, 0, "escalations should rise as triage accuracy falls: \(d)")
    }

    func testCouncilCutsPropertyComplaintsAndRaisesTrust() {
        let without = TestScenarios.small()
        var with = without
        with.council.enabled = true
        XCTAssertLessThan(difference(without, with, .disputes).ci95.hi, 0)
        XCTAssertGreaterThan(difference(without, with, .meanTrust).ci95.lo, 0)
    }

    func testWearablesAndResponseTeamCutElderlyHarm() {
        var base = TestScenarios.small()
        base.residents.elderlyShare = 0.3
        var care = base
        care.elderlyCare.wearableCoverage = 0.9
        care.elderlyCare.responseTeam = true
        let d = difference(base, care, .elderlyAdverseEvents)
        XCTAssertLessThan(d.ci95.hi, 0, "elderly adverse events should fall: \(d)")
    }

    func testCamerasWithoutSafeguardsCostTrust() {
        var open = TestScenarios.small()
        open.sensors.cameras.coverage = 1
        var guarded = open
        guarded.sensors.privacySafeguards = true
        XCTAssertGreaterThan(difference(open, guarded, .meanTrust).ci95.lo, 0)
    }

    func testIdenticalScenariosGiveIdenticalTrials() {
        let s = TestScenarios.small(days: 60)
        XCTAssertEqual(TestScenarios.run(s, trials: 4), TestScenarios.run(s, trials: 4))
    }
}
