import Foundation

/// Writes a scenario, every field included, as JSON5 text with each field's unit as a comment.
/// Reading the text back gives the same scenario (it is `scenario.resolved.json5`).
public final class ScenarioWriter: ScenarioVisitor {
    private var lines: [String] = []
    private var depth = 1
    /// Inside a patch: the keys it sets, and the path below the patch's section.
    private var patchKeys: Set<String>?
    private var relative: [String] = []

    private func wanted(_ key: String) -> Bool {
        guard let keys = patchKeys else { return true }
        return keys.contains((relative + [key]).joined(separator: "."))
    }

    /// The JSON5 text of `section`, preceded by `header` comment lines.
    public static func text<S: ScenarioSection>(of section: S, header: [String] = []) -> String {
        let writer = ScenarioWriter()
        var copy = section
        copy.visit(writer)
        let body = writer.lines
        var out = header.map { "// \($0)" }
        out.append("{")
        out.append(contentsOf: body)
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private func emit(_ key: String, _ value: String, comment: String? = nil) {
        guard wanted(key) else { return }
        let line = "\(indent)\(key): \(value),"
        lines.append(comment.map { "\(line)  // \($0)" } ?? line)
    }

    static func number(_ x: Double) -> String { JSONLiteral.number(x) }
    static func quoted(_ s: String) -> String { JSONLiteral.quoted(s) }

    public static func parameterText(_ p: Parameter) -> String {
        switch p {
        case .fixed(let v): return number(v)
        case .normal(let m, let s): return "{dist: \"normal\", mean: \(number(m)), sd: \(number(s))}"
        case .lognormal(let m, let s): return "{dist: \"lognormal\", median: \(number(m)), sd: \(number(s))}"
        case .beta(let a, let b): return "{dist: \"beta\", alpha: \(number(a)), beta: \(number(b))}"
        case .uniform(let lo, let hi): return "{dist: \"uniform\", min: \(number(lo)), max: \(number(hi))}"
        case .triangular(let lo, let m, let hi): return "{dist: \"triangular\", min: \(number(lo)), mode: \(number(m)), max: \(number(hi))}"
        }
    }

    public func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        emit(key, Self.parameterText(value), comment: bounds.unit)
    }

    /// Only when set: an absent optional parameter writes nothing, so reading back gives nil.
    public func optionalParameter(_ key: String, _ value: inout Parameter?, _ bounds: Bounds) {
        guard let p = value else { return }
        emit(key, Self.parameterText(p), comment: bounds.unit)
    }

    public func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        emit(key, String(value), comment: unit)
    }

    public func flag(_ key: String, _ value: inout Bool) { emit(key, value ? "true" : "false") }

    public func text(_ key: String, _ value: inout String) { emit(key, Self.quoted(value)) }

    public func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {
        emit(key, Self.quoted(value.rawValue), comment: C.allCases.map(\.rawValue).joined(separator: " | "))
    }

    public func section<S: ScenarioSection>(_ key: String, _ value: inout S) {
        // An unscheduled policy writes no schedule, so scenarios without schedules read as before.
        if patchKeys == nil, let schedule = value as? Scenario.Schedule, schedule.isUnscheduled { return }
        if let keys = patchKeys {
            let prefix = (relative + [key]).joined(separator: ".") + "."
            guard keys.contains(where: { $0.hasPrefix(prefix) }) else { return }
        }
        lines.append("\(indent)\(key): {")
        depth += 1
        relative.append(key)
        value.visit(self)
        relative.removeLast()
        depth -= 1
        lines.append("\(indent)},")
    }

    /// Only the fields the patch sets, so reading the text back gives the same patch.
    public func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {
        guard !value.isEmpty else { return }
        lines.append("\(indent)\(key): {")
        depth += 1
        let (savedKeys, savedRelative) = (patchKeys, relative)
        patchKeys = Set(value.keys)
        relative = []
        value.section.visit(self)
        (patchKeys, relative) = (savedKeys, savedRelative)
        depth -= 1
        lines.append("\(indent)},")
    }

    public func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {
        lines.append("\(indent)\(key): [")
        depth += 1
        for i in value.indices {
            lines.append("\(indent){")
            depth += 1
            value[i].visit(self)
            depth -= 1
            lines.append("\(indent)},")
        }
        depth -= 1
        lines.append("\(indent)],")
    }
}
