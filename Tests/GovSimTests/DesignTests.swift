import XCTest
@testable import GovSim
@testable import GovSimExperiments

final class DesignTests: XCTestCase {
    private func axes(_ n: Int, steps: Int? = nil) throws -> [Axis] {
        let s = Scenario()
        let paths = ["triage.accuracy", "disputes.rateMultiplier", "services.budget"]
        return try (0..<n).map { Axis(path: try ParameterPath(paths[$0], in: s), lo: 0, hi: 1, steps: steps) }
    }

    func testGridIsAFullFactorialInRowMajorOrder() throws {
        let p = Design.unitPoints(.grid, axes: try axes(2, steps: 3), count: 0, seed: 1)
        XCTAssertEqual(p, [[0, 0], [0, 0.5], [0, 1], [0.5, 0], [0.5, 0.5], [0.5, 1], [1, 0], [1, 0.5], [1, 1]])
        XCTAssertEqual(Design.unitPoints(.grid, axes: try axes(2), count: 16, seed: 1).count, 16)
    }

    func testLatinHypercubeHitsEveryStratumOnce() throws {
        let n = 50
        let p = Design.unitPoints(.lhs, axes: try axes(3), count: n, seed: 9)
        XCTAssertEqual(p.count, n)
        for axis in 0..<3 {
            XCTAssertEqual(Set(p.map { Int($0[axis] * Double(n)) }), Set(0..<n))
        }
        XCTAssertEqual(p, Design.unitPoints(.lhs, axes: try axes(3), count: n, seed: 9), "seeded: reproducible")
    }

    func testSobolStartsWithTheKnownPoints() throws {
        let p = Design.unitPoints(.sobol, axes: try axes(2), count: 3, seed: 0)
        XCTAssertEqual(p, [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]])
    }

    func testParameterPathReadsSetsClampsAndSuggests() throws {
        let s = Scenario()
        let staff = try ParameterPath("mediation.tiers[1].staff", in: s)
        XCTAssertEqual(staff.value(in: s), 2)
        let changed = staff.setting(4.6, in: s)
        XCTAssertEqual(changed.mediation.tiers[1].staff, 5, "integer fields round")
        XCTAssertEqual(try ParameterPath("triage.accuracy", in: s).setting(3, in: s).triage.accuracy, 1, "clamped to bounds")
        XCTAssertThrowsError(try ParameterPath("triage.acuracy", in: s)) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'triage.accuracy'?"), "\(error)")
        }
    }
}
