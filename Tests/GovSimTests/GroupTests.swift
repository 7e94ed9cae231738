import GovSimTestSupport
import XCTest
@testable import GovSim

/// Policies and outputs by cell group (docs/model.md, "Policies by group").
final class GroupTests: XCTestCase {
    private func object(_ members: [String: JSONValue]) -> JSONValue { .object(members) }

    /// Three old-estate cells and two village cells, over 120 days.
    private func mixed(days: Int = 120) -> Scenario {
        var s = TestScenarios.small(days: days)
        var old = Scenario.CellGroup()
        old.name = "old"; old.count = 3; old.households = 250; old.estate = .oldEstate
        var village = Scenario.CellGroup()
        village.name = "village"; village.count = 2; village.households = 200; village.estate = .village
        var estate = Scenario.CellGroup()
        estate.name = "new"; estate.count = 1; estate.households = 300; estate.estate = .newEstate
        s.district.cells = [old, village, estate]
        return s
    }

    private func read(_ tree: JSONValue) -> (Scenario, [ScenarioIssue]) {
        var s = Scenario()
        let issues = ScenarioReader.read(tree, into: &s)
        return (s, issues + s.semanticIssues())
    }

    // MARK: Reading

    func testAGroupOverridesKeyByKey() {
        let (s, issues) = read(object([
            "sensors": object(["cameras": object(["detection": .number(0.9)])]),
            "district": object(["cells": .array([
                object(["name": .string("a"), "sensors": object(["cameras": object(["coverage": .number(0.6)])]),
                        "council": object(["enabled": .bool(true)])]),
                object(["name": .string("b")]),
            ])]),
        ]))
        XCTAssertEqual(issues, [])
        let a = s.district.cells[0]
        XCTAssertEqual(a.sensors.keys, ["cameras.coverage"])
        XCTAssertEqual(a.council.keys, ["enabled"])
        let effective = a.policies(in: s)
        XCTAssertEqual(effective.sensors.cameras.coverage, 0.6)
        XCTAssertEqual(effective.sensors.cameras.detection, 0.9, "an unnamed key is the district's")
        XCTAssertTrue(effective.council.enabled)
        XCTAssertEqual(s.district.cells[1].policies(in: s), s, "a group without overrides is the district")
    }

    func testStrictPathsNameTheGroup() {
        let (_, issues) = read(object([
            "district": object(["cells": .array([
                object(["name": .string("a")]),
                object(["name": .string("b"), "sensors": object(["cameras": object(["coverage": .number(2)])]),
                        "residents": object(["adaptationDays": .integer(10), "elderlyShare": .number(0.3)]),
                        "response": object(["shiftMinutesPerDay": .integer(400)]),
                        "council": object(["enabld": .bool(true)])]),
            ])]),
        ]))
        let paths = issues.map(\.path)
        XCTAssertTrue(paths.contains("district.cells[1].sensors.cameras.coverage"), "\(issues)")
        XCTAssertTrue(paths.contains("district.cells[1].residents.adaptationDays"), "\(issues)")
        XCTAssertTrue(paths.contains("district.cells[1].response.shiftMinutesPerDay"), "\(issues)")
        XCTAssertTrue(paths.contains("district.cells[1].council.enabld"), "\(issues)")
        XCTAssertFalse(paths.contains("district.cells[1].residents.elderlyShare"), "demographics may differ by group")
    }

    func testGroupNamesAreUnique() {
        var s = mixed()
        s.district.cells[2].name = "old"
        XCTAssertEqual(s.semanticIssues().map(\.path), ["district.cells[2].name"])
    }

    func testAGroupCouncilsSeatsMustAddUp() {
        var s = mixed()
        s.district.cells[0].council.set("enabled", .flag(true))
        s.district.cells[0].council.set("residentSeats", .parameter(0.9))
        XCTAssertEqual(s.semanticIssues().map(\.path), ["district.cells[0].council"])
    }

    func testOverridesAreListedDrawnAndSweepable() throws {
        var s = mixed()
        s.district.cells[1].sensors.set("cameras.coverage", .parameter(.uniform(min: 0.2, max: 0.8)))
        let listed = ParameterListing.entries(of: s).map(\.path)
        XCTAssertTrue(listed.contains("district.cells[1].sensors.cameras.coverage"))
        XCTAssertFalse(listed.contains("district.cells[0].sensors.cameras.coverage"), "only what a group sets is listed")
        XCTAssertEqual(s.distributionPaths, ["district.cells[1].sensors.cameras.coverage"])
        let (realised, draws) = s.realised(seed: 1, trial: 3)
        XCTAssertEqual(draws.count, 1)
        XCTAssertEqual(realised.district.cells[1].policies(in: realised).sensors.cameras.coverage, .fixed(draws[0].value))
        let path = try ParameterPath("district.cells[1].sensors.cameras.coverage", in: s)
        XCTAssertEqual(path.value(in: path.setting(0.4, in: s)), 0.4)
    }

    // MARK: The model

    /// An override equal to the district's value changes nothing, to the bit.
    func testAnOverrideEqualToTheDistrictChangesNothing() {
        var base = mixed()
        base.council.enabled = true
        base.sensors.cameras.coverage = 0.5
        base.preventiveVisits.enabled = true
        var same = base
        same.district.cells[0].council.set("enabled", .flag(true))
        same.district.cells[0].council.set("meetingsPerYear", .parameter(base.council.meetingsPerYear))
        same.district.cells[1].sensors.set("cameras.coverage", .parameter(0.5))
        same.district.cells[1].residents.set("elderlyShare", .parameter(base.residents.elderlyShare))
        same.district.cells[2].response.set("gridWorkersPerCell", .parameter(base.response.gridWorkersPerCell))
        same.district.cells[2].preventiveVisits.set("riskThreshold", .parameter(base.preventiveVisits.riskThreshold))
        XCTAssertNotEqual(same, base)
        let a = TestScenarios.run(base, trials: 4), b = TestScenarios.run(same, trials: 4)
        XCTAssertEqual(a, b)
        XCTAssertFalse(a[0].parts.isEmpty)
    }

