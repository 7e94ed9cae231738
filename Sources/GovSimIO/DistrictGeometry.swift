import Foundation
import GovSim

/// `district.geometryFile: "cells.geojson"`: the outline of every cell group, for the report's
/// maps. The model never reads it; it is a layout, not a parameter.
///
/// The file is a GeoJSON FeatureCollection (RFC 7946) of Polygon or MultiPolygon features, each
/// with `properties.name` naming a cell group (`district.cells[i].name`; a group of one cell is
/// a cell). Positions are [longitude, latitude] in degrees (a third value, altitude, is ignored).
/// A group without a feature is drawn as missing; a feature naming no group, two features naming
/// one group, a ring that is not closed or has fewer than 4 positions, a non-finite or
/// out-of-range coordinate, or a file past the size limits is an error naming the file and the
/// feature's index (0-based, as in the file's `features` array).
public struct DistrictGeometry: Sendable, Equatable {
    /// A position: longitude and latitude (degrees).
    public struct Position: Sendable, Equatable {
        public var lon: Double, lat: Double
    }
    /// One group's outline: polygons, each a list of rings (the first the outer boundary, the
    /// others holes), each ring closed (its last position repeats its first).
    public struct Shape: Sendable, Equatable {
        public var name: String
        public var polygons: [[[Position]]]
    }

    /// The shapes in the file's order.
    public var shapes: [Shape]

    /// The geometry's file name inside a results folder (a normalised copy of the scenario's).
    public static let fileName = "geometry.geojson"
    /// The largest geometry file read (bytes).
    public static let maximumBytes = 16 * 1_048_576
    /// The most positions a file may hold, over all its features.
    public static let maximumPositions = 500_000

    /// The shape of group `name`, if the file has one.
    public func shape(named name: String) -> Shape? { shapes.first { $0.name == name } }

    /// The group names of `groups` that have no shape, in their order.
    public func missing(_ groups: [String]) -> [String] {
        let named = Set(shapes.map(\.name))
        return groups.filter { !named.contains($0) }
    }

    /// The normalised GeoJSON text (sorted keys, shortest numbers, only `name` kept): reading it
    /// back gives the same geometry, so a results folder's copy redraws the same maps.
    public var geoJSON: String {
        let features: [JSONText] = shapes.map { shape in
            let polygons = shape.polygons.map { rings in
                JSONText.array(rings.map { ring in .array(ring.map { .array([.number($0.lon), .number($0.lat)]) }) })
            }
            return .object([
                "type": .string("Feature"),
                "properties": .object(["name": .string(shape.name)]),
                "geometry": .object(["type": .string("MultiPolygon"), "coordinates": .array(polygons)]),
            ])
        }
        return JSONText.object(["type": .string("FeatureCollection"), "features": .array(features)]).rendered
    }

    // MARK: - Reading

