import GovSimTestSupport
import Foundation
import XCTest
import GovSim
@testable import GovSimExperiments
@testable import GovSimIO

/// Each result file has one schema type, used by its writer and its readers: what the writer
/// writes, the reader reads back whole (rendering what was read gives the same bytes), and a key
/// the schema does not declare is never written.
final class SchemaFileTests: XCTestCase {
    let folder = TemporaryFolder()

    /// Two groups of different estate types, a schedule with a ramp and an end, a horizon over a
    /// year and an output window: every optional block of summary.json.
    private let everyBlock = """
    { run: { trials: 3, days: 400, seed: 9, outputWindow: { fromDay: 10 } },
      district: { cells: [{ name: "north", count: 1, households: 120, estate: "newEstate" },
                          { name: "south", count: 2, households: 90, estate: "oldEstate", council: { enabled: true } }] },
      council: { enabled: false },
      response: { gridWorkersPerCell: 2, schedule: { startDay: 100, rampDays: 14, endDay: 350 } } }
    """

    private func run(_ text: String, seed: UInt64 = 9) throws -> RunResults {
        let loaded = try ScenarioLoader.load(path: folder.write("s.json5", text))
        let trials = Ensemble(scenario: loaded.scenario, seed: seed, threads: 2).run(trials: 0..<loaded.scenario.run.trials)
        return RunResults(loaded: loaded, seed: seed, trials: trials)
    }

    func testSummaryReadsBackToTheSameBytes() throws {
        let written = try run(everyBlock).summaryJSON
        let read = try SummaryFile(text: written)
        XCTAssertNotNil(read.groups)
        XCTAssertNotNil(read.estates)
        XCTAssertNotNil(read.years)
        XCTAssertNotNil(read.schedules)
        XCTAssertNotNil(read.outputWindow)
        XCTAssertEqual(read.schedules?.first?.endDay, 350)
        XCTAssertEqual(read.rendered, written)
    }

    func testSummaryOfOneGroupReadsBackToTheSameBytes() throws {
        let written = try run("{ run: { trials: 4, days: 28, seed: 3 }, district: { cells: [{ count: 2, households: 150 }] } }", seed: 3).summaryJSON
        let read = try SummaryFile(text: written)
        XCTAssertNil(read.groups)
        XCTAssertNil(read.years)
        XCTAssertEqual(read.rendered, written)
    }

