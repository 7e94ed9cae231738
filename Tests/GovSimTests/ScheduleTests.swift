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
