import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimCLI

/// report.html from compare, sweep, sensitivity and optimize, `govsim report` on their folders,
/// `--format json`, and colour only when the console allows it; in-process, on a tiny scenario.
final class AnalysisCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() {
        temporary = TemporaryFolder("analysis")
        try! """
        { name: "tiny", run: { trials: 3, days: 28, seed: 5, uncertainty: "fixed" },
          district: { cells: [{ count: 2, households: 100, estate: "oldEstate" }] },
          incidents: { rateMultiplier: { dist: "uniform", min: 0.5, max: 2 } } }
        """.write(toFile: folder + "/tiny.json5", atomically: true, encoding: .utf8)
        try! """
        { extends: "tiny.json5", name: "cameras", sensors: { cameras: { coverage: 0.8 } }, council: { enabled: true } }
        """.write(toFile: folder + "/cameras.json5", atomically: true, encoding: .utf8)
    }
    override func tearDown() { temporary = nil }

    /// Each command writes report.html with its key content; `govsim report` draws the same bytes.
    func testEveryCommandWritesAReportThatRedrawsIdentically() throws {
        let tiny = folder + "/tiny.json5"
        let runs: [(args: [String], out: String, content: [String])] = [
            (["compare", tiny, folder + "/cameras.json5"], "cmp", ["<h1>cameras vs tiny</h1>", "Change from tiny in points", "What \"satisfied\" means",
                                                                   "Cost and safety_score against tiny", "cameras − tiny: every output"]),
            (["sweep", tiny, "--vary", "sensors.cameras.coverage=0:1:3", "--trials", "2"], "sw",
             ["govsim sweep report", "Response to sensors.cameras.coverage", "Every point"]),
            (["sensitivity", tiny, "--vary", "sensors.cameras.coverage=0:1", "--vary", "volunteers.initialShare=0:0.05",
              "--samples", "4", "--replicates", "2"], "se", ["govsim sensitivity report", "Sobol indices of safety_score"]),
            (["optimize", tiny, "--budget", "65000", "--over", "sensors.cameras.coverage=0:1", "--candidates", "6", "--trials", "2",
              "--finalists", "2", "--final-trials", "2"], "op", ["govsim optimisation report", "Candidates: cost against objective"]),
        ]
        for run in runs {
            let out = folder + "/" + run.out
            let o = govsim(run.args + ["--out", out])
            XCTAssertEqual(o.status, 0, o.err)
            XCTAssertTrue(o.out.contains("Results: \(out)/ (report.html, "), o.out)
            let html = try text(out + "/report.html")
            for text in run.content { XCTAssertTrue(html.contains(text), "\(run.out): \(text)") }
            try FileManager.default.removeItem(atPath: out + "/report.html")
            let redraw = govsim("report", out)
            XCTAssertEqual(redraw.status, 0, redraw.err)
            XCTAssertEqual(redraw.out, "Report: \(out)/report.html\n")
            XCTAssertEqual(try text(out + "/report.html"), html, "\(run.out): redrawn byte for byte")
        }
        // A committed sweep that lost a listed file is refused.
        try FileManager.default.removeItem(atPath: folder + "/sw/sweep.csv")
        let lost = govsim("report", folder + "/sw")
        XCTAssertEqual(lost.status, 65)
        XCTAssertTrue(lost.err.contains("sweep.csv: missing, though SHA256SUMS lists it"), lost.err)
        // A sweep folder from before digests were kept, without sweep.csv: the report says what is missing.
        try FileManager.default.removeItem(atPath: folder + "/sw/SHA256SUMS")
        let unfinished = govsim("report", folder + "/sw")
        XCTAssertEqual(unfinished.status, 65)
        XCTAssertTrue(unfinished.err.hasPrefix("govsim: \(folder)/sw/sweep.csv: no such file: the sweep has not finished"),
                      unfinished.err)
    }

    func testReportFailureExits73() throws {
        // The data files are written, then report.html cannot be: a folder stands in its place.
        let out = folder + "/blocked"
        try FileManager.default.createDirectory(atPath: out + "/report.html/x", withIntermediateDirectories: true)
        let r = govsim("compare", folder + "/tiny.json5", folder + "/cameras.json5", "--out", out)
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.err.hasPrefix("govsim: cannot write the report: "), r.err)
    }

    func testFormatJSONPrintsTheSummaryFile() throws {
        let run = govsim("run", folder + "/tiny.json5", "--format", "json", "--out", folder + "/run", colour: true)
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, try text(folder + "/run/summary.json"), "stdout is summary.json, nothing else")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        XCTAssertFalse(run.out.contains("\u{1B}"), "no colour in JSON")

        let compare = govsim("compare", folder + "/tiny.json5", folder + "/cameras.json5", "--format", "json", "--out", folder + "/cmp")
        XCTAssertEqual(compare.status, 0, compare.err)
        XCTAssertEqual(compare.out, try text(folder + "/cmp/compare.json"))
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(compare.out.utf8)) as? [String: Any])

        XCTAssertEqual(govsim("run", folder + "/tiny.json5", "--format", "table", "--out", folder + "/t").status, 0)
        let bad = govsim("run", folder + "/tiny.json5", "--format", "yaml")
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.hasPrefix("Error: --format: expected table or json, got 'yaml'"), bad.err)
        XCTAssertEqual(govsim("compare", folder + "/tiny.json5", folder + "/cameras.json5", "--format", "csv").status, 64)
    }

    func testColourOnlyWhenTheConsoleAllowsIt() {
        let plain = govsim("run", folder + "/tiny.json5", "--out", folder + "/a")
        XCTAssertFalse(plain.out.contains("\u{1B}"), "no escape without colour")
        let coloured = govsim("run", folder + "/tiny.json5", "--out", folder + "/b", colour: true)
        XCTAssertTrue(coloured.out.contains("\u{1B}[1mmetric\u{1B}[0m"), "bold header")
        XCTAssertEqual(coloured.out.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression)
                        .replacingOccurrences(of: #"\d+\.\d s\n"#, with: "", options: .regularExpression),
                       plain.out.replacingOccurrences(of: "/a/", with: "/b/")
                        .replacingOccurrences(of: #"\d+\.\d s\n"#, with: "", options: .regularExpression),
                       "the same text once the escapes are gone")

        let cameras = [folder + "/tiny.json5", folder + "/cameras.json5"]
        let compare = govsim("compare", cameras[0], cameras[1], "--out", folder + "/c", colour: true)
        XCTAssertTrue(compare.out.contains("\u{1B}[1mrank\u{1B}[0m"))
        XCTAssertTrue(compare.out.contains("\u{1B}[31m-"), "a significant worsening (trust, to the cameras' privacy cost) is red:\n\(compare.out)")
        try! """
        { extends: "tiny.json5", name: "patrols", volunteers: { initialShare: 0.3, patrolHoursPerWeek: 10 } }
        """.write(toFile: folder + "/patrols.json5", atomically: true, encoding: .utf8)
        let patrols = govsim("compare", cameras[0], folder + "/patrols.json5", "--out", folder + "/p", colour: true)
        XCTAssertTrue(patrols.out.contains("\u{1B}[32m+"), "a significant improvement (safety, to patrols seen) is green:\n\(patrols.out)")
        XCTAssertFalse(govsim("compare", cameras[0], cameras[1], "--out", folder + "/d").out.contains("\u{1B}"))
    }

    func testColourNeedsATerminalAndNoNOCOLOR() {
        XCTAssertTrue(Console.wantsColour(stdoutIsTerminal: true, environment: [:]))
        XCTAssertTrue(Console.wantsColour(stdoutIsTerminal: true, environment: ["NO_COLOR": ""]), "an empty NO_COLOR is unset")
        XCTAssertFalse(Console.wantsColour(stdoutIsTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(Console.wantsColour(stdoutIsTerminal: false, environment: [:]))
    }

    func testStyledTableKeepsItsColumns() {
        let rows = [["safety_score", "+1.5"], ["cost_total", "-20"]]
        let plain = TextTable.render(header: ["metric", "difference"], rows: rows, alignments: [.left, .right])
        let styled = TextTable.render(header: ["metric", "difference"], rows: rows, alignments: [.left, .right]) { row, column in
            row < 0 ? ANSI.bold : column == 1 ? ANSI.green : nil
        }
        XCTAssertTrue(styled.contains("\u{1B}[32m+1.5\u{1B}[0m"))
        XCTAssertEqual(styled.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression), plain)
    }
}
