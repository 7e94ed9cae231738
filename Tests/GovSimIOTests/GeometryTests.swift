import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// A run of two groups with outlines, written with its report's data files.
enum MapFixture {
    static let geometry = """
    {"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "old & <east>"}, "geometry": {"type": "Polygon", "coordinates": [[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01], [120, 30]]]}},
      {"type": "Feature", "properties": {"name": "village"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[120.01, 30], [120.03, 30], [120.03, 30.01], [120.01, 30.01], [120.01, 30]]]]}}
    ]}
    """
    static let scenario = """
    { name: "mapped", run: { trials: 6, days: 28, seed: 5 }, district: { geometryFile: "cells.geojson", cells: [
      { name: "old & <east>", count: 2, households: 150, estate: "oldEstate" },
      { name: "village", count: 1, households: 120, estate: "village" },
    ] } }
    """

    /// Writes the run's files (the geometry's copy included) into `folder`/mapped and returns that path.
    static func results(in folder: TemporaryFolder) throws -> String {
        folder.write("cells.geojson", geometry)
        let loaded = try ScenarioLoader.load(path: folder.write("mapped.json5", scenario))
        let trials = Ensemble(scenario: loaded.scenario, seed: 5, threads: 2).run(trials: 0..<6)
        let out = folder.path + "/mapped"
        let manifest = RunManifest(command: ["govsim", "run", "mapped.json5"], scenarioFile: "mapped.json5", seed: 5, trials: 6,
                                   days: 28, threads: 2, residents: 0, started: Date(timeIntervalSince1970: 1_800_000_000), seconds: 0.5)
        try RunResults(loaded: loaded, seed: 5, trials: trials).write(to: out, manifest: manifest)
        return out
    }
}

/// The geometry file's reading and the maps' colour scale.
final class GeometryTests: XCTestCase {
    let folder = TemporaryFolder()

    func testTheNormalisedCopyReadsBackTheSame() throws {
        let text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "a", "other": 1}, "geometry": {"type": "Polygon",
            "coordinates": [[[120, 30], [120.1, 30], [120.1, 30.1], [120, 30], [120, 30]], [[120.01, 30.01], [120.02, 30.01], [120.02, 30.02], [120.01, 30.01]]]}},
          {"type": "Feature", "properties": {"name": "b"}, "geometry": {"type": "MultiPolygon",
            "coordinates": [[[[121, 31, 5], [121.1, 31, 5], [121.1, 31.1, 5], [121, 31, 5]]], [[[122, 32], [122.1, 32], [122.1, 32.1], [122, 32]]]]}}
        ]}
        """
        let g = try DistrictGeometry.parse(text: text, file: "g.geojson", groups: ["a", "b", "c"])
        XCTAssertEqual(g.shapes.map(\.name), ["a", "b"])
        XCTAssertEqual(g.shapes[0].polygons.count, 1)
        XCTAssertEqual(g.shapes[0].polygons[0].count, 2, "outer ring and hole")
        XCTAssertEqual(g.shapes[1].polygons.count, 2)
        XCTAssertEqual(g.missing(["a", "b", "c"]), ["c"])
        let copy = try DistrictGeometry.parse(text: g.geoJSON, file: "copy.geojson", groups: nil)
        XCTAssertEqual(copy, g)
        XCTAssertEqual(copy.geoJSON, g.geoJSON)
    }

    /// A geometry file is found relative to the scenario that names it, also through `extends`.
    func testThePathIsRelativeToTheFileNamingIt() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/base", withIntermediateDirectories: true)
        folder.write("base/cells.geojson", """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "cells"},
          "geometry": {"type": "Polygon", "coordinates": [[[120, 30], [120.1, 30], [120.1, 30.1], [120, 30]]]}}]}
        """)
        folder.write("base/base.json5", #"{ district: { geometryFile: "cells.geojson" } }"#)
        let child = try ScenarioLoader.load(path: folder.write("child.json5", #"{ extends: "base/base.json5", run: { days: 30 } }"#))
        XCTAssertEqual(child.geometry?.shapes.map(\.name), ["cells"])
        XCTAssertEqual(child.scenario.run.days, 30)
        XCTAssertNil(try ScenarioLoader.load(path: folder.write("plain.json5", "{}")).geometry)
    }

    func testTheColoursDoNotStretchOverNoise() {
        let overlapping = [Chart.Estimate(60, interval: Interval(lo: 58, hi: 62)), Chart.Estimate(61, interval: Interval(lo: 59.5, hi: 62.5)),
                           Chart.Estimate(59, interval: Interval(lo: 57, hi: 61))]
        let noise = Chart.mapDomain(overlapping)!
        XCTAssertTrue(noise.withinNoise)
        XCTAssertEqual(noise.domain, 57...62.5, "the union of the intervals")
        XCTAssertEqual(noise.lowest, 59)
        XCTAssertEqual(noise.highest, 61)
        let apart = [Chart.Estimate(50, interval: Interval(lo: 49, hi: 51)), Chart.Estimate(60, interval: Interval(lo: 59, hi: 61)),
                     Chart.Estimate(55, interval: Interval(lo: 50, hi: 60))]
        let real = Chart.mapDomain(apart)!
        XCTAssertFalse(real.withinNoise, "50 and 60 cannot both be right")
        XCTAssertEqual(real.domain, 50...60, "the range of the means")
        XCTAssertNil(Chart.mapDomain([Chart.Estimate(.nan)]))
        let wide = [Chart.Estimate(12, interval: Interval(lo: -20, hi: 40)), Chart.Estimate(13, interval: Interval(lo: 5, hi: 21))]
        XCTAssertEqual(Chart.mapDomain(wide, limits: 0...Double.infinity)?.domain, 0...40, "minutes are never negative")
    }

    func testAChoroplethHasAPathAndATooltipPerShape() throws {
        let g = try DistrictGeometry.parse(text: """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[120, 30], [120.1, 30], [120.1, 30.1], [120, 30]]]}},
          {"type": "Feature", "properties": {"name": "b & c"}, "geometry": {"type": "Polygon", "coordinates": [[[120.1, 30], [120.2, 30], [120.2, 30.1], [120.1, 30]]]}}
        ]}
        """, file: "g", groups: nil)
        let svg = Chart.choropleth(g, values: ["a": Chart.Estimate(62.5, interval: Interval(lo: 62, hi: 63))],
                                   title: "Safety", value: Chart.Axis("safety score (points 0–100)"))
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 2)
        XCTAssertTrue(svg.contains("<title>a: 62.5 (95% CI 62.0–63.0)</title>"), svg)
        XCTAssertTrue(svg.contains("<title>b &amp; c: no value</title>"), svg)
        XCTAssertTrue(svg.contains("groups from 62.5 to 62.5"), svg)
    }

    /// The report of a mapped run is well-formed XHTML with one path per group in each map,
    /// and the escaped names in the tooltips.
    func testAMappedReportIsWellFormed() throws {
        let out = try MapFixture.results(in: folder)
        let html = try RunReport.html(resultsFolder: out)
        SVGTests.assertWellFormed(html, "report.html with maps")
        XCTAssertEqual(html.components(separatedBy: "<path ").count - 1, 3 * 2)
        XCTAssertTrue(html.contains("<title>old &amp; &lt;east&gt;: "), "names escaped in tooltips")
        XCTAssertTrue(html.contains("geometry.geojson"), "the footer names the copy it drew from")
    }
}
