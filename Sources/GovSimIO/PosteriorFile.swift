import Foundation
import GovSim

/// `posterior: "pudong.posterior.csv"` (top level): a weighted sample of joint parameter vectors
/// that each trial draws one of (see `PosteriorSample`). The path is relative to the scenario
/// file that names it; a file that extends it inherits the sample.
///
/// The CSV: lines starting with `#` before the header are comments (calibrate writes its
/// manifest there); the header names one parameter path per column and a `weight` column; each
/// row is one vector. Read strictly: an unknown path, a repeated column, a value that is not a
/// finite number within its field's bounds, or a weight that is not > 0 is an error naming the
/// file, the line and the column.
public enum PosteriorFile {
    public static let key = "posterior"
    public static let weightColumn = "weight"

    /// The tree with a relative `posterior` path made absolute against the folder of `file`.
    static func resolve(_ tree: JSONValue, file: String) throws(ScenarioFileError) -> JSONValue {
        guard case .object(var top) = tree, let ref = top[key] else { return tree }
        guard case .string(let name) = ref, !name.isEmpty else {
            throw ScenarioFileError(file: file, problems: ["posterior: expected the name of a CSV file, e.g. \"pudong.posterior.csv\", got \(ref.kindDescription)"])
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        top[key] = .string(name.hasPrefix("/") ? name : directory.appendingPathComponent(name).standardizedFileURL.path)
        return .object(top)
    }

    /// Reads the sample at `path` for `scenario` (whose fields give the bounds).
    static func load(path: String, for scenario: Scenario) throws(ScenarioFileError) -> PosteriorSample {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ScenarioFileError(file: path, problems: ["no such posterior file (named by the scenario's posterior field)"])
        }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType == .typeRegular else {
            throw ScenarioFileError(file: path, problems: ["is not a regular file"])
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: target))?[.size] as? Int, size > ScenarioLoader.maximumBytes {
            throw ScenarioFileError(file: path, problems: ["is \(size) bytes; a posterior file may have at most \(ScenarioLoader.maximumBytes) (16 MiB)"])
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioFileError(file: path, problems: ["cannot be read as UTF-8 text"])
        }
        return try parse(text, file: path, for: scenario)
    }

    /// Reads a posterior CSV text; `file` names it in errors.
    public static func parse(_ text: String, file: String, for scenario: Scenario) throws(ScenarioFileError) -> PosteriorSample {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var comments = 0
        while let first = lines.first, first.hasPrefix("#") { lines.removeFirst(); comments += 1 }
        let table: CSVTable
        do { table = try CSVTable.parse(lines.joined(separator: "\n")) } catch {
            throw ScenarioFileError(file: file, problems: ["\(error)" + (comments > 0 ? " (after \(comments) comment lines)" : "")])
        }
        let headerLine = comments + 1
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
        var problems: [String] = []
        var bounds: [Bounds?] = []
        var seen: Set<String> = []
        for column in header {
            if !seen.insert(column).inserted { problems.append("line \(headerLine), column '\(column)': appears twice") }
            if column == weightColumn { bounds.append(nil); continue }
            do { bounds.append(try ParameterPath(column, in: scenario).bounds) } catch {
                problems.append("line \(headerLine), column '\(column)': \(error.message)")
                bounds.append(nil)
            }
        }
        guard let weightIndex = header.firstIndex(of: weightColumn) else {
            problems.append("line \(headerLine): no '\(weightColumn)' column (columns: parameter paths, then weight)")
            throw ScenarioFileError(file: file, problems: problems)
        }
        if header.count < 2 { problems.append("line \(headerLine): no parameter columns") }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        var rows: [[Double]] = [], weights: [Double] = []
        for (i, record) in table.rows.enumerated() {
            let line = headerLine + 1 + i
            var row: [Double] = []
            for (j, raw) in record.enumerated() {
                let field = raw.trimmingCharacters(in: .whitespaces)
                guard let x = Double(field), x.isFinite else {
                    problems.append("line \(line), column '\(header[j])': expected a finite number, got '\(field)'")
                    continue
                }
                if j == weightIndex {
                    if !(x > 0) { problems.append("line \(line), column '\(weightColumn)': expected a weight > 0, got \(JSONText.format(x))") }
                    weights.append(x)
                } else if let b = bounds[j] {
                    if !b.range.contains(x) {
                        problems.append("line \(line), column '\(header[j])': expected \(b.expectation) (\(b.unit)), got \(JSONText.format(x))")
                    }
                    row.append(x)
                }
            }
            rows.append(row)
            if problems.count >= 20 { break }
        }
        if rows.isEmpty && problems.isEmpty { problems.append("no rows: a posterior sample needs at least one vector") }
        guard problems.isEmpty else { throw ScenarioFileError(file: file, problems: problems) }
        let paths = header.enumerated().filter { $0.offset != weightIndex }.map(\.element)
        return PosteriorSample(source: file, paths: paths, rows: rows, weights: weights)
    }

    /// The CSV of a sample: `comments` as `#` lines, the paths and `weight` as header, one row
    /// per vector (numbers in shortest round-trip form, so reading it back gives the same values).
    public static func render(paths: [String], particles: [[Double]], weights: [Double], comments: [String]) -> String {
        var out = comments.map { "# " + $0 + "\n" }.joined()
        var table = CSVTable(header: paths + [weightColumn])
        for (p, w) in zip(particles, weights) { table.append(p.map(CSVTable.number) + [CSVTable.number(w)]) }
        out += table.rendered
        return out
    }
}
