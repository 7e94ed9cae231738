import GovSimTestSupport
import Foundation
import XCTest
import GovSim
@testable import GovSimExperiments
@testable import GovSimIO

/// The schema types of the analysis commands' files (check.json, explain.json, optimize.json
/// and optimize.csv): what the writer writes, the type reads back whole (rendering what was
/// read gives the same bytes), and a key the schema does not declare is never written.
final class AnalysisSchemaFileTests: XCTestCase {
    let folder = TemporaryFolder()

    static func undeclared(_ text: String, _ declared: [String], names: [String: Int] = [:]) throws -> [String] {
        try DesignSchemaFileTests.undeclared(text, Set(declared), names: names)
    }

    // MARK: check.json

    func testCheckReadsBackToTheSameBytes() throws {
        let written = try DesignSchemaFileTests.text(try AnalysisFixture.check(in: folder), CheckFile.fileName)
        let read = try CheckFile(text: written)
        XCTAssertEqual(read.files.count, 1)
        let targets = read.files[0].targets
        XCTAssertEqual(targets.count, 3)
        XCTAssertEqual(targets.filter(\.isPrediction).count, 1)
        XCTAssertEqual(read.predictions, 1)
        let change = try XCTUnwrap(targets.first(where: \.isChange))
        XCTAssertEqual(change.relativeTo, "base.json5")
        XCTAssertEqual(change.observed, -20)
        XCTAssertNil(change.hit, "a fitted target has no hit")
        let prediction = try XCTUnwrap(targets.first(where: \.isPrediction))
        XCTAssertNotNil(prediction.hit)
        XCTAssertTrue((prediction.counterfactual ?? .nan).isFinite, "a predicted value carries its no-policy counterfactual")
        XCTAssertEqual(read.files[0].seed, "5")
        XCTAssertEqual(read.rendered, written)
    }

    func testCheckWritesOnlyDeclaredKeys() throws {
        let written = try DesignSchemaFileTests.text(try AnalysisFixture.check(in: folder), CheckFile.fileName)
        XCTAssertEqual(try Self.undeclared(written, CheckFile.Key.allCases.map(\.rawValue)), [])
    }

    func testAFileWithoutFilesIsNoCheck() {
        for text in [#"{ "version": "x" }"#, "[]", #"{ "files": 3 }"#] {
            XCTAssertThrowsError(try CheckFile(text: text), text)
        }
    }

    /// A check.json from before the kinds (no `kind`, no `hit`) reads as fitted targets that
    /// pass when met.
    func testAnOlderCheckReadsItsTargetsAsFitted() throws {
        let read = try CheckFile(text: """
        { "version": "0.1", "all_met": false, "files": [{ "file": "a.json5", "trials": 4, "seed": 7, "targets": [
          { "output": "disputes", "observed": 10, "tolerance": 2, "predicted": 11, "predicted_ci95": [10, 12], "met": true },
          { "output": "petitions", "observed": 5, "tolerance": 1, "predicted": 9, "predicted_ci95": [8, 10], "met": false } ] }] }
        """)
        let targets = read.files[0].targets
        XCTAssertEqual(targets.map(\.isPrediction), [false, false])
        XCTAssertEqual(targets.map(\.passed), [true, false])
        XCTAssertTrue(targets[0].predictedPI90.lo.isNaN)
        XCTAssertNil(targets[0].counterfactual)
        XCTAssertEqual(read.files[0].seed, "7")
        XCTAssertNil(read.fittedMet)
    }

    // MARK: explain.json

    func testExplainReadsBackToTheSameBytes() throws {
        let written = try DesignSchemaFileTests.text(try AnalysisFixture.explain(in: folder), ExplainFile.fileName)
        let read = try ExplainFile(text: written)
        XCTAssertEqual(Set(read.levers.compactMap(\.path)), ["council.enabled", "sensors.cameras.coverage"])
        XCTAssertEqual(read.method, "exact")
        XCTAssertEqual(read.seed, "5")
        XCTAssertEqual(read.trials, 3)
        XCTAssertEqual(Set(read.total.keys), Set(Metric.allCases.map(\.name)))
        XCTAssertEqual(read.total[Metric.safetyScore.name]?.higherIsBetter, true)
        XCTAssertEqual(read.levers[0].shapley[Metric.safetyScore.name]?.n, 3)
        XCTAssertFalse(read.pathways.isEmpty)
        XCTAssertEqual(read.rendered, written)
    }

    func testExplainWritesOnlyDeclaredKeys() throws {
        let written = try DesignSchemaFileTests.text(try AnalysisFixture.explain(in: folder), ExplainFile.fileName)
        let byOutput = [ExplainFile.Key.shapley, .alone, .leaveOneOut, .total, .interaction].map { ($0.rawValue, 1) }
        XCTAssertEqual(try Self.undeclared(written, ExplainFile.Key.allCases.map(\.rawValue), names: Dictionary(uniqueKeysWithValues: byOutput)), [])
    }

