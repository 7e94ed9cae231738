import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimCLI

/// `govsim calibrate --method abc` end to end on a tiny district: the posterior file is written
/// and reads back, the calibrated file draws from it, `posterior:` changes trials
/// deterministically and both arms of a compare share the vector; `--resume` continues a fit to
/// the same posterior; usage and data mistakes exit 64 and 65.
final class CalibrateABCTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() {
        temporary = TemporaryFolder("abc")
        try! """
        { name: "before", run: { trials: 4, days: 30, seed: 7 },
          district: { cells: [{ count: 2, households: 80, estate: "oldEstate" }] },
          estates: { oldEstate: { baseHappiness: { dist: "normal", mean: 60, sd: 8 } } },
          targets: { satisfaction_pct: { value: 62, tolerance: 3 }, complaint_rate_pct: { value: 8, tolerance: 2 } } }
        """.write(toFile: folder + "/before.json5", atomically: true, encoding: .utf8)
    }
    override func tearDown() { temporary = nil }

    private var fit: [String] {
        ["calibrate", folder + "/before.json5", "--method", "abc", "--fit", "estates.oldEstate.propertyDisputeRate=0.05:1.5",
         "--fit", "estates.oldEstate.baseHappiness", "--particles", "12", "--trials", "2", "--threads", "2", "--quiet"]
    }

    func testPosteriorIsWrittenReadAndDrawnPerTrial() throws {
        let r = govsim(fit + ["--budget", "60"])
        XCTAssertEqual(r.status, 0, r.err)
        let csv = try String(contentsOfFile: folder + "/before.posterior.csv", encoding: .utf8)
        XCTAssertTrue(csv.contains("# generation=0 tolerance=inf acceptance=1 simulations=12"), csv)
        XCTAssertTrue(csv.contains("\nestates.oldEstate.propertyDisputeRate,estates.oldEstate.baseHappiness,weight\n"), csv)
        let calibrated = try ScenarioLoader.load(path: folder + "/before.calibrated.json5")
        let posterior = try XCTUnwrap(calibrated.scenario.posterior)
        XCTAssertEqual(posterior.paths, ["estates.oldEstate.propertyDisputeRate", "estates.oldEstate.baseHappiness"])
        XCTAssertEqual(posterior.rows.count, 12)
        XCTAssertEqual(posterior.weights.reduce(0, +), 1, accuracy: 1e-12)
        // The prior of baseHappiness was the file's normal(60, 8): its draws are not confined to a range.
        XCTAssertTrue(posterior.rows.allSatisfy { (0.05...1.5).contains($0[0]) })

        // Each trial takes one row; the same trial the same row, in run and in both arms of compare.
        let s = calibrated.scenario
        for trial in 0..<6 {
            let (a, draws) = s.realised(seed: 7, trial: trial)
            let row = posterior.rows[posterior.row(seed: 7, trial: trial)]
            XCTAssertEqual(a.estates.oldEstate.propertyDisputeRate, .fixed(row[0]))
            XCTAssertEqual(a.estates.oldEstate.baseHappiness, .fixed(row[1]), "the posterior overrides the file's distribution")
            // The draws of the fitted paths (listed after the shipped priors' draws) are the row's.
            let drawn = Dictionary(draws.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(posterior.paths.map { drawn[$0] }, row)
            XCTAssertEqual(Array(draws.suffix(2).map(\.path)), posterior.paths)
        }
        XCTAssertGreaterThan(Set((0..<12).map { posterior.row(seed: 7, trial: $0) }).count, 3, "trials draw different rows")
        try """
        { extends: "before.calibrated.json5", name: "council", council: { enabled: true } }
        """.write(toFile: folder + "/council.json5", atomically: true, encoding: .utf8)
        let policy = try ScenarioLoader.load(path: folder + "/council.json5")
        XCTAssertEqual(policy.scenario.posterior, posterior, "a file extending the calibrated one inherits its sample")
        for trial in 0..<6 {
            XCTAssertEqual(policy.scenario.realised(seed: 7, trial: trial).draws.map(\.value), s.realised(seed: 7, trial: trial).draws.map(\.value))
        }
        // A value set by path (a sweep point, a fit) wins over the sample's column; the other column stays.
        let swept = try ParameterPath("estates.oldEstate.baseHappiness", in: s).setting(50, in: s)
        XCTAssertEqual(swept.posterior?.paths, ["estates.oldEstate.propertyDisputeRate"])
        for trial in 0..<3 {
            let a = swept.realised(seed: 7, trial: trial).scenario
            XCTAssertEqual(a.estates.oldEstate.baseHappiness, .fixed(50))
            XCTAssertEqual(a.estates.oldEstate.propertyDisputeRate, .fixed(posterior.rows[posterior.row(seed: 7, trial: trial)][0]))
        }
        // Without the posterior the trials differ; with it the run is the same twice.
        var plain = s
        plain.posterior = nil
        XCTAssertNotEqual(runTrial(plain, seed: 7, trial: 0).metrics, runTrial(s, seed: 7, trial: 0).metrics)
        XCTAssertEqual(runTrial(s, seed: 7, trial: 1).metrics, runTrial(s, seed: 7, trial: 1).metrics)
        let run = govsim(["run", folder + "/before.calibrated.json5", "--out", folder + "/run", "--trials", "3", "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
        let trials = try String(contentsOfFile: folder + "/run/trials.csv", encoding: .utf8)
        XCTAssertTrue(trials.hasPrefix("trial,") && trials.contains("param:estates.oldEstate.propertyDisputeRate"))
        let resolved = try String(contentsOfFile: folder + "/run/scenario.resolved.json5", encoding: .utf8)
        XCTAssertTrue(resolved.contains("posterior: \"\(URL(fileURLWithPath: folder + "/before.posterior.csv").standardizedFileURL.path)\""), resolved)
    }

    /// A fit stopped by its budget and resumed with a larger one gives the posterior of one
    /// uninterrupted fit with the larger budget.
    func testResumeContinuesToTheSamePosterior() throws {
        XCTAssertEqual(govsim(fit + ["--budget", "90", "--out", folder + "/full"]).status, 0)
        XCTAssertEqual(govsim(fit + ["--budget", "40", "--out", folder + "/part"]).status, 0)
        let resumed = govsim(fit + ["--budget", "90", "--out", folder + "/part", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.err)
        func rows(_ dir: String) throws -> [Substring] {
            try String(contentsOfFile: folder + "/\(dir)/before.posterior.csv", encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("# govsim") }
        }
        XCTAssertEqual(try rows("part"), try rows("full"))
        XCTAssertGreaterThan(try rows("full").count, 14)
        XCTAssertEqual(govsim(fit + ["--out", folder + "/nowhere", "--resume"]).status, ExitStatus.nothingToResume)
        XCTAssertEqual(govsim(fit + ["--budget", "90", "--seed", "8", "--out", folder + "/part", "--resume"]).status, ExitStatus.dataError,
                       "a journal of a different fit is refused")
    }

    func testMistakesExit64And65() throws {
        XCTAssertEqual(govsim(["calibrate", folder + "/before.json5", "--method", "bayes", "--fit", "estates.oldEstate.baseHappiness"]).status, ExitStatus.usage)
        XCTAssertEqual(govsim(["calibrate", folder + "/before.json5", "--particles", "20", "--fit", "estates.oldEstate.baseHappiness=40:80"]).status, ExitStatus.usage)
        XCTAssertEqual(govsim(["calibrate", folder + "/before.json5", "--method", "abc", "--fit", "reporting.offlineDelayHours"]).status, ExitStatus.usage,
                       "an unbounded field with no distribution needs a range")
        try "estates.oldEstate.baseHappiness,weight\n60,1\n101,1\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        try "{ extends: \"before.json5\", posterior: \"bad.csv\" }".write(toFile: folder + "/uses-bad.json5", atomically: true, encoding: .utf8)
        let r = govsim(["run", folder + "/uses-bad.json5", "--out", folder + "/x"])
        XCTAssertEqual(r.status, ExitStatus.dataError)
        XCTAssertTrue(r.err.contains("bad.csv: line 3, column 'estates.oldEstate.baseHappiness': expected a number from 0 to 100"), r.err)
    }
}
