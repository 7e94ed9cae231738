import GovSimTestSupport
import Foundation
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// The reports of compare, sweep, sensitivity and optimize: drawn from their folders' data files
/// alone, well-formed, deterministic, with their key content; and the folder kind detected.
final class AnalysisReportTests: XCTestCase {
    let folder = TemporaryFolder()

    /// The page of `out` (a folder of `kind`), checked for what every report must be.
    func page(_ out: String, _ kind: ReportKind, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        XCTAssertEqual(try ReportKind.detect(in: out), kind, file: file, line: line)
        try kind.write(resultsFolder: out)
        let html = try XCTUnwrap(try? String(contentsOfFile: out + "/report.html", encoding: .utf8), file: file, line: line)
        XCTAssertEqual(html, try kind.html(resultsFolder: out), "the same files draw the same bytes", file: file, line: line)
        SVGTests.assertWellFormed(html, "\(kind) report", file: file, line: line)
        XCTAssertFalse(html.contains("<script"), "no script", file: file, line: line)
        let linked = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        XCTAssertFalse(linked.contains("http:") || linked.contains("https:") || linked.contains(" src="), "no network reference",
                       file: file, line: line)
        XCTAssertTrue(html.contains("govsim report FOLDER"), file: file, line: line)
        return html
    }

    func svgCount(_ html: String) -> Int { html.components(separatedBy: "<svg ").count - 1 }

    func testCompareReport() throws {
        let out = try AnalysisFixture.compare(in: folder)
        let html = try page(out, .compare)
        XCTAssertTrue(html.contains("<h1>cameras &amp; &lt;council&gt; vs base</h1>"), "arms in the title, escaped")
        XCTAssertTrue(html.contains("3 trials per arm · seed 5 · a fixed number of trials"))
        XCTAssertTrue(html.contains("Ranking by safety_score"))
        XCTAssertTrue(html.contains("paired bootstrap resamples"), "the bootstrap share, named for what it is")
        XCTAssertFalse(html.contains("truly the best"), "no claim the bootstrap cannot support")
        XCTAssertEqual(svgCount(html), 3, "the two forest plots (points, %) and the cost-effectiveness scatter")
        XCTAssertTrue(html.contains("Change from base in points") && html.contains("Change from base in %"))
        for m in CompareReport.pointMetrics + CompareReport.relativeMetrics {
            XCTAssertTrue(html.contains(">\(m.name) \(m.higherIsBetter ? "↑" : "↓")</text>"), m.name)
        }
        XCTAssertTrue(html.contains("What \"satisfied\" means"), "the definition, with the baseline's distance from the threshold")
        XCTAssertTrue(html.contains("stroke-dasharray=\"4 3\""), "the forest's zero line")
        XCTAssertTrue(html.contains("Cost and safety_score against base"), "the scatter follows the objective")
        XCTAssertTrue(html.contains("not a price per point"), "cost-effectiveness says what it assumes")
        for m in Metric.allCases { XCTAssertTrue(html.contains("<code>\(m.name)</code>"), m.name) }
        // The policy's satisfaction difference as compare.json has it, shown in the full table.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/compare.json"))) as! [String: Any]
        let diff = ((json["differences"] as! [String: Any])["cameras & <council>"] as! [String: Any])["satisfaction_pct"] as! [String: Any]
        XCTAssertTrue(html.contains(Chart.signed((diff["difference"] as! NSNumber).doubleValue)))
    }