    func testAFileWithoutLeversIsNoExplanation() {
        for text in [#"{ "total": {} }"#, #"{ "levers": [] }"#, "7"] {
            XCTAssertThrowsError(try ExplainFile(text: text), text) { error in
                XCTAssertFalse((error as? ExplainFile.ReadError)?.reason.isEmpty ?? true)
            }
        }
    }

    /// Sampled orders' error reads back where it was written, and only there.
    func testExplainKeepsTheSamplingError() throws {
        let text = """
        { "levers": [{ "path": "a", "shapley": { "safety_score": { "mean": 1, "ci95": [0, 2], "n": 4, "sampling_se": 0.25 } },
                       "alone": { "safety_score": { "mean": 1, "ci95": [0, 2], "n": 4 } } }],
          "total": { "safety_score": { "mean": 1, "ci95": [0, 2], "n": 4, "baseline_mean": 60, "policy_mean": 61 } },
          "ignored": ["name: a → b (a label, not a lever)"], "seed": "9" }
        """
        let read = try ExplainFile(text: text)
        XCTAssertEqual(read.levers[0].shapley["safety_score"]?.samplingSE, 0.25)
        XCTAssertNil(read.levers[0].alone["safety_score"]?.samplingSE)
        XCTAssertTrue(read.levers[0].leaveOneOut.isEmpty)
        XCTAssertEqual(read.total["safety_score"]?.policyMean, 61)
        XCTAssertEqual(read.ignored?.count, 1)
        XCTAssertEqual(try ExplainFile(text: read.rendered).rendered, read.rendered)
    }

    // MARK: optimize.json and optimize.csv

    func testOptimizeReadsBackToTheSameBytes() throws {
        let out = try AnalysisFixture.optimize(in: folder)
        let written = try DesignSchemaFileTests.text(out, OptimizeFile.fileName)
        let read = try OptimizeFile(text: written)
        XCTAssertEqual(read.objective, [Metric.safetyScore.name: 1])
        XCTAssertEqual(read.candidates, 9, "8 candidates and the status quo")
        XCTAssertEqual(read.budget, 65_000)
        XCTAssertNil(read.pareto)
        XCTAssertFalse(read.frontier.isEmpty)
        XCTAssertEqual(read.frontier.map(\.costMean), read.frontier.map(\.costMean).sorted(), "the frontier is cheapest first")
        if let best = read.best {
            XCTAssertEqual(Set(best.levers.keys), ["sensors.cameras.coverage", "volunteers.initialShare"])
            XCTAssertNotNil(best.chosenBecause)
        }
        XCTAssertEqual(read.rendered, written)

        let csv = try DesignSchemaFileTests.text(out, OptimizeFile.Table.fileName)
        let table = try OptimizeFile.Table(text: csv)
        XCTAssertEqual(table.levers, ["sensors.cameras.coverage", "volunteers.initialShare"])
        XCTAssertEqual(table.rows.count, 9)
        XCTAssertEqual(table.rows.indices.filter { table.flag($0, .chosen) }, read.best?.candidate.map { [$0] } ?? [])
        XCTAssertEqual(table.rendered, csv)
    }

    func testOptimizeWritesOnlyDeclaredKeys() throws {
        let written = try DesignSchemaFileTests.text(try AnalysisFixture.optimize(in: folder), OptimizeFile.fileName)
        let named = [OptimizeFile.Key.objective, .levers, .effects].map { ($0.rawValue, 1) }
        XCTAssertEqual(try Self.undeclared(written, OptimizeFile.Key.allCases.map(\.rawValue), names: Dictionary(uniqueKeysWithValues: named)), [])
    }

    /// A Pareto point holds the second objective's mean under that output's name.
    func testAParetoPointKeepsTheSecondObjective() throws {
        let text = """
        { "objective": { "safety_score": 1 }, "budget": 100, "best": null, "frontier": [],
          "pareto": { "objectives": ["objective", "satisfaction_pct"],
                      "front": [{ "candidate": 2, "levers": { "a": 0.5 }, "objective_mean": 70, "satisfaction_pct": 61.5, "cost_mean": 90 }] } }
        """
        let read = try OptimizeFile(text: text)
        XCTAssertNil(read.best)
        XCTAssertEqual(read.pareto?.front.first?.second, 61.5)
        XCTAssertEqual(read.pareto?.front.first?.levers, ["a": 0.5])
        XCTAssertEqual(try OptimizeFile(text: read.rendered).rendered, read.rendered)
        XCTAssertTrue(read.rendered.contains(#""satisfaction_pct":61.5"#) || read.rendered.contains(#""satisfaction_pct": 61.5"#), read.rendered)
    }

    func testOptimizeColumnNamesParseToTheirColumns() {
        for column: OptimizeFile.Table.Column in OptimizeFile.Table.Column.fixed + [.lever("council.enabled")] {
            XCTAssertEqual(OptimizeFile.Table.Column(name: column.name), column, column.name)
        }
        XCTAssertThrowsError(try OptimizeFile.Table(text: "candidate,cost_mean\n0,1\n")) { error in
            XCTAssertEqual((error as? OptimizeFile.Table.ReadError)?.reason, "has no column 'objective_mean'")
        }
        XCTAssertThrowsError(try OptimizeFile(text: #"{ "budget": 3 }"#))
    }
}
