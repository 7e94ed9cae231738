import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimCLI

/// The minimal inputs that crashed govsim (issue 16, ../shared/reference/reliability/): each is
/// now refused by validate and by run with exit 65 and a message naming the field.
final class ReliabilityInputTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("rel") }
    override func tearDown() { temporary = nil }

    /// (file content, what the message must name)
    static let crashers: [(String, String)] = [
        (#"{ run: { seed: 9223372036854775808 } }"#, "run.seed: expected an integer from 0 to 9223372036854775807"),
        (#"{ run: { seed: 9.2233720368547758e18 } }"#, "run.seed: expected an integer from 0 to 9223372036854775807"),
        (#"{ district: { cells: [{ count: 1, households: { dist: "normal", mean: -1e308, sd: 1e308 } }] } }"#, "district.cells[0].households: this normal distribution's mean is -1e+308, outside the field's range"),
        (#"{ district: { cells: [{ count: 1, households: 100, estate: "oldEstate" }] }, estates: { oldEstate: { propertyDisputeRate: 1e308 } } }"#, "estates.oldEstate.propertyDisputeRate: expected a number from 0 to 365 (1/household/year)"),
        (#"{ district: { cells: [{ count: 1, households: 100, estate: "oldEstate" }] }, estates: { oldEstate: { propertyDisputeRate: 4294967296 } } }"#, "estates.oldEstate.propertyDisputeRate: expected a number from 0 to 365"),
        (#"{ district: { cells: [{ count: 1, households: 100, estate: "newEstate" }] }, estates: { newEstate: { theftRate: 1e20 } } }"#, "estates.newEstate.theftRate: expected a number from 0 to 365000"),
        (#"{ disputes: { rateMultiplier: { dist: "normal", mean: 1, sd: 1e308 } } }"#, "disputes.rateMultiplier.sd: expected an sd no wider than the field's range"),
        (#"{ disputes: { rateMultiplier: { dist: "normal", mean: 1, sd: 1e12 } } }"#, "disputes.rateMultiplier.sd: expected an sd no wider than the field's range"),
        (#"{ incidents: { rateMultiplier: { dist: "lognormal", median: 1, sd: 50 } } }"#, "incidents.rateMultiplier: this lognormal distribution's mean is inf, outside the field's range"),
    ]

    func testEveryMinimalCrasherIsRefusedByValidateAndRun() {
        for (i, (text, message)) in Self.crashers.enumerated() {
            let file = folder + "/crasher-\(i).json5"
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
            for args in [["validate", file], ["run", file, "--trials", "2", "--days", "10", "--threads", "1", "--quiet", "--out", folder + "/out-\(i)"]] {
                let r = govsim(args)
                XCTAssertEqual(r.status, ExitStatus.dataError, "\(args[0]) \(text): \(r.err)")
                XCTAssertTrue(r.err.contains(message), "\(args[0]) \(text): \(r.err)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out-\(i)"), "nothing written for \(text)")
        }
    }

    /// check runs the references its relative targets name: a reference that would not fit is
    /// refused before any work, under the file that names it.
    func testCheckRefusesAReferenceThatWouldNotFit() {
        try! #"{ name: "heavy", district: { cells: [{ count: 100, households: 300, estate: "oldEstate" }] }, estates: { oldEstate: { propertyDisputeRate: 365 } }, disputes: { rateMultiplier: 1000 } }"#
            .write(toFile: folder + "/heavy.json5", atomically: true, encoding: .utf8)
        let light = folder + "/light.json5"
        try! #"{ name: "light", district: { cells: [{ count: 1, households: 50 }] }, targets: { disputes: { relativeTo: "heavy.json5", change_pct: -10, tolerance: 5 } } }"#
            .write(toFile: light, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let r = govsim(["check", light, "--trials", "2", "--out", out])
        XCTAssertEqual(r.status, ExitStatus.dataError, r.err)
        XCTAssertTrue(r.err.hasPrefix(light + ": this run needs about "), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing started")
    }

    /// A district at the rates' upper bounds is refused before any work, by every command, with
    /// a size people can read.
    func testTheResourceEstimateRefusesInEveryCommand() {
        let file = folder + "/heavy.json5"
        try! #"{ name: "heavy", district: { cells: [{ count: 100, households: 300, estate: "oldEstate" }] }, estates: { oldEstate: { propertyDisputeRate: 365 } }, disputes: { rateMultiplier: 1000 } }"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let commands: [[String]] = [
            ["validate", file],
            ["run", file, "--out", out], ["run", file, "--shard", "1/1", "--out", out],
            ["compare", file, file, "--out", out],
            ["sweep", file, "--vary", "triage.accuracy=0.5:0.9:2", "--out", out],
            ["sensitivity", file, "--vary", "triage.accuracy=0.5:0.9", "--out", out],
            ["optimize", file, "--budget", "1000000", "--over", "triage.accuracy=0.5:0.9", "--out", out],
        ]
        for args in commands {
            let r = govsim(args)
            XCTAssertEqual(r.status, ExitStatus.dataError, "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("this run needs about ") && r.err.contains(" TiB ("), "\(args): \(r.err)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no command started work")
        // A swept axis is judged at its heavy end too.
        let light = folder + "/light.json5"
        try! #"{ name: "light", district: { cells: [{ count: 100, households: 300, estate: "oldEstate" }] } }"#.write(toFile: light, atomically: true, encoding: .utf8)
        let r = govsim(["sweep", light, "--vary", "disputes.rateMultiplier=1:1000:2", "--vary", "estates.oldEstate.propertyDisputeRate=0:365:2", "--out", out])
        XCTAssertEqual(r.status, ExitStatus.dataError, r.err)
        // A grid too large to list is a usage error before any point is made.
        let g = govsim(["sweep", light, "--vary", "triage.accuracy=0:1:10000", "--vary", "triage.accuracy=0:1:10000", "--out", out])
        XCTAssertEqual(g.status, ExitStatus.usage, g.err)
    }

    func testSizesReadAsPeopleWriteThem() {
        XCTAssertEqual(ResourceEstimate.bytes(512), "512 B")
        XCTAssertEqual(ResourceEstimate.bytes(3.5 * 1024 * 1024), "3.5 MiB")
        XCTAssertEqual(ResourceEstimate.bytes(2.5 * pow(1024, 4)), "2.5 TiB")
        XCTAssertEqual(ResourceEstimate.bytes(1e300), "more than 1,000 PiB")
        XCTAssertEqual(ResourceEstimate.bytes(.infinity), "more than 1,000 PiB")
        XCTAssertEqual(ResourceEstimate.bytes(.nan), "more than 1,000 PiB")
    }

    /// Strict JSON5: a key given twice names both places; an `extends` outside the folder tree
    /// never echoes the file's content; text fields have a size limit.
    func testDuplicateKeysExtendsOutsideAndLongText() {
        func validate(_ text: String, _ name: String = "s.json5") -> (Int32, String) {
            let file = folder + "/" + name
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
            let r = govsim(["validate", file])
            return (r.status, r.err)
        }
        var r = validate("{ run: { trials: 50, days: 10 },\n  run: { trials: 7 } }")
        XCTAssertEqual(r.0, ExitStatus.dataError)
        XCTAssertTrue(r.1.contains("line 2, column 3: the key 'run' is given twice (first at line 1, column 3)"), r.1)
        r = validate(#"{ run: { trials: 5, "trials": "x" } }"#)
        XCTAssertTrue(r.1.contains("the key 'trials' is given twice (first at line 1, column 10)"), r.1)
        XCTAssertEqual(validate("{ a: { x: 1 }, b: { x: 2 }, name: \"ok\" }").1.contains("given twice"), false, "same key in two objects is fine")
        let secret = folder + "/../govsim-secret-\(UUID().uuidString).txt"
        try! "hunter2-supersecret-token".write(toFile: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: secret) }
        r = validate("{ extends: \"../\((secret as NSString).lastPathComponent)\" }")
        XCTAssertEqual(r.0, ExitStatus.dataError)
        XCTAssertTrue(r.1.contains("lies outside this scenario's folder") && !r.1.contains("hunter2"), r.1)
        r = validate("{ name: \"\(String(repeating: "x", count: 10_001))\" }")
        XCTAssertEqual(r.0, ExitStatus.dataError)
        XCTAssertTrue(r.1.contains("name: expected at most 10000 bytes of text, got 10001"), r.1)
    }
}
