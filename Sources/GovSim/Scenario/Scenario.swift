/// A scenario: the district, its people and the governance policies in force, plus how to run it.
/// Every field has a documented default (docs/model.md), so a file states only what differs.
public struct Scenario: ScenarioSection, Equatable {
    /// A short name, used for the default results folder. Defaults to the file name.
    public var name = ""
    public var description = ""
    public var run = Run()
    public var district = District()
    public var estates = EstateProfiles()
    public var residents = Residents()
    public var disputes = Disputes()
    public var reporting = Reporting()
    public var triage = Triage()
    public var mediation = Mediation()
    public var services = ServicePurchase()
    public var volunteers = Volunteers()
    public var sensors = SensorNetwork()
    public var council = Council()
    public var preventiveVisits = PreventiveVisits()
    public var elderlyCare = ElderlyCare()
    public var incidents = Incidents()
    public var response = Response()
    public var sweep = SweepSettings()
    /// A posterior sample each trial draws one joint vector from (`posterior: "file.csv"`, read
    /// by the I/O layer); nil when the scenario has none.
    public var posterior: PosteriorSample?

    public init() {}

    public mutating func visit(_ v: ScenarioVisitor) {
        v.text("name", &name)
        v.text("description", &description)
        v.section("run", &run)
        v.section("district", &district)
        v.section("estates", &estates)
        v.section("residents", &residents)
        v.section("disputes", &disputes)
        v.section("reporting", &reporting)
        v.section("triage", &triage)
        v.section("mediation", &mediation)
        v.section("services", &services)
        v.section("volunteers", &volunteers)
        v.section("sensors", &sensors)
        v.section("council", &council)
        v.section("preventiveVisits", &preventiveVisits)
        v.section("elderlyCare", &elderlyCare)
        v.section("incidents", &incidents)
        v.section("response", &response)
        v.section("sweep", &sweep)
    }

    /// How a scenario is run.
    public struct Run: ScenarioSection, Equatable {
        /// Monte Carlo trials. Default 200.
        public var trials = 200
        /// Simulated days counted in the outputs. Default 365.
        public var days = 365
        /// Days simulated before counting starts, so the state settles. Default 0.
        public var warmupDays = 0
        /// The scenario seed: with the trial index and process it names every random stream.
        public var seed = 20_260_101
        /// Whether the fields this scenario leaves to the defaults draw from their shipped priors
        /// (`priors`, the default: parameter uncertainty reaches the intervals) or sit at their
        /// central values (`fixed`). See `ParameterProvenance` and docs/evidence.md.
        public var uncertainty: ParameterUncertainty = .priors

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.integer("trials", &trials, 1...1_000_000, unit: "trials")
            v.integer("days", &days, 1...36_500, unit: "days")
            v.integer("warmupDays", &warmupDays, 0...3_650, unit: "days")
            v.integer("seed", &seed, 0...Int.max, unit: "seed")
            v.choice("uncertainty", &uncertainty)
        }
    }

    /// Residents per trial at the parameters' central values (distributions at their means).
    public var expectedResidents: Double {
        district.cells.reduce(0.0) { $0 + Double($1.count) * $1.households.value * $1.residentsPerHousehold.value }
    }

    /// Checks that go beyond one field (sums of shares, orders of values). Returns problems with
    /// their paths.
    public func semanticIssues() -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        func sumCheck(_ path: String, _ parts: [(String, Parameter)], equalsOne: Bool) {
            let total = parts.reduce(0) { $0 + $1.1.value }
            let names = parts.map(\.0).joined(separator: " + ")
            if equalsOne ? abs(total - 1) > 0.001 : total > 1.000_001 {
                issues.append(ScenarioIssue(path: path, message: "\(names) must \(equalsOne ? "equal" : "be at most") 1, got \(ScenarioWriter.number((total * 1000).rounded() / 1000))"))
            }
        }
        if council.enabled {
            sumCheck("council", [("residentSeats", council.residentSeats), ("propertySeats", council.propertySeats),
                                 ("socialOrgSeats", council.socialOrgSeats)], equalsOne: true)
        }
        var names: [String: Int] = [:]
        for (g, group) in district.cells.enumerated() {
            if let first = names[group.name] {
                issues.append(ScenarioIssue(path: "district.cells[\(g)].name", message: "group name \(ScenarioWriter.quoted(group.name)) is already used by district.cells[\(first)]; group names must be unique (outputs are reported by group)"))
            } else {
                names[group.name] = g
            }
            let c = group.council.applied(to: council)
            if c.enabled && !group.council.isEmpty {
                sumCheck("district.cells[\(g)].council", [("residentSeats", c.residentSeats), ("propertySeats", c.propertySeats),
                                                          ("socialOrgSeats", c.socialOrgSeats)], equalsOne: true)
            }
        }
        sumCheck("services", [("mediationShare", services.mediationShare), ("legalAdviceShare", services.legalAdviceShare),
                              ("volunteerCoordinationShare", services.volunteerCoordinationShare),
                              ("elderlyCareShare", services.elderlyCareShare)], equalsOne: false)
        for (name, mix) in disputes.severityMixes {
            sumCheck("disputes.\(name)", [("low", mix.low), ("medium", mix.medium)], equalsOne: false)
        }
        for (i, axis) in sweep.vary.enumerated() {
            do {
                let path = try ParameterPath(axis.path, in: self)
                if !(path.bounds.range.contains(axis.lo.value) && path.bounds.range.contains(axis.hi.value)) || axis.lo.value > axis.hi.value {
                    issues.append(ScenarioIssue(path: "sweep.vary[\(i)]", message: "lo and hi must satisfy lo ≤ hi within the parameter's range: \(path.bounds.expectation) (\(path.bounds.unit))"))
                }
            } catch {
                issues.append(ScenarioIssue(path: "sweep.vary[\(i)].path", message: error.message))
            }
        }
        let residents = expectedResidents
        if residents > 50_000_000 {
            // An unbounded distribution's mean can be astronomically large (or infinite): no Int for it.
            let about = residents < 1e15 ? "about \(Int(residents))" : "more than 10^15"
            issues.append(ScenarioIssue(path: "district.cells", message: "\(about) residents per trial is more than one machine can hold; split the district or shard the run"))
        }
        return issues
    }

    /// The scenario with every distribution drawn for one trial, and the draws (path, value).
    public func realised(seed: UInt64, trial: Int) -> (scenario: Scenario, draws: [(path: String, value: Double)]) {
        let realiser = ScenarioRealiser(streamSeed: StreamSeed.stream(seed: seed, trial: trial, process: .parameters))
        var copy = self
        copy.visit(realiser)
        var draws = realiser.draws
        if let posterior {
            // One joint vector per trial; it overrides those parameters (distributions included).
            let row = posterior.rows[posterior.row(seed: seed, trial: trial)]
            let override = PosteriorOverride(paths: posterior.paths, values: row)
            copy.visit(override)
            for i in draws.indices { if let v = override.applied[draws[i].path] { draws[i].value = v } }
            for p in posterior.paths where !draws.contains(where: { $0.path == p }) { draws.append((p, override.applied[p] ?? .nan)) }
        }
        return (copy, draws)
    }

    /// Paths of the parameters given as distributions, in visiting order.
    public var distributionPaths: [String] {
        realised(seed: 0, trial: 0).draws.map(\.path)
    }
}
