import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimCLI

/// Nothing lost, nothing mixed at any write (issue 16): the built binary is killed right after
/// each rename and fsync of a run in turn (an LD_PRELOAD library, Tests/Fault/killafter.c, that
/// the test compiles), and a run meets a full disk at several points (a small tmpfs). Each time
/// the folder is either the previous committed run or refused as incomplete, and `--resume` (or,
/// when nothing was kept yet, a fresh run) ends with exactly a clean run's files.
final class KillAtEveryWriteTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("killat") }
    override func tearDown() { temporary = nil }

    private var scenario: String {
        temporary.write("small.json5", #"{ name: "small", run: { trials: 6, days: 14, seed: 3 }, district: { cells: [{ count: 1, households: 80 }] }, disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }"#)
    }
    static let dataFiles = ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5"]

    /// The data files of `folder`, or nil for a missing one.
    private func files(_ dir: String) -> [Data?] { Self.dataFiles.map { read(dir + "/" + $0) } }

    /// `out` is either refused (incomplete or not matching its digests) or wholly one of
    /// `committed` (the previous run) or `clean` (the new one): never a mix.
    private func assertNotMixed(_ out: String, previous: String, clean: String, _ what: String, line: UInt = #line) {
        do {
            try OutputFolder.verify(out)
        } catch {
            XCTAssertEqual(govsim(["report", out]).status, ExitStatus.dataError, "\(what): report renders a refused folder", line: line)
            return
        }
        let now = files(out)
        XCTAssertTrue(now == files(previous) || now == files(clean), "\(what): the folder verifies but mixes two runs' files", line: line)
    }

    private func copyFolder(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    /// Resumes (or, when the kill came before the journal held anything, reruns) and checks that
    /// the journalled trials were kept and the files are exactly `clean`'s.
    private func finish(_ s: String, _ out: String, clean: String, _ what: String, line: UInt = #line) throws {
        let journal = read(out + "/checkpoint.txt").map { String(decoding: $0, as: UTF8.self) }
        let kept = journal.map { $0.filter { $0 == "\n" }.count - 1 }  // whole lines after the header
        let r = govsim(["run", s, "--seed", "2", "--out", out, "--resume", "--quiet"])
        if let kept {
            XCTAssertEqual(r.status, 0, "\(what): \(r.err)", line: line)
            let manifest = try JSONSerialization.jsonObject(with: read(out + "/manifest.json") ?? Data()) as? [String: Any]
            XCTAssertEqual(manifest?["resumed_trials"] as? Int, kept, "\(what): every journalled trial is kept", line: line)
        } else if r.status != 0 {
            // No journal: nothing was journalled yet, or the run was already committed (then
            // --resume is a no-op that succeeds); a requeue script then runs it afresh.
            XCTAssertTrue([ExitStatus.nothingToResume, ExitStatus.dataError].contains(r.status), "\(what): \(r.err)", line: line)
            let fresh = govsim(["run", s, "--seed", "2", "--out", out, "--quiet"])
            XCTAssertEqual(fresh.status, 0, "\(what): \(fresh.err)", line: line)
        }
        XCTAssertEqual(files(out), files(clean), "\(what): the finished files are a clean run's", line: line)
        XCTAssertNil(read(out + "/checkpoint.txt"), "\(what): the journal goes once the folder is committed", line: line)
        XCTAssertNoThrow(try OutputFolder.verify(out), line: line)
        let orphans = (try? FileManager.default.contentsOfDirectory(atPath: out))?.filter { $0.contains(".tmp-") } ?? []
        XCTAssertEqual(orphans, [], "\(what): temporary files left behind", line: line)
    }

    /// Kills `govsim run` right after its 1st, 2nd, … rename or fsync until a run gets through:
    /// every one of them is a moment a kill could come.
    func testAKillAfterAnyRenameOrFsyncLosesNothingAndMixesNothing() throws {
        guard builtGovsim != nil else { throw XCTSkip("no built govsim at .build/debug/govsim") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") || FileManager.default.isExecutableFile(atPath: "/bin/cc") else {
            throw XCTSkip("no C compiler (cc): cannot build the LD_PRELOAD library that kills after the Nth rename/fsync")
        }
        let shim = folder + "/killafter.so"
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-shared", "-fPIC", "-o", shim, packageRoot.appendingPathComponent("Tests/Fault/killafter.c").path, "-ldl"]
        try cc.run()
        cc.waitUntilExit()
        guard cc.terminationStatus == 0 else { throw XCTSkip("cc could not build Tests/Fault/killafter.c (status \(cc.terminationStatus))") }

        let s = scenario
        XCTAssertEqual(govsim(["run", s, "--seed", "1", "--out", folder + "/previous", "--quiet"]).status, 0)
        XCTAssertEqual(govsim(["run", s, "--seed", "2", "--out", folder + "/clean", "--quiet"]).status, 0)
        XCTAssertNotEqual(files(folder + "/previous"), files(folder + "/clean"))
        var n = 1
        while n < 200 {
            // Into a folder holding a committed earlier run: a kill must never leave a mix of both.
            let out = folder + "/out"
            try copyFolder(folder + "/previous", out)
            var env = ProcessInfo.processInfo.environment
            env["LD_PRELOAD"] = shim
            env["GOVSIM_FAULT_KILL_AT"] = String(n)
            let p = try startGovsim(["run", s, "--seed", "2", "--out", out, "--threads", "1", "--quiet"], environment: env)
            p.waitUntilExit()
            if p.terminationReason == .exit {
                XCTAssertEqual(p.terminationStatus, 0)
                XCTAssertEqual(files(out), files(folder + "/clean"))
                break
            }
            XCTAssertEqual(p.terminationStatus, SIGKILL)
            assertNotMixed(out, previous: folder + "/previous", clean: folder + "/clean", "killed after call \(n)")
            try finish(s, out, clean: folder + "/clean", "killed after call \(n)")
            n += 1
        }
        // A run makes some 30 renames and fsyncs; fewer means the library did not interpose.
        XCTAssertGreaterThan(n, 20, "the run got through after \(n - 1) kills: was LD_PRELOAD honoured?")
    }

    /// A full disk (a small tmpfs, filled but for a few bytes to a few hundred KiB) stops a run
    /// with a clear error, never leaves a mixed folder, and keeps what was journalled.
    func testAFullDiskLeavesNoMixedFolder() throws {
        guard geteuid() == 0 else { throw XCTSkip("not root: cannot mount a small tmpfs to fill") }
        let disk = folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        func mount(_ args: [String]) -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = args
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return -1 }
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard mount(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk]) == 0 else {
            throw XCTSkip("`mount -t tmpfs` failed here (no CAP_SYS_ADMIN?): the disk-full test needs it")
        }
        defer { _ = mount(["umount", disk]) }

        let s = scenario
        XCTAssertEqual(govsim(["run", s, "--seed", "1", "--out", folder + "/previous", "--quiet"]).status, 0)
        XCTAssertEqual(govsim(["run", s, "--seed", "2", "--out", folder + "/clean", "--quiet"]).status, 0)
        var full = 0
        for free in [0, 2_000, 6_000, 20_000, 40_000, 90_000, 130_000, 200_000, 400_000] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: disk)) ?? [] {
                try FileManager.default.removeItem(atPath: disk + "/" + name)
            }
            let out = disk + "/out", filler = disk + "/filler"
            try copyFolder(folder + "/previous", out)
            // Fill the disk, then give back `free` bytes.
            let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            XCTAssertGreaterThanOrEqual(fd, 0)
            let chunk = [UInt8](repeating: 7, count: 4096)
            var size = 0
            while chunk.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress!, $0.count) }) > 0 { size += 4096 }
            XCTAssertEqual(ftruncate(fd, off_t(max(0, size - free))), 0)
            close(fd)

            let r = govsim(["run", s, "--seed", "2", "--out", out, "--threads", "1", "--quiet"])
            let what = "\(free) bytes free"
            if r.status == 0 {
                XCTAssertEqual(files(out), files(folder + "/clean"), what)
                continue
            }
            full += 1
            XCTAssertEqual(r.status, ExitStatus.cannotCreate, "\(what): \(r.err)")
            XCTAssertTrue(r.err.contains("No space left on device"), "\(what): \(r.err)")
            assertNotMixed(out, previous: folder + "/previous", clean: folder + "/clean", what)
            // Space again: resume keeps what the journal holds and finishes to a clean run's files.
            try FileManager.default.removeItem(atPath: filler)
            try finish(s, out, clean: folder + "/clean", what)
        }
        XCTAssertGreaterThan(full, 3, "the disk was full in only \(full) of the tries: the test did not test")
    }
}
