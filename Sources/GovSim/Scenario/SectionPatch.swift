/// A section a cell group overrides key by key: the fields the file sets (`keys`, paths relative
/// to the section, e.g. `cameras.coverage`) and their values (in `section`; its other fields are
/// unused defaults). A group's effective section is the district-wide one with these fields
/// replaced (`applied(to:)`), so a group inherits every key it does not name, including the
/// district-wide draw of a distribution.
public struct SectionPatch<S: ScenarioSection & Equatable>: Equatable, Sendable {
    public var section = S()
    /// Relative paths of the fields set, in visiting order.
    public var keys: [String] = []

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }

    /// `base` with the patched fields replaced by the patch's values.
    public func applied(to base: S) -> S {
        guard !keys.isEmpty else { return base }
        let collector = FieldCollector()
        var copy = section
        copy.visit(PatchProxy(target: collector, keys: keys))
        let applier = FieldApplier(values: collector.values)
        var out = base
        out.visit(applier)
        return out
    }

    /// Sets the field at relative path `key` (adding it to the patch when absent).
    mutating func set(_ key: String, _ value: FieldValue) {
        var copy = section
        copy.visit(FieldApplier(values: [key: value]))
        section = copy
        if !keys.contains(key) { keys.append(key) }
    }
}

/// One field's value, whatever its kind.
enum FieldValue: Equatable {
    case parameter(Parameter), integer(Int), flag(Bool), text(String), choice(String)
}

/// Walks a patched section for a path-tracking visitor, forwarding only the patched fields (and
/// the sub-sections that hold them), with the target's path prefix kept in step.
final class PatchProxy: ScenarioVisitor {
    let target: PathTrackingVisitor
    let keys: Set<String>
    private var relative: [String] = []

    init(target: PathTrackingVisitor, keys: [String]) {
        self.target = target
        self.keys = Set(keys)
    }

    private func wanted(_ key: String) -> Bool { keys.contains((relative + [key]).joined(separator: ".")) }

    func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        if wanted(key) { target.parameter(key, &value, bounds) }
    }
    func optionalParameter(_ key: String, _ value: inout Parameter?, _ bounds: Bounds) {
        if wanted(key) { target.optionalParameter(key, &value, bounds) }
    }
    func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        if wanted(key) { target.integer(key, &value, range, unit: unit) }
    }
    func flag(_ key: String, _ value: inout Bool) { if wanted(key) { target.flag(key, &value) } }
    func text(_ key: String, _ value: inout String) { if wanted(key) { target.text(key, &value) } }
    func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) { if wanted(key) { target.choice(key, &value) } }

    func section<S: ScenarioSection>(_ key: String, _ value: inout S) {
        let prefix = (relative + [key]).joined(separator: ".") + "."
        guard keys.contains(where: { $0.hasPrefix(prefix) }) else { return }
        relative.append(key)
        target.prefix.append(key)
        value.visit(self)
        target.prefix.removeLast()
        relative.removeLast()
    }

    func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {}
    func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {}
}

/// Collects the values of the fields it is shown, by path.
final class FieldCollector: PathTrackingVisitor {
    var values: [String: FieldValue] = [:]
    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) { values[path(key)] = .parameter(value) }
    override func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) { values[path(key)] = .integer(value) }
    override func flag(_ key: String, _ value: inout Bool) { values[path(key)] = .flag(value) }
    override func text(_ key: String, _ value: inout String) { values[path(key)] = .text(value) }
    override func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) { values[path(key)] = .choice(value.rawValue) }
}

/// Replaces the fields at the given paths.
final class FieldApplier: PathTrackingVisitor {
    let values: [String: FieldValue]
    init(values: [String: FieldValue]) { self.values = values }
    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        if case .parameter(let p) = values[path(key)] { value = p }
    }
    override func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        if case .integer(let i) = values[path(key)] { value = i }
    }
    override func flag(_ key: String, _ value: inout Bool) { if case .flag(let b) = values[path(key)] { value = b } }
    override func text(_ key: String, _ value: inout String) { if case .text(let s) = values[path(key)] { value = s } }
    override func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {
        if case .choice(let s) = values[path(key)], let c = C(rawValue: s) { value = c }
    }
}
