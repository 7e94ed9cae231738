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
}
