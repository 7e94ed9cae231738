import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimCLI

/// A run stopped by a real SIGINT keeps its finished trials, says it is partial, and `--resume`
/// completes it to exactly the data files an uninterrupted run writes.
final class InterruptResumeTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("resume") }
    override func tearDown() { temporary = nil }

    func testInterruptedRunResumesToTheSameFiles() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let scenario = folder + "/many.json5"
        try """
        { run: { trials: 2000, days: 30, seed: 9 }, district: { cells: [{ count: 1, households: 200 }] },
          disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }
        """.write(toFile: scenario, atomically: true, encoding: .utf8)

        let process = try startGovsim(["run", scenario, "--out", folder + "/cut", "--quiet", "--threads", "2"])
        // The whole run takes seconds; the signal comes well before its end.
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, "interrupted runs exit 130")
        let manifest = try JSONSerialization.jsonObject(with: read(folder + "/cut/manifest.json")!) as! [String: Any]
        let partial = try XCTUnwrap(manifest["partial"] as? [String: Any], "the manifest marks the run partial")
        let kept = partial["finished_trials"] as! Int
        XCTAssertGreaterThan(kept, 0)
        XCTAssertLessThan(kept, 2000)
        XCTAssertNotNil(read(folder + "/cut/checkpoint.txt"))

        let resumed = govsim(["run", scenario, "--out", folder + "/cut", "--resume", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.err)
        XCTAssertNil(read(folder + "/cut/checkpoint.txt"), "a finished run drops its checkpoint")
        XCTAssertEqual(govsim(["run", scenario, "--out", folder + "/whole", "--quiet"]).status, 0)
        // Every data file; report.html and manifest.json carry the wall-clock start time.
        for file in ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"] {
            XCTAssertEqual(read(folder + "/cut/" + file), read(folder + "/whole/" + file), file)
        }
        // A different scenario in the folder is refused.
        XCTAssertEqual(govsim(["run", scenario, "--out", folder + "/whole", "--resume", "--seed", "10", "--quiet"]).status, 65)
    }

    func testARunTooBigForTheMachineIsRefusedUpFront() {
        let big = folder + "/big.json5"
        try! "{ district: { cells: [{ count: 40000, households: 400, residentsPerHousehold: 3 }] } }".write(toFile: big, atomically: true, encoding: .utf8)
        let refused = govsim(["run", big, "--threads", "64", "--out", folder + "/big"])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(refused.err.contains("this run needs about"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/big"), "nothing written")
    }
}