    func testSummaryWritesOnlyDeclaredKeys() throws {
        let json = try XCTUnwrap(JSONObject(text: try run(everyBlock).summaryJSON))
        let declared = Set(SummaryFile.Key.allCases.map(\.rawValue))
        var undeclared: [String] = []
        // Walks every object; the members of `metrics`, `groups` and `estates` are named by
        // outputs and parts, not by the schema.
        func walk(_ value: JSONValue, path: String, named: Bool) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if !named && !declared.contains(key) { undeclared.append(path + key) }
                    walk(member, path: path + key + ".", named: !named && ["metrics", "groups", "estates"].contains(key))
                }
            case .array(let items):
                for item in items { walk(item, path: path, named: false) }
            default: break
            }
        }
        walk(.object(json.members), path: "", named: false)
        XCTAssertEqual(undeclared, [])
    }

    func testAFileWithoutMetricsIsNoSummary() {
        XCTAssertThrowsError(try SummaryFile(text: #"{ "scenario": "x" }"#)) { error in
            XCTAssertEqual((error as? SummaryFile.ReadError)?.reason, "lacks 'scenario' or 'metrics'")
        }
        XCTAssertThrowsError(try SummaryFile(text: "[1, 2]"))
    }

    func testAnOlderSummaryReadsWithoutTheNewerKeys() throws {
        let read = try SummaryFile(text: #"{ "scenario": "x", "metrics": { "safety_score": { "mean": 70, "p05": 60, "p95": 80, "prediction95": [55, 85], "n": 5 } } }"#)
        let s = try XCTUnwrap(read.metrics["safety_score"])
        XCTAssertTrue(s.pi90.lo.isNaN && s.pi90.hi.isNaN)
        XCTAssertEqual(s.pi95, Interval(lo: 55, hi: 85))
        XCTAssertNil(read.parameterUncertainty)
        XCTAssertEqual(s.n, 5)
    }

    /// Three arms with a selection, a district of two groups: every optional block of compare.json.
    private func comparison() throws -> CompareResults {
        let text = { (name: String, council: Bool) in """
            { name: "\(name)", run: { days: 40 }, district: { cells: [
                { name: "old", count: 1, households: 120, estate: "oldEstate", council: { enabled: \(council) } },
                { name: "village", count: 1, households: 90, estate: "village" } ] } }
            """ }
        let arms = try [("base", false), ("council", true), ("base", false)].enumerated().map { i, arm in
            try ScenarioLoader.load(path: folder.write("arm\(i).json5", text(arm.0, arm.1))).scenario
        }
        let plan = Comparison.Plan(trials: 4, maxTrials: 8, batch: 2, indifference: 0.5, select: true)
        let outcome = Comparison(arms: arms, seed: 4, threads: 2).run(plan)
        return CompareResults(scenarios: arms, seed: 4, outcome: outcome, objective: .safetyScore, indifference: 0.5)
    }

    func testCompareReadsBackToTheSameBytes() throws {
        let results = try comparison()
        let read = try CompareFile(text: results.json)
        XCTAssertEqual(read.arms, ["base", "council", "base-2"])
        XCTAssertNotNil(read.selection)
        XCTAssertEqual(Set(read.differencesByGroup?["council"]?.groups.keys ?? [:].keys), ["old", "village"])
        XCTAssertNil(read.differencesByGroup?["council"]?.groups["old"]?["disputes"]?.effectSize, "a group's difference gives no effect size")
        XCTAssertNotNil(read.differences["council"]?["disputes"]?.effectSize)
        XCTAssertEqual(read.rendered, results.json)
    }

    func testCompareWritesOnlyDeclaredKeys() throws {
        let json = try XCTUnwrap(JSONObject(text: try comparison().json))
        let declared = Set(CompareFile.Key.allCases.map(\.rawValue))
        var undeclared: [String] = []
        // The members of these objects are named by arms, outputs and parts (this many levels
        // of names), not by the schema.
        let names = ["trials": 1, "cost_effectiveness": 1, "eliminated_at": 1, "differences": 2,
                     "differences_by_group": 1, "groups": 2, "estates": 2]
        func walk(_ value: JSONValue, path: String, names skipped: Int) {
            guard case .object(let object) = value else { return }
            for (key, member) in object {
                if skipped == 0 && !declared.contains(key) { undeclared.append(path + key) }
                walk(member, path: path + key + ".", names: skipped > 0 ? skipped - 1 : names[key] ?? 0)
            }
        }
        walk(.object(json.members), path: "", names: 0)
        XCTAssertEqual(undeclared, [])
    }

    func testAFileWithOneArmIsNoComparison() {
        XCTAssertThrowsError(try CompareFile(text: #"{ "arms": ["a"], "differences": {} }"#)) { error in
            XCTAssertEqual((error as? CompareFile.ReadError)?.reason, "lacks 'arms' (two or more) or 'differences'")
        }
    }

    func testTrialsReadBackToTheSameBytes() throws {
        let text = """
        { run: { trials: 3, days: 30, seed: 2 }, disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } },
          district: { cells: [{ name: "north", count: 1, households: 100 }, { name: "south", count: 1, households: 80 }] } }
        """
        let written = try run(text, seed: 2).trialsCSV
        let read = try TrialsFile(text: written)
        XCTAssertTrue(read.columns.contains(.parameter("disputes.rateMultiplier")))
        XCTAssertTrue(read.columns.contains(.byGroup(.disputes, "south")))
        XCTAssertFalse(read.columns.contains { if case .other = $0 { return true }; return false }, "every column is one the schema names")
        XCTAssertEqual(read.values(.trial), [0, 1, 2])
        XCTAssertEqual(read.rendered, written)

        let compare = try CompareFile(text: try comparison().json)
        let trials = try TrialsFile(text: try comparison().trialsCSV, required: [.arm, .trial])
        XCTAssertEqual(Set(trials.fields(.arm)), Set(compare.arms))
    }

    func testColumnNamesParseToTheirColumns() {
        for column: TrialsFile.Column in [.arm, .trial, .metric(.safetyScore), .parameter("sensors.perCell"),
                                          .byGroup(.disputes, "east@2"), .other("future_output")] {
            XCTAssertEqual(TrialsFile.Column(name: column.name), column, column.name)
        }
        XCTAssertThrowsError(try TrialsFile(text: "arm,x\na,1\n")) { error in
            XCTAssertEqual((error as? TrialsFile.ReadError)?.reason, "has no column 'trial'")
        }
    }

    /// timeseries.csv of a run with a schedule: every week's series and the policy's share of
    /// full effect read back whole, through the column names the schema declares.
    func testTimeseriesReadsBackToTheSameBytes() throws {
        let results = try run(everyBlock)
        let written = results.timeseriesCSV
        let read = try TimeseriesFile(text: written)
        XCTAssertEqual(read.columns, TimeseriesFile.Column.fixed)
        XCTAssertEqual(read.rendered, written)
        let weeks = results.summary.weekly.count, series = WeeklySeries.allCases.count + results.scenario.schedules.count
        XCTAssertEqual(read.rows.count, weeks * series)
        let share = read.rows.indices.filter { read.field($0, .series) == TimeseriesFile.policyShareSeries("response") }
        XCTAssertEqual(share.count, weeks)
        XCTAssertEqual(read.number(share[0], .mean), 0, "the schedule starts on day 100")
        XCTAssertEqual(read.number(share[20], .p95), 1, "week 21 lies within the full effect (days 114–349)")
        for column: TimeseriesFile.Column in TimeseriesFile.Column.fixed + [.other("p99")] {
            XCTAssertEqual(TimeseriesFile.Column(name: column.name), column, column.name)
        }
        XCTAssertThrowsError(try TimeseriesFile(text: "week,series,mean\n1,x,2\n")) { error in
            XCTAssertEqual((error as? TimeseriesFile.ReadError)?.reason, "has no column 'p05'")
        }
    }

    /// A sweep's point file holds the district's outputs alone: they read back as the trials
    /// written, and a table with any other columns is no point file.
    func testOutputsReadBackAsTheTrialsWritten() throws {
        let trials = try run(everyBlock).trials.map { TrialResult(trial: $0.trial, metrics: $0.metrics, series: [], parameterDraws: []) }
        let written = TrialsFile(outputs: trials).rendered
        let read = try TrialsFile(text: written)
        XCTAssertEqual(read.rendered, written)
        let back = try XCTUnwrap(read.outputs)
        XCTAssertEqual(back.map(\.trial), trials.map(\.trial))
        for (b, t) in zip(back, trials) {
            XCTAssertEqual(b.metrics.count, t.metrics.count)
            for (x, y) in zip(b.metrics, t.metrics) { XCTAssertTrue(x == y || (x.isNaN && y.isNaN)) }
        }
        var reordered = read
        reordered.columns.swapAt(1, 2)
        XCTAssertNil(reordered.outputs, "columns out of the schema's order")
        XCTAssertNil(try TrialsFile(text: "trial\n0\n").outputs, "no metric columns")
        var infinite = read
        infinite.rows[0][1] = "inf"
        XCTAssertNil(infinite.outputs, "a value that is not finite")
    }

    /// compare.csv reads back whole through its declared columns: a row per policy arm and
    /// metric, then the rows by part.
    func testCompareTableReadsBackToTheSameBytes() throws {
        let results = try comparison()
        let read = try CompareFile.Table(text: results.csv)
        XCTAssertEqual(read.columns, CompareFile.Table.Column.fixed)
        XCTAssertEqual(read.rendered, results.csv)
        let districtRows = read.rows.indices.filter { !read.field($0, .metric).contains("@") }
        XCTAssertEqual(districtRows.count, (results.names.count - 1) * Metric.allCases.count)
        for column: CompareFile.Table.Column in CompareFile.Table.Column.fixed + [.other("future")] {
            XCTAssertEqual(CompareFile.Table.Column(name: column.name), column, column.name)
        }
        XCTAssertThrowsError(try CompareFile.Table(text: "arm,metric\na,b\n")) { error in
            XCTAssertEqual((error as? CompareFile.Table.ReadError)?.reason, "has no column 'difference'")
        }
    }
}
