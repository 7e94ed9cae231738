import Foundation

/// A numeric scenario parameter: a fixed number, or a distribution drawn once per trial so that
/// parameter uncertainty reaches the predicted intervals.
///
/// In a scenario file: `0.9`, or `{dist: "lognormal", median: 0.9, sd: 0.3}` (sd on the log scale),
/// `{dist: "normal", mean, sd}`, `{dist: "beta", alpha, beta}`, `{dist: "uniform", min, max}`,
/// `{dist: "triangular", min, mode, max}`.
public enum Parameter: Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case fixed(Double)
    case normal(mean: Double, sd: Double)
    case lognormal(median: Double, sigma: Double)
    case beta(alpha: Double, beta: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)

    public init(floatLiteral value: Double) { self = .fixed(value) }
    public init(integerLiteral value: Int) { self = .fixed(Double(value)) }

    /// The value of a realised (fixed) parameter; for a distribution, its mean. The model only
    /// ever sees realised scenarios (see `Scenario.realised(seed:trial:)`).
    public var value: Double {
        switch self {
        case .fixed(let v): return v
        case .normal(let m, _): return m
        case .lognormal(let med, let s): return med * exp(s * s / 2)
        case .beta(let a, let b): return a / (a + b)
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .triangular(let lo, let mode, let hi): return (lo + mode + hi) / 3
        }
    }

    /// Whether this parameter is a distribution (drawn per trial) rather than a number.
    public var isDistribution: Bool {
        if case .fixed = self { return false }
        return true
    }

    /// One draw.
    public func draw(_ rng: RandomStream) -> Double {
        switch self {
        case .fixed(let v): return v
        case .normal(let m, let s): return rng.normal(mean: m, sd: s)
        case .lognormal(let med, let s): return rng.lognormal(median: med, sigma: s)
        case .beta(let a, let b): return rng.beta(a, b)
        case .uniform(let lo, let hi): return lo + (hi - lo) * rng.uniform()
        case .triangular(let lo, let mode, let hi): return rng.triangular(min: lo, mode: mode, max: hi)
        }
    }

    /// The smallest and largest values a draw can take.
    public var support: ClosedRange<Double> {
        switch self {
        case .fixed(let v): return v...v
        case .normal: return -Double.infinity...Double.infinity
        case .lognormal: return 0...Double.infinity
        case .beta: return 0...1
        case .uniform(let lo, let hi): return lo...hi
        case .triangular(let lo, _, let hi): return lo...hi
        }
    }
}

/// The allowed values of a numeric field, with its unit (shown in errors, help and docs).
public struct Bounds: Sendable, Equatable {
    public var range: ClosedRange<Double>
    /// Whether realised values are rounded to whole numbers (counts, staff).
    public var integer: Bool
    /// The unit, e.g. "1/household/year", "minutes", "0–100".
    public var unit: String

    public init(_ range: ClosedRange<Double>, integer: Bool = false, unit: String) {
        self.range = range
        self.integer = integer
        self.unit = unit
    }

    public static func probability(_ unit: String = "probability") -> Bounds { Bounds(0...1, unit: unit) }
    public static func fraction(_ unit: String = "fraction 0–1") -> Bounds { Bounds(0...1, unit: unit) }
    public static func nonNegative(_ unit: String) -> Bounds { Bounds(0...Double.greatestFiniteMagnitude, unit: unit) }
    public static func positive(_ unit: String) -> Bounds {
        Bounds(Double.leastNormalMagnitude...Double.greatestFiniteMagnitude, unit: unit)
    }
    public static func count(_ unit: String) -> Bounds {
        Bounds(0...Double.greatestFiniteMagnitude, integer: true, unit: unit)
    }
    public static let score = Bounds(0...100, unit: "points 0–100")

    /// "a number from 0 to 1", "an integer ≥ 0", "a number > 0" for messages.
    public var expectation: String {
        let noun = integer ? "an integer" : "a number"
        let hiOpen = range.upperBound >= Double.greatestFiniteMagnitude
        if range.lowerBound == Double.leastNormalMagnitude && hiOpen { return "\(noun) > 0" }
        if range.lowerBound == Double.leastNormalMagnitude { return "\(noun) > 0 and at most \(Bounds.format(range.upperBound))" }
        if hiOpen { return "\(noun) ≥ \(Bounds.format(range.lowerBound))" }
        return "\(noun) from \(Bounds.format(range.lowerBound)) to \(Bounds.format(range.upperBound))"
    }

    /// Clamps a drawn value into range and rounds it when the field is an integer.
    public func realise(_ x: Double) -> Double {
        let c = Swift.min(Swift.max(x, range.lowerBound), range.upperBound)
        return integer ? c.rounded() : c
    }

    static func format(_ x: Double) -> String { JSONLiteral.number(x) }
}
