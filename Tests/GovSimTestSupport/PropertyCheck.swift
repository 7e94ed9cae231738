import Foundation

/// A seeded property test: a property is checked on `count` cases, case k drawing its inputs
/// from seed `base + k`, so a failure names the one seed that reproduces it. Set
/// GOVSIM_PROPERTY_SEED=S to run only case S (as the failure message says).
public enum PropertyCheck {
    /// The first failing case's message, prefixed with its seed and how to rerun it; nil when
    /// the property held in every case. `property` returns nil when it holds, else what failed.
    public static func firstFailure(count: Int, base: UInt64 = 20_261_202, _ property: (UInt64) throws -> String?) rethrows -> String? {
        let only = ProcessInfo.processInfo.environment["GOVSIM_PROPERTY_SEED"].flatMap(UInt64.init)
        let seeds = only.map { [$0] } ?? (0..<UInt64(max(0, count))).map { base + $0 }
        for seed in seeds {
            if let failure = try property(seed) {
                return "seed \(seed) (rerun it alone with GOVSIM_PROPERTY_SEED=\(seed)): \(failure)"
            }
        }
        return nil
    }
}
