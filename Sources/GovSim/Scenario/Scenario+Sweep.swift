extension Scenario {
    /// A sweep stored with the scenario, used by `govsim sweep` when no --vary is given.
    public struct SweepSettings: ScenarioSection, Equatable {
        /// The varied parameters.
        public var vary: [SweepAxis] = []
        /// How points fill the space.
        public var design: DesignKind = .grid
        /// Design points (for a grid: the total aimed at when an axis gives no steps).
        public var points = 64
        /// Trials per point.
        public var trials = 20

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.list("vary", &vary, count: 0...40)
            v.choice("design", &design)
            v.integer("points", &points, 1...1_000_000, unit: "points")
            v.integer("trials", &trials, 1...1_000_000, unit: "trials per point")
        }
    }

    /// One varied parameter: its path (as `govsim params` lists it) and range.
    public struct SweepAxis: ScenarioSection, Equatable {
        public var path = ""
        public var lo: Parameter = 0
        public var hi: Parameter = 1
        /// Grid steps; 0 means "from `points`".
        public var steps = 0

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.text("path", &path)
            v.parameter("lo", &lo, Bounds(-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, unit: "the parameter's unit"))
            v.parameter("hi", &hi, Bounds(-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, unit: "the parameter's unit"))
            v.integer("steps", &steps, 0...10_000, unit: "grid steps")
        }
    }
}

extension DesignKind: ScenarioChoice {}

/// How design points fill the space of the varied parameters.
public enum DesignKind: String, Sendable, CaseIterable {
    /// Full factorial grid.
    case grid
    /// Latin hypercube: every axis is split into n strata, each sampled once.
    case lhs
    /// Sobol quasi-random points: low discrepancy, good coverage in few points.
    case sobol
}
