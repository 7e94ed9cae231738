/// A section of a scenario file. Each section lists its fields once, in `visit(_:)`, with key,
/// bounds and unit; reading, validation, writing the resolved scenario, drawing distributions
/// and documenting parameters are all visitors over that one list.
public protocol ScenarioSection: Sendable {
    /// The section with every field at its documented default.
    init()
    /// Calls the visitor once per field, in the order the resolved scenario shows them.
    mutating func visit(_ v: ScenarioVisitor)
}

/// Something that walks a scenario's fields: the strict reader, the resolved-scenario writer,
/// the per-trial realiser, the parameter listing.
public protocol ScenarioVisitor: AnyObject {
    /// A numeric parameter that may also be a distribution.
    func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds)
    /// A numeric parameter a file may leave out: nil means the model uses something else in its
    /// place (a cell group's `areaKm2`: without it, the estate type's density).
    func optionalParameter(_ key: String, _ value: inout Parameter?, _ bounds: Bounds)
    /// A plain integer that cannot be a distribution (trial counts, days, seeds).
    func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String)
    func flag(_ key: String, _ value: inout Bool)
    func text(_ key: String, _ value: inout String)
    /// One of a fixed set of names (estate types).
    func choice<C: ScenarioChoice>(_ key: String, _ value: inout C)
    func section<S: ScenarioSection>(_ key: String, _ value: inout S)
    /// A list of sections; a file's list replaces the default list whole, and element i starts
    /// from the default list's element i (or from `S()` past its end).
    func list<S: ScenarioSection>(_ key: String, _ value: inout [S], count: ClosedRange<Int>)
    /// A section a cell group may override key by key (`SectionPatch`); keys under
    /// `districtOnly` (relative paths) name district-wide resources and may not be overridden.
    func patch<S: ScenarioSection & Equatable>(_ key: String, _ value: inout SectionPatch<S>, districtOnly: [String])
}

/// A closed set of names a field may take, spelt in lowerCamelCase in files.
public protocol ScenarioChoice: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

/// An error in a scenario: the field path (`mediation.tiers[1].staff`) and what was expected.
public struct ScenarioIssue: Error, Equatable, Sendable, CustomStringConvertible {
    /// Dotted path of the field, empty for the whole document.
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// "Did you mean" for misspelt keys and options: the closest candidate by edit distance, when it
/// is close enough to be a plausible typo (at most a third of the word, and at most 3 edits).
///
/// Candidates whose length differs from the word's by more than that are skipped without
/// measuring (their distance is at least the difference), so a very long word costs no time.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    let limit = min(3, max(1, (w.count + 2) / 3))
    var best: (String, Int)? = nil
    for candidate in candidates {
        let c = Array(candidate.lowercased())
        guard abs(c.count - w.count) <= limit else { continue }
        let d = editDistance(w, c)
        if d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    guard let (match, distance) = best else { return nil }
    return distance <= limit ? match : nil
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, previous2[j - 2] + 1) }
            current[j] = d
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
