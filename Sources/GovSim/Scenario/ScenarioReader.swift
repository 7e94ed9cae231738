/// Reads a scenario section from a JSON tree, strictly: unknown keys are errors (with a "did you
/// mean"), every value is checked against its field's type and bounds, and every problem is
/// collected with its field path. Fields the tree does not mention keep their defaults.
public final class ScenarioReader: ScenarioVisitor {
    private struct Frame {
        var path: String
        var members: [String: JSONValue]
        var seen: [String] = []
    }
    private var frames: [Frame]
    /// While reading a patch: the full paths of the fields the file sets.
    private var setPaths: [String]?
    /// The longest text field (name, description, labels) in bytes of UTF-8.
    public static let maximumTextBytes = 10_000
    /// Every problem found, in reading order.
    public private(set) var issues: [ScenarioIssue] = []

    /// Reads `tree` (a JSON object) into `section`, returning the problems found. Keys listed in
    /// `ignoring` are accepted at the top level without being read (e.g. `extends`).
    public static func read<S: ScenarioSection>(_ tree: JSONValue, into section: inout S, ignoring: [String] = []) -> [ScenarioIssue] {
        guard case .object(let members) = tree else {
            return [ScenarioIssue(path: "", message: "expected an object at the top of the file, got \(tree.kindDescription)")]
        }
        let reader = ScenarioReader(members: members, path: "")
        reader.frames[0].seen = ignoring
        section.visit(reader)
        reader.finishFrame()
        return reader.issues
    }

    private init(members: [String: JSONValue], path: String) {
        frames = [Frame(path: path, members: members)]
    }

    private func path(_ key: String) -> String {
        let base = frames[frames.count - 1].path
        return base.isEmpty ? key : "\(base).\(key)"
    }

    private func fail(_ key: String, _ message: String) {
        issues.append(ScenarioIssue(path: path(key), message: message))
    }

    /// The member `key` of the current object, marking it as known.
    private func take(_ key: String) -> JSONValue? {
        frames[frames.count - 1].seen.append(key)
        return frames[frames.count - 1].members[key]
    }

    /// `take` for a field (not a section): notes its path when a patch is being read.
    private func takeField(_ key: String) -> JSONValue? {
        let raw = take(key)
        if raw != nil { setPaths?.append(path(key)) }
        return raw
    }

    private func finishFrame() {
        let frame = frames[frames.count - 1]
        for key in frame.members.keys.sorted() where !frame.seen.contains(key) {
            let full = frame.path.isEmpty ? key : "\(frame.path).\(key)"
            let known = frame.seen.filter { !$0.isEmpty }
            var message = "unknown key '\(key)'"
            if let guess = closestMatch(to: key, among: known) {
                message += "; did you mean '\(guess)'?"
            } else {
                message += "; known keys here: \(known.joined(separator: ", "))"
            }
            issues.append(ScenarioIssue(path: full, message: message))
        }
    }

    private func withObject(_ key: String, _ value: JSONValue, pathOverride: String? = nil, _ body: () -> Void) {
        guard case .object(let members) = value else {
            fail(key, "expected an object, got \(value.kindDescription)")
            return
        }
        frames.append(Frame(path: pathOverride ?? path(key), members: members))
        body()
        finishFrame()
        frames.removeLast()
    }

