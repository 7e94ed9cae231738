import GovSimTestSupport
import XCTest
@testable import GovSim

/// Policies in time (docs/model.md §11): the laws of schedules.
final class ScheduleTests: XCTestCase {
    private func assertBitIdentical(_ a: [TrialResult], _ b: [TrialResult], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(x.metrics.map(\.bitPattern), y.metrics.map(\.bitPattern), "trial \(x.trial) metrics", file: file, line: line)
            XCTAssertEqual(x.series.map(\.bitPattern), y.series.map(\.bitPattern), "trial \(x.trial) series", file: file, line: line)
            XCTAssertEqual(x.parts.map { $0.map(\.bitPattern) }, y.parts.map { $0.map(\.bitPattern) }, "trial \(x.trial) parts", file: file, line: line)
        }
    }

    private func schedule(start: Int, ramp: Int = 0, end: Int = Scenario.Schedule.never) -> Scenario.Schedule {
        var s = Scenario.Schedule()
        s.startDay = start; s.rampDays = ramp; s.endDay = end
        return s
    }

    /// The small district with a council and cameras.
    private func withPolicies(_ base: Scenario, _ sch: Scenario.Schedule) -> Scenario {
        var s = base
        s.council.enabled = true
        s.council.schedule = sch
        s.sensors.cameras.coverage = 0.6
        s.sensors.schedule = sch
        return s
    }

    func testTheShareRampsLinearly() {
        let s = schedule(start: 10, ramp: 4, end: 20)
        XCTAssertEqual([-1, 9, 10, 11, 12, 13, 14, 19, 20].map { s.fraction(atDay: $0) }, [0, 0, 0.25, 0.5, 0.75, 1, 1, 1, 0])
        XCTAssertEqual(Scenario.Schedule().fraction(atDay: -30), 1, "unscheduled: on through warm-up too")
        XCTAssertEqual(schedule(start: 0, end: 100).fraction(atDay: -1), 0, "scheduled: off during warm-up")
        XCTAssertEqual(s.activeDays(over: 365), 0.25 + 0.5 + 0.75 + 7)
        XCTAssertEqual(Scenario.Schedule().activeDays(over: 365), 365)
    }

    func testAPolicyStartingAfterTheHorizonIsTheBaseline() {
        for warmup in [0, 20] {
            var base = TestScenarios.small(days: 100)
            base.run.warmupDays = warmup
            let late = withPolicies(base, schedule(start: 100, ramp: 10))
            assertBitIdentical(TestScenarios.run(late, trials: 4), TestScenarios.run(base, trials: 4))
        }
    }

    func testAGroupPolicyStartingAfterTheHorizonIsTheBaseline() {
        var base = TestScenarios.small(days: 90)
        var other = Scenario.CellGroup()
        other.name = "b"; other.count = 2; other.households = 200; other.estate = .village
        base.district.cells[0].name = "a"
        base.district.cells.append(other)
        var late = base
        late.district.cells[1].council.set("enabled", .flag(true))
        late.district.cells[1].council.set("schedule.startDay", .integer(95))
        late.district.cells[1].sensors.set("cameras.coverage", .parameter(0.5))
        late.district.cells[1].sensors.set("schedule.startDay", .integer(95))
        XCTAssertTrue(late.district.cells[1].policies(in: late).council.enabled)
        assertBitIdentical(TestScenarios.run(late, trials: 4), TestScenarios.run(base, trials: 4))
    }

    func testAScheduleFromDayZeroWithoutRampIsTheUnscheduledPolicy() {
        let base = TestScenarios.small(days: 100)
        let always = withPolicies(base, Scenario.Schedule())
        let fromZero = withPolicies(base, schedule(start: 0, ramp: 0, end: 100))
        XCTAssertFalse(fromZero.council.schedule.isUnscheduled)
        assertBitIdentical(TestScenarios.run(fromZero, trials: 4), TestScenarios.run(always, trials: 4))
    }

    func testEverySectionScheduledFromDayZeroWithoutRampIsTheUnscheduledPolicy() {
        let base = TestScenarios.small(days: 60)
        var always = base, fromZero = base
        for section in ScheduleTests.sections {
            let one = ScheduleTests.with(section, base, schedule(start: 0, ramp: 0, end: 60))
            assertBitIdentical(TestScenarios.run(one, trials: 3), TestScenarios.run(ScheduleTests.with(section, base, Scenario.Schedule()), trials: 3))
            always = ScheduleTests.with(section, always, Scenario.Schedule())
            fromZero = ScheduleTests.with(section, fromZero, schedule(start: 0, ramp: 0, end: 60))
        }
        assertBitIdentical(TestScenarios.run(fromZero, trials: 3), TestScenarios.run(always, trials: 3))
    }

    /// Read over the days before its start, a scheduled policy's run is the baseline's, bit for
    /// bit (costs included); read over the days after, each section changes something.
    func testBeforeItsStartAPolicyIsTheBaselineAndAfterItActs() {
        var base = TestScenarios.small(days: 60)
        var before = Scenario.OutputWindow(), after = Scenario.OutputWindow()
        before.toDay = 30; after.fromDay = 30
        base.run.outputWindow = before
        let baseBefore = TestScenarios.run(base, trials: 3)
        base.run.outputWindow = after
        let baseAfter = TestScenarios.run(base, trials: 3)
        for section in ScheduleTests.sections {
            var s = ScheduleTests.with(section, base, schedule(start: 30, ramp: 5))
            s.run.outputWindow = before
            // The weekly series covers the whole horizon, so only the outputs are the baseline's.
            for (a, b) in zip(TestScenarios.run(s, trials: 3), baseBefore) {
                XCTAssertEqual(a.metrics.map(\.bitPattern), b.metrics.map(\.bitPattern), "\(section) before its start")
            }
            s.run.outputWindow = after
            let acted = zip(TestScenarios.run(s, trials: 3), baseAfter).contains { a, b in
                a.metrics.map(\.bitPattern) != b.metrics.map(\.bitPattern)
            }
            XCTAssertTrue(acted, "\(section) acts once started")
        }
    }

    func testAScheduledPolicyActsOnlyOnceStartedAndCostsItsDays() {
        let base = TestScenarios.small(days: 120)
        let always = TestScenarios.run(withPolicies(base, Scenario.Schedule()), trials: 4)
        let half = TestScenarios.run(withPolicies(base, schedule(start: 60)), trials: 4)
        for (a, h) in zip(always, half) {
            XCTAssertGreaterThan(h[.councilIssuesSettled], 0)
            XCTAssertLessThan(h[.councilIssuesSettled], a[.councilIssuesSettled])
            XCTAssertEqual(h[.costCouncil], a[.costCouncil] / 2, accuracy: 1e-6 * a[.costCouncil])
            XCTAssertEqual(h[.costSensors], a[.costSensors] / 2, accuracy: 1e-6 * a[.costSensors])
        }
    }

    /// Each policy section with its inputs set away from the defaults (uncertainties, which carry
    /// priors, left alone), scheduled by `sch`: what "the policy" is for that section (docs/model.md §11).
    static let sections = ["council", "sensors", "volunteers", "preventiveVisits", "elderlyCare", "response", "services"]
    static func with(_ section: String, _ base: Scenario, _ sch: Scenario.Schedule) -> Scenario {
        var s = base
        switch section {
        case "council": s.council.enabled = true; s.council.schedule = sch
        case "sensors": s.sensors.cameras.coverage = 0.6; s.sensors.smokeDetectors.coverage = 0.5; s.sensors.schedule = sch
        case "volunteers":
            s.volunteers.patrolHoursPerWeek = 6; s.volunteers.training = 0.9
            s.volunteers.elderlyVisitsPerWeek = 3; s.volunteers.chatGroupWarning = false; s.volunteers.schedule = sch
        case "preventiveVisits": s.preventiveVisits.enabled = true; s.preventiveVisits.visitsPerWeek = 25; s.preventiveVisits.schedule = sch
        case "elderlyCare":
            s.elderlyCare.wearableCoverage = 0.5; s.elderlyCare.callButtonService = true; s.elderlyCare.responseTeam = true
            s.elderlyCare.schedule = sch
        case "response":
            s.response.gridWorkersPerCell = 3; s.response.oneTapReporting = true; s.response.schedule = sch
        case "services": s.services.budget = 600_000; s.services.schedule = sch
        default: XCTFail("unknown section \(section)")
        }
        return s
    }

    func testEverySectionStartingAfterTheHorizonIsTheBaseline() {
        for warmup in [0, 15] {
            var base = TestScenarios.small(days: 60)
            base.run.warmupDays = warmup
            let baseline = TestScenarios.run(base, trials: 3)
            var all = base
            for section in ScheduleTests.sections {
                let late = ScheduleTests.with(section, base, schedule(start: 60, ramp: 5))
                XCTAssertFalse(late == base, section)
                assertBitIdentical(TestScenarios.run(late, trials: 3), baseline)
                all = ScheduleTests.with(section, all, schedule(start: 70))
            }
            assertBitIdentical(TestScenarios.run(all, trials: 3), baseline)
        }
    }

    func testEveryGroupSectionStartingAfterTheHorizonIsTheBaseline() {
        var base = TestScenarios.small(days: 50)
        var other = Scenario.CellGroup()
        other.name = "b"; other.count = 2; other.households = 200; other.estate = .village
        base.district.cells[0].name = "a"
        base.district.cells.append(other)
        let baseline = TestScenarios.run(base, trials: 3)
        var late = base
        let g = 1
        late.district.cells[g].volunteers.set("patrolHoursPerWeek", .parameter(6))
        late.district.cells[g].preventiveVisits.set("enabled", .flag(true))
        late.district.cells[g].elderlyCare.set("wearableCoverage", .parameter(0.5))
        late.district.cells[g].elderlyCare.set("callButtonService", .flag(true))
        late.district.cells[g].response.set("gridWorkersPerCell", .parameter(3))
        late.district.cells[g].response.set("oneTapReporting", .flag(true))
        for section in ["volunteers", "preventiveVisits", "elderlyCare", "response"] {
            switch section {
            case "volunteers": late.district.cells[g].volunteers.set("schedule.startDay", .integer(50))
            case "preventiveVisits": late.district.cells[g].preventiveVisits.set("schedule.startDay", .integer(50))
            case "elderlyCare": late.district.cells[g].elderlyCare.set("schedule.startDay", .integer(50))
            default: late.district.cells[g].response.set("schedule.startDay", .integer(50))
            }
        }
        XCTAssertEqual(late.schedules.map(\.name), ["volunteers@b", "preventiveVisits@b", "elderlyCare@b", "response@b"])
        assertBitIdentical(TestScenarios.run(late, trials: 3), baseline)
    }

    /// Over a ramp every scheduled lever moves one way, from its value with the policy off to
    /// exactly the unscheduled policy's once the ramp is done.
    func testTheRampIsMonotoneAndEndsAtTheUnscheduledPolicy() {
        let base = TestScenarios.small(days: 40)
        var ramping = base, always = base
        for section in ScheduleTests.sections {
            ramping = ScheduleTests.with(section, ramping, schedule(start: 5, ramp: 10))
            always = ScheduleTests.with(section, always, Scenario.Schedule())
        }
        let (realised, _) = ramping.realised(seed: 7, trial: 0)
        var sim = Simulation(scenario: realised, seed: 7, trial: 0)
        var full = Simulation(scenario: always.realised(seed: 7, trial: 0).scenario, seed: 7, trial: 0)
        full.step()
        func levers(_ s: Simulation) -> [Double] {
            [s.rates.volunteering[0].asksPerDay, s.rates.volunteering[0].patrolHours, s.rates.volunteering[0].elderlyVisitsPerWeek,
             s.rates.volunteering[0].spotMax, -s.rates.volunteering[0].chatGain, -s.rates.responding[0].speedup,
             s.responders.districtWorkers, s.mediators.capacity[0], s.community.serviceEnrolledShare,
             Double(s.community.wearablesInPlace.reduce(0, +)), s.rates.disputes[0].councilSettleShare,
             s.rates.sensorDetect[0], s.rates.careShare[0], s.shares.visitTeam]
        }
        let first = levers(sim)
        var previous = first
        for day in 0..<20 {
            sim.step()
            let now = levers(sim)
            for (i, (a, b)) in zip(previous, now).enumerated() { XCTAssertGreaterThanOrEqual(b, a, "lever \(i) on day \(day)") }
            if day < 5 { XCTAssertEqual(now, previous, "nothing moves before the start (day \(day))") }
            previous = now
        }
        XCTAssertEqual(previous.map(\.bitPattern), levers(full).map(\.bitPattern), "after the ramp: the unscheduled policy")
        for i in first.indices { XCTAssertLessThan(first[i], previous[i], "lever \(i) moved") }
        XCTAssertEqual(sim.population.safetyOffset.map(\.bitPattern), full.population.safetyOffset.map(\.bitPattern),
                       "the covered safety gain reached everyone")
    }

    func testSchedulesAreValidatedWithTheirPaths() {
        var s = Scenario()
        s.response.schedule = schedule(start: 50, end: 50)
        s.district.cells[0].volunteers.set("schedule.startDay", .integer(30))
        s.district.cells[0].volunteers.set("schedule.endDay", .integer(10))
        XCTAssertEqual(s.semanticIssues().map(\.path), ["response.schedule.endDay", "district.cells[0].volunteers.schedule.endDay"])
        for section in ScheduleTests.sections {
            var t = Scenario()
            let issues = ScenarioReader.read(.object([section: .object(["schedule": .object(["startDay": .integer(30)])])]), into: &t)
            XCTAssertEqual(issues, [], section)
            XCTAssertEqual(t.schedules.map(\.name), [section])
        }
    }

    func testSchedulesReadAndWriteOnlyWhenSet() {
        var s = Scenario()
        var issues = ScenarioReader.read(.object(["council": .object(["schedule": .object(["startDay": .integer(30), "rampDays": .integer(7)])])]), into: &s)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(s.council.schedule, schedule(start: 30, ramp: 7))
        XCTAssertTrue(ScenarioWriter.text(of: s).contains("schedule"))
        XCTAssertFalse(ScenarioWriter.text(of: Scenario()).contains("schedule"), "an unscheduled policy writes no schedule")
        var bad = Scenario()
        issues = ScenarioReader.read(.object(["sensors": .object(["schedule": .object(["startDay": .integer(-1)])])]), into: &bad)
        XCTAssertEqual(issues.map(\.path), ["sensors.schedule.startDay"])
    }
}