    /// A council in the old estate only settles issues there and nowhere else; cameras in the
    /// new estate only prevent incidents there.
    func testAGroupPolicyActsOnlyWhereItIs() {
        var s = mixed(days: 180)
        s.incidents.rateMultiplier = 5
        s.district.cells[0].council.set("enabled", .flag(true))
        s.district.cells[2].sensors.set("cameras.coverage", .parameter(1))
        s.district.cells[2].sensors.set("cameras.detection", .parameter(1))
        let trials = TestScenarios.run(s, trials: 4)
        let settled = trials.map { t in (0..<3).map { t.parts[$0][Metric.councilIssuesSettled.rawValue] } }
        XCTAssertTrue(settled.allSatisfy { $0[0] > 0 && $0[1] == 0 && $0[2] == 0 }, "\(settled)")
        // ~3 prevented per trial in the new estate (Poisson: none in all 4 trials has p ≈ e^-12).
        let bySensors = (0..<3).map { p in trials.reduce(0.0) { $0 + $1.parts[p][Metric.preventedBySensors.rawValue] } }
        XCTAssertTrue(bySensors[0] == 0 && bySensors[1] == 0 && bySensors[2] > 0, "\(bySensors)")
        // The old estate's council cost is the district's council cost (one council).
        XCTAssertEqual(trials[0][.costCouncil], s.council.meetingsPerYear.value * s.council.costPerMeeting.value * 180 / 365, accuracy: 1e-6)
    }

    /// More elderly in the villages: more emergencies per resident there, and the district adds up.
    func testGroupDemographicsAct() {
        var s = mixed(days: 180)
        s.district.cells[1].residents.set("elderlyShare", .parameter(0.6))
        let trials = TestScenarios.run(s, trials: 6)
        let perResident = { (t: TrialResult, p: Int) in t.parts[p][Metric.elderlyEmergencies.rawValue] / t.parts[p][Metric.residents.rawValue] }
        let village = trials.reduce(0.0) { $0 + perResident($1, 1) }, old = trials.reduce(0.0) { $0 + perResident($1, 0) }
        // 4× as many elderly per resident: the village's sum is ~4× the old estate's; each sum
        // is ~6 Poisson counts of ~9 and ~18 events, so 2× is more than 4 standard errors away.
        XCTAssertGreaterThan(village, 2 * old)
        XCTAssertEqual(trials.reduce(0.0) { $0 + $1.parts[1][Metric.elderlySafetyScore.rawValue] } / 6, trials.reduce(0.0) { $0 + $1[.elderlySafetyScore] } / 6, accuracy: 10)
    }

    /// Counts by group add up to the district's exactly; scores average to it, weighted by
    /// residents (up to rounding); estates likewise.
    func testGroupOutputsRecombineIntoTheDistrict() {
        var s = mixed()
        s.council.enabled = true
        s.district.cells[2].sensors.set("cameras.coverage", .parameter(0.8))
        let trials = TestScenarios.run(s, trials: 4)
        let parts = s.outputParts
        XCTAssertEqual(parts.map(\.name), ["old", "village", "new", "oldEstate", "newEstate", "village"])
        for t in trials {
            XCTAssertEqual(t.parts.count, parts.count)
            for (label, members) in [("groups", [0, 1, 2]), ("estates", [3, 4, 5])] {
                for m in Tally.counted + [.incidents, .residents, .volunteers] {
                    XCTAssertEqual(members.reduce(0.0) { $0 + t.parts[$1][m.rawValue] }, t[m], "\(label): \(m.name)")
                }
                let residents = members.map { t.parts[$0][Metric.residents.rawValue] }
                for m in [Metric.safetyScore, .satisfactionPct, .meanHappiness, .meanTrust] {
                    let weighted = zip(members, residents).reduce(0.0) { $0 + $1.1 * t.parts[$1.0][m.rawValue] } / t[.residents]
                    XCTAssertEqual(weighted, t[m], accuracy: 1e-9 * max(1, abs(t[m])), "\(label): \(m.name)")
                }
            }
            for p in t.parts { XCTAssertTrue(p[Metric.costTotal.rawValue].isNaN, "costs are district-only") }
            XCTAssertTrue(t[.elderlySafetyScore] >= 0 && t[.elderlySafetyScore] <= 100)
        }
    }
}

extension GroupTests {
    /// Splitting a group into two identical groups changes none of the district's outputs, to
    /// the bit: groups are labels on cells, not part of the model's arithmetic.
    func testSplittingAGroupChangesNothingInTheDistrict() {
        var whole = mixed(days: 90)
        whole.council.enabled = true
        whole.preventiveVisits.enabled = true
        whole.sensors.cameras.coverage = 0.4
        var split = whole
        var half = split.district.cells[0]
        half.count = 1; half.name = "old-b"
        split.district.cells[0].count = 2
        split.district.cells.insert(half, at: 1)
        let a = TestScenarios.run(whole, trials: 3), b = TestScenarios.run(split, trials: 3)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(x.metrics.map(\.bitPattern), y.metrics.map(\.bitPattern))
            XCTAssertEqual(x.series.map(\.bitPattern), y.series.map(\.bitPattern))
            XCTAssertEqual(y.parts[0][Metric.disputes.rawValue] + y.parts[1][Metric.disputes.rawValue], x.parts[0][Metric.disputes.rawValue])
        }
    }
}
