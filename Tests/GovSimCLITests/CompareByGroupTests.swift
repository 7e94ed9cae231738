import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimCLI

/// `govsim compare` on a district of several groups prints, after each policy's district table,
/// the paired differences of the headline metrics by group and estate type.
final class CompareByGroupTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("cmpg") }
    override func tearDown() { temporary = nil }

    private func compare(_ args: String...) -> CommandOutcome {
        govsim(["compare"] + args + ["--threads", "2", "--out", folder + "/out"])
    }

    func testThePerGroupTableFollowsTheDistrictTable() {
        let cells = #"{ name: "old", count: 2, households: 150, estate: "oldEstate" }, { name: "vil", count: 1, households: 120, estate: "village" }"#
        let base = temporary.write("base.json5", "{ name: \"base\", run: { trials: 4, days: 30 }, district: { cells: [\(cells)] } }")
        let policy = temporary.write("council.json5", #"{ name: "council", extends: "base.json5", council: { enabled: true } }"#)
        let r = compare(base, policy)
        XCTAssertEqual(r.status, 0)
        let district = r.out.range(of: "council − base:\n")!, byGroup = r.out.range(of: "By group, council − base (paired, same trials):\n")!
        XCTAssertLessThan(district.lowerBound, byGroup.lowerBound)
        let table = r.out[byGroup.upperBound...]
        XCTAssertTrue(table.hasPrefix("group"), String(table.prefix(200)))
        for header in ["metric", "baseline", "policy", "difference", "95% CI"] { XCTAssertTrue(table.prefix(120).contains(header), header) }
        for label in ["old ", "vil ", "oldEstate (estate)", "village (estate)"] { XCTAssertTrue(table.contains(label), label) }
        let rows = table.split(separator: "\n").filter { $0.contains("safety_score") }
        XCTAssertEqual(rows.count, 4, "one safety row per group and estate")

        // A district of one group has no such table.
        let one = temporary.write("one.json5", "{ name: \"one\", run: { trials: 3, days: 20 }, district: { cells: [{ count: 2, households: 100 }] } }")
        XCTAssertFalse(compare(one, one).out.contains("By group"))
    }
}
