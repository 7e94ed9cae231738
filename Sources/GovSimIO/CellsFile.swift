import Foundation
import GovSim

/// `district: { cellsFile: "cells.csv" }`: the district's cell groups from a CSV file, one row
/// per group, read into the same tree an inline `cells` list gives (so a district from a CSV is
/// the same scenario, bit for bit, as the district written inline).
///
/// Columns: `name`, `count`, `households`, `estate`, optional `residentsPerHousehold`,
/// `elderlyShare` (= `residents.elderlyShare`), `gridWorkers` (= `response.gridWorkersPerCell`),
/// and any per-group policy value by its path (`council.enabled`, `sensors.cameras.coverage`).
/// An empty field leaves the value to the district. Every problem names the file, row and column.
enum CellsFile {
    /// Short column names for common per-group values.
    static let aliases = ["elderlyShare": "residents.elderlyShare", "gridWorkers": "response.gridWorkersPerCell"]
    static let required = ["name", "count", "households", "estate"]

    /// The tree with `district.cellsFile` replaced by the groups it lists; `file` is the scenario
    /// file (the CSV's path is relative to its folder).
    static func expand(_ tree: JSONValue, file: String) throws(ScenarioFileError) -> JSONValue {
        guard case .object(var top) = tree, case .object(var district)? = top["district"], let ref = district["cellsFile"] else { return tree }
        guard case .string(let name) = ref, !name.isEmpty else {
            throw ScenarioFileError(file: file, problems: ["district.cellsFile: expected the name of a CSV file, got \(ref.kindDescription)"])
        }
        guard district["cells"] == nil else {
            throw ScenarioFileError(file: file, problems: ["district: give either cells or cellsFile, not both"])
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let path = name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioFileError(file: file, problems: ["district.cellsFile: cannot read '\(name)' (looked for \(path))"])
        }
        district["cells"] = try cells(csv: text, file: path)
        district.removeValue(forKey: "cellsFile")
        top["district"] = .object(district)
        return .object(top)
    }

    /// The groups of a CSV text, each checked as a cell group (problems by row and column).
    static func cells(csv text: String, file: String) throws(ScenarioFileError) -> JSONValue {
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch { throw ScenarioFileError(file: file, problems: ["\(error)"]) }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
        var problems: [String] = []
        for column in required where !header.contains(column) { problems.append("row 1: missing column '\(column)'") }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        var groups: [JSONValue] = []
        for (i, row) in table.rows.enumerated() {
            let rowNumber = i + 2
            var object = JSONValue.object([:])
            var columnOf: [String: String] = [:]
            for (column, raw) in zip(header, row) {
                let field = raw.trimmingCharacters(in: .whitespaces)
                guard !field.isEmpty else { continue }
                let path = aliases[column] ?? column
                columnOf[path] = column
                object = object.merged(with: nested(path.split(separator: ".").map(String.init), value(field, column: column)))
            }
            var group = Scenario.CellGroup()
            for issue in ScenarioReader.read(object, into: &group) {
                let column = columnOf.keys.sorted { $0.count > $1.count }.first { issue.path == $0 || issue.path.hasPrefix($0 + ".") }
                    .map { columnOf[$0]! } ?? issue.path
                problems.append("row \(rowNumber), column '\(column)': \(issue.message)")
            }
            groups.append(object)
        }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        guard !groups.isEmpty else { throw ScenarioFileError(file: file, problems: ["no rows: a district needs at least one cell group"]) }
        return .array(groups)
    }

    /// A field as JSON: a number, true/false, or text (estate types, names).
    static func value(_ field: String, column: String) -> JSONValue {
        if column != "name", let i = Int64(field) { return .integer(i) }
        if column != "name", let x = Double(field), x.isFinite { return .number(x) }
        if field == "true" { return .bool(true) }
        if field == "false" { return .bool(false) }
        return .string(field)
    }

    static func nested(_ keys: [String], _ value: JSONValue) -> JSONValue {
        keys.reversed().reduce(value) { inner, key in .object([key: inner]) }
    }
}
