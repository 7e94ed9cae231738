import Foundation
import GovSim
import GovSimExperiments

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
    /// The observed values this file says it should reproduce (not inherited through `extends`),
    /// their reference scenarios read.
    public var targets: [Target] = []
    /// The file this one extends, read, when a target predicts a value (its no-policy counterfactual).
    public var counterfactual: TargetReference?
    /// The groups' outlines from `district.geometryFile` (nil without one), for the report's maps.
    public var geometry: DistrictGeometry?
    /// What the file does that is valid but easy to do by mistake (a list shorter than the one it
    /// replaces through `extends`), for the commands to print on stderr.
    public var warnings: [String] = []

    public init(scenario: Scenario, path: String, extends: [String], targets: [Target] = [], geometry: DistrictGeometry? = nil) {
        self.scenario = scenario
        self.path = path
        self.extends = extends
        self.targets = targets
        self.geometry = geometry
    }
}

extension LoadedScenario {
    /// The scenario and its targets as the experiments layer sees them.
    public var targeted: TargetedScenario {
        TargetedScenario(key: ScenarioLoader.canonical(path), path: path, scenario: scenario, targets: targets, counterfactual: counterfactual)
    }

    /// The file with the shipped priors at their central values (`--fixed`), in its own scenario
    /// and in every scenario its targets are measured against, so a paired change stays paired.
    public func fixingShippedPriors() -> LoadedScenario {
        var copy = self
        let fixed = targeted.mapScenarios { $0.fixingShippedPriors() }
        (copy.scenario, copy.targets, copy.counterfactual) = (fixed.scenario, fixed.targets, fixed.counterfactual)
        return copy
    }
}

/// Reads scenario files: JSON5 through Foundation's `JSONDecoder`, `extends` chains, and strict
/// reading into `Scenario` with every problem reported by file and field path.
public enum ScenarioLoader {
    /// Loads and validates a scenario file.
    /// - Parameter resolvingTargets: read the targets and the scenarios they refer to (false
    ///   for a file read as another's reference, whose own targets are not used).
    public static func load(path: String, resolvingTargets: Bool = true) throws(ScenarioFileError) -> LoadedScenario {
        var chain: [String] = []
        var warnings: [String] = []
        let (merged, ownName, ownTargets) = try mergedTree(path: path, chain: &chain, warnings: &warnings)
        let (tree, geometryPath) = DistrictGeometry.extractPath(merged)
        var scenario = try read(tree, file: path)
        if !ownName { scenario.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        // Each reference is read once, whether several targets or the counterfactual name it.
        var references: [String: Scenario] = [:]
        let targets = resolvingTargets ? try ownTargets.map { (t) throws(ScenarioFileError) in try Target.parse(t, file: path, references: &references) } ?? [] : []
        let geometry = try geometryPath.map { (p) throws(ScenarioFileError) in
            try DistrictGeometry.read(path: p, groups: scenario.district.cells.map(\.name))
        }
        var loaded = LoadedScenario(scenario: scenario, path: path, extends: Array(chain.dropFirst()), targets: targets, geometry: geometry)
        loaded.warnings = warnings
        // A predicted value is shown beside the no-policy counterfactual: the file this one extends.
        if let parent = loaded.extends.first, targets.contains(where: { $0.kind == .predicted && !$0.isChange }) {
            loaded.counterfactual = try TargetReference.load(path: parent, written: parent, statedIn: path, read: &references)
        }
        return loaded
    }

    /// A file's canonical path (absolute, symbolic links resolved): what identifies it.
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `path` (a link resolved) lies in the folder of `file` or below it: a file outside
    /// may be anything readable (/etc/shadow), so a problem with it names it, never its content.
    static func isInside(_ path: String, folderOf file: String) -> Bool {
        let root = canonical(URL(fileURLWithPath: file).deletingLastPathComponent().path)
        return canonical(path).hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Reads a JSON tree into a scenario, reporting problems against `file`. The tree's
    /// `district.geometryFile` (a layout for reports, not part of the scenario) is set aside.
    static func read(_ tree: JSONValue, file: String) throws(ScenarioFileError) -> Scenario {
        // Fields the file leaves out keep their defaults, shipped priors included.
        var scenario = Scenario.withShippedPriors
        var issues = ScenarioReader.read(DistrictGeometry.extractPath(tree).0, into: &scenario, ignoring: ["extends", PosteriorFile.key])
        if issues.isEmpty { issues = scenario.semanticIssues() }
        guard issues.isEmpty else { throw ScenarioFileError(file: file, problems: issues.map(\.description)) }
        if scenario.run.uncertainty == .fixed { scenario = scenario.fixingShippedPriors() }
        // `posterior` (made absolute by `mergedTree`): the sample each trial draws a vector from.
        if case .object(let top) = tree, case .string(let posterior)? = top[PosteriorFile.key] {
            scenario.posterior = try PosteriorFile.load(path: posterior, for: scenario)
        }
        return scenario
    }

    /// The file's tree merged over the trees of the files it extends. Each file of the chain is
    /// also read as a scenario of its own, so a problem is reported in the file that has it.
    /// Returns whether the file itself sets `name`, and its own `targets` (kept out of the tree).
    static func mergedTree(path: String, chain: inout [String], warnings: inout [String]) throws(ScenarioFileError) -> (JSONValue, Bool, JSONValue?) {
        let canonical = ScenarioLoader.canonical(path)
        if chain.contains(canonical) {
            let names = (chain + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw ScenarioFileError(file: path, problems: ["extends: the files extend each other in a cycle: \(names.joined(separator: " → "))"])
        }
        chain.append(canonical)
        let own = try PosteriorFile.resolve(try DistrictGeometry.resolvePath(try CellsFile.expand(try parse(path: path), file: path), file: path), file: path)
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
        let inside = isInside(parentPath, folderOf: chain[0])
        do throws(ScenarioFileError) {
            let (parentTree, _, _) = try mergedTree(path: parentPath, chain: &chain, warnings: &warnings)
            _ = try read(parentTree, file: parentPath)
            warnings += shortenedLists(parentTree, .object(members), path: "").map {
                "\(path): \($0.path): this list of \($0.own) replaces the \($0.inherited) entries of \(parentName) whole "
                    + "(lists are not merged), so entries \($0.own + 1)–\($0.inherited) are dropped; write all \($0.inherited) to keep them"
            }
            return (parentTree.merged(with: .object(members)), ownName, targets)
        } catch {
            guard inside else {
                throw ScenarioFileError(file: path, problems: ["extends: '\(parentName)' lies outside this scenario's folder (\(root)) and is not a valid scenario file (its content is not shown)"])
            }
            throw error
        }
    }

    /// Lists an extending file writes shorter than the ones it inherits, with their paths.
    static func shortenedLists(_ parent: JSONValue, _ child: JSONValue, path: String) -> [(path: String, own: Int, inherited: Int)] {
        switch (parent, child) {
        case (.object(let p), .object(let c)):
            return c.keys.sorted().flatMap { key -> [(path: String, own: Int, inherited: Int)] in
                guard let pv = p[key], let cv = c[key] else { return [] }
                return shortenedLists(pv, cv, path: path.isEmpty ? key : "\(path).\(key)")
            }
        case (.array(let p), .array(let c)) where c.count < p.count:
            return [(path, c.count, p.count)]
        default:
            return []
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
