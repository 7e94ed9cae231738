import GovSimTestSupport
import Foundation
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// Files of a run with schedules over more than a year (docs/model.md §11): years in summary.json,
/// the policy's share in timeseries.csv, the break in the report, trial lines with years.
final class TimeResultsTests: XCTestCase {
    let folder = TemporaryFolder()

    private func results(_ text: String) throws -> (RunResults, String) {
        let loaded = try ScenarioLoader.load(path: folder.write("time.json5", text))
        let trials = Ensemble(scenario: loaded.scenario, seed: 5, threads: 2).run(trials: 0..<2)
        let r = RunResults(loaded: loaded, seed: 5, trials: trials)
        let out = folder.path + "/results"
        let manifest = RunManifest(command: ["govsim", "run", "time.json5"], scenarioFile: "time.json5", seed: 5, trials: 2,
                                   days: loaded.scenario.run.days, threads: 2, residents: 300, started: Date(timeIntervalSince1970: 1_800_000_000),
                                   seconds: 0.5)
        try r.write(to: out, manifest: manifest)
        return (r, out)
    }

    private let twoYears = """
    { run: { trials: 2, days: 400, seed: 5 }, district: { cells: [{ count: 1, households: 120 }] },
      council: { enabled: true, schedule: { startDay: 100, rampDays: 14 } },
      response: { gridWorkersPerCell: 2, schedule: { startDay: 300 } } }
    """

    func testSummaryGivesYearsAndSchedules() throws {
        let (r, _) = try results(twoYears)
        let json = try JSONSerialization.jsonObject(with: Data(r.summaryJSON.utf8)) as! [String: Any]
        let years = try XCTUnwrap(json["years"] as? [[String: Any]])
        XCTAssertEqual(years.map { $0["year"] as? Int }, [1, 2])
        XCTAssertEqual(years.map { $0["fromDay"] as? Int }, [0, 365])
        XCTAssertEqual(years.map { $0["toDay"] as? Int }, [365, 400])
        let disputes = try years.map { try XCTUnwrap((($0["metrics"] as? [String: Any])?["disputes"] as? [String: Any])?["mean"] as? Double) }
        let whole = try XCTUnwrap(((json["metrics"] as? [String: Any])?["disputes"] as? [String: Any])?["mean"] as? Double)
        XCTAssertEqual(disputes.reduce(0, +), whole, accuracy: 1e-9 * whole)
        let schedules = try XCTUnwrap(json["schedules"] as? [[String: Any]])
        XCTAssertEqual(schedules.map { $0["policy"] as? String }, ["council", "response"])
        XCTAssertEqual(schedules[0]["rampDays"] as? Int, 14)
        XCTAssertTrue(schedules[0]["endDay"] is NSNull)
        XCTAssertNil(json["output_window"], "no window set")
    }

    func testTimeseriesMarksTheShareAndTheReportTheBreak() throws {
        let (r, out) = try results(twoYears)
        let rows = r.timeseriesCSV.split(separator: "\n").filter { $0.contains("policy_share:council") }
        XCTAssertEqual(rows.count, 57)
        // Week 14 ends on counted day 97 (before the start), week 15 on day 104 (5 of 14 ramp days), week 17 on 118.
        XCTAssertTrue(rows[13].hasPrefix("14,98,policy_share:council,0,"))
        XCTAssertTrue(rows[14].hasPrefix("15,105,policy_share:council,0.35714285714285715,"), String(rows[14]))
        XCTAssertTrue(rows[16].hasPrefix("17,119,policy_share:council,1,"))
        try RunReport.write(resultsFolder: out)
        let html = try XCTUnwrap(folder.read("results/report.html"))
        SVGTests.assertWellFormed(html, "report.html")
        XCTAssertTrue(html.contains("council from day 100, full by day 113"))
        XCTAssertTrue(html.contains("response from day 300"))
        XCTAssertTrue(html.contains("<h2>Year by year</h2>") || html.contains("Year by year"), "a table of the years")
        XCTAssertTrue(html.contains("<td>365–399</td>"))
    }

    func testTrialLinesKeepTheYears() throws {
        let (r, _) = try results(twoYears)
        for t in r.trials {
            XCTAssertEqual(t.years.count, 2)
            XCTAssertEqual(TrialLine.decode(Substring(TrialLine.encode(t))), t)
        }
        XCTAssertNil(TrialLine.decode(Substring(TrialLine.encode(r.trials[0]) + ";1,2")), "a damaged year field")
    }

    func testAWindowIsReportedAndAnUnscheduledRunWritesAsBefore() throws {
        let (r, _) = try results("""
        { run: { trials: 2, days: 60, seed: 5, outputWindow: { fromDay: 30 } }, district: { cells: [{ count: 1, households: 120 }] } }
        """)
        let json = try JSONSerialization.jsonObject(with: Data(r.summaryJSON.utf8)) as! [String: Any]
        XCTAssertEqual((json["output_window"] as? [String: Any])?["fromDay"] as? Int, 30)
        XCTAssertEqual((json["output_window"] as? [String: Any])?["toDay"] as? Int, 60)
        XCTAssertNil(json["years"])
        XCTAssertNil(json["schedules"])
        XCTAssertFalse(r.timeseriesCSV.contains("policy_share"))
        XCTAssertTrue(r.resolvedScenario.contains("outputWindow"))
    }

    func testBadWindowsAndSchedulesNameTheirPaths() {
        let bad = folder.write("bad.json5", """
        { run: { days: 100, outputWindow: { fromDay: 20, toDay: 120 } }, services: { schedule: { startDay: 50, endDay: 40 } } }
        """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: bad)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("run.outputWindow.toDay: expected a day ≤ run.days (100), got 120"), text)
            XCTAssertTrue(text.contains("services.schedule.endDay: expected a day after startDay (50), got 40"), text)
        }
    }
}