    public func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        guard let raw = takeField(key) else { return }
        if let p = parameterValue(key, raw, bounds) { value = p }
    }

    public func optionalParameter(_ key: String, _ value: inout Parameter?, _ bounds: Bounds) {
        guard let raw = takeField(key) else { return }
        if let p = parameterValue(key, raw, bounds) { value = p }
    }

    /// A number or distribution checked against `bounds`; nil (with the problem noted) otherwise.
    private func parameterValue(_ key: String, _ raw: JSONValue, _ bounds: Bounds) -> Parameter? {
        if let x = raw.numberValue {
            guard x.isFinite else { fail(key, "expected \(bounds.expectation) (\(bounds.unit)), got \(x)"); return nil }
            guard bounds.range.contains(x) else {
                fail(key, "expected \(bounds.expectation) (\(bounds.unit)), got \(Bounds.format(x))")
                return nil
            }
            if bounds.integer && x != x.rounded() {
                fail(key, "expected \(bounds.expectation) (\(bounds.unit)), got \(x)")
                return nil
            }
            return .fixed(x)
        }
        guard case .object(let members) = raw else {
            fail(key, "expected \(bounds.expectation) (\(bounds.unit)) or a distribution {dist: ...}, got \(raw.kindDescription)")
            return nil
        }
        switch DistributionSpec.parse(members, bounds: bounds) {
        case .success(let p): return p
        case .failure(let issue):
            issues.append(ScenarioIssue(path: issue.path.isEmpty ? path(key) : "\(path(key)).\(issue.path)", message: issue.message))
            return nil
        }
    }

    public func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        guard let raw = takeField(key) else { return }
        let expected = "expected an integer from \(range.lowerBound) to \(range.upperBound) (\(unit))"
        switch raw {
        case .integer(let i) where i >= Int64(range.lowerBound) && i <= Int64(range.upperBound):
            value = Int(i)
        case .number(let d) where Int(exactly: d).map(range.contains) == true:
            // Int(exactly:), not a comparison with Double(Int.max): that rounds up to 2^63.
            value = Int(d)
        default:
            fail(key, "\(expected), got \(raw.kindDescription)")
        }
    }

    public func flag(_ key: String, _ value: inout Bool) {
        guard let raw = takeField(key) else { return }
        guard case .bool(let b) = raw else { return fail(key, "expected true or false, got \(raw.kindDescription)") }
        value = b
    }

    public func text(_ key: String, _ value: inout String) {
        guard let raw = takeField(key) else { return }
        guard case .string(let s) = raw else { return fail(key, "expected a string, got \(raw.kindDescription)") }
        guard s.utf8.count <= ScenarioReader.maximumTextBytes else {
            return fail(key, "expected at most \(ScenarioReader.maximumTextBytes) bytes of text, got \(s.utf8.count)")
        }
        value = s
    }

    public func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {
        guard let raw = takeField(key) else { return }
        let names = C.allCases.map(\.rawValue)
        guard case .string(let s) = raw else {
            return fail(key, "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), got \(raw.kindDescription)")
        }
        guard let c = C(rawValue: s) else {
            var message = "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), got \"\(s)\""
            if let guess = closestMatch(to: s, among: names) { message += "; did you mean \"\(guess)\"?" }
            return fail(key, message)
        }
        value = c
    }

    public func section<S: ScenarioSection>(_ key: String, _ value: inout S) {
        guard let raw = take(key) else { return }
        var copy = value
        withObject(key, raw) { copy.visit(self) }
        value = copy
    }

    /// Reads the fields the file sets into the patch; a key under `districtOnly` is an error.
    public func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String]) {
        guard let raw = take(key) else { return }
        let base = path(key) + "."
        var section = S()
        let saved = setPaths
        setPaths = []
        withObject(key, raw) { section.visit(self) }
        let set = setPaths ?? []
        setPaths = saved
        var patch = SectionPatch<S>()
        patch.section = section
        for full in set {
            let relative = String(full.dropFirst(base.count))
            if districtOnly.contains(where: { relative == $0 || relative.hasPrefix($0 + ".") }) {
                issues.append(ScenarioIssue(path: full, message: "a district-wide setting; a cell group may not override it (set it in the top-level '\(key)' section)"))
            } else {
                patch.keys.append(relative)
            }
        }
        value = patch
    }

    public func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>) {
        guard let raw = take(key) else { return }
        guard case .array(let items) = raw else { return fail(key, "expected an array, got \(raw.kindDescription)") }
        guard count.contains(items.count) else {
            return fail(key, "expected from \(count.lowerBound) to \(count.upperBound) entries, got \(items.count)")
        }
        var result: [S] = []
        for (i, item) in items.enumerated() {
            var element = i < value.count ? value[i] : S()
            withObject(key, item, pathOverride: "\(path(key))[\(i)]") { element.visit(self) }
            result.append(element)
        }
        value = result
    }
}

/// Parsing of `{dist: ..., ...}` objects.
enum DistributionSpec {
    static let kinds: [String: [String]] = [
        "normal": ["mean", "sd"],
        "lognormal": ["median", "sd"],
        "beta": ["alpha", "beta"],
        "uniform": ["min", "max"],
        "triangular": ["min", "mode", "max"],
    ]

