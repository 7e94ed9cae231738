/// Draws every distribution-valued parameter of a scenario for one trial, giving a scenario of
/// plain numbers. Each parameter draws from its own sub-stream keyed by its path, so adding or
/// changing one parameter's distribution never changes another parameter's draw.
final class ScenarioRealiser: PathTrackingVisitor {
    private let stream: RandomStream
    private let streamSeed: UInt64
    /// (path, drawn value) of every distribution-valued parameter, in visiting order.
    private(set) var draws: [(path: String, value: Double)] = []

    init(streamSeed: UInt64) {
        self.streamSeed = streamSeed
        stream = RandomStream(seed: streamSeed)
    }

    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        guard value.isDistribution else { return }
        let p = path(key)
        stream.reseed(StreamSeed.substream(streamSeed, StreamSeed.key(p)))
        let x = bounds.realise(value.draw(stream))
        draws.append((p, x))
        value = .fixed(x)
    }
}

/// Lists every field of a scenario with its path, value and unit (for `govsim params` and
/// docs/model.md).
public final class ParameterListing: PathTrackingVisitor {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var value: String
        public var unit: String
        /// The field's value when it is a numeric parameter (nil for integers, flags, text).
        public var parameter: Parameter? = nil
    }
    public private(set) var entries: [Entry] = []

    public static func entries<S: ScenarioSection>(of section: S) -> [Entry] {
        let listing = ParameterListing()
        var copy = section
        copy.visit(listing)
        return listing.entries
    }

    private func add(_ key: String, _ value: String, _ unit: String) {
        entries.append(Entry(path: path(key), value: value, unit: unit))
    }

    public override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        add(key, ScenarioWriter.parameterText(value), "\(bounds.unit); \(bounds.expectation)")
        entries[entries.count - 1].parameter = value
    }
    public override func integer(_ key: String, _ value: inout Int, _ range: ClosedRange<Int>, unit: String) {
        add(key, String(value), "\(unit); an integer from \(range.lowerBound) to \(range.upperBound)")
    }
    public override func flag(_ key: String, _ value: inout Bool) { add(key, value ? "true" : "false", "true or false") }
    public override func text(_ key: String, _ value: inout String) { add(key, ScenarioWriter.quoted(value), "text") }
    public override func choice<C: ScenarioChoice>(_ key: String, _ value: inout C) {
        add(key, ScenarioWriter.quoted(value.rawValue), C.allCases.map(\.rawValue).joined(separator: " | "))
    }
}
