import GovSimTestSupport
import XCTest
@testable import GovSim

/// `district.cells[i].areaKm2`: a group's own density in place of its estate type's
/// (docs/model.md §3.7 and §10).
final class AreaTests: XCTestCase {
    /// Old-estate, village and new-estate cells, with households chosen so that
    /// households / (households / density) gives the density back to the bit.
    private func mixed() -> Scenario {
        var s = TestScenarios.small(days: 90)
        var old = Scenario.CellGroup()
        old.name = "old"; old.count = 2; old.households = 250; old.estate = .oldEstate
        var village = Scenario.CellGroup()
        village.name = "village"; village.count = 2; village.households = 240; village.estate = .village
        var estate = Scenario.CellGroup()
        estate.name = "new"; estate.count = 1; estate.households = 400; estate.estate = .newEstate
        s.district.cells = [old, village, estate]
        return s
    }

    /// Each group's area set to households / the estate's householdsPerKm2 (km² per cell).
    private func withEstateAreas(_ s: Scenario, times factor: Double = 1) -> Scenario {
        var out = s
        for i in out.district.cells.indices {
            let g = out.district.cells[i]
            let density = s.estates[g.estate].householdsPerKm2.value
            let area = g.households.value / density
            if factor == 1 { XCTAssertEqual(g.households.value / area, density, "the test's households must give the density back exactly") }
            out.district.cells[i].areaKm2 = .fixed(area * factor)
        }
        return out
    }

    func testAnAreaGivingTheEstateDensityChangesNothing() {
        let s = mixed()
        let a = TestScenarios.run(s, trials: 3)
        let b = TestScenarios.run(withEstateAreas(s), trials: 3)
        XCTAssertEqual(a, b, "trials, outputs by group and weekly series must be bit-identical")
    }

    /// Four times the area per cell: twice the distance to the nearest worker, so responses
    /// take longer in every group; disputes, which do not depend on distance, are the same.
    func testALargerAreaMeansLongerResponses() {
        let s = mixed()
        let near = TestScenarios.run(s, trials: 4)
        let far = TestScenarios.run(withEstateAreas(s, times: 4), trials: 4)
        for (p, part) in s.outputParts.enumerated() where part.kind == .group {
            let before = MetricSummary(near.map { $0.parts[p][Metric.responseMinutesMedian.rawValue] }).mean
            let after = MetricSummary(far.map { $0.parts[p][Metric.responseMinutesMedian.rawValue] }).mean
            XCTAssertGreaterThan(after, before, part.name)
        }
        XCTAssertEqual(near.map { $0[.disputes] }, far.map { $0[.disputes] })
    }

    func testAreaIsReadStrictlyAndWrittenOnlyWhenSet() {
        func read(_ area: JSONValue) -> (Scenario, [ScenarioIssue]) {
            var s = Scenario()
            let issues = ScenarioReader.read(.object(["district": .object(["cells": .array([
                .object(["name": .string("a"), "count": .integer(2), "areaKm2": area]),
            ])])]), into: &s)
            return (s, issues)
        }
        XCTAssertEqual(read(.number(0.5)).0.district.cells[0].areaKm2, .fixed(0.5))
        for bad in [JSONValue.integer(0), .number(-1), .number(20_000), .string("big")] {
            let issues = read(bad).1
            XCTAssertEqual(issues.map(\.path), ["district.cells[0].areaKm2"], "\(bad)")
            XCTAssertTrue(issues.first?.message.hasPrefix("expected a number > 0 and at most 10000 (km² per cell)") == true, "\(issues)")
        }
        XCTAssertFalse(ScenarioWriter.text(of: Scenario()).contains("areaKm2"), "an absent area writes nothing")
        var s = Scenario()
        s.district.cells[0].areaKm2 = .fixed(0.25)
        XCTAssertTrue(ScenarioWriter.text(of: s).contains("areaKm2: 0.25,"))
        XCTAssertTrue(ParameterListing.entries(of: s).contains { $0.path == "district.cells[0].areaKm2" })
        XCTAssertEqual(ParameterProvenance.entry(for: "district.cells[3].areaKm2")?.source, .input, "a fact of the place, no prior")
    }
}
