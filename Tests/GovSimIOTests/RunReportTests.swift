import GovSimTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// A results folder written in-process from a tiny scenario, with its report.
enum ReportFixture {
    static let scenario = """
    { name: "tiny & <small>", description: "Two cells, a month.",
      run: { trials: 8, days: 28, seed: 5 }, district: { cells: [{ count: 2, households: 150 }] },
      disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }
    """

    /// Writes the data files of a tiny run into `folder`/results and returns that path.
    static func results(in folder: TemporaryFolder) throws -> String {
        let loaded = try ScenarioLoader.load(path: folder.write("tiny.json5", scenario))
        let trials = Ensemble(scenario: loaded.scenario, seed: 5, threads: 2).run(trials: 0..<8)
        let out = folder.path + "/results"
        let manifest = RunManifest(command: ["govsim", "run", "tiny.json5"], scenarioFile: "tiny.json5", seed: 5, trials: 8,
                                   days: 28, threads: 2, residents: 780, started: Date(timeIntervalSince1970: 1_800_000_000),
                                   seconds: 0.5)
        try RunResults(loaded: loaded, seed: 5, trials: trials).write(to: out, manifest: manifest)
        return out
    }
}

final class RunReportTests: XCTestCase {
    let folder = TemporaryFolder()

    func testReportIsOneWellFormedPageWithEverySection() throws {
        let out = try ReportFixture.results(in: folder)
        try RunReport.write(resultsFolder: out)
        let html = try XCTUnwrap(folder.read("results/report.html"))
        XCTAssertEqual(html, try RunReport.html(resultsFolder: out), "write and html agree")
        // The page is written as XHTML-compatible markup: an XML parser reads it whole.
        SVGTests.assertWellFormed(html, "report.html")
        XCTAssertTrue(html.contains("<h1>tiny &amp; &lt;small&gt;</h1>"), "the scenario name, escaped")
        XCTAssertTrue(html.contains("Two cells, a month."))
        XCTAssertTrue(html.contains("8 trials × 28 days · seed 5 · ~780 residents per trial"))
        XCTAssertTrue(html.contains("2027-01-15T08:00:00Z"), "the manifest's start time")
        for section in ["Week by week", "Spread across trials", "Where disputes went", "Safety incidents", "Cost by item",
                        "Every output", "scenario.resolved.json5"] {
            XCTAssertTrue(html.contains(section), section)
        }
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 6 + 2 + 2 + 3 + 1, "fan charts, histograms, mechanisms, cost")
        for m in Metric.allCases { XCTAssertTrue(html.contains("<code>\(m.name)</code>"), m.name) }
        XCTAssertFalse(html.contains("<script"), "no script")
        let linked = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        XCTAssertFalse(linked.contains("http:") || linked.contains("https:") || linked.contains(" src="), "no network reference")
    }

    func testMissingOrBrokenDataFilesAreNamed() throws {
        XCTAssertThrowsError(try RunReport.html(resultsFolder: folder.path)) { error in
            let e = error as? RunReport.DataError
            XCTAssertEqual(e?.path, folder.path + "/summary.json")
            XCTAssertTrue(e?.description.contains("no such file") ?? false, "\(error)")
        }
        let out = try ReportFixture.results(in: folder)
        try FileManager.default.removeItem(atPath: out + "/timeseries.csv")
        XCTAssertThrowsError(try RunReport.write(resultsFolder: out)) { error in
            XCTAssertEqual((error as? RunReport.DataError)?.path, out + "/timeseries.csv")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/report.html"), "nothing written")
        try "week,day\n1,7,extra\n".write(toFile: out + "/timeseries.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RunReport.html(resultsFolder: out)) { error in
            XCTAssertTrue("\(error)".contains("timeseries.csv: record 2 has 3 fields, but the header has 2"), "\(error)")
        }
    }

    func testCSVParsing() throws {
        let table = try CSVTable.parse("a,b\n1,\"x, \"\"y\"\"\"\r\n2,\n")
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertEqual(table.rows, [["1", "x, \"y\""], ["2", ""]])
        var written = CSVTable(header: ["name", "note"])
        written.append(["a,b", "line\nbreak"])
        XCTAssertEqual(try CSVTable.parse(written.rendered), written, "reads back what CSVTable writes")
        XCTAssertThrowsError(try CSVTable.parse(""))
        XCTAssertThrowsError(try CSVTable.parse("a\n\"open\n"))
    }
}
