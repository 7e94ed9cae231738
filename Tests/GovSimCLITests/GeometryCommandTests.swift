import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimIO
@testable import GovSimCLI

/// `district.geometryFile` end to end: strict reading (exit 65 naming the file and the feature),
/// the copy in the run folder, the report's maps, `govsim report`, shards and merge.
final class GeometryCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() { temporary = TemporaryFolder("geo") }
    override func tearDown() { temporary = nil }

    /// A square feature at column `x` (degrees of longitude from 120° E).
    private func square(_ name: String, _ x: Double) -> String {
        let (a, b) = (120 + x * 0.01, 120 + (x + 1) * 0.01)
        return #"{"type": "Feature", "properties": {"name": "\#(name)"}, "geometry": {"type": "Polygon", "coordinates": [[[\#(a), 30], [\#(b), 30], [\#(b), 30.01], [\#(a), 30.01], [\#(a), 30]]]}}"#
    }

    private func collection(_ features: [String]) -> String {
        #"{"type": "FeatureCollection", "features": ["# + features.joined(separator: ",\n") + "]}\n"
    }

    /// Three groups, with the geometry file `geometry`.
    private func scenario(_ geometry: String = "cells.geojson") -> String {
        temporary.write("district.json5", """
        { name: "geo", run: { trials: 4, days: 20 }, district: { geometryFile: "\(geometry)", cells: [
          { name: "old", count: 2, households: 120, estate: "oldEstate" },
          { name: "villages", count: 1, households: 100, estate: "village" },
          { name: "new", count: 1, households: 150, estate: "newEstate" },
        ] } }
        """)
    }

    func testBadGeometryIsRefusedNamingTheFileAndFeature() {
        let path = scenario()
        let ok = [square("old", 0), square("villages", 1), square("new", 2)]
        let cases: [(String, String)] = [
            (collection([ok[0], #"{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}}"#]),
             "cells.geojson: feature 1: missing properties.name"),
            (collection([square("olld", 0)]), #"cells.geojson: feature 0: properties.name "olld" is not a cell group of the scenario; did you mean "old"?"#),
            (collection([ok[0], ok[1], #"{"type": "Feature", "properties": {"name": "new"}, "geometry": {"type": "Point", "coordinates": [120, 30]}}"#]),
             #"cells.geojson: feature 2: geometry.type: expected "Polygon" or "MultiPolygon", got "Point""#),
            (collection([ok[0], ok[1].replacingOccurrences(of: "[120.02, 30.01]", with: "[Infinity, 30.01]")]),
             "cells.geojson: feature 1: geometry.coordinates[0][2]: non-finite coordinate"),
            (collection([ok[0].replacingOccurrences(of: "[120.01, 30]", with: "[1e300, 30]")]),
             "cells.geojson: feature 0: geometry.coordinates[0][1]: expected longitude from -180 to 180"),
            (collection([ok[0], ok[0]]), #"cells.geojson: feature 1: properties.name "old" is outlined already by feature 0"#),
            (collection([ok[0].replacingOccurrences(of: ", [120.0, 30]]]}", with: "]]}")]),
             "cells.geojson: feature 0: geometry.coordinates[0]: the ring is not closed"),
            (#"{"type": "Feature"}"#, "cells.geojson: expected a GeoJSON FeatureCollection"),
            ("{\"type\": \"FeatureCollection\", \"features\": [", "cells.geojson: line 1"),
        ]
        for (i, (text, message)) in cases.enumerated() {
            temporary.write("cells.geojson", text)
            for args in [["validate", path], ["run", path, "--threads", "1", "--quiet", "--out", folder + "/out-\(i)"]] {
                let r = govsim(args)
                XCTAssertEqual(r.status, ExitStatus.dataError, "\(args[0]) case \(i): \(r.err)")
                XCTAssertTrue(r.err.contains(message), "\(args[0]) case \(i): \(r.err)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out-\(i)"), "nothing written for case \(i)")
        }
        let missing = govsim("validate", scenario("nowhere.geojson"))
        XCTAssertEqual(missing.status, ExitStatus.dataError)
        XCTAssertTrue(missing.err.contains("nowhere.geojson: no such file"), missing.err)
        let notText = govsim("validate", temporary.write("n.json5", #"{ district: { geometryFile: 3 } }"#))
        XCTAssertTrue(notText.err.contains("district.geometryFile: expected the name of a GeoJSON file, got 3"), notText.err)
    }

    /// Past the limit on positions, the feature that crosses it is named.
    func testTooLargeNamesTheFeature() {
        let text = collection([square("a", 0), square("b", 1), square("c", 2)])
        XCTAssertThrowsError(try DistrictGeometry.parse(text: text, file: "g.geojson", groups: nil, limit: 12)) { error in
            XCTAssertTrue("\(error)".contains("g.geojson: feature 2: too large: the file holds more than 12 positions"), "\(error)")
        }
        XCTAssertEqual(try DistrictGeometry.parse(text: text, file: "g.geojson", groups: nil, limit: 15).shapes.count, 3)
    }

    /// The run copies the geometry, lists it in SHA256SUMS, names it in the resolved scenario,
    /// and draws one path per group in each of the three maps; `govsim report` redraws the same
    /// page from the folder alone; shards and merge give the same files.
    func testTheRunKeepsTheGeometryAndTheReportDrawsIt() throws {
        temporary.write("cells.geojson", collection([square("old", 0), square("villages", 1), square("new", 2)]))
        let path = scenario()
        let out = folder + "/run"
        let run = govsim("run", path, "--threads", "2", "--quiet", "--out", out)
        XCTAssertEqual(run.status, 0, run.err)
        let sums = try String(contentsOfFile: out + "/SHA256SUMS", encoding: .utf8)
        XCTAssertTrue(sums.contains("  geometry.geojson\n"), sums)
        let resolved = try String(contentsOfFile: out + "/scenario.resolved.json5", encoding: .utf8)
        XCTAssertTrue(resolved.contains(#"geometryFile: "geometry.geojson""#), resolved)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertEqual(report.components(separatedBy: "<path ").count - 1, 3 * 3, "one path per group in each of 3 maps")
        for name in ["old", "villages", "new"] { XCTAssertTrue(report.contains("<title>\(name): "), name) }
        XCTAssertFalse(report.contains("No outline in the geometry file"))

        // The folder alone redraws the report (the scenario's own geometry file is gone).
        try FileManager.default.removeItem(atPath: folder + "/cells.geojson")
        try FileManager.default.removeItem(atPath: out + "/report.html")
        XCTAssertEqual(govsim("report", out).status, 0)
        XCTAssertEqual(try String(contentsOfFile: out + "/report.html", encoding: .utf8), report)
        // The resolved scenario runs again, with its maps.
        XCTAssertEqual(govsim("validate", out + "/scenario.resolved.json5").status, 0)

        // Shards carry the copy; the merge writes the files one run writes, the copy included.
        temporary.write("cells.geojson", collection([square("old", 0), square("villages", 1), square("new", 2)]))
        for i in 1...2 { XCTAssertEqual(govsim("run", path, "--shard", "\(i)/2", "--out", folder + "/s\(i)", "--quiet").status, 0) }
        let merged = govsim("merge", folder + "/s1", folder + "/s2", "--out", folder + "/merged")
        XCTAssertEqual(merged.status, 0, merged.err)
        for file in ["trials.csv", "summary.json", "timeseries.csv", "scenario.resolved.json5", "geometry.geojson"] {
            XCTAssertNotNil(read(folder + "/merged/" + file), file)
            XCTAssertEqual(read(folder + "/merged/" + file), read(out + "/" + file), file)
        }
    }

    /// A group without an outline is named in the report, not an error.
    func testAGroupWithoutAnOutlineIsNamed() throws {
        temporary.write("cells.geojson", collection([square("old", 0), square("new", 2)]))
        let out = folder + "/run"
        XCTAssertEqual(govsim("run", scenario(), "--threads", "1", "--quiet", "--out", out).status, 0)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains("No outline in the geometry file for 1 of 3 groups, not drawn: villages."), report)
        let validate = govsim("validate", folder + "/district.json5")
        XCTAssertTrue(validate.out.hasSuffix("; outlines for 2 of 3 groups (none for villages)\n"), validate.out)
        XCTAssertEqual(report.components(separatedBy: "<path ").count - 1, 3 * 2)
    }
}
