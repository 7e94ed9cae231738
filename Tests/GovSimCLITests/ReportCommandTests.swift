import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimReport
@testable import GovSimCLI

/// report.html from `govsim run`, and `govsim report`, run in-process.
final class ReportCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("report") }
    override func tearDown() { temporary = nil }

    /// Runs a tiny scenario into `folder`/out and returns that folder.
    private func runTiny() throws -> String {
        let scenario = folder + "/tiny.json5"
        try """
        { name: "tiny-report", run: { trials: 6, days: 21, seed: 3 }, district: { cells: [{ count: 2, households: 120 }] } }
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let r = govsim("run", scenario, "--out", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Results: \(out)/ (report.html, summary.json"), r.out)
        return out
    }

    func testRunWritesAReportWithTheHeadlines() throws {
        let out = try runTiny()
        let html = try text(out + "/report.html")
        XCTAssertTrue(html.contains("<h1>tiny-report</h1>"))
        XCTAssertTrue(html.contains("<svg "))
        let summary = try JSONSerialization.jsonObject(with: try XCTUnwrap(read(out + "/summary.json"))) as! [String: Any]
        let metrics = summary["metrics"] as! [String: [String: Any]]
        for name in ["safety_score", "satisfaction_pct"] {
            let m = metrics[name]!
            let mean = HeadlineReport.number((m["mean"] as! NSNumber).doubleValue)
            let ci = (m["ci95"] as! [NSNumber]).map { HeadlineReport.number($0.doubleValue) }
            XCTAssertTrue(html.contains("<p class=\"big\">\(mean)<"), "\(name) mean \(mean)")
            XCTAssertTrue(html.contains("\(ci[0])–\(ci[1])"), "\(name) 95% CI \(ci)")
        }
    }

    func testReportRedrawsIdenticalBytes() throws {
        let out = try runTiny()
        let first = try XCTUnwrap(read(out + "/report.html"))
        try FileManager.default.removeItem(atPath: out + "/report.html")
        let r = govsim("report", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "Report: \(out)/report.html\n")
        XCTAssertEqual(read(out + "/report.html"), first)
    }

    func testReportWithoutDataFilesExits65NamingTheFile() throws {
        let empty = folder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let r = govsim("report", empty)
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.err.hasPrefix("govsim: \(empty): holds no results to report: expected summary.json (govsim run), "), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: empty + "/report.html"))

        let out = try runTiny()
        try FileManager.default.removeItem(atPath: out + "/trials.csv")
        let partial = govsim("report", out)
        XCTAssertEqual(partial.status, 65)
        XCTAssertTrue(partial.err.contains("\(out)/trials.csv"), partial.err)
        XCTAssertEqual(govsim("report").status, 64, "the folder is required")
    }

    func testHelpListsReport() {
        XCTAssertTrue(govsim("--help").out.contains("report"))
        let help = govsim("help", "report")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("report.html"), help.out)
    }
}
