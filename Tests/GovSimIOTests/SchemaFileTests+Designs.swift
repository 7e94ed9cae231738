import GovSimTestSupport
import Foundation
import XCTest
import GovSim
@testable import GovSimExperiments
@testable import GovSimIO

/// The schema types of the design studies' files (sweep.json and sweep.csv, sensitivity.json,
/// explore.json): what the writer writes, the type reads back whole (rendering what was read
/// gives the same bytes), and a key the schema does not declare is never written.
final class DesignSchemaFileTests: XCTestCase {
    let folder = TemporaryFolder()

    /// The keys of `text`'s objects that `declared` lacks, walking every object; the members of
    /// an object under a key of `names` are named by outputs, parameters or levers (that many
    /// levels of names), not by the schema.
    static func undeclared(_ text: String, _ declared: Set<String>, names: [String: Int] = [:]) throws -> [String] {
        let json = try XCTUnwrap(JSONObject(text: text))
        var out: [String] = []
        func walk(_ value: JSONValue, path: String, names skipped: Int) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if skipped == 0 && !declared.contains(key) { out.append(path + key) }
                    walk(member, path: path + key + ".", names: skipped > 0 ? skipped - 1 : names[key] ?? 0)
                }
            case .array(let items):
                for item in items { walk(item, path: path, names: 0) }
            default: break
            }
        }
        walk(.object(json.members), path: "", names: 0)
        return out.sorted()
    }

    static func text(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    // MARK: sweep.json and sweep.csv

    func testSweepReadsBackToTheSameBytes() throws {
        for (axes, design) in [(1, DesignKind.grid), (2, .grid), (2, .lhs)] {
            let out = try AnalysisFixture.sweep(in: folder, axes: axes, design: design)
            let written = try Self.text(out, SweepFile.fileName)
            let read = try SweepFile(text: written)
            XCTAssertEqual(read.axes.count, axes)
            XCTAssertEqual(read.design, design.rawValue)
            XCTAssertEqual(read.axes.first?.path, "sensors.cameras.coverage")
            XCTAssertEqual(read.axes.first?.steps, 3)
            XCTAssertEqual(read.reference?.values?.count, axes)
            XCTAssertNotNil(read.scenarioDigest)
            XCTAssertEqual(read.rendered, written, "\(axes) axes, \(design)")

            let csv = try Self.text(out, SweepFile.Table.fileName)
            let paths = read.axes.compactMap(\.path)
            let table = try SweepFile.Table(text: csv, axes: paths, required: [.point, .metric, .difference] + paths.map { .axis($0) })
            XCTAssertFalse(table.columns.contains { if case .other = $0 { return true }; return false }, "every column is one the schema names")
            XCTAssertEqual(table.rows.count, (read.points?.count ?? 0) * Metric.allCases.count)
            XCTAssertEqual(table.rendered, csv)
        }
    }

    func testSweepWritesOnlyDeclaredKeys() throws {
        let written = try Self.text(try AnalysisFixture.sweep(in: folder, axes: 2), SweepFile.fileName)
        XCTAssertEqual(try Self.undeclared(written, Set(SweepFile.Key.allCases.map(\.rawValue))), [])
    }

    func testSweepColumnNamesParseToTheirColumns() {
        let axes = ["sensors.cameras.coverage"]
        for column: SweepFile.Table.Column in SweepFile.Table.Column.fixed + [.axis(axes[0]), .other("future")] {
            XCTAssertEqual(SweepFile.Table.Column(name: column.name, axes: axes), column, column.name)
        }
        XCTAssertThrowsError(try SweepFile.Table(text: "point,metric\n0,x\n", axes: axes, required: [.point, .axis(axes[0])])) { error in
            XCTAssertEqual((error as? SweepFile.Table.ReadError)?.reason, "has no column 'sensors.cameras.coverage'")
        }
    }

    func testAFileWithoutAxesIsNoSweep() {
        for text in [#"{ "scenario": "x", "axes": [] }"#, #"{ "scenario": "x" }"#] {
            XCTAssertThrowsError(try SweepFile(text: text)) { error in
                XCTAssertEqual((error as? SweepFile.ReadError)?.reason, "lacks 'axes'")
            }
        }
        XCTAssertThrowsError(try SweepFile(text: "[1]")) { error in
            XCTAssertEqual((error as? SweepFile.ReadError)?.reason, "is not a JSON object")
        }
    }

    func testAnOlderSweepReadsWithoutTheNewerKeys() throws {
        let read = try SweepFile(text: #"{ "scenario": "x", "seed": 7, "axes": [{ "path": "a.b", "lo": 0, "hi": 1 }], "points": [[0], [1]] }"#)
        XCTAssertNil(read.reference)
        XCTAssertNil(read.design)
        XCTAssertNil(read.axes[0].steps)
        XCTAssertEqual(read.seed, "7")
        XCTAssertEqual(read.points?.count, 2)
    }

    // MARK: sensitivity.json

    func testSensitivityReadsBackToTheSameBytes() throws {
        for method in [SensitivityStudy.Method.sobol, .morris] {
            let written = try Self.text(try AnalysisFixture.sensitivity(in: folder, method: method), SensitivityFile.fileName)
            let read = try SensitivityFile(text: written)
            XCTAssertEqual(read.method, method.rawValue)
            XCTAssertEqual(read.axes.map(\.path), ["sensors.cameras.coverage", "volunteers.initialShare"])
            XCTAssertEqual(Set(read.metrics.keys), ["safety_score", "satisfaction_pct"])
            let index = try XCTUnwrap(read.metrics["safety_score"]?.parameters["sensors.cameras.coverage"])
            XCTAssertEqual(index.firstOrder == nil, method == .morris, "Sobol indices only for Sobol")
            XCTAssertEqual(index.muStar == nil, method == .sobol, "Morris effects only for Morris")
            XCTAssertEqual(read.metrics["safety_score"]?.converged == nil, method == .morris)
            XCTAssertEqual(read.rendered, written, "\(method)")
        }
    }

    func testSensitivityWritesOnlyDeclaredKeys() throws {
        for method in [SensitivityStudy.Method.sobol, .morris] {
            let written = try Self.text(try AnalysisFixture.sensitivity(in: folder, method: method), SensitivityFile.fileName)
            XCTAssertEqual(try Self.undeclared(written, Set(SensitivityFile.Key.allCases.map(\.rawValue)),
                                               names: ["metrics": 1, "parameters": 1]), [])
        }
    }

    func testAFileWithoutMetricsIsNoSensitivityStudy() {
        XCTAssertThrowsError(try SensitivityFile(text: #"{ "axes": [] }"#)) { error in
            XCTAssertEqual((error as? SensitivityFile.ReadError)?.reason, "lacks 'axes' or 'metrics'")
        }
        XCTAssertThrowsError(try SensitivityFile(text: #"{ "axes": [], "metrics": [] }"#))
    }

    func testAnOlderSensitivityStudyReadsWithoutTheNewerKeys() throws {
        let read = try SensitivityFile(text: #"{ "axes": [{ "path": "a", "lo": 0, "hi": 1 }], "metrics": { "safety_score": { "parameters": { "a": { "first_order": 0.5 } }, "convergence_change": 0.01 } } }"#)
        let output = try XCTUnwrap(read.metrics["safety_score"])
        XCTAssertNil(output.converged)
        XCTAssertNil(output.estimationErrors)
        XCTAssertTrue(output.bootstrapHalfWidth.isNaN)
        XCTAssertEqual(output.parameters["a"]?.firstOrder, 0.5)
        XCTAssertNil(output.parameters["a"]?.totalOrder)
    }

    // MARK: explore.json

    /// An exploration over `levers` levers with `steps` points each (2: no interpolation error).
    private func exploration(levers: Int, steps: Int) throws -> ExploreResults {
        let s = try AnalysisFixture.scenario(in: folder)
        let axes = try [AnalysisFixture.axis("sensors.cameras.coverage", 0, 1, steps: steps, in: s),
                        AnalysisFixture.axis("volunteers.initialShare", 0, 0.05, steps: steps, in: s)].prefix(levers)
        let sweep = Sweep(scenario: s, axes: Array(axes), unitPoints: Design.unitPoints(.grid, axes: Array(axes), count: 0, seed: 5),
                          trials: 2, seed: 5, threads: 2)
        return ExploreResults(sweep: sweep, results: sweep.run(), baseline: try XCTUnwrap(sweep.runReference()))
    }

    func testExploreReadsBackToTheSameBytes() throws {
        for (levers, steps) in [(2, 3), (1, 2)] {
            let written = try exploration(levers: levers, steps: steps).json
            let read = try ExploreFile(text: written)
            XCTAssertEqual(read.levers.count, levers)
            XCTAssertEqual(read.points.count, Int(pow(Double(steps), Double(levers))))
            XCTAssertEqual(read.outputs.map(\.name), ExploreResults.metrics.map(\.name))
            XCTAssertEqual(read.outputs.first?.interpolation == nil, steps == 2, "no interpolation error with 2 points per lever")
            XCTAssertNotNil(read.points.first?.outputs["safety_score"]?.difference)
            XCTAssertNil(read.baseline.outputs["safety_score"]?.difference, "the baseline has no difference from itself")
            XCTAssertEqual(read.rendered, written, "\(levers) levers × \(steps)")
        }
    }

    func testExploreWritesOnlyDeclaredKeys() throws {
        let written = try exploration(levers: 2, steps: 3).json
        XCTAssertEqual(try Self.undeclared(written, Set(ExploreFile.Key.allCases.map(\.rawValue)), names: ["outputs": 1]), [])
    }

    func testAFileWithoutTheFormatIsNoExploration() throws {
        XCTAssertThrowsError(try ExploreFile(text: #"{ "levers": [] }"#)) { error in
            XCTAssertEqual((error as? ExploreFile.ReadError)?.reason, #"is not explore data (no "format": "govsim-explore 1")"#)
        }
        // A point left out is not a whole grid.
        var read = try ExploreFile(text: try exploration(levers: 1, steps: 2).json)
        read.points.removeLast()
        XCTAssertThrowsError(try ExploreFile(text: read.rendered)) { error in
            XCTAssertEqual((error as? ExploreFile.ReadError)?.reason, "holds 1 points, not the 2 of its grid")
        }
    }
}
