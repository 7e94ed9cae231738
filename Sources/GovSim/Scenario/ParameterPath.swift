/// Reaching one numeric parameter of a scenario by its path, e.g. `mediation.tiers[0].staff`
/// or `sensors.cameras.coverage`: what sweeps, sensitivity analysis, optimisation and
/// calibration vary.
public struct ParameterPath: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    /// The field's bounds and unit.
    public let bounds: Bounds

    public var description: String { text }

    /// Checks that `text` names a numeric parameter of `scenario`.
    /// - Throws: a `ScenarioIssue` naming the closest known path when it does not.
    public init(_ text: String, in scenario: Scenario) throws(ScenarioIssue) {
        let finder = PathFinder(target: text)
        var copy = scenario
        copy.visit(finder)
        guard let bounds = finder.bounds else {
            var message = "no numeric parameter '\(text)'"
            if let guess = closestMatch(to: text, among: finder.allPaths) { message += "; did you mean '\(guess)'?" }
            message += " (govsim params lists them)"
            throw ScenarioIssue(path: text, message: message)
        }
        self.text = text
        self.bounds = bounds
    }

    /// The parameter's current value (a distribution's mean).
    public func value(in scenario: Scenario) -> Double {
        let finder = PathFinder(target: text)
        var copy = scenario
        copy.visit(finder)
        return finder.found?.value ?? .nan
    }

    /// The parameter as the scenario gives it (a number or a distribution).
    public func parameter(in scenario: Scenario) -> Parameter? {
        let finder = PathFinder(target: text)
        var copy = scenario
        copy.visit(finder)
        return finder.found
    }

    /// The scenario with this parameter set to `value`, clamped to the field's bounds and
    /// rounded when the field is an integer (and, when a posterior sample lists it, that column
    /// dropped, so the value holds in every trial).
    public func setting(_ value: Double, in scenario: Scenario) -> Scenario {
        let finder = PathFinder(target: text, newValue: .fixed(bounds.realise(value)))
        var copy = scenario
        copy.visit(finder)
        // A value set explicitly (a sweep point, a fit) wins over a posterior sample's column.
        if let posterior = copy.posterior, posterior.paths.contains(text) { copy.posterior = posterior.removing(text) }
        return copy
    }
}

/// Walks a scenario to find (and optionally replace) the parameter at one path.
private final class PathFinder: PathTrackingVisitor {
    let target: String
    let newValue: Parameter?
    private(set) var allPaths: [String] = []
    private(set) var bounds: Bounds?
    private(set) var found: Parameter?

    init(target: String, newValue: Parameter? = nil) {
        self.target = target
        self.newValue = newValue
    }

    override func parameter(_ key: String, _ value: inout Parameter, _ b: Bounds) {
        let p = path(key)
        allPaths.append(p)
        guard p == target else { return }
        bounds = b
        found = value
        if let newValue { value = newValue }
    }
}
