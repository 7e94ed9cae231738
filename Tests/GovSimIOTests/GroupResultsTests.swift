import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimIO

/// Files of a district with several groups: overrides round-trip, outputs by group and estate.
final class GroupResultsTests: XCTestCase {
    let folder = TemporaryFolder()

    private func results() throws -> RunResults {
        let path = folder.write("groups.json5", """
        { run: { trials: 3, days: 28, seed: 5 }, council: { meetingsPerYear: 6 },
          district: { cells: [
            { name: "old", count: 2, households: 150, estate: "oldEstate", council: { enabled: true } },
            { name: "village", count: 1, households: 120, estate: "village",
              residents: { elderlyShare: 0.3 }, sensors: { cameras: { coverage: { dist: "uniform", min: 0.2, max: 0.6 } } } },
          ] } }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        let trials = Ensemble(scenario: loaded.scenario, seed: 5, threads: 2).run(trials: 0..<3)
        return RunResults(loaded: loaded, seed: 5, trials: trials)
    }

    func testOverridesRoundTripThroughTheResolvedScenario() throws {
        let original = try results()
        XCTAssertTrue(original.resolvedScenario.contains("coverage: {dist: \"uniform\""))
        let loaded = try ScenarioLoader.load(path: folder.write("resolved.json5", original.resolvedScenario))
        XCTAssertEqual(loaded.scenario.district.cells, original.scenario.district.cells)
        let again = Ensemble(scenario: loaded.scenario, seed: 5, threads: 1).run(trials: 0..<3)
        XCTAssertEqual(again, original.trials)
    }

    func testSummaryGivesGroupsAndEstates() throws {
        let text = try results().summaryJSON
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let groups = try XCTUnwrap(json["groups"] as? [String: Any])
        XCTAssertEqual(Set(groups.keys), ["old", "village"])
        let village = try XCTUnwrap(groups["village"] as? [String: Any])
        XCTAssertEqual(village["households"] as? Double, 120)
        XCTAssertEqual(village["overrides"] as? [String], ["sensors.cameras.coverage", "residents.elderlyShare"])
        let metrics = try XCTUnwrap(village["metrics"] as? [String: Any])
        for name in ["safety_score", "satisfaction_pct", "elderly_safety_score", "elderly_satisfaction_pct", "disputes", "petitions",
                     "incidents", "response_minutes_median", "elderly_adverse_events"] {
            let m = try XCTUnwrap(metrics[name] as? [String: Any], name)
            for key in ["mean", "sd", "ci95", "p05", "p50", "p95", "n", "unit", "kind"] { XCTAssertNotNil(m[key], "\(name).\(key)") }
        }
        XCTAssertNil(metrics["cost_total"], "costs are district-only")
        let estates = try XCTUnwrap(json["estates"] as? [String: Any])
        XCTAssertEqual(Set(estates.keys), ["oldEstate", "village"])
        XCTAssertTrue((json["district_only_metrics"] as? [String])?.contains("cost_total") ?? false)
    }

    func testTrialsCSVHasColumnsByGroup() throws {
        let r = try results()
        let header = r.trialsCSV.split(separator: "\n")[0].split(separator: ",").map(String.init)
        XCTAssertTrue(header.contains("safety_score@old"))
        XCTAssertTrue(header.contains("elderly_satisfaction_pct@village"))
        XCTAssertEqual(header.count, 1 + Metric.allCases.count + r.scenario.distributionPaths.count + 2 * Metric.byGroupColumns.count)
        XCTAssertTrue(header.contains("param:district.cells[1].sensors.cameras.coverage"))
    }

    func testTrialLinesKeepTheParts() throws {
        for t in try results().trials {
            XCTAssertEqual(t.parts.count, 4)
            XCTAssertEqual(TrialLine.decode(Substring(TrialLine.encode(t))), t)
        }
    }

    func testDuplicateGroupNamesAreABadFile() {
        let path = folder.write("dup.json5", "{ district: { cells: [{ name: \"a\" }, { name: \"a\" }] } }")
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            XCTAssertTrue("\(error)".contains("district.cells[1].name"), "\(error)")
        }
    }

    /// compare gives each group's paired differences: a council only in the old estate settles
    /// issues there and changes nothing the village lives through before any dispute.
    func testCompareGivesDifferencesByGroup() throws {
        let base = try ScenarioLoader.load(path: folder.write("base.json5", """
        { name: "base", run: { days: 60 }, district: { cells: [
            { name: "old", count: 2, households: 150, estate: "oldEstate" }, { name: "village", count: 1, households: 120, estate: "village" } ] } }
        """)).scenario
        var policy = base
        policy.name = "policy"
        let policyFile = folder.write("policy.json5", """
        { name: "policy", run: { days: 60 }, district: { cells: [
            { name: "old", count: 2, households: 150, estate: "oldEstate", council: { enabled: true } },
            { name: "village", count: 1, households: 120, estate: "village" } ] } }
        """)
        policy = try ScenarioLoader.load(path: policyFile).scenario
        let outcome = Comparison(arms: [base, policy], seed: 3, threads: 2).run(Comparison.Plan(trials: 4))
        let results = CompareResults(scenarios: [base, policy], seed: 3, outcome: outcome, objective: .safetyScore)
        let json = try JSONSerialization.jsonObject(with: Data(results.json.utf8)) as! [String: Any]
        let byGroup = try XCTUnwrap((json["differences_by_group"] as? [String: Any])?["policy"] as? [String: Any])
        let groups = try XCTUnwrap(byGroup["groups"] as? [String: Any])
        XCTAssertEqual(Set(groups.keys), ["old", "village"])
        let oldDisputes = try XCTUnwrap((groups["old"] as? [String: Any])?["disputes"] as? [String: Any])
        XCTAssertLessThan(try XCTUnwrap(oldDisputes["difference"] as? Double), 0, "the council settles issues before they are disputes")
        XCTAssertTrue(results.csv.contains("policy,disputes@old,"))
        XCTAssertTrue(results.csv.contains("policy,disputes@estate:village,"))
    }
}

/// `district.cellsFile`: a district from a CSV file.
final class CellsFileTests: XCTestCase {
    let folder = TemporaryFolder()

    func testADistrictFromCSVIsTheDistrictWrittenInline() throws {
        _ = folder.write("cells.csv", """
        name,count,households,estate,residentsPerHousehold,elderlyShare,gridWorkers,council.enabled,sensors.cameras.coverage
        old,3,250,oldEstate,2.4,,,true,
        villages,2,180,village,,0.3,0.5,,
        "new, east",1,400,newEstate,,,,,0.6

        """)
        let fromCSV = try ScenarioLoader.load(path: folder.write("csv.json5", "{ name: \"d\", run: { days: 40 }, district: { cellsFile: \"cells.csv\" } }"))
        let inline = try ScenarioLoader.load(path: folder.write("inline.json5", """
        { name: "d", run: { days: 40 }, district: { cells: [
          { name: "old", count: 3, households: 250, estate: "oldEstate", residentsPerHousehold: 2.4, council: { enabled: true } },
          { name: "villages", count: 2, households: 180, estate: "village", residents: { elderlyShare: 0.3 }, response: { gridWorkersPerCell: 0.5 } },
          { name: "new, east", count: 1, households: 400, estate: "newEstate", sensors: { cameras: { coverage: 0.6 } } },
        ] } }
        """))
        XCTAssertEqual(fromCSV.scenario, inline.scenario)
        let a = Ensemble(scenario: fromCSV.scenario, seed: 2, threads: 2).run(trials: 0..<2)
        let b = Ensemble(scenario: inline.scenario, seed: 2, threads: 1).run(trials: 0..<2)
        XCTAssertEqual(a, b)
    }

    func testBadCellsNameTheFileRowAndColumn() {
        _ = folder.write("bad.csv", """
        name,count,households,estate,council.enabld,sensors.cameras.coverage
        a,3,250,oldEstate,,2
        b,x,250,villag,true,
        """)
        let path = folder.write("bad.json5", "{ district: { cellsFile: \"bad.csv\" } }")
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("bad.csv: row 2, column 'sensors.cameras.coverage': expected"), text)
            XCTAssertTrue(text.contains("bad.csv: row 3, column 'count'"), text)
            XCTAssertTrue(text.contains("bad.csv: row 3, column 'estate'"), text)
            XCTAssertTrue(text.contains("bad.csv: row 3, column 'council.enabld'"), text)
        }
        _ = folder.write("short.csv", "name,count\na,1\n")
        XCTAssertThrowsError(try ScenarioLoader.load(path: folder.write("short.json5", "{ district: { cellsFile: \"short.csv\" } }"))) { error in
            XCTAssertTrue("\(error)".contains("short.csv: row 1: missing column 'households'"), "\(error)")
        }
        XCTAssertThrowsError(try ScenarioLoader.load(path: folder.write("none.json5", "{ district: { cellsFile: \"none.csv\" } }"))) { error in
            XCTAssertTrue("\(error)".contains("district.cellsFile: cannot read 'none.csv'"), "\(error)")
        }
    }

    /// `areaKm2`: a column like any group field, checked > 0 with the row and column named.
    func testAreaIsAColumn() throws {
        _ = folder.write("area.csv", "name,count,households,estate,areaKm2\na,2,300,oldEstate,0.05\nb,1,200,village,\n")
        let s = try ScenarioLoader.load(path: folder.write("area.json5", "{ district: { cellsFile: \"area.csv\" } }")).scenario
        XCTAssertEqual(s.district.cells.map(\.areaKm2), [.fixed(0.05), nil])
        _ = folder.write("zero.csv", "name,count,households,estate,areaKm2\na,2,300,oldEstate,0.05\nb,1,200,village,0\n")
        XCTAssertThrowsError(try ScenarioLoader.load(path: folder.write("zero.json5", "{ district: { cellsFile: \"zero.csv\" } }"))) { error in
            XCTAssertTrue("\(error)".contains("zero.csv: row 3, column 'areaKm2': expected a number > 0 and at most 10000 (km² per cell), got 0"), "\(error)")
        }
    }
}
