import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimCLI

/// The commands, run in-process through `GovSimTool.main` with a recording console.
final class CommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("cli") }
    override func tearDown() { temporary = nil }

    private var tiny: String {
        temporary.write("tiny.json5", """
        { run: { trials: 6, days: 21, seed: 3 }, district: { cells: [{ count: 2, households: 120 }] },
          triage: { accuracy: { dist: "beta", alpha: 8, beta: 2 } } }
        """)
    }

    func testRunWritesEveryFileAndPrintsTheHeadlines() throws {
        let out = folder + "/out"
        let r = govsim("run", tiny, "--out", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("tiny: 6 trials × 21 days, seed 3"), r.out)
        XCTAssertTrue(r.out.contains("Predicted safety score"))
        XCTAssertTrue(r.out.contains("safety_score"))
        XCTAssertEqual(r.err, "", "no progress bar when stderr is not a terminal")
        for file in ["summary.json", "trials.csv", "timeseries.csv", "scenario.resolved.json5", "manifest.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + file), file)
        }
    }

    /// The same run on 1 and 2 threads writes identical trials.csv (and every other data file).
    func testOneAndTwoThreadsWriteIdenticalFiles() throws {
        let path = tiny
        XCTAssertEqual(govsim("run", path, "--threads", "1", "--out", folder + "/a", "--quiet").status, 0)
        XCTAssertEqual(govsim("run", path, "--threads", "2", "--out", folder + "/b", "--quiet").status, 0)
        for file in ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b/" + file))
            XCTAssertEqual(a, b, file)
        }
    }

    func testOverridesReachTheResults() throws {
        XCTAssertEqual(govsim("run", tiny, "--trials", "3", "--days", "14", "--seed", "99", "--out", folder + "/o", "--quiet").status, 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/o/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["trials"] as? Int, 3)
        XCTAssertEqual(summary["days"] as? Int, 14)
        XCTAssertEqual(summary["seed"] as? Int, 99)
    }

    /// Re-running scenario.resolved.json5 reproduces the run byte for byte.
    func testResolvedScenarioReproducesTheRun() throws {
        XCTAssertEqual(govsim("run", tiny, "--seed", "12345", "--out", folder + "/first", "--quiet").status, 0)
        XCTAssertEqual(govsim("run", folder + "/first/scenario.resolved.json5", "--out", folder + "/second", "--quiet").status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/first/trials.csv")),
                       try Data(contentsOf: URL(fileURLWithPath: folder + "/second/trials.csv")))
    }

    func testBadScenarioExits65AndWritesNothing() {
        let bad = temporary.write("bad.json5", "{ mediation: { tiers: [{}, { staff: -2 }] }, counsil: {} }")
        let out = folder + "/never"
        let r = govsim("run", bad, "--out", out)
        XCTAssertEqual(r.status, 65)
        XCTAssertEqual(r.err, """
        \(bad): mediation.tiers[1].staff: expected an integer ≥ 0 (persons), got -2
        \(bad): counsil: unknown key 'counsil'; did you mean 'council'?

        """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testUsageMistakesExit64WithTheUsageLine() {
        let r = govsim("run", tiny, "--trails", "5")
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.hasPrefix("Error: unknown option '--trails'; did you mean '--trials'?\nUsage: govsim run <scenario>"), r.err)
        XCTAssertTrue(r.err.hasSuffix("See 'govsim help run' for more.\n"), r.err)
        XCTAssertEqual(govsim("run").status, 64)
        XCTAssertEqual(govsim("run", tiny, "--trials", "0").status, 64)
        XCTAssertEqual(govsim("run", tiny, "--threads", "many").status, 64)
        let unknown = govsim("rnu")
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.err.hasPrefix("Error: unknown command 'rnu'; did you mean 'run'?"), unknown.err)
        XCTAssertEqual(govsim().status, 64)
        // Selection needs an indifference zone, and is a stopping rule of its own.
        let select = govsim("compare", tiny, tiny, "--select")
        XCTAssertEqual(select.status, 64)
        XCTAssertTrue(select.err.contains("--select needs --indifference"), select.err)
        XCTAssertEqual(govsim("compare", tiny, tiny, "--select", "--indifference", "1", "--precision", "0.5").status, 64)
        // --detect must exceed the tolerance it is measured against.
        XCTAssertEqual(govsim("baseline", tiny, "--detect", "0.5").status, 64)
    }

    /// A baseline recorded before an output was added still checks exactly: every recorded output
    /// of every trial bit for bit, the new output named; a real change is still drift.
    func testAnOutputAddedSinceTheBaselineIsNoDrift() throws {
        let out = folder + "/baselines"
        XCTAssertEqual(govsim("baseline", tiny, "--out", out).status, 0)
        let file = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".baseline.json") })
        let path = out + "/" + file
        var text = try String(contentsOfFile: path, encoding: .utf8)
        // As if recorded before the last output existed: not in metric_order, another digest.
        let last = try XCTUnwrap(text.range(of: ",\\s*\"\(Metric.allCases.last!.name)\"(?=\\s*\\])", options: .regularExpression))
        text.removeSubrange(last)
        let digest = try XCTUnwrap(text.range(of: #""trials_csv_digest": *"[0-9a-f]+""#, options: .regularExpression))
        text.replaceSubrange(digest, with: #""trials_csv_digest": "0""#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let same = govsim("check", "--baseline", path, tiny)
        XCTAssertEqual(same.status, 0, same.out + same.err)
        XCTAssertTrue(same.out.contains("outputs added since: \(Metric.allCases.last!.name)"), same.out)
        let changed = temporary.write("changed.json5", try String(contentsOfFile: tiny, encoding: .utf8)
            .replacingOccurrences(of: "district:", with: "disputes: { rateMultiplier: 1.5 }, district:"))
        let drift = govsim("check", "--baseline", path, changed)
        XCTAssertEqual(drift.status, 1, drift.out + drift.err)
        XCTAssertTrue(drift.out.contains("DRIFT in exact mode"), drift.out)
    }

    func testUnwritableOutputExits73() {
        let r = govsim("run", tiny, "--out", "/proc/govsim-no/out")
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.err.contains("cannot"), r.err)
    }

    func testHelpAndVersion() {
        let root = govsim("--help")
        XCTAssertEqual(root.status, 0)
        XCTAssertTrue(root.out.contains("SUBCOMMANDS"))
        for name in ["run", "validate", "params", "help"] { XCTAssertTrue(root.out.contains(name)) }
        let run = govsim("help", "run")
        XCTAssertEqual(run.status, 0)
        for section in ["OVERVIEW", "USAGE", "ARGUMENTS", "OPTIONS", "--threads"] { XCTAssertTrue(run.out.contains(section), section) }
        XCTAssertEqual(govsim("run", "--help").out, run.out)
        XCTAssertEqual(govsim("--version").out, "govsim \(GovSimTool.spec.version)\n")
        XCTAssertEqual(govsim("help", "nope").status, 64)
    }

    func testCompareWritesPairedDifferences() throws {
        let base = tiny
        let policy = temporary.write("policy.json5", "{ extends: \"tiny.json5\", council: { enabled: true } }")
        let out = folder + "/cmp"
        let r = govsim("compare", base, policy, base, "--trials", "5", "--out", out)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("tiny vs policy, tiny-2: paired trials"), r.out)
        XCTAssertTrue(r.out.contains("Cost-effectiveness"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/compare.json"))) as! [String: Any]
        XCTAssertEqual(json["arms"] as? [String], ["tiny", "policy", "tiny-2"])
        let same = (json["differences"] as! [String: Any])["tiny-2"] as! [String: Any]
        XCTAssertEqual((same["safety_score"] as! [String: Any])["difference"] as? Double, 0)
        let csv = try String(contentsOfFile: out + "/compare.csv", encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 2 * Metric.allCases.count)
        XCTAssertEqual(govsim("compare", base).status, 64, "a comparison needs a policy")
        XCTAssertEqual(govsim("compare", base, policy, "--objective", "safty").status, 64)
    }

    /// --precision adds batches until the headline intervals are narrow enough, the same on any
    /// thread count.
    func testRunWithPrecisionStopsWhenPreciseEnough() throws {
        let path = tiny
        let r = govsim("run", path, "--precision", "0.5", "--batch", "4", "--max-trials", "40", "--threads", "1", "--out", folder + "/p1", "--quiet")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(govsim("run", path, "--precision", "0.5", "--batch", "4", "--max-trials", "40", "--threads", "2", "--out", folder + "/p2", "--quiet").status, 0)
        let a = try String(contentsOfFile: folder + "/p1/trials.csv", encoding: .utf8)
        XCTAssertEqual(a, try String(contentsOfFile: folder + "/p2/trials.csv", encoding: .utf8))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/p1/summary.json"))) as! [String: Any]
        let trials = summary["trials"] as! Int
        XCTAssertEqual(trials % 4, 0)
        let safety = (summary["metrics"] as! [String: Any])["safety_score"] as! [String: Any]
        let ci = safety["ci95"] as! [Double]
        XCTAssertTrue(trials == 40 || (ci[1] - ci[0]) / 2 < 0.5, "stopped at \(trials) trials with half-width \((ci[1] - ci[0]) / 2)")
    }

    func testSweepAndSensitivityWriteTheirTables() throws {
        let path = tiny
        let sweep = govsim("sweep", path, "--vary", "mediation.tiers[0].staff=1:3:3", "--trials", "2", "--out", folder + "/sw")
        XCTAssertEqual(sweep.status, 0, sweep.err)
        let rows = try String(contentsOfFile: folder + "/sw/sweep.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 1 + 3 * Metric.allCases.count)
        XCTAssertEqual(rows[0], "point,mediation.tiers[0].staff,metric,unit,n,mean,sd,ci95_lo,ci95_hi,p05,p50,p95,difference,difference_ci95_lo,difference_ci95_hi")
        // Resuming a finished sweep redoes nothing and rewrites the same tables.
        let before = try String(contentsOfFile: folder + "/sw/sweep_trials.csv", encoding: .utf8)
        XCTAssertEqual(govsim("sweep", path, "--vary", "mediation.tiers[0].staff=1:3:3", "--trials", "2", "--out", folder + "/sw", "--resume", "--quiet").status, 0)
        XCTAssertEqual(try String(contentsOfFile: folder + "/sw/sweep_trials.csv", encoding: .utf8), before)
        XCTAssertEqual(govsim("sweep", path, "--vary", "mediation.tiers[0].staff=1:3:4", "--trials", "2", "--out", folder + "/sw", "--resume").status, 65,
                       "a different sweep in the folder is refused")
        XCTAssertEqual(govsim("sweep", path, "--vary", "triage.accuracy=0.5:2").status, 64, "out of the field's range")

        // A sweep stored in the scenario runs without --vary; a bad path in it is a bad file.
        let stored = temporary.write("stored.json5", """
        { extends: "tiny.json5", sweep: { vary: [{ path: "triage.accuracy", lo: 0.5, hi: 0.9, steps: 2 }], trials: 2 } }
        """)
        XCTAssertEqual(govsim("sweep", stored, "--out", folder + "/st", "--quiet").status, 0)
        XCTAssertEqual(try String(contentsOfFile: folder + "/st/sweep.csv", encoding: .utf8).split(separator: "\n").count, 1 + 2 * Metric.allCases.count)
        let wrong = temporary.write("wrong.json5", "{ sweep: { vary: [{ path: \"triage.acuracy\" }] } }")
        let bad = govsim("sweep", wrong)
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.err.contains("sweep.vary[0].path: no numeric parameter 'triage.acuracy'; did you mean 'triage.accuracy'?"), bad.err)

        let sens = govsim("sensitivity", path, "--vary", "triage.accuracy=0.5:0.9", "--vary", "council.meetingsPerYear=0:12",
                          "--samples", "4", "--replicates", "2", "--out", folder + "/se")
        XCTAssertEqual(sens.status, 0, sens.err)
        XCTAssertTrue(sens.out.contains("first order"))
        let csv = try String(contentsOfFile: folder + "/se/sensitivity.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 1 + 2 * 2)
        let morris = govsim("sensitivity", path, "--method", "morris", "--vary", "triage.accuracy=0.5:0.9", "--samples", "3",
                            "--replicates", "2", "--out", folder + "/mo", "--quiet")
        XCTAssertEqual(morris.status, 0, morris.err)
    }

    func testCheckExitCodes() throws {
        _ = tiny
        let met = temporary.write("met.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 50, tolerance: 50 } } }")
        let missed = temporary.write("missed.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 5, tolerance: 1 } } }")
        let relative = temporary.write("rel.json5", "{ extends: \"tiny.json5\", council: { enabled: true }, targets: { disputes: { relativeTo: \"tiny.json5\", change_pct: -10, tolerance: 100 } } }")
        let ok = govsim("check", met, relative, "--trials", "3", "--out", folder + "/c1")
        XCTAssertEqual(ok.status, 0, ok.out + ok.err)
        XCTAssertTrue(ok.out.contains("2 of 2 fitted targets met"), ok.out)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/c1/check.json"))) as! [String: Any]
        XCTAssertEqual(json["all_met"] as? Bool, true)
        // The folder commits whole like every results folder: its digests last, no marker left.
        let sums = try String(contentsOfFile: folder + "/c1/SHA256SUMS", encoding: .utf8)
        XCTAssertTrue(sums.contains("  check.json"), sums)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/c1/.incomplete"))
        let page = try String(contentsOfFile: folder + "/c1/report.html", encoding: .utf8)
        XCTAssertTrue(page.contains("Targets: 2 of 2 met") && page.contains("<svg"), "check writes its report")
        let again = govsim("report", folder + "/c1")
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try String(contentsOfFile: folder + "/c1/report.html", encoding: .utf8), page, "govsim report redraws the same page")
        let no = govsim("check", met, missed, "--trials", "3", "--out", folder + "/c2")
        XCTAssertEqual(no.status, 1)
        XCTAssertTrue(no.out.contains("MISSED"))
        // A missed prediction is reported, and fails only under --strict.
        let prediction = temporary.write("pred.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 5, tolerance: 1, kind: \"predicted\" } } }")
        let reported = govsim("check", met, prediction, "--trials", "3", "--out", folder + "/c3")
        XCTAssertEqual(reported.status, 0, reported.out + reported.err)
        XCTAssertTrue(reported.out.contains("miss") && reported.out.contains("0 of 1 predictions hit"), reported.out)
        let checked = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/c3/check.json"))) as! [String: Any]
        // A prediction is scored against its 90% predictive interval, beside the no-policy run it extends.
        let files = try XCTUnwrap(checked["files"] as? [[String: Any]])
        let predictedTarget = try XCTUnwrap((files.last?["targets"] as? [[String: Any]])?.first)
        XCTAssertEqual(predictedTarget["hit"] as? Bool, false)
        let pi = try XCTUnwrap(predictedTarget["predicted_pi90"] as? [Double])
        XCTAssertTrue(pi[0] < pi[1] && !(pi[0]...pi[1]).contains(5))
        XCTAssertNotNil(predictedTarget["counterfactual"] as? Double, "the file extends tiny.json5: its run is the counterfactual")
        XCTAssertEqual(checked["fitted_met"] as? Bool, true)
        XCTAssertEqual(checked["all_met"] as? Bool, false)
        XCTAssertEqual(govsim("check", met, prediction, "--trials", "3", "--strict", "--out", folder + "/c4").status, 1)
        let wrongKind = temporary.write("kind.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 5, tolerance: 1, kind: \"guessed\" } } }")
        let rejected = govsim("check", wrongKind)
        XCTAssertEqual(rejected.status, 65)
        XCTAssertTrue(rejected.err.contains("targets.safety_score.kind: expected \"fitted\""), rejected.err)
        let bad = temporary.write("badt.json5", "{ targets: { safety: { value: 5, tolerance: 1 } } }")
        XCTAssertEqual(govsim("check", bad).status, 65)
    }

    /// Shards merged give exactly the data files of one unsharded run; bad sets are refused.
    func testShardsMergeToTheUnshardedFiles() throws {
        let path = tiny
        for i in 1...3 {
            XCTAssertEqual(govsim("run", path, "--shard", "\(i)/3", "--out", folder + "/s\(i)", "--quiet").status, 0)
        }
        let merged = govsim("merge", folder + "/s3", folder + "/s1", folder + "/s2", "--out", folder + "/merged")
        XCTAssertEqual(merged.status, 0, merged.err)
        XCTAssertEqual(govsim("run", path, "--out", folder + "/whole", "--quiet").status, 0)
        for file in ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"] {
            XCTAssertEqual(FileManager.default.contents(atPath: folder + "/merged/" + file), FileManager.default.contents(atPath: folder + "/whole/" + file), file)
        }
        let missing = govsim("merge", folder + "/s1", folder + "/s2", "--out", folder + "/m2")
        XCTAssertEqual(missing.status, 65)
        XCTAssertEqual(missing.err, "govsim: missing shard 3 of 3\n")
        XCTAssertTrue(govsim("merge", folder + "/s1", folder + "/s1", folder + "/s2", folder + "/s3").err.contains("given twice"))
        XCTAssertEqual(govsim("run", path, "--shard", "1/2", "--seed", "77", "--out", folder + "/other", "--quiet").status, 0)
        XCTAssertTrue(govsim("merge", folder + "/s1", folder + "/other").err.contains("different run"))
        XCTAssertEqual(govsim("run", path, "--shard", "4/3").status, 64)
        XCTAssertEqual(govsim("merge", folder + "/nothing").status, 65)
    }

    /// A usage mistake exits 64 even when the file is bad too: usage is checked before reading.
    func testUsageIsCheckedBeforeTheFileIsRead() {
        let bad = temporary.write("bad-usage.json5", "{ run: { days: 0 } }")
        XCTAssertEqual(govsim("optimize", bad, "--over", "services.budget=0:1").status, 64, "no --budget")
        XCTAssertEqual(govsim("optimize", bad, "--budget", "100").status, 64, "no --over")
        XCTAssertEqual(govsim("calibrate", bad).status, 64, "no --fit")
        XCTAssertEqual(govsim("optimize", bad, "--budget", "100", "--over", "services.budget=0:1").status, 65, "usage right, file bad")
    }

    func testValidate() {
        let good = tiny
        let bad = temporary.write("bad.json5", "{ run: { days: 0 } }")
        let r = govsim("validate", good, bad)
        XCTAssertEqual(r.status, 65)
        let shipped = Scenario.withShippedPriors.distributionPaths.count
        XCTAssertTrue(r.out.hasPrefix("ok  \(good): 2 cells, ~624 residents, 6 trials × 21 days, \(shipped + 1) parameters drawn per trial "
                                      + "(\(shipped) from shipped priors)"), r.out)
        XCTAssertEqual(r.err, "\(bad): run.days: expected an integer from 1 to 36500 (days), got 0\n")
        XCTAssertEqual(govsim("validate", good).status, 0)
    }

    func testParamsListsEveryParameter() {
        let r = govsim("params")
        XCTAssertEqual(r.status, 0)
        let entries = ParameterListing.entries(of: Scenario())
        for e in entries { XCTAssertTrue(r.out.contains(e.path), e.path) }
        XCTAssertTrue(r.out.contains("mediation.tiers[1].staff"))
    }

    /// docs/model.md documents every parameter (the docs are checked against the code).
    func testModelDocsNameEveryParameter() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/model.md"), encoding: .utf8)
        var missing: [String] = []
        for e in ParameterListing.entries(of: Scenario()) {
            // Documented once per list element kind: tiers[i], cells[i].
            let generic = e.path.replacingOccurrences(of: #"\[\d+\]"#, with: "[i]", options: .regularExpression)
            let leaf = generic.split(separator: ".").last.map(String.init) ?? generic
            if !docs.contains(generic) && !docs.contains("`\(leaf)`") { missing.append(generic) }
        }
        XCTAssertEqual(Set(missing), [], "parameters missing from docs/model.md")
    }
}
