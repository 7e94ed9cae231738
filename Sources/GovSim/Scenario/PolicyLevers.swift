/// The levers of a policy: the scenario paths a policy file changes relative to its baseline,
/// found by diffing the two resolved scenarios field by field (defaults filled in, `extends`
/// followed), and the scenarios in between (the baseline with any subset of the levers pulled).
///
/// What counts as one lever:
/// - a field (number or distribution, integer, flag, choice) whose value differs, at its path
///   (`mediation.tiers[0].staff`, `sensors.cameras.coverage`);
/// - a policy section's schedule, as one lever (`mediation.schedule`: its start, ramp and end
///   together, which mean nothing apart);
/// - a list whose length differs (`district.cells`, `mediation.tiers`), or a cell group's
///   override section whose set of overridden keys differs (`district.cells[2].sensors`), as
///   one lever taken whole from the policy.
/// Not levers: `name`, `description`, `run` (trials, days and seed come from the baseline),
/// `sweep`, and text fields (labels; a differing one is listed in `ignored`), and a posterior
/// sample (the baseline's is used; a differing one is listed in `ignored`).
public struct PolicyLevers: Sendable {
    public struct Lever: Sendable, Equatable {
        /// The path the lever is named by.
        public var path: String
        /// The baseline's and the policy's value, as a scenario file writes them ("12", "0.6",
        /// "normal(…)", or "3 groups" for a whole list).
        public var from: String
        public var to: String
        /// Leaf paths the lever sets (one for a plain field, the schedule's fields for a schedule).
        var leaves: [String]
        /// Set for a list or an override section taken whole from the policy.
        var whole: Bool
    }

    public let baseline: Scenario
    public let policy: Scenario
    /// The levers, in the order the scenario file lists its fields.
    public let levers: [Lever]
    /// Differences that are not levers (text fields, a posterior sample), as "path: from → to".
    public let ignored: [String]

    public init(baseline: Scenario, policy: Scenario) {
        self.baseline = baseline
        self.policy = policy
        let b = FieldSnapshot.of(baseline), p = FieldSnapshot.of(policy)
        let policyFields = Dictionary(p.fields.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        let policyShapes = Dictionary(p.structures.map { ($0.path, $0.shape) }, uniquingKeysWith: { a, _ in a })
        var levers: [Lever] = [], ignored: [String] = []
        var wholes: [String] = []
        func covered(_ path: String) -> Bool {
            wholes.contains { path.hasPrefix($0 + "[") || path.hasPrefix($0 + ".") || path == $0 }
        }
        // Lists of different lengths and override sections with different keys, outermost first.
        for (path, shape) in b.structures where !covered(path) && !PolicyLevers.excluded(path) {
            guard let other = policyShapes[path] else { continue }
            if shape != other {
                wholes.append(path)
                levers.append(Lever(path: path, from: shape.description, to: other.description, leaves: [], whole: true))
            }
        }
        var grouped: [String: Int] = [:]
        for (path, value) in b.fields where !covered(path) && !PolicyLevers.excluded(path) {
            guard let other = policyFields[path], other != value else { continue }
            if case .text = value {
                ignored.append("\(path): \(value.text) → \(other.text) (a label, not a lever)")
                continue
            }
            let name = PolicyLevers.leverName(path)
            if let k = grouped[name] {
                levers[k].leaves.append(path)
                levers[k].from += ", " + value.text
                levers[k].to += ", " + other.text
            } else {
                grouped[name] = levers.count
                levers.append(Lever(path: name, from: value.text, to: other.text, leaves: [path], whole: false))
            }
        }
        if baseline.posterior != policy.posterior {
            ignored.append("posterior: the policy's posterior sample differs; every arm uses the baseline's")
        }
        self.levers = levers
        self.ignored = ignored
    }

    /// Fields that are not policy: what the scenario is called and how it is run.
    static func excluded(_ path: String) -> Bool {
        let top = path.split(separator: ".", maxSplits: 1).first.map(String.init) ?? path
        return ["name", "description", "run", "sweep"].contains(top)
    }

    /// A field's lever: itself, or the schedule it belongs to.
    static func leverName(_ path: String) -> String {
        let parts = path.split(separator: ".").map(String.init)
        if let k = parts.firstIndex(of: "schedule") { return parts[...k].joined(separator: ".") }
        return path
    }

    /// The baseline with the levers at `indices` set to the policy's values.
    public func scenario(pulling indices: some Sequence<Int>) -> Scenario {
        var leaves: Set<String> = [], wholes: Set<String> = []
        for i in indices {
            if levers[i].whole { wholes.insert(levers[i].path) } else { leaves.formUnion(levers[i].leaves) }
        }
        if leaves.isEmpty && wholes.isEmpty { return baseline }
        let source = FieldSnapshot.of(policy)
        let applier = LeverApplier(leaves: leaves, wholes: wholes, source: source)
        var copy = baseline
        copy.visit(applier)
        return copy
    }
}

/// Every field of a scenario by path, with the shape and value of each list and override section.
final class FieldSnapshot: PathTrackingVisitor {
    enum Shape: Equatable, CustomStringConvertible {
        case list(count: Int), patch(keys: [String])
        var description: String {
            switch self {
            case .list(let n): return "\(n) \(n == 1 ? "entry" : "entries")"
            case .patch(let keys): return keys.isEmpty ? "no override" : "overrides " + keys.joined(separator: ", ")
            }
        }
    }

