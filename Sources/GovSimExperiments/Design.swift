import Foundation
import GovSim

/// One varied parameter of a design: its path and range (and grid steps).
public struct Axis: Sendable, Equatable {
    public var path: ParameterPath
    public var lo: Double
    public var hi: Double
    /// Grid steps for this axis (nil: from the design's point count).
    public var steps: Int?

    public init(path: ParameterPath, lo: Double, hi: Double, steps: Int? = nil) {
        self.path = path
        self.lo = lo
        self.hi = hi
        self.steps = steps
    }

    /// Maps u in [0, 1] onto the axis's range (rounded for integer fields).
    public func value(at u: Double) -> Double { path.bounds.realise(lo + (hi - lo) * u) }
}

/// Experimental designs over a set of axes.
public enum Design {
    /// The design's points in unit coordinates ([0, 1] per axis), in a fixed order.
    /// - Parameters:
    ///   - count: points for LHS and Sobol; for a grid, the total it aims at when an axis has
    ///     no explicit steps (steps per axis = round(count^(1/d)), at least 2).
    ///   - seed: for the LHS permutations.
    public static func unitPoints(_ kind: DesignKind, axes: [Axis], count: Int, seed: UInt64) -> [[Double]] {
        let d = axes.count
        guard d > 0 else { return [] }
        switch kind {
        case .grid:
            let defaultSteps = max(2, Int(pow(Double(max(count, 1)), 1 / Double(d)).rounded()))
            let steps = axes.map { max(1, $0.steps ?? defaultSteps) }
            var points: [[Double]] = [[]]
            for s in steps {
                let values = (0..<s).map { s == 1 ? 0.5 : Double($0) / Double(s - 1) }
                points = points.flatMap { p in values.map { p + [$0] } }
            }
            return points
        case .lhs:
            let rng = RandomStream(seed: StreamSeed.mix(seed ^ 0x1A7E_5A4D_C0DE_0001))
            var columns: [[Double]] = []
            for _ in 0..<d {
                var strata = Array(0..<count)
                for i in stride(from: count - 1, to: 0, by: -1) { strata.swapAt(i, rng.index(i + 1)) }
                columns.append(strata.map { (Double($0) + rng.uniform()) / Double(count) })
            }
            return (0..<count).map { i in columns.map { $0[i] } }
        case .sobol:
            let sobol = SobolSequence(dimensions: d)
            return (0..<count).map { _ in sobol.next() }
        }
    }
}