    static func parse(_ members: [String: JSONValue], bounds: Bounds) -> Result<Parameter, ScenarioIssue> {
        guard let kindValue = members["dist"] else {
            return .failure(ScenarioIssue(path: "", message: "a distribution needs 'dist' (one of \(kinds.keys.sorted().joined(separator: ", ")))"))
        }
        guard case .string(let kind) = kindValue, let fields = kinds[kind] else {
            var message = "'dist' must be one of \(kinds.keys.sorted().joined(separator: ", ")), got \(kindValue.kindDescription)"
            if case .string(let s) = kindValue, let guess = closestMatch(to: s, among: Array(kinds.keys)) {
                message += "; did you mean \"\(guess)\"?"
            }
            return .failure(ScenarioIssue(path: "dist", message: message))
        }
        for key in members.keys.sorted() where key != "dist" && !fields.contains(key) {
            var message = "unknown key '\(key)' for a \(kind) distribution (it takes \(fields.joined(separator: ", ")))"
            if let guess = closestMatch(to: key, among: fields) { message += "; did you mean '\(guess)'?" }
            return .failure(ScenarioIssue(path: key, message: message))
        }
        var v: [Double] = []
        for field in fields {
            guard let raw = members[field] else {
                return .failure(ScenarioIssue(path: "", message: "a \(kind) distribution needs \(fields.joined(separator: ", ")); '\(field)' is missing"))
            }
            guard let x = raw.numberValue, x.isFinite else {
                return .failure(ScenarioIssue(path: field, message: "expected a finite number, got \(raw.kindDescription)"))
            }
            v.append(x)
        }
        let p: Parameter
        switch kind {
        case "normal":
            guard v[1] > 0 else { return .failure(ScenarioIssue(path: "sd", message: "expected a number > 0, got \(v[1])")) }
            p = .normal(mean: v[0], sd: v[1])
        case "lognormal":
            guard v[0] > 0 else { return .failure(ScenarioIssue(path: "median", message: "expected a number > 0, got \(v[0])")) }
            guard v[1] > 0 else { return .failure(ScenarioIssue(path: "sd", message: "expected a number > 0 (log scale), got \(v[1])")) }
            p = .lognormal(median: v[0], sigma: v[1])
        case "beta":
            guard v[0] > 0 else { return .failure(ScenarioIssue(path: "alpha", message: "expected a number > 0, got \(v[0])")) }
            guard v[1] > 0 else { return .failure(ScenarioIssue(path: "beta", message: "expected a number > 0, got \(v[1])")) }
            p = .beta(alpha: v[0], beta: v[1])
        case "uniform":
            guard v[0] < v[1] else { return .failure(ScenarioIssue(path: "", message: "a uniform distribution needs min < max, got min \(v[0]), max \(v[1])")) }
            p = .uniform(min: v[0], max: v[1])
        default:
            guard v[0] <= v[1], v[1] <= v[2], v[0] < v[2] else {
                return .failure(ScenarioIssue(path: "", message: "a triangular distribution needs min ≤ mode ≤ max and min < max, got \(v[0]), \(v[1]), \(v[2])"))
            }
            p = .triangular(min: v[0], mode: v[1], max: v[2])
        }
        // Bounded distributions must lie inside the field's range; unbounded ones (normal,
        // lognormal) are clamped to it when drawn, as docs/model.md says, but their centre must lie
        // in the range and their spread must not dwarf it (else nearly every draw is clamped).
        guard bounds.range.contains(p.value) else {
            return .failure(ScenarioIssue(path: "", message: "this \(kind) distribution's mean is \(Bounds.format(p.value)), outside the field's range (\(bounds.expectation), \(bounds.unit))"))
        }
        if case .normal(_, let sd) = p, sd > bounds.range.upperBound - bounds.range.lowerBound {
            return .failure(ScenarioIssue(path: "sd", message: "expected an sd no wider than the field's range (\(bounds.expectation), \(bounds.unit)), got \(Bounds.format(sd))"))
        }
        if case .lognormal(_, let sigma) = p, sigma > 5 {
            return .failure(ScenarioIssue(path: "sd", message: "expected an sd from 0 to 5 on the log scale (a factor of e^5 ≈ 148 per sd), got \(Bounds.format(sigma))"))
        }
        let support = p.support
        if support.lowerBound.isFinite && support.upperBound.isFinite,
           support.lowerBound < bounds.range.lowerBound || support.upperBound > bounds.range.upperBound {
            return .failure(ScenarioIssue(path: "", message: "this \(kind) distribution reaches [\(Bounds.format(support.lowerBound)), \(Bounds.format(support.upperBound))], outside the field's range (\(bounds.expectation), \(bounds.unit))"))
        }
        return .success(p)
    }
}
