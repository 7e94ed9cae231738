import XCTest
import GovSimTestSupport
@testable import GovSimCLI
import GovSim
@testable import GovSimExperiments

/// Usage mistakes are exit 64 whatever else is wrong: every command checks its options before it
/// reads a file, so a broken scenario plus a bad option is a usage error, not a data error.
final class UsageFirstTests: XCTestCase {
    func testAUsageMistakeIs64EvenWithABrokenFile() {
        let folder = TemporaryFolder("usage")
        let bad = folder.write("bad.json5", "{ broken")
        let lines: [[String]] = [
            ["run", bad, "--batch", "0"], ["run", bad, "--max-trials", "1"], ["run", bad, "--trials", "0"],
            ["compare", bad, bad, "--batch", "0"], ["compare", bad, bad, "--objective", "nope"],
            ["explain", bad, bad, "--permutations", "0"],
            ["sweep", bad, "--vary", "nonsense"], ["sweep", bad, "--vary", "a=2:1"], ["sweep", bad, "--design", "foo", "--vary", "a=1:2"],
            ["sweep", bad, "--vary", "a=1:2", "--points", "0"],
            ["explore", bad], ["explore", bad, "--vary", "a=2:1"], ["explore", bad, "--vary", "a=1:2:3"],
            ["explore", bad, "--vary", "a=1:2", "--points", "1"], ["explore", bad, "--vary", "a=1:2", "--vary", "b=1:2", "--points", "21"],
            ["explore", bad, "--vary", "a=1:2", "--trials", "1"],
            ["sensitivity", bad, "--vary", "x"], ["sensitivity", bad, "--method", "foo", "--vary", "a=1:2"], ["sensitivity", bad],
            ["optimize", bad, "--over", "a=1:2"], ["calibrate", bad], ["baseline", bad, "--detect", "-1"],
            ["calibrate", bad, "--fit", "a", "--trials", "1"], ["calibrate", bad, "--fit", "a", "--method", "foo"],
            ["calibrate", bad, "--fit", "a", "--particles", "20"], ["calibrate", bad, "--fit", "a", "--method", "abc", "--quantile", "2"],
            ["check", bad, "--trials", "1"], ["check", bad, "--threads", "0"],
            ["optimize", bad, "--budget", "1000", "--over", "a=1:2", "--candidates", "0"],
            ["optimize", bad, "--budget", "1000", "--over", "a=1:2", "--constraint", "nonsense"],
            ["optimize", bad, "--budget", "1000", "--over", "a=2:1"], ["optimize", bad, "--budget", "1000", "--over", "a=1:2", "--threads", "0"],
            ["check", "--baseline", bad, bad, "--margin", "200"], ["check", "--baseline", bad, bad, "--alpha", "0.9"],
            ["check", "--baseline", bad, bad, "--trials", "1"],
        ]
        for args in lines {
            let r = govsim(args)
            XCTAssertEqual(r.status, ExitStatus.usage, "govsim \(args.joined(separator: " ")): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("Error: "), r.err)
        }
        // With good options, the broken file is the problem: 65, naming the file.
        let r = govsim(["sweep", bad, "--vary", "a=1:2"])
        XCTAssertEqual(r.status, ExitStatus.dataError)
        XCTAssertTrue(r.err.contains(bad), r.err)
        let e = govsim(["explore", bad, "--vary", "a=1:2"])
        XCTAssertEqual(e.status, ExitStatus.dataError)
        XCTAssertTrue(e.err.contains(bad), e.err)
    }

    /// One default for the trial cap and batch, in the help of run and compare and in the engine.
    func testDefaultsAreDeclaredOnce() {
        for command in ["run", "compare"] {
            let help = govsim([command, "--help"]).out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(help.contains("(default: \(GovSimExperiments.Comparison.Plan.defaultMaxTrials))"), help)
            XCTAssertTrue(help.contains("(default: \(GovSimExperiments.Comparison.Plan.defaultBatch))"), help)
        }
        XCTAssertEqual(GovSimExperiments.Comparison.Plan(trials: 10, precision: 1).maxTrials, GovSimExperiments.Comparison.Plan.defaultMaxTrials)
    }
}
