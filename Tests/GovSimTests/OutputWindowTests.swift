import GovSimTestSupport
import XCTest
@testable import GovSim

/// Outputs read over a window of days, year by year, and after warm-up (docs/model.md §11).
final class OutputWindowTests: XCTestCase {
    private func window(_ from: Int, _ to: Int) -> Scenario.OutputWindow {
        var w = Scenario.OutputWindow()
        w.fromDay = from; w.toDay = to
        return w
    }

    /// Counts of events that happen on a day (not by the cohort of a dispute).
    private let events: [Metric] = [.disputes, .neighbourDisputes, .propertyDisputes, .incidents, .publicSecurityIncidents, .fires,
                                    .incidentsPrevented, .alarmsTrue, .alarmsFalse, .elderlyEmergencies, .seriousHarm, .townResponses]

    func testTheWholeHorizonWrittenOutIsTheDefault() {
        var s = TestScenarios.small(days: 70)
        s.council.enabled = true
        s.council.schedule.startDay = 20
        var explicit = s
        explicit.run.outputWindow = window(0, 70)
        XCTAssertFalse(explicit.run.outputWindow.isWholeHorizon)
        XCTAssertEqual(TestScenarios.run(explicit, trials: 3), TestScenarios.run(s, trials: 3))
    }

    func testYearsRecombineIntoTheHorizon() {
        var s = TestScenarios.small(days: 800)
        s.district.cells[0].count = 2
        s.sensors.cameras.coverage = 0.5
        s.sensors.schedule.startDay = 400
        s.sensors.schedule.rampDays = 30
        XCTAssertEqual(s.run.yearWindows, [0..<365, 365..<730, 730..<800])
        let trials = TestScenarios.run(s, trials: 2)
        for t in trials {
            XCTAssertEqual(t.years.count, 3)
            for m in Tally.counted + [.incidents] {
                XCTAssertEqual(t.years.reduce(0) { $0 + $1[m.rawValue] }, t[m], "\(m.name): the years' counts add up to the horizon's")
            }
            for m in Metric.allCases where m.name.hasPrefix("cost_") && m != .costPerResident {
                XCTAssertEqual(t.years.reduce(0) { $0 + $1[m.rawValue] }, t[m], accuracy: 1e-9 * max(1, t[m]), m.name)
            }
            for m in [Metric.safetyScore, .satisfactionPct, .meanTrust, .volunteers, .residents] {
                XCTAssertEqual(t.years[2][m.rawValue].bitPattern, t[m].bitPattern, "\(m.name): the last year ends where the horizon does")
            }
            XCTAssertEqual(t.years[0][Metric.costSensors.rawValue], 0, "no sensors in year 1")
            XCTAssertGreaterThan(t.years[1][Metric.costSensors.rawValue], 0)
        }
        XCTAssertEqual(TestScenarios.run(TestScenarios.small(days: 365), trials: 1)[0].years, [], "a year or less: no years")
    }

    /// A run with W warm-up days reads what the window [W, W + D) of a run of W + D days reads:
    /// the same events and the same final scores (the warm-up is simulated, never counted).
    func testWarmUpIsExcludedLikeAWindow() {
        var warm = TestScenarios.small(days: 63)
        warm.run.warmupDays = 35
        var windowed = TestScenarios.small(days: 98)
        windowed.run.outputWindow = window(35, 98)
        let a = TestScenarios.run(warm, trials: 3), b = TestScenarios.run(windowed, trials: 3)
        for (x, y) in zip(a, b) {
            for m in events + [.safetyScore, .satisfactionPct, .meanHappiness, .volunteers] {
                XCTAssertEqual(x[m].bitPattern, y[m].bitPattern, m.name)
            }
            XCTAssertEqual(x.weeks, 9)
            XCTAssertEqual(y.weeks, 14, "the weekly series covers the whole horizon")
            XCTAssertEqual(Array(x.series).map(\.bitPattern), Array(y.series.suffix(x.series.count)).map(\.bitPattern),
                           "the warm-up's weeks are the window's first ones left out")
        }
    }

    func testAWindowCountsOnlyItsDays() {
        var s = TestScenarios.small(days: 120)
        s.council.enabled = true
        s.run.outputWindow = window(30, 90)
        var whole = s
        whole.run.outputWindow = Scenario.OutputWindow()
        var first = s, last = s
        first.run.outputWindow = window(0, 30)
        last.run.outputWindow = window(90, 120)
        let parts = [first, s, last].map { TestScenarios.run($0, trials: 2) }
        let all = TestScenarios.run(whole, trials: 2)
        for t in 0..<2 {
            for m in events { XCTAssertEqual(parts.reduce(0) { $0 + $1[t][m] }, all[t][m], m.name) }
            XCTAssertEqual(parts[2][t][.safetyScore].bitPattern, all[t][.safetyScore].bitPattern)
            XCTAssertEqual(parts[1][t][.costCouncil], all[t][.costCouncil] / 2, accuracy: 1e-9 * all[t][.costCouncil],
                           "60 of 120 days cost half the meetings")
        }
    }

    func testWindowsAreValidated() {
        var s = Scenario()
        s.run.days = 100
        s.run.outputWindow = window(0, 101)
        XCTAssertEqual(s.semanticIssues().map(\.path), ["run.outputWindow.toDay"])
        s.run.outputWindow = window(60, 60)
        XCTAssertEqual(s.semanticIssues().map(\.path), ["run.outputWindow.fromDay"])
        s.run.outputWindow = window(100, 0)
        XCTAssertEqual(s.semanticIssues().map(\.path), ["run.outputWindow.fromDay"])
        s.run.outputWindow = window(99, 0)
        XCTAssertEqual(s.semanticIssues(), [])
        XCTAssertFalse(ScenarioWriter.text(of: Scenario()).contains("outputWindow"), "the default window is not written")
        XCTAssertTrue(ScenarioWriter.text(of: s).contains("outputWindow"))
    }
}
