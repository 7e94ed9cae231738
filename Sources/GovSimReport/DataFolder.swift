import Foundation
import GovSim
import GovSimIO

/// A results folder read for a report: its files as text, JSON objects or CSV tables, each
/// failure a `RunReport.DataError` naming the file and what is wrong with it.
struct DataFolder {
    var path: String
    /// The command that writes the folder, for the hint when a file is missing ("govsim run").
    var writer: String

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Whether `name` exists as a regular file (or a link to one).
    func has(_ name: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    func text(_ name: String) throws(RunReport.DataError) -> String {
        guard has(name) else {
            throw RunReport.DataError(path: file(name), reason: "no such file (is this a folder written by `\(writer)`?)")
        }
        guard let data = FileManager.default.contents(atPath: file(name)) else {
            throw RunReport.DataError(path: file(name), reason: "cannot be read (check its permissions)")
        }
        guard let string = String(data: data, encoding: .utf8) else {
            throw RunReport.DataError(path: file(name), reason: "is not UTF-8 text")
        }
        return string
    }

    func object(_ name: String) throws(RunReport.DataError) -> JSONObject {
        let json = try text(name)
        guard let object = JSONObject(text: json) else {
            throw RunReport.DataError(path: file(name), reason: "is not a JSON object")
        }
        return object
    }

    /// `name` read through its schema type by `parse`; a text that is not that file is a
    /// `DataError` naming it and saying why.
    func read<File>(_ name: String, _ parse: (String) throws(ResultFileError) -> File) throws(RunReport.DataError) -> File {
        let text = try text(name)
        do { return try parse(text) } catch { throw RunReport.DataError(path: file(name), reason: error.reason) }
    }

    /// `name` read as trials.csv with every column of `required`.
    func trials(_ name: String = "trials.csv", required: [TrialsFile.Column]) throws(RunReport.DataError) -> TrialsFile {
        try read(name) { (text) throws(ResultFileError) in try TrialsFile(text: text, required: required) }
    }

    /// A failure of the JSON file `name`: a required key is missing or has the wrong type.
    func lacking(_ name: String, _ keys: String) -> RunReport.DataError {
        RunReport.DataError(path: file(name), reason: "lacks \(keys)")
    }
}