    func testSweepReports() throws {
        let one = try page(try AnalysisFixture.sweep(in: folder, axes: 1), .sweep)
        XCTAssertTrue(one.contains("Response to sensors.cameras.coverage"))
        XCTAssertEqual(svgCount(one), 3, "a response curve per headline output")
        XCTAssertTrue(one.contains("change from the scenario") && one.contains("paired 95% CI"), "curves of the paired difference")
        XCTAssertEqual(one.components(separatedBy: "<tr>").count - 1, 2 + 1 + 3, "two headers, the parameter, a row per point")

        let grid = try page(try AnalysisFixture.sweep(in: folder, axes: 2), .sweep)
        XCTAssertTrue(grid.contains("Response to sensors.cameras.coverage and volunteers.initialShare"))
        XCTAssertEqual(svgCount(grid), 3, "a heatmap per headline output")
        XCTAssertTrue(grid.contains("colour: safety score (points 0–100)"), "the colour bar's title")
        XCTAssertTrue(grid.contains(">0.025</text>"), "the volunteer share's middle value, as given")

        let lhs = try page(try AnalysisFixture.sweep(in: folder, axes: 2, design: .lhs), .sweep)
        XCTAssertTrue(lhs.contains("Latin hypercube design"))
        XCTAssertTrue(lhs.contains("one dot per design point"), "a coloured scatter, not a heatmap")
    }

    func testSensitivityReports() throws {
        let sobol = try page(try AnalysisFixture.sensitivity(in: folder), .sensitivity)
        XCTAssertTrue(sobol.contains("Sobol indices of safety_score"))
        XCTAssertTrue(sobol.contains("Sobol indices of satisfaction_pct"))
        XCTAssertTrue(sobol.contains("first order") && sobol.contains("total order"))
        XCTAssertTrue(sobol.contains("Trial noise is") || sobol.contains("did not vary"), "the noise said in words")
        XCTAssertTrue(sobol.contains("class=\"warn\""), "4 samples cannot have converged")

        let morris = try page(try AnalysisFixture.sensitivity(in: folder, method: .morris), .sensitivity)
        XCTAssertTrue(morris.contains("Morris effects on safety_score"))
        XCTAssertTrue(morris.contains("μ* (mean absolute effect)"))
    }

    func testOptimizeReport() throws {
        let html = try page(try AnalysisFixture.optimize(in: folder), .optimize)
        XCTAssertTrue(html.contains("The chosen mix"))
        XCTAssertTrue(html.contains("within the budget of 65,000 yuan"))
        XCTAssertTrue(html.contains("Candidates: cost against objective"))
        XCTAssertTrue(html.contains("cost–benefit frontier") && html.contains("chosen mix"))
        XCTAssertEqual(html.components(separatedBy: "<tr class=\"chosen\">").count - 1, 1, "the chosen candidate's row")

        let broke = try page(try AnalysisFixture.optimize(in: folder, budget: 1), .optimize)
        XCTAssertTrue(broke.contains("No candidate stays within the budget of 1.00 yuan"))
        XCTAssertTrue(broke.contains("off the chart"), "a budget far below every cost does not squash the plot")
    }

    func testFolderKindsAndMissingFiles() throws {
        XCTAssertEqual(try ReportKind.detect(in: try ReportFixture.results(in: folder)), .run)
        XCTAssertThrowsError(try ReportKind.detect(in: folder.path)) { error in
            XCTAssertEqual((error as? RunReport.DataError)?.path, folder.path)
            XCTAssertTrue("\(error)".contains("holds no results to report: expected summary.json (govsim run), compare.json"), "\(error)")
        }
        let sweep = try AnalysisFixture.sweep(in: folder, axes: 1)
        try FileManager.default.removeItem(atPath: sweep + "/sweep.csv")
        XCTAssertThrowsError(try ReportKind.detect(in: sweep)) { error in
            XCTAssertEqual((error as? RunReport.DataError)?.path, sweep + "/sweep.csv")
        }
        let compare = try AnalysisFixture.compare(in: folder)
        try FileManager.default.removeItem(atPath: compare + "/trials.csv")
        XCTAssertThrowsError(try ReportKind.compare.write(resultsFolder: compare)) { error in
            XCTAssertEqual((error as? RunReport.DataError)?.path, compare + "/trials.csv")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: compare + "/report.html"), "nothing written")
        try "{\"arms\": [\"a\"]}".write(toFile: compare + "/compare.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReportKind.compare.html(resultsFolder: compare)) { error in
            XCTAssertTrue("\(error)".contains("compare.json: lacks 'arms'"), "\(error)")
        }
    }
}
