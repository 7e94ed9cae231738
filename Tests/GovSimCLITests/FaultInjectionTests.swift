import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimExperiments
import GovSimIO
@testable import GovSimCLI

/// Nothing lost, nothing mixed (issue 16): the built binary is SIGKILLed at a moment drawn from a
/// fixed seed, then resumed and compared byte for byte with an uninterrupted run; two runs race
/// into one folder; tampered journals and committed folders are refused.
final class FaultInjectionTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("fault") }
    override func tearDown() { temporary = nil }

    private var scenario: String {
        temporary.write("many.json5", """
        { name: "many", run: { trials: 600, days: 30, seed: 9 }, district: { cells: [{ count: 1, households: 200 }] },
          disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }
        """)
    }
    static let dataFiles = ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"]

    /// SIGKILL a run and a shard at moments drawn from seed 16, then --resume: the journal kept
    /// trials, and the files are exactly an uninterrupted run's.
    func testSigkillThenResumeGivesTheSameFiles() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let s = scenario
        XCTAssertEqual(govsim(["run", s, "--out", folder + "/whole", "--quiet"]).status, 0)
        let rng = RandomStream(seed: 16)
        for (name, extra) in [("run", [String]()), ("shard", ["--shard", "1/1"])] {
            let out = folder + "/cut-" + name
            let moment = 0.3 + 0.5 * rng.uniform()  // seconds: the run takes several
            let p = try startGovsim(["run", s, "--out", out, "--threads", "1"] + extra)
            Thread.sleep(forTimeInterval: moment)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "\(name) killed at \(moment) s had already finished")
            let journal = String(decoding: read(out + "/checkpoint.txt") ?? Data(), as: UTF8.self)
            let kept = journal.split(separator: "\n").count - 1
            XCTAssertGreaterThan(kept, 0, "\(name) killed at \(moment) s: the journal kept no trial")
            let r = govsim(["run", s, "--out", out, "--resume", "--quiet"] + extra)
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertNil(read(out + "/checkpoint.txt"), "the journal goes once the folder is committed")
            if name == "run" {
                for f in Self.dataFiles { XCTAssertEqual(read(out + "/" + f), read(folder + "/whole/" + f), "\(name): \(f)") }
                let manifest = try JSONSerialization.jsonObject(with: read(out + "/manifest.json")!) as! [String: Any]
                XCTAssertGreaterThanOrEqual(manifest["resumed_trials"] as? Int ?? -1, kept - 1, "a torn last line at most runs again")
            } else {
                XCTAssertEqual(govsim(["merge", out, "--out", folder + "/merged", "--quiet"]).status, 0)
                for f in Self.dataFiles { XCTAssertEqual(read(folder + "/merged/" + f), read(folder + "/whole/" + f), "\(name): \(f)") }
            }
            // Resuming a finished folder is a successful no-op; an empty one has its own status.
            XCTAssertEqual(govsim(["run", s, "--out", out, "--resume", "--quiet"] + extra).status, 0)
        }
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let none = govsim(["run", s, "--out", folder + "/empty", "--resume"])
        XCTAssertEqual(none.status, ExitStatus.nothingToResume)
        XCTAssertTrue(none.err.contains("nothing to resume here"), none.err)
    }

    /// SIGKILL a comparison at a moment drawn from seed 17, then --resume: the journal kept
    /// finished (arm, trial) pairs, the files are exactly an uninterrupted comparison's, and the
    /// manifest records how many trials were resumed.
    func testSigkilledCompareResumesToTheSameFiles() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let base = scenario, policy = folder + "/policy.json5"
        try #"{ name: "policy", extends: "many.json5", triage: { accuracy: 0.9 } }"#.write(toFile: policy, atomically: true, encoding: .utf8)
        let args = ["compare", base, policy, "--trials", "200", "--threads", "1", "--quiet"]
        XCTAssertEqual(govsim(args + ["--out", folder + "/whole"]).status, 0)
        let rng = RandomStream(seed: 17)
        let out = folder + "/cut", moment = 0.3 + 0.5 * rng.uniform()
        let p = try startGovsim(args + ["--out", out])
        Thread.sleep(forTimeInterval: moment)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal, "compare killed at \(moment) s had already finished")
        let journal = String(decoding: read(out + "/checkpoint.txt") ?? Data(), as: UTF8.self)
        let kept = journal.split(separator: "\n").count - 1
        XCTAssertGreaterThan(kept, 0, "compare killed at \(moment) s: the journal kept no trial")
        XCTAssertEqual(govsim(["report", out]).status, ExitStatus.dataError, "an unfinished comparison is not a result")
        let r = govsim(args + ["--out", out, "--resume"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertNil(read(out + "/checkpoint.txt"), "the journal goes once the folder is committed")
        for f in CompareResults.fileNames { XCTAssertEqual(read(out + "/" + f), read(folder + "/whole/" + f), f) }
        let manifest = try JSONSerialization.jsonObject(with: read(out + "/manifest.json")!) as! [String: Any]
        XCTAssertGreaterThanOrEqual(manifest["resumed_trials"] as? Int ?? -1, kept - 1, "a torn last line at most runs again")
        XCTAssertEqual(govsim(["report", out]).status, 0)
        // Finished: --resume is a no-op; another comparison's journal or an empty folder is refused.
        XCTAssertEqual(govsim(args + ["--out", out, "--resume"]).status, 0)
        XCTAssertEqual(govsim(args + ["--out", out, "--resume", "--seed", "4"]).status, ExitStatus.dataError)
        XCTAssertEqual(govsim(args + ["--out", folder + "/empty", "--resume"]).status, ExitStatus.nothingToResume)
        // A committed comparison edited afterwards is refused by report.
        try "arm,trial\n".write(toFile: out + "/trials.csv", atomically: true, encoding: .utf8)
        let edited = govsim(["report", out])
        XCTAssertEqual(edited.status, ExitStatus.dataError)
        XCTAssertTrue(edited.err.contains("does not match SHA256SUMS"), edited.err)
    }

    /// SIGKILL a sweep at a moment drawn from seed 18, then --resume: the point files kept, and
    /// sweep.csv, sweep_trials.csv and sweep.json are exactly an uninterrupted sweep's.
    func testSigkilledSweepResumesToTheSameFiles() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let args = ["sweep", scenario, "--vary", "triage.accuracy=0.5:0.9:4", "--vary", "mediation.tiers[0].staff=1:4:4",
                    "--trials", "20", "--threads", "1", "--quiet"]
        XCTAssertEqual(govsim(args + ["--out", folder + "/whole"]).status, 0)
        let rng = RandomStream(seed: 18)
        let out = folder + "/cut", moment = 0.4 + 0.6 * rng.uniform()
        let p = try startGovsim(args + ["--out", out])
        Thread.sleep(forTimeInterval: moment)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal, "sweep killed at \(moment) s had already finished")
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: out + "/points"))?.filter { $0.hasPrefix("point-") }.count ?? 0
        XCTAssertGreaterThan(kept, 0, "sweep killed at \(moment) s: no point was kept")
        XCTAssertEqual(govsim(["report", out]).status, ExitStatus.dataError, "an unfinished sweep is not a result")
        // A planted orphan temporary file goes on the next write into the folder.
        try "x".write(toFile: out + "/points/.point-00099.csv.tmp-abc", atomically: false, encoding: .utf8)
        let r = govsim(args + ["--out", out, "--resume"])
        XCTAssertEqual(r.status, 0, r.err)
        for f in SweepFolder.fileNames { XCTAssertEqual(read(out + "/" + f), read(folder + "/whole/" + f), f) }
        XCTAssertNil(read(out + "/points/.point-00099.csv.tmp-abc"), "orphans are removed")
        XCTAssertEqual(govsim(["report", out]).status, 0)
    }

    /// A second run into a folder another run holds is refused, and the first run's files are whole.
    func testASecondRunIntoAHeldFolderIsRefused() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let s = scenario, out = folder + "/shared"
        let first = try startGovsim(["run", s, "--out", out, "--threads", "1", "--quiet"])
        // Wait until the first run holds the lock (its journal exists).
        for _ in 0..<200 where read(out + "/checkpoint.txt") == nil { Thread.sleep(forTimeInterval: 0.01) }
        let second = govsim(["run", s, "--out", out, "--seed", "2", "--trials", "5", "--quiet"])
        XCTAssertEqual(second.status, ExitStatus.cannotCreate)
        XCTAssertTrue(second.err.contains("another govsim is writing into this folder"), second.err)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertEqual(govsim(["run", s, "--out", folder + "/alone", "--quiet"]).status, 0)
        for f in Self.dataFiles { XCTAssertEqual(read(out + "/" + f), read(folder + "/alone/" + f), f) }
    }

    /// A journal with a trial twice, a trial outside the run, or an edited line is refused; a
    /// torn last line (a kill mid-write) is dropped and that trial runs again.
    func testDamagedJournalsAreRefused() throws {
        let s = folder + "/small.json5"
        try #"{ run: { trials: 6, days: 14, seed: 3 }, district: { cells: [{ count: 1, households: 80 }] } }"#.write(toFile: s, atomically: true, encoding: .utf8)
        let out = folder + "/j"
        XCTAssertEqual(govsim(["run", s, "--out", folder + "/whole", "--quiet"]).status, 0)
        let loaded = try ScenarioLoader.load(path: s)
        let digest = RunCheckpoint.digest(loaded.scenario)
        let trials = Ensemble(scenario: loaded.scenario, seed: 3, threads: 1).run(trials: 0..<3)
        func journal(_ lines: [String]) {
            try! FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try! ("govsim-journal 1 \(digest)\n" + lines.joined()).write(toFile: out + "/checkpoint.txt", atomically: true, encoding: .utf8)
        }
        let good = trials.map { RunJournal.line($0) }
        var outside = trials[0]; outside.trial = 100_000
        var edited = good[1]; edited = edited.replacingOccurrences(of: "1;", with: "1;9")
        for (lines, why) in [(good + [good[0]], "appears twice"), ([RunJournal.line(outside)], "is not one of this run's"), ([good[0], edited, good[2]], "fails its digest")] {
            journal(lines)
            let r = govsim(["run", s, "--out", out, "--resume", "--quiet"])
            XCTAssertEqual(r.status, ExitStatus.dataError, why)
            XCTAssertTrue(r.err.contains(why), r.err)
        }
        journal([good[0], good[1], String(good[2].prefix(20))])
        let r = govsim(["run", s, "--out", out, "--resume", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        for f in Self.dataFiles { XCTAssertEqual(read(out + "/" + f), read(folder + "/whole/" + f), f) }
        // A committed folder edited afterwards is refused by report and resume.
        try "x".write(toFile: out + "/summary.json", atomically: true, encoding: .utf8)
        let report = govsim(["report", out])
        XCTAssertEqual(report.status, ExitStatus.dataError)
        XCTAssertTrue(report.err.contains("does not match SHA256SUMS"), report.err)
        XCTAssertEqual(govsim(["run", s, "--out", out, "--resume", "--quiet"]).status, ExitStatus.dataError)
        // An output folder with a planted link at a temporary name is never written through.
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: out).contains { $0.contains(".tmp-") })
    }
}
