/// A scenario visitor that knows the dotted path of each field it reaches
/// (`mediation.tiers[1].staff`). Subclasses override the field kinds they care about; sections
/// and lists are walked for them.
public class PathTrackingVisitor: ScenarioVisitor {
    var prefix: [String] = []

    public init() {}

    /// The full path of `key` in the current section.
    public func path(_ key: String) -> String { (prefix + [key]).joined(separator: ".") }

    public func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {}
    /// A set optional parameter is shown to `parameter` like any other; an absent one is skipped.
    public func optionalParameter(_ key: String, _ value: inout Parameter?, _ bounds: Bounds) {
        guard var p = value else { return }
        parameter(key, &p, bounds)
        value = p
    }
    public func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {}
    public func flag(_ key: String, _ value: inout Bool) {}
    public func text(_ key: String, _ value: inout String) {}
    public func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {}

    public func section<S: ScenarioSection>(_ key: String, _ value: inout S) {
        prefix.append(key)
        value.visit(self)
        prefix.removeLast()
    }

    public func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {
        for i in value.indices {
            prefix.append("\(key)[\(i)]")
            value[i].visit(self)
            prefix.removeLast()
        }
    }

    /// Only the patched fields are walked, at their paths in the group
    /// (`district.cells[2].sensors.cameras.coverage`).
    public func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {
        guard !value.isEmpty else { return }
        prefix.append(key)
        value.section.visit(PatchProxy(target: self, keys: value.keys))
        prefix.removeLast()
    }
}
