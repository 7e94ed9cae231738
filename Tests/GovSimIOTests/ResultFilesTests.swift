import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

final class ResultFilesTests: XCTestCase {
    let folder = TemporaryFolder()

    private func results(threads: Int) throws -> RunResults {
        let path = folder.write("tiny.json5", """
        { run: { trials: 4, days: 28, seed: 11, uncertainty: "fixed" }, district: { cells: [{ count: 2, households: 150 }] },
          disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        let trials = Ensemble(scenario: loaded.scenario, seed: 11, threads: threads).run(trials: 0..<4)
        return RunResults(loaded: loaded, seed: 11, trials: trials)
    }

    func testFilesAreIdenticalForOneAndTwoThreads() throws {
        let one = try results(threads: 1), two = try results(threads: 2)
        XCTAssertEqual(one.trialsCSV, two.trialsCSV)
        XCTAssertEqual(one.summaryJSON, two.summaryJSON)
        XCTAssertEqual(one.timeseriesCSV, two.timeseriesCSV)
    }

    func testTrialsCSVShape() throws {
        let csv = try results(threads: 2).trialsCSV
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 5)
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(header.first, "trial")
        XCTAssertEqual(header.last, "param:disputes.rateMultiplier")
        XCTAssertEqual(header.count, 1 + Metric.allCases.count + 1)
        XCTAssertTrue(lines[1].hasPrefix("0,"))
    }

    func testSummaryHasTheContractedKeys() throws {
        let text = try results(threads: 2).summaryJSON
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        XCTAssertEqual(Set(json.keys), ["scenario", "seed", "trials", "days", "version", "metrics",
                                        "parameter_uncertainty", "parameters_drawn", "parameters_from_shipped_priors"])
        XCTAssertEqual(json["parameter_uncertainty"] as? String, "fixed")
        XCTAssertEqual(json["parameters_drawn"] as? Int, 1)
        let metrics = json["metrics"] as! [String: Any]
        for name in ["safety_score", "satisfaction_pct", "mean_happiness", "disputes", "complaint_rate_pct", "petitions",
                     "mass_incidents", "mediation_success_pct", "resolution_pct", "median_resolution_hours", "incidents",
                     "accidents", "elderly_adverse_events", "response_minutes_median", "cost_total"] {
            let m = try XCTUnwrap(metrics[name] as? [String: Any], name)
            for key in ["mean", "sd", "ci95", "p05", "p50", "p95", "pi90", "pi95"] { XCTAssertNotNil(m[key], "\(name).\(key)") }
            XCTAssertEqual((m["ci95"] as? [Any])?.count, 2)
        }
    }

    func testTimeseriesHasFourWeeksOfEverySeries() throws {
        let lines = try results(threads: 2).timeseriesCSV.split(separator: "\n")
        XCTAssertEqual(lines[0], "week,day,series,mean,p05,p50,p95")
        XCTAssertEqual(lines.count, 1 + 4 * WeeklySeries.allCases.count)
    }

    /// The resolved scenario reproduces the run: loading it and running gives the same trials.
    func testResolvedScenarioReproducesTheRun() throws {
        let original = try results(threads: 2)
        let path = folder.write("resolved.json5", original.resolvedScenario)
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.scenario.run.seed, 11)
        let again = Ensemble(scenario: loaded.scenario, seed: UInt64(loaded.scenario.run.seed), threads: 2).run(trials: 0..<4)
        XCTAssertEqual(again, original.trials)
    }

    func testWriteCreatesEveryFile() throws {
        let r = try results(threads: 1)
        let out = folder.path + "/out/nested"
        let manifest = RunManifest(command: ["govsim", "run"], scenarioFile: "tiny.json5", seed: 11, trials: 4, days: 28,
                                   threads: 1, residents: 780, started: Date(timeIntervalSince1970: 0), seconds: 0.5)
        try r.write(to: out, manifest: manifest)
        for name in ["summary.json", "trials.csv", "timeseries.csv", "scenario.resolved.json5", "manifest.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testUnwritableFolderIsAClearError() {
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/proc/govsim-cannot-write/file")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write /proc/govsim-cannot-write/file:"), "\(error)")
        }
    }
}

final class WritersTests: XCTestCase {
    func testCSVQuoting() {
        var t = CSVTable(header: ["a", "b"])
        t.append(["plain", "with,comma"])
        t.append(["with \"quote\"", "line\nbreak"])
        XCTAssertEqual(t.rendered, "a,b\nplain,\"with,comma\"\n\"with \"\"quote\"\"\",\"line\nbreak\"\n")
        XCTAssertEqual(CSVTable.number(.nan), "")
        XCTAssertEqual(CSVTable.number(3), "3")
        XCTAssertEqual(CSVTable.number(0.1), "0.1")
    }

    func testJSONTextIsSortedAndNullsNaN() {
        let doc = JSONText.object(["b": .number(.nan), "a": .array([.number(1.5), .integer(2)]), "c": .string("q\"\n")])
        XCTAssertEqual(doc.rendered, "{\n  \"a\": [1.5, 2],\n  \"b\": null,\n  \"c\": \"q\\\"\\n\"\n}\n")
    }
}
