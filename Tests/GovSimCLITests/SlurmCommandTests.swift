import Foundation
import XCTest
import GovSimTestSupport
@testable import GovSimCLI

/// `govsim slurm`: the scripts it writes, its checks, and its submission through a stand-in sbatch.
/// (scripts/slurm-integration-test runs the scripts on a real single-node Slurm cluster.)
final class SlurmCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("slurm") }
    override func tearDown() { temporary = nil }

    /// `govsim slurm ARGS` with `environment` (for the PATH sbatch is looked up in).
    private func slurm(_ args: [String], environment: [String: String]) throws -> CommandOutcome {
        let r = CommandRecorder()
        let status = try SlurmCommand.execute(ArgumentParser.parse(args, for: SlurmCommand.spec), console: r.console, environment: environment)
        return CommandOutcome(status: status, out: r.out, err: r.err)
    }

    private var tiny: String {
        temporary.write("tiny.json5", """
        { run: { trials: 12, days: 21, seed: 4 }, district: { cells: [{ count: 2, households: 100 }] },
          triage: { accuracy: { dist: "beta", alpha: 8, beta: 2 } } }
        """)
    }

    /// A stand-in for the govsim binary (the scripts only name it).
    private var fakeGovsim: String { temporary.write("bin/govsim", "#!/bin/sh\nexit 0\n", executable: true) }

    func testWritesTheArrayTheMergeAndTheSubmission() throws {
        let scenario = tiny, binary = fakeGovsim, out = folder + "/jobs"
        let r = govsim(["slurm", scenario, "--shards", "4", "--partition", "debug", "--time", "0-01:30:00", "--cpus-per-task", "3",
                        "--out", out, "--govsim", binary])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "wrote \(out)/: shards.sbatch (array 1-4), merge.sbatch, submit.sh\nsubmit with: \(out)/submit.sh\n")
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/logs", isDirectory: &isFolder) && isFolder.boolValue,
                      "Slurm does not create the folder of --output")

        XCTAssertEqual(try text(out + "/shards.sbatch"), """
        #!/bin/bash
        # Written by govsim slurm: 4 shards of \(scenario) as a job array; task i runs shard i of 4.
        # Submit with submit.sh, which also queues the merge.
        #SBATCH --job-name=govsim-tiny
        #SBATCH --array=1-4
        #SBATCH --ntasks=1
        #SBATCH --output=\(out)/logs/shard-%A_%a.out
        #SBATCH --partition=debug
        #SBATCH --time=0-01:30:00
        #SBATCH --cpus-per-task=3
        set -euo pipefail
        GOVSIM=\(binary)
        SCENARIO=\(scenario)
        OUT=\(out)
        exec "$GOVSIM" run "$SCENARIO" --shard "${SLURM_ARRAY_TASK_ID}/4" --threads "${SLURM_CPUS_PER_TASK:-1}" \\
            --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}-of-4" --quiet

        """)
        XCTAssertEqual(try text(out + "/merge.sbatch"), """
        #!/bin/bash
        # Written by govsim slurm: merges the 4 shards of \(scenario) into merged/, byte for byte one unsharded run.
        # submit.sh queues it with --dependency=afterok on the shards' job array.
        #SBATCH --job-name=govsim-tiny-merge
        #SBATCH --ntasks=1
        #SBATCH --output=\(out)/logs/merge-%j.out
        #SBATCH --partition=debug
        #SBATCH --time=0-01:30:00
        set -euo pipefail
        GOVSIM=\(binary)
        OUT=\(out)
        exec "$GOVSIM" merge "$OUT"/shard-*-of-4 --out "$OUT/merged"

        """)
        let submit = try text(out + "/submit.sh")
        XCTAssertTrue(submit.contains("\narray=$(sbatch --parsable \(out)/shards.sbatch)\narray=${array%%;*}\n"), submit)
        XCTAssertTrue(submit.contains("\nmerge=$(sbatch --parsable \"--dependency=afterok:$array\" --kill-on-invalid-dep=yes \(out)/merge.sbatch)\n"), submit)
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/submit.sh")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o755)
        for script in ["shards.sbatch", "merge.sbatch", "submit.sh"] {
            XCTAssertEqual(try bash(["-n", out + "/" + script]).status, 0, "\(script) is valid bash")
        }
    }

    /// Relative paths become absolute (jobs start elsewhere); options not given are left to Slurm;
    /// without --govsim the scripts run the govsim that wrote them; odd paths are quoted.
    func testPathsDefaultsAndQuoting() throws {
        _ = tiny
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let out = folder + "/with space/it's"
        let r = govsim(["slurm", folder + "/./sub/../tiny.json5", "--shards", "1", "--out", out])
        XCTAssertEqual(r.status, 0, r.err)
        let shards = try text(out + "/shards.sbatch")
        XCTAssertTrue(shards.contains("\nSCENARIO=\(folder)/tiny.json5\n"), shards)
        XCTAssertTrue(shards.contains("\n#SBATCH --array=1-1\n"))
        XCTAssertTrue(shards.contains("\n#SBATCH --output=\"\(out)/logs/shard-%A_%a.out\"\n"), "sbatch takes a quoted path with spaces")
        XCTAssertTrue(shards.contains("\nOUT='\(folder)/with space/it'\\''s'\n"), shards)
        for absent in ["--partition", "--time", "--cpus-per-task"] { XCTAssertFalse(shards.contains(absent), absent) }
        let line = shards.split(separator: "\n").first { $0.hasPrefix("GOVSIM=") }.map { String($0.dropFirst("GOVSIM=".count)) } ?? ""
        let binary = line.hasPrefix("'") ? String(line.dropFirst().dropLast()) : line
        XCTAssertTrue(binary.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: binary), line)
        XCTAssertEqual(binary, SlurmCommand.currentExecutable())
        for script in ["shards.sbatch", "merge.sbatch", "submit.sh"] {
            XCTAssertEqual(try bash(["-n", out + "/" + script]).status, 0, script)
        }
        XCTAssertEqual(shellWord("/a/b-c_1.json5"), "/a/b-c_1.json5")
        XCTAssertEqual(shellWord("a b"), "'a b'")
        XCTAssertEqual(shellWord("$x"), "'$x'")
        XCTAssertEqual(shellWord(""), "''")
    }

    func testInputsAreChecked() {
        let scenario = tiny, binary = fakeGovsim
        func status(_ args: String...) -> Int32 { govsim(["slurm", scenario] + args + ["--govsim", binary, "--out", folder + "/o"]).status }
        let missing = govsim(["slurm", scenario])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.err.hasPrefix("Error: --shards is required"), missing.err)
        XCTAssertEqual(status("--shards", "0"), 64)
        XCTAssertEqual(status("--shards", "many"), 64)
        let tooMany = govsim(["slurm", scenario, "--shards", "13", "--govsim", binary, "--out", folder + "/o"])
        XCTAssertEqual(tooMany.status, 64)
        XCTAssertTrue(tooMany.err.contains("13 shards for 12 trials"), tooMany.err)
        XCTAssertEqual(status("--shards", "12"), 0, "one shard per trial")
        XCTAssertEqual(status("--shards", "2", "--time", "1:2:3:4"), 64)
        XCTAssertEqual(status("--shards", "2", "--time", "10:61:00"), 64)
        XCTAssertEqual(status("--shards", "2", "--partition", "a b"), 64)
        XCTAssertEqual(status("--shards", "2", "--partition", ""), 64)
        XCTAssertEqual(status("--shards", "2", "--cpus-per-task", "0"), 64)
        XCTAssertEqual(status("--shards", "2", "--submit", "yes"), 64)
        XCTAssertEqual(govsim(["slurm", scenario, "--shards", "2", "--govsim", folder + "/nothing"]).status, 64)
        XCTAssertEqual(govsim(["slurm", scenario, "--shards", "2", "--govsim", folder]).status, 64, "a folder is not a binary")
        XCTAssertEqual(govsim(["slurm", scenario, "--shards", "2", "--govsim", binary, "--out", folder + "/100%"]).status, 64)
        XCTAssertEqual(govsim(["slurm", scenario]).status, 64)
        let bad = temporary.write("bad.json5", "{ run: { trials: 0 } }")
        XCTAssertEqual(govsim(["slurm", bad, "--shards", "2", "--govsim", binary, "--out", folder + "/b"]).status, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/b"), "nothing written for a bad scenario")
        XCTAssertEqual(govsim(["slurm", scenario, "--shards", "2", "--govsim", binary, "--out", "/proc/govsim-no"]).status, 73)

        for good in ["0", "30", "90:00", "02:30:00", "100:00:00", "1-0", "2-12", "1-12:30", "7-00:00:00"] {
            XCTAssertTrue(SlurmCommand.isSlurmTime(good), good)
        }
        for bad in ["", "-1", "1h", "1:60", "1:2:60", "1-24", "1-2:3:4:5", "1--2", ":30", "1:", "1-", "١٢"] {
            XCTAssertFalse(SlurmCommand.isSlurmTime(bad), bad)
        }
    }

    /// --submit submits the array, then the merge after it, and prints both job ids.
    func testSubmitQueuesTheMergeAfterTheArray() throws {
        let bin = folder + "/slurm-bin"
        temporary.write("slurm-bin/sbatch", """
        #!/bin/sh
        echo "$@" >> "\(bin)/calls"
        n=$(wc -l < "\(bin)/calls")
        echo "$((4240 + n));localci"
        """, executable: true)
        let out = folder + "/jobs"
        let r = try slurm([tiny, "--shards", "3", "--out", out, "--govsim", fakeGovsim, "--submit"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, """
        wrote \(out)/: shards.sbatch (array 1-3), merge.sbatch, submit.sh
        shards job 4241 (array 1-3): \(out)/shard-<i>-of-3
        merge job 4242 (after every shard succeeds): \(out)/merged

        """)
        XCTAssertEqual(try text(bin + "/calls"), """
        --parsable \(out)/shards.sbatch
        --parsable --dependency=afterok:4241 --kill-on-invalid-dep=yes \(out)/merge.sbatch

        """)

        // submit.sh does the same.
        try FileManager.default.removeItem(atPath: bin + "/calls")
        let script = try bash([out + "/submit.sh"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertEqual(script.status, 0)
        XCTAssertEqual(script.out, String(r.out.split(separator: "\n", maxSplits: 1)[1]))
        XCTAssertEqual(try text(bin + "/calls").split(separator: "\n").last, "--parsable --dependency=afterok:4241 --kill-on-invalid-dep=yes \(out)/merge.sbatch")
    }

    func testSubmitFailuresExit1() throws {
        let out = folder + "/jobs"
        let none = try slurm([tiny, "--shards", "2", "--out", out, "--govsim", fakeGovsim, "--submit"], environment: ["PATH": folder + "/empty"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.err.hasPrefix("govsim: sbatch not found on the PATH"), none.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/submit.sh"), "the scripts are written all the same")

        let bin = folder + "/slurm-bin"
        temporary.write("slurm-bin/sbatch", "#!/bin/sh\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n", executable: true)
        let refused = try slurm([tiny, "--shards", "2", "--out", out, "--govsim", fakeGovsim, "--submit"], environment: ["PATH": bin])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.err, "govsim: cannot submit \(out)/shards.sbatch: sbatch exited with status 1: sbatch: error: invalid partition specified: nope\n")

        // The array went in, the merge did not: say how to cancel the array.
        temporary.write("slurm-bin/sbatch", "#!/bin/sh\ncase \"$2\" in --dependency*) exit 2;; esac\necho 77\n", executable: true)
        let half = try slurm([tiny, "--shards", "2", "--out", out, "--govsim", fakeGovsim, "--submit"], environment: ["PATH": bin])
        XCTAssertEqual(half.status, 1)
        XCTAssertTrue(half.err.contains("submitted as job 77") && half.err.contains("scancel 77"), half.err)
    }

    /// The scripts themselves, run by bash as Slurm would run them (one process per array task,
    /// then the merge), with the built govsim: the merged files are those of one unsharded run.
    func testScriptsRunShardsAndMergeToTheUnshardedFiles() throws {
        guard let binary = builtGovsim else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        let scenario = tiny, out = folder + "/jobs"
        XCTAssertEqual(govsim(["slurm", scenario, "--shards", "3", "--out", out, "--govsim", binary]).status, 0)
        var environment = ProcessInfo.processInfo.environment
        for task in 1...3 {
            environment["SLURM_ARRAY_TASK_ID"] = String(task)
            let r = try bash([out + "/shards.sbatch"], environment: environment)
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/shard-\(task)-of-3/shard.txt"))
        }
        let merge = try bash([out + "/merge.sbatch"], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(merge.status, 0, merge.err)
        XCTAssertEqual(govsim(["run", scenario, "--out", folder + "/whole", "--quiet"]).status, 0)
        for file in ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"] {
            let merged = FileManager.default.contents(atPath: out + "/merged/" + file)
            XCTAssertNotNil(merged, file)
            XCTAssertEqual(merged, FileManager.default.contents(atPath: folder + "/whole/" + file), file)
        }
    }

    /// Runs bash with `arguments`; returns its status and output.
    private func bash(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed, complaint)
    }
}