    private(set) var fields: [(path: String, value: FieldValue)] = []
    private(set) var structures: [(path: String, shape: Shape)] = []
    /// The lists and override sections themselves, by path (to copy whole).
    private(set) var wholes: [String: Any] = [:]

    static func of(_ scenario: Scenario) -> FieldSnapshot {
        let snapshot = FieldSnapshot()
        var copy = scenario
        copy.visit(snapshot)
        return snapshot
    }

    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) { fields.append((path(key), .parameter(value))) }
    override func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) { fields.append((path(key), .integer(value))) }
    override func flag(_ key: String, _ value: inout Bool) { fields.append((path(key), .flag(value))) }
    override func text(_ key: String, _ value: inout String) { fields.append((path(key), .text(value))) }
    override func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) { fields.append((path(key), .choice(value.rawValue))) }

    override func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {
        structures.append((path(key), .list(count: value.count)))
        wholes[path(key)] = value
        super.list(key, &value, count: count)
    }

    override func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {
        structures.append((path(key), .patch(keys: value.keys)))
        wholes[path(key)] = value
        super.patch(key, &value, districtOnly: districtOnly)
    }
}

/// Sets the chosen fields, lists and override sections of a scenario from a snapshot of another.
private final class LeverApplier: PathTrackingVisitor {
    let leaves: Set<String>, wholes: Set<String>
    let values: [String: FieldValue]
    let source: FieldSnapshot

    init(leaves: Set<String>, wholes: Set<String>, source: FieldSnapshot) {
        self.leaves = leaves
        self.wholes = wholes
        self.source = source
        values = Dictionary(source.fields.filter { leaves.contains($0.path) }.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        if case .parameter(let p) = values[path(key)] { value = p }
    }
    override func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        if case .integer(let i) = values[path(key)] { value = i }
    }
    override func flag(_ key: String, _ value: inout Bool) { if case .flag(let b) = values[path(key)] { value = b } }
    override func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {
        if case .choice(let s) = values[path(key)], let c = C(rawValue: s) { value = c }
    }
    override func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {
        if wholes.contains(path(key)), let whole = source.wholes[path(key)] as? [S] { value = whole; return }
        super.list(key, &value, count: count)
    }
    override func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {
        if wholes.contains(path(key)), let whole = source.wholes[path(key)] as? SectionPatch<S> { value = whole; return }
        super.patch(key, &value, districtOnly: districtOnly)
    }
}

extension FieldValue {
    /// The value as a scenario file writes it.
    var text: String {
        switch self {
        case .parameter(let p): return ScenarioWriter.parameterText(p)
        case .integer(let i): return String(i)
        case .flag(let b): return b ? "true" : "false"
        case .text(let s): return ScenarioWriter.quoted(s)
        case .choice(let s): return ScenarioWriter.quoted(s)
        }
    }
}