    /// Reads the GeoJSON file at `path`; with `groups`, every feature must name one of them.
    /// `file` is the path as problems show it.
    public static func read(path: String, groups: [String]?) throws(ScenarioFileError) -> DistrictGeometry {
        let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ScenarioFileError(file: path, problems: ["no such file, or not a regular file"])
        }
        if let size = attributes?[.size] as? Int, size > maximumBytes {
            throw ScenarioFileError(file: path, problems: ["is \(size) bytes; a geometry file may have at most \(maximumBytes) (16 MiB)"])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFileError(file: path, problems: ["cannot be read (check its permissions)"])
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ScenarioFileError(file: path, problems: ["is not UTF-8 text"]) }
        return try parse(text: text, file: path, groups: groups)
    }

    /// Parses GeoJSON text (JSON, or JSON5, through the scenario parser and its guards), with at
    /// most `limit` positions in all.
    public static func parse(text: String, file: String, groups: [String]?,
                             limit: Int = DistrictGeometry.maximumPositions) throws(ScenarioFileError) -> DistrictGeometry {
        let tree = try ScenarioLoader.parse(text: text, file: file)
        func fail(_ problem: String) -> ScenarioFileError { ScenarioFileError(file: file, problems: [problem]) }
        guard case .object(let top) = tree, top["type"] == .string("FeatureCollection"), case .array(let features)? = top["features"] else {
            throw fail("expected a GeoJSON FeatureCollection: {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        guard !features.isEmpty else { throw fail("features: empty; give one Polygon or MultiPolygon feature per cell group") }
        var shapes: [Shape] = []
        var firstIndex: [String: Int] = [:]
        var positions = 0
        for (i, feature) in features.enumerated() {
            func problem(_ text: String) -> ScenarioFileError { fail("feature \(i): \(text)") }
            guard case .object(let f) = feature else { throw problem("expected an object {\"type\": \"Feature\", ...}, got \(feature.kindDescription)") }
            guard case .object(let properties)? = f["properties"], let nameValue = properties["name"] else {
                throw problem("missing properties.name (the name of the cell group it outlines)")
            }
            guard case .string(let name) = nameValue, !name.isEmpty else {
                throw problem("properties.name: expected the name of a cell group, got \(nameValue.kindDescription)")
            }
            if let groups, !groups.contains(name) {
                var message = "properties.name \"\(name)\" is not a cell group of the scenario"
                if let guess = closestMatch(to: name, among: groups) { message += "; did you mean \"\(guess)\"?" }
                throw problem(message)
            }
            if let earlier = firstIndex[name] {
                throw problem("properties.name \"\(name)\" is outlined already by feature \(earlier); join them in one MultiPolygon")
            }
            firstIndex[name] = i
            guard case .object(let geometry)? = f["geometry"], case .string(let type)? = geometry["type"] else {
                throw problem("missing geometry {\"type\": \"Polygon\" or \"MultiPolygon\", \"coordinates\": [...]}")
            }
            guard let coordinates = geometry["coordinates"] else { throw problem("geometry: missing coordinates") }
            let polygons: [[[Position]]]
            switch type {
            case "Polygon": polygons = [try polygon(coordinates, at: "geometry.coordinates", problem)]
            case "MultiPolygon":
                guard case .array(let list) = coordinates, !list.isEmpty else {
                    throw problem("geometry.coordinates: expected a non-empty array of polygons")
                }
                polygons = try list.enumerated().map { (k, p) throws(ScenarioFileError) in try polygon(p, at: "geometry.coordinates[\(k)]", problem) }
            default: throw problem("geometry.type: expected \"Polygon\" or \"MultiPolygon\", got \"\(type)\"")
            }
            positions += polygons.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
            guard positions <= limit else {
                throw problem("too large: the file holds more than \(limit) positions by this feature; simplify the outlines")
            }
            shapes.append(Shape(name: name, polygons: polygons))
        }
        return DistrictGeometry(shapes: shapes)
    }

    /// A Polygon's coordinates: rings of closed [lon, lat] positions.
    private static func polygon(_ value: JSONValue, at path: String, _ problem: (String) -> ScenarioFileError) throws(ScenarioFileError) -> [[Position]] {
        guard case .array(let rings) = value, !rings.isEmpty else { throw problem("\(path): expected a non-empty array of rings") }
        var out: [[Position]] = []
        for (r, ringValue) in rings.enumerated() {
            let at = "\(path)[\(r)]"
            guard case .array(let items) = ringValue, items.count >= 4 else {
                throw problem("\(at): expected a ring of at least 4 positions (closed: the last repeats the first)")
            }
            var ring: [Position] = []
            for (k, item) in items.enumerated() {
                guard case .array(let pair) = item, pair.count >= 2, let lon = pair[0].numberValue, let lat = pair[1].numberValue else {
                    throw problem("\(at)[\(k)]: expected a position [longitude, latitude], got \(item.kindDescription)")
                }
                guard lon.isFinite, lat.isFinite else { throw problem("\(at)[\(k)]: non-finite coordinate [\(lon), \(lat)]") }
                guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                    throw problem("\(at)[\(k)]: expected longitude from -180 to 180 and latitude from -90 to 90 (degrees), got [\(JSONLiteral.number(lon)), \(JSONLiteral.number(lat))]")
                }
                ring.append(Position(lon: lon, lat: lat))
            }
            guard ring.first == ring.last else { throw problem("\(at): the ring is not closed (its last position must repeat its first)") }
            out.append(ring)
        }
        return out
    }

    // MARK: - In scenario files

    /// Replaces `district.geometryFile` (relative to `file`, the scenario naming it) by its
    /// absolute path, so a file that extends it finds the same geometry.
    static func resolvePath(_ tree: JSONValue, file: String) throws(ScenarioFileError) -> JSONValue {
        guard case .object(var top) = tree, case .object(var district)? = top["district"], let ref = district["geometryFile"] else { return tree }
        guard case .string(let name) = ref, !name.isEmpty else {
            throw ScenarioFileError(file: file, problems: ["district.geometryFile: expected the name of a GeoJSON file, got \(ref.kindDescription)"])
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        district["geometryFile"] = .string(name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path)
        top["district"] = .object(district)
        return .object(top)
    }

    /// The tree without `district.geometryFile`, and the (absolute) path it gave.
    static func extractPath(_ tree: JSONValue) -> (JSONValue, String?) {
        guard case .object(var top) = tree, case .object(var district)? = top["district"],
              case .string(let path)? = district.removeValue(forKey: "geometryFile") else { return (tree, nil) }
        top["district"] = .object(district)
        return (.object(top), path)
    }

    /// The resolved scenario's text with `district.geometryFile` naming the results folder's copy.
    static func naming(copyIn resolved: String) -> String {
        let opening = "\n  district: {\n"
        guard let range = resolved.range(of: opening) else { return resolved }
        return resolved.replacingCharacters(
            in: range, with: opening + "    geometryFile: \(JSONLiteral.quoted(fileName)),  // the groups' outlines, for the report's maps (copied beside this file)\n")
    }
}
