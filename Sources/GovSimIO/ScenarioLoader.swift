import Foundation
import GovSim

/// A scenario file that could not be used: which file, and every problem found in it (field
/// path or line:column, and what was expected).
public struct ScenarioFileError: Error, CustomStringConvertible, Sendable {
    /// The file as the user named it.
    public var file: String
    /// Each problem as "path: message" or "line L, column C: message".
    public var problems: [String]

    public init(file: String, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let name = file.isEmpty ? "''" : file
        return problems.map { "\(name): \($0)" }.joined(separator: "\n")
    }
}

/// A scenario read from its file, with the files it extends.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// The file as named by the user.
    public var path: String
    /// The files this one extends, nearest first.
    public var extends: [String]
    /// The observed values this file says it should reproduce (not inherited through `extends`).
    public var targets: [Target] = []

    public init(scenario: Scenario, path: String, extends: [String], targets: [Target] = []) {
        self.scenario = scenario
        self.path = path
        self.extends = extends
        self.targets = targets
    }
}

/// Reads scenario files: JSON5 through Foundation's `JSONDecoder`, `extends` chains, and strict
/// reading into `Scenario` with every problem reported by file and field path.
public enum ScenarioLoader {
    /// Loads and validates a scenario file.
    public static func load(path: String) throws(ScenarioFileError) -> LoadedScenario {
        var chain: [String] = []
        let (tree, ownName, ownTargets) = try mergedTree(path: path, chain: &chain)
        var scenario = try read(tree, file: path)
        if !ownName { scenario.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        let targets = try ownTargets.map { (t) throws(ScenarioFileError) in try Target.parse(t, file: path) } ?? []
        return LoadedScenario(scenario: scenario, path: path, extends: Array(chain.dropFirst()), targets: targets)
    }

    /// Reads a JSON tree into a scenario, reporting problems against `file`.
    static func read(_ tree: JSONValue, file: String) throws(ScenarioFileError) -> Scenario {
        // Fields the file leaves out keep their defaults, shipped priors included.
        var scenario = Scenario.withShippedPriors
        var issues = ScenarioReader.read(tree, into: &scenario, ignoring: ["extends"])
        if issues.isEmpty { issues = scenario.semanticIssues() }
        guard issues.isEmpty else { throw ScenarioFileError(file: file, problems: issues.map(\.description)) }
        return scenario.run.uncertainty == .fixed ? scenario.fixingShippedPriors() : scenario
    }

    /// The file's tree merged over the trees of the files it extends. Each file of the chain is
    /// also read as a scenario of its own, so a problem is reported in the file that has it.
    /// Returns whether the file itself sets `name`, and its own `targets` (kept out of the tree).
    static func mergedTree(path: String, chain: inout [String]) throws(ScenarioFileError) -> (JSONValue, Bool, JSONValue?) {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if chain.contains(canonical) {
            let names = (chain + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw ScenarioFileError(file: path, problems: ["extends: the files extend each other in a cycle: \(names.joined(separator: " → "))"])
        }
        chain.append(canonical)
        let own = try CellsFile.expand(try parse(path: path), file: path)
        guard case .object(var members) = own else {
            throw ScenarioFileError(file: path, problems: ["expected an object {...} at the top of the file, got \(own.kindDescription)"])
        }
        let ownName = members["name"] != nil
        let targets = members.removeValue(forKey: "targets")
        guard let parentValue = members.removeValue(forKey: "extends") else { return (.object(members), ownName, targets) }
        guard case .string(let parentName) = parentValue, !parentName.isEmpty else {
            throw ScenarioFileError(file: path, problems: ["extends: expected the name of a scenario file, e.g. \"baseline.json5\", got \(parentValue.kindDescription)"])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let parentPath = parentName.hasPrefix("/") ? parentName : directory.appendingPathComponent(parentName).path
        guard FileManager.default.fileExists(atPath: parentPath) else {
            throw ScenarioFileError(file: path, problems: ["extends: no such file '\(parentName)' (looked for \(parentPath))"])
        }
        // A file outside the first scenario's folder tree may be anything readable (/etc/shadow):
        // a problem with it names the file, never its content.
        let root = URL(fileURLWithPath: chain[0]).deletingLastPathComponent().path
        let resolved = URL(fileURLWithPath: parentPath).standardizedFileURL.resolvingSymlinksInPath().path
        let inside = resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        do throws(ScenarioFileError) {
            let (parentTree, _, _) = try mergedTree(path: parentPath, chain: &chain)
            _ = try read(parentTree, file: parentPath)
            return (parentTree.merged(with: .object(members)), ownName, targets)
        } catch {
            guard inside else {
                throw ScenarioFileError(file: path, problems: ["extends: '\(parentName)' lies outside this scenario's folder (\(root)) and is not a valid scenario file (its content is not shown)"])
            }
            throw error
        }
    }

    /// The largest scenario file read (bytes).
    public static let maximumBytes = 16 * 1_048_576

    /// Parses one file into a JSON tree.
    public static func parse(path: String) throws(ScenarioFileError) -> JSONValue {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if (try? files.destinationOfSymbolicLink(atPath: path)) != nil {
                throw ScenarioFileError(file: path, problems: ["is a symbolic link to a missing file, or one of a loop of links"])
            }
            throw ScenarioFileError(file: path, problems: ["no such file"])
        }
        guard !isDirectory.boolValue else { throw ScenarioFileError(file: path, problems: ["is a directory, not a scenario file"]) }
        // Only regular files are read: reading a named pipe waits for a writer forever, and a
        // device such as /dev/zero never ends.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard (try? files.attributesOfItem(atPath: target))?[.type] as? FileAttributeType == .typeRegular else {
            throw ScenarioFileError(file: path, problems: ["is not a regular file (a pipe, device or socket cannot be a scenario file)"])
        }
        if let size = (try? files.attributesOfItem(atPath: target))?[.size] as? Int, size > maximumBytes {
            throw ScenarioFileError(file: path, problems: ["is \(size) bytes; a scenario file may have at most \(maximumBytes) (16 MiB)"])
        }
        guard let data = files.contents(atPath: path) else {
            throw ScenarioFileError(file: path, problems: ["cannot be read (check its permissions)"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioFileError(file: path, problems: ["is not UTF-8 text"])
        }
        return try parse(text: text, file: path)
    }

    /// Parses JSON5 text into a JSON tree; `file` names it in errors.
    ///
    /// The syntax locator runs first: it gives the line and column the decoder does not, and it
    /// keeps from the decoder the numbers that crash Foundation's JSON5 parser instead of failing
    /// (`0x1e+5`, `-0x8000000000000001`, whole numbers with hundreds of digits).
    ///
    /// The decoder gets the text with a newline after it: Foundation reads a number that ends
    /// the input (a file holding just `12`) with `strtod`, which looks past the end of the buffer
    /// for more digits, and it crashes when what lies there in memory looks like part of the number.
    public static func parse(text: String, file: String) throws(ScenarioFileError) -> JSONValue {
        if let problem = JSON5SyntaxLocator.firstProblem(in: text) {
            throw ScenarioFileError(file: file, problems: ["line \(problem.line), column \(problem.column): \(problem.message)"])
        }
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        var data = Data(text.utf8)
        data.append(UInt8(ascii: "\n"))
        do {
            return try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw ScenarioFileError(file: file, problems: ["not valid JSON5 (\(error))"])
        }
    }
}
