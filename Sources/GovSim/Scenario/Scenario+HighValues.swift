import Foundation

/// A high quantile of every parameter, as realised (clamped to its field's range), for estimates
/// of what a trial may need: a distribution's centre says nothing about its worst trials.
public final class HighValueListing: PathTrackingVisitor {
    /// The standard normal's 99.99% quantile: one trial in 10,000 draws above it.
    public static let z = 3.719
    public private(set) var values: [String: Double] = [:]

    /// Path → the parameter's 99.99% quantile, clamped to its field's range.
    public static func values(of scenario: Scenario) -> [String: Double] {
        let listing = HighValueListing()
        var copy = scenario
        copy.visit(listing)
        return listing.values
    }

    public override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        let high: Double
        switch value {
        case .fixed(let v): high = v
        case .normal(let m, let sd): high = m + HighValueListing.z * sd
        case .lognormal(let med, let sigma): high = med * (HighValueListing.z * sigma).exp
        case .beta: high = 1
        case .uniform(_, let hi), .triangular(_, _, let hi): high = hi
        }
        values[path(key)] = high.isNaN ? bounds.range.upperBound : bounds.realise(high)
    }
}

private extension Double {
    var exp: Double { Foundation.exp(self) }
}
