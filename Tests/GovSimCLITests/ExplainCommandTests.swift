import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimCLI

/// `govsim explain`: the files it writes, their independence of the thread count, their report,
/// its usage errors, and an interrupted explanation resumed to the same files.
final class ExplainCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    private var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("explain") }
    override func tearDown() { temporary = nil }

    /// A small district and a three-lever package: more first-tier mediators, the council, cameras.
    private func pair(trials: Int = 6, days: Int = 20, households: Int = 80) -> (String, String) {
        let base = temporary.write("base.json5", """
            { name: "base", run: { trials: \(trials), days: \(days), seed: 5 }, district: { cells: [{ count: 2, households: \(households) }] } }
            """)
        let policy = temporary.write("package.json5", """
            { name: "package", extends: "base.json5", mediation: { tiers: [{ name: "community", staff: 6 }] },
              council: { enabled: true }, sensors: { cameras: { coverage: 0.8 } } }
            """)
        return (base, policy)
    }

    func testExplainWritesTheDecompositionWhateverTheThreadCount() throws {
        let (base, policy) = pair()
        let one = govsim(["explain", base, policy, "--threads", "1", "--out", folder + "/one", "--quiet"])
        XCTAssertEqual(one.status, 0, one.err)
        let two = govsim(["explain", base, policy, "--threads", "2", "--out", folder + "/two"])
        XCTAssertEqual(two.status, 0, two.err)
        for file in ExplainResults.fileNames {
            XCTAssertNotNil(read(folder + "/one/" + file), file)
            XCTAssertEqual(read(folder + "/one/" + file), read(folder + "/two/" + file), "\(file) is the same on 1 and 2 threads")
        }
        XCTAssertTrue(two.out.contains("safety_score"), two.out)
        XCTAssertTrue(two.out.contains("Shapley (95% CI)"), two.out)

        let json = try JSONSerialization.jsonObject(with: read(folder + "/one/explain.json")!) as! [String: Any]
        XCTAssertEqual(json["method"] as? String, "exact")
        let levers = json["levers"] as! [[String: Any]]
        XCTAssertEqual(levers.compactMap { $0["path"] as? String }.sorted(),
                       ["council.enabled", "mediation.tiers", "sensors.cameras.coverage"].sorted(),
                       "a tier list of another length is one lever")
        XCTAssertEqual(json["coalitions"] as? Int, 8)
        // Efficiency: the levers' Shapley values add up to the policy's effect, output by output.
        let total = json["total"] as! [String: [String: Any]]
        for metric in ["safety_score", "satisfaction_pct", "cost_total", "disputes"] {
            let sum = levers.map { (($0["shapley"] as! [String: [String: Any]])[metric]!["mean"] as! NSNumber).doubleValue }.reduce(0, +)
            let whole = (total[metric]!["mean"] as! NSNumber).doubleValue
            XCTAssertEqual(sum, whole, accuracy: 1e-9 * max(1, abs(whole)), metric)
            for lever in levers {
                for measure in ["shapley", "alone", "leave_one_out"] {
                    let entry = (lever[measure] as! [String: [String: Any]])[metric]!
                    XCTAssertEqual((entry["ci95"] as? [Any])?.count, 2, "\(measure) of \(metric) has its interval")
                }
            }
        }
        // The CSV is tidy: one row per lever, output and measure, plus the total and interaction.
        let csv = String(decoding: read(folder + "/one/explain.csv")!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(csv.first, "lever,output,measure,mean,ci95_lo,ci95_hi,n,sampling_se")
        XCTAssertEqual(csv.count - 1, Metric.allCases.count * (2 + 3 * 3))

        // The report: a waterfall per headline output, redrawn byte for byte from explain.json.
        let html = String(decoding: read(folder + "/one/report.html")!, as: UTF8.self)
        XCTAssertTrue(html.contains("From the baseline to the policy, lever by lever"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3, "safety, satisfaction and cost")
        XCTAssertFalse(html.contains(" src=") || html.contains("<script"), "self-contained, no script")
        let before = read(folder + "/one/report.html")
        XCTAssertEqual(govsim(["report", folder + "/one"]).status, 0)
        XCTAssertEqual(read(folder + "/one/report.html"), before)
    }

    func testUsageMistakesAndMismatchedFiles() {
        let (base, policy) = pair()
        XCTAssertEqual(govsim(["explain", base]).status, ExitStatus.usage, "two scenarios are needed")
        XCTAssertEqual(govsim(["explain", folder + "/missing.json5"]).status, ExitStatus.usage, "usage before the file is read")
        XCTAssertEqual(govsim(["explain", base, policy, "--permutations", "1", "--out", folder + "/p"]).status, ExitStatus.usage)
        XCTAssertEqual(govsim(["explain", base, policy, "--trials", "0", "--out", folder + "/t"]).status, ExitStatus.usage)
        let fixed = temporary.write("fixed.json5", #"{ name: "fixed", extends: "package.json5", run: { uncertainty: "fixed" } }"#)
        let r = govsim(["explain", base, fixed, "--out", folder + "/u"])
        XCTAssertEqual(r.status, ExitStatus.dataError)
        XCTAssertTrue(r.err.contains("run.uncertainty"), r.err)
        XCTAssertEqual(govsim(["explain", base, fixed, "--fixed", "--out", folder + "/f", "--quiet"]).status, 0, "--fixed makes them agree")
    }

    func testAnInterruptedExplanationResumesToTheSameFiles() throws {
        _ = try XCTUnwrap(builtGovsim, "swift build leaves .build/debug/govsim before the tests run")
        let (base, policy) = pair(trials: 150, days: 20, households: 80)
        let process = try startGovsim(["explain", base, policy, "--out", folder + "/cut", "--quiet", "--threads", "2"])
        // 8 × 150 trials take far longer than this: the signal comes after some have finished.
        var waited = 0.0
        while waited < 20, (read(folder + "/cut/checkpoint.txt").map { $0.filter { $0 == 10 }.count } ?? 0) < 40 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, ExitStatus.interrupted)
        XCTAssertNil(read(folder + "/cut/explain.json"), "no decomposition from part of the combinations")
        XCTAssertNotNil(read(folder + "/cut/checkpoint.txt"), "the finished trials are kept")

        let resumed = govsim(["explain", base, policy, "--out", folder + "/cut", "--resume", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.err)
        let manifest = try JSONSerialization.jsonObject(with: read(folder + "/cut/manifest.json")!) as! [String: Any]
        XCTAssertGreaterThan(manifest["resumed_trials"] as? Int ?? 0, 0, "the journalled trials were used")
        XCTAssertNil(read(folder + "/cut/checkpoint.txt"))
        XCTAssertEqual(govsim(["explain", base, policy, "--out", folder + "/whole", "--quiet"]).status, 0)
        for file in ExplainResults.fileNames {
            XCTAssertEqual(read(folder + "/cut/" + file), read(folder + "/whole/" + file), file)
        }
    }
}
